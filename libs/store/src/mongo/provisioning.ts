import type { Model } from 'mongoose';
import { VersionConflictError } from '../errors';
import type { ProvisioningStateRepository } from '../ports';
import type { JsonValue, ProvisioningRecord } from '../types';
import { isDuplicateKey, withoutId } from './errors';
import type { ProvisioningDoc } from './schemas';

function toRecord(doc: ProvisioningDoc): ProvisioningRecord {
  const { state, ...rest } = withoutId(doc);
  return { ...rest, state: JSON.parse(state) as JsonValue };
}

/**
 * One document per device and revision, unique on {deviceId, revision}; the record is the
 * highest revision. A put inserts revision + 1, so of two writers from the same revision the
 * unique index lets exactly one in. A conditional findAndModify would be simpler, but FerretDB
 * 1.24 runs it as read, then unconditional write: both writers would win.
 *
 * Older revisions are pruned after each put, keeping the previous one: a writer that checked
 * revision r could only get a stale r + 1 in if r + 1 had been written and pruned meanwhile,
 * i.e. after three more puts of that device during its own two round trips.
 */
export class MongoProvisioningStateRepository implements ProvisioningStateRepository {
  constructor(private readonly provisioning: Model<ProvisioningDoc>) {}

  async get(deviceId: string): Promise<ProvisioningRecord | null> {
    const doc = await this.latest(deviceId);
    return doc === null ? null : toRecord(doc);
  }

  async put(
    deviceId: string,
    state: JsonValue,
    expectedRevision: number | null,
    at: Date,
  ): Promise<ProvisioningRecord> {
    const expected = expectedRevision ?? 0;
    const current = (await this.latest(deviceId))?.revision ?? 0;
    // null asks for "no record"; a number for that revision, which is never 0.
    if (current !== expected || (expectedRevision !== null && expected === 0)) {
      throw new VersionConflictError('provisioning', deviceId, expected, current);
    }
    // State as JSON text: provisioning's keys may hold "." or "$".
    const doc: ProvisioningDoc = {
      deviceId,
      revision: current + 1,
      state: JSON.stringify(state),
      updatedAt: at,
    };
    try {
      // A copy: the driver adds _id to the document it inserts.
      await this.provisioning.collection.insertOne({ ...doc });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const actual = (await this.latest(deviceId))?.revision ?? 0;
      throw new VersionConflictError('provisioning', deviceId, expected, actual);
    }
    await this.provisioning.deleteMany({ deviceId, revision: { $lt: current } }).exec();
    return toRecord(doc);
  }

  private latest(deviceId: string): Promise<ProvisioningDoc | null> {
    return this.provisioning
      .findOne({ deviceId })
      .sort({ revision: -1 })
      .lean<ProvisioningDoc>()
      .exec();
  }
}
