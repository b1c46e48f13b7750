import type { Model, mongo } from 'mongoose';
import { VersionConflictError } from '../errors';
import type { ProvisioningStateRepository } from '../ports';
import type { JsonValue, ProvisioningRecord } from '../types';
import { isDuplicateKey } from './errors';
import type { ProvisioningDoc } from './schemas';

function toRecord(doc: ProvisioningDoc): ProvisioningRecord {
  return {
    deviceId: doc.deviceId,
    state: JSON.parse(doc.state) as JsonValue,
    stateJson: doc.state,
    revision: doc.revision,
    updatedAt: doc.updatedAt,
  };
}

/**
 * One document per device, `_id` = deviceId, holding its newest revision: a read is one point
 * read, a put one command — an insert for the first revision (the `_id` lets one writer in), else
 * an update conditional on the revision the writer read, so a put planned on an older revision
 * never overwrites a newer one. On MongoDB a single-document update is atomic: of concurrent puts
 * from the same revision exactly one matches. FerretDB 1.24 runs an update as a read, then a
 * write by `_id`, so there two puts racing from the same revision may both pass; provisioning
 * never races itself (one consumer per device's partition, a lock per device within it).
 */
export class MongoProvisioningStateRepository implements ProvisioningStateRepository {
  /** The driver's collection: a read and a put per Inform, nothing for mongoose to cast. */
  private readonly collection: mongo.Collection<ProvisioningDoc>;
  constructor(provisioning: Model<ProvisioningDoc>) {
    this.collection = provisioning.collection as unknown as mongo.Collection<ProvisioningDoc>;
  }

  async get(deviceId: string): Promise<ProvisioningRecord | null> {
    const doc = await this.read(deviceId);
    return doc === null ? null : toRecord(doc);
  }

  async put(
    deviceId: string,
    state: JsonValue,
    expectedRevision: number | null,
    at: Date,
  ): Promise<ProvisioningRecord> {
    // null asks for "no record"; a number for that revision, which is never 0.
    if (expectedRevision === 0) return this.conflict(deviceId, 0);
    const revision = (expectedRevision ?? 0) + 1;
    // State as JSON text: provisioning's keys may hold "." or "$".
    const doc: ProvisioningDoc = {
      _id: deviceId,
      deviceId,
      revision,
      state: JSON.stringify(state),
      updatedAt: at,
    };
    if (expectedRevision === null) {
      try {
        await this.collection.insertOne({ ...doc });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        return this.conflict(deviceId, 0);
      }
    } else {
      const { matchedCount } = await this.collection.updateOne(
        { _id: deviceId, revision: expectedRevision },
        { $set: { revision, state: doc.state, updatedAt: at } },
      );
      if (matchedCount === 0) return this.conflict(deviceId, expectedRevision);
    }
    return toRecord(doc);
  }

  private read(deviceId: string): Promise<ProvisioningDoc | null> {
    return this.collection.findOne({ _id: deviceId });
  }

  private async conflict(deviceId: string, expected: number): Promise<never> {
    const actual = (await this.read(deviceId))?.revision ?? 0;
    throw new VersionConflictError('provisioning', deviceId, expected, actual);
  }
}
