import type { Model } from 'mongoose';
import { VersionConflictError } from '../errors';
import type { ProvisioningStateRepository } from '../ports';
import type { JsonValue, ProvisioningRecord } from '../types';
import { isDuplicateKey } from './errors';
import { childId } from './keys';
import type { ProvisioningDoc } from './schemas';

/** Revisions as fixed-width text in keys, so a device's keys sort in revision order. */
export const revisionKey = (revision: number): string => String(revision).padStart(12, '0');

/** `_id` of the document that claims `revision` of the device's state. */
export const claimId = (deviceId: string, revision: number): string =>
  childId(deviceId, revisionKey(revision));

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
 * Point operations on `_id` only (FerretDB 1.24 answers nothing else from an index, see
 * keys.ts). Two kinds of documents per device:
 *
 * - a claim per revision, `_id` = claimId(deviceId, revision), holding that revision's state. A
 *   put inserts the claim of revision + 1, so of two writers from the same revision the `_id`
 *   lets exactly one in. A conditional findAndModify would be simpler, but FerretDB 1.24 runs it
 *   as read, then unconditional write: both writers would win.
 * - the head, `_id` = deviceId, a copy of the newest claim written after it, so a read is one
 *   point read, plus one for the claim after the head (a put between its claim and its head).
 *
 * Claims older than the previous one are deleted after each put: a writer that checked revision
 * r could only get a stale r + 1 in if r + 1 had been written and deleted meanwhile, i.e. after
 * three more puts of that device during its own two round trips.
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
    const revision = current + 1;
    // State as JSON text: provisioning's keys may hold "." or "$".
    const doc: ProvisioningDoc = {
      _id: claimId(deviceId, revision),
      deviceId,
      revision,
      state: JSON.stringify(state),
      updatedAt: at,
    };
    try {
      await this.provisioning.collection.insertOne({ ...doc } as never);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const actual = (await this.latest(deviceId))?.revision ?? 0;
      throw new VersionConflictError('provisioning', deviceId, expected, actual);
    }
    await this.provisioning
      .replaceOne({ _id: deviceId }, { ...doc, _id: deviceId }, { upsert: true })
      .exec();
    if (current > 1) await this.provisioning.deleteOne({ _id: claimId(deviceId, current - 1) });
    return toRecord(doc);
  }

  /** The head, or the claim after it when a put is between its claim and its head. */
  private async latest(deviceId: string): Promise<ProvisioningDoc | null> {
    let doc = await this.provisioning.findOne({ _id: deviceId }).lean<ProvisioningDoc>().exec();
    for (;;) {
      const next = await this.provisioning
        .findOne({ _id: claimId(deviceId, (doc?.revision ?? 0) + 1) })
        .lean<ProvisioningDoc>()
        .exec();
      if (next === null) return doc;
      doc = next;
    }
  }
}
