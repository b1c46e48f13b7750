import { mongo } from 'mongoose';
import { VersionConflictError } from '../errors';
import type { ProvisioningStateRepository } from '../ports';
import type { JsonValue, ProvisioningRecord } from '../types';
import type { DeviceDocuments } from './device-documents';
import { childId } from './keys';
import type { DeviceDoc, DeviceProvisioning, ProvisioningDoc } from './schemas';

/**
 * The longest state (JSON text) kept in the device document: a provisioned device's state is a
 * few hundred bytes, a discovery's held names (~8 KB for the simulator's 735, more for a real
 * CPE's tree) are not, and they would ride in every read and update of the device meanwhile.
 */
export const INLINE_STATE_MAX = 4096;

function toRecord(deviceId: string, provisioning: DeviceProvisioning, state: string) {
  return {
    deviceId,
    state: JSON.parse(state) as JsonValue,
    stateJson: state,
    revision: provisioning.revision,
    updatedAt: provisioning.updatedAt,
  } satisfies ProvisioningRecord;
}

/** `_id` of a state kept apart: a document of its own per put, never rewritten. */
export const apartId = (deviceId: string): string =>
  childId(deviceId, new mongo.ObjectId().toHexString());

/**
 * A device's newest revision in its device document (layout 6, field `provisioning`): a read is
 * the device's point read, shared with a device read asked in the same turn of the event loop
 * (DeviceDocuments), so an Inform reads both in one command; a put is one update of the device
 * document conditional on the revision the writer read (absent for the first), so a put planned
 * on an older revision never overwrites a newer one. A device not registered has no state and
 * takes none: its put is a conflict (provisioning registers a device before it plans, and a
 * device deleted meanwhile must not come back as a state without its device).
 *
 * A state longer than INLINE_STATE_MAX (layout 7) is inserted first as a document of its own in
 * the `provisioning` collection (a new `_id` per put, so no two writers share one), and the device
 * document names it (`apart`) instead of holding it: reading it is a second point read, and the
 * device document stays small for every other read and update while a discovery runs. The put
 * that replaces it deletes it after its update matched (the update returns the document it
 * replaced); a state apart is never changed, so a reader that still finds the one named is
 * consistent, and one that does not reads the device document again.
 *
 * On MongoDB a single-document update is atomic: of concurrent puts from the same revision
 * exactly one matches. FerretDB 1.24 runs an update as a read, then a write by `_id`, so there
 * two puts racing from the same revision may both pass; provisioning never races itself (one
 * consumer per device's partition, a lock per device within it).
 */
export class MongoProvisioningStateRepository implements ProvisioningStateRepository {
  constructor(
    private readonly devices: mongo.Collection<DeviceDoc>,
    private readonly apart: mongo.Collection<ProvisioningDoc>,
    private readonly documents: DeviceDocuments,
  ) {}

  async get(deviceId: string): Promise<ProvisioningRecord | null> {
    let named: string | undefined;
    for (;;) {
      const stored = (await this.documents.read(deviceId))?.provisioning;
      if (stored === undefined) return null;
      if (stored.state !== undefined) return toRecord(deviceId, stored, stored.state);
      // The same name twice without its document: the device is being deleted (its own
      // documents go first).
      if (stored.apart === named) return null;
      named = stored.apart;
      const doc = await this.apart.findOne({ _id: named }, { projection: { state: 1 } });
      if (doc !== null) return toRecord(deviceId, stored, doc.state);
    }
  }

  async put(
    deviceId: string,
    state: JsonValue,
    expectedRevision: number | null,
    at: Date,
  ): Promise<ProvisioningRecord> {
    // null asks for "no record"; a number for that revision, which is never 0.
    if (expectedRevision === 0) return this.conflict(deviceId, 0);
    // State as JSON text: provisioning's keys may hold "." or "$".
    const json = JSON.stringify(state);
    const revision = (expectedRevision ?? 0) + 1;
    const apart = json.length > INLINE_STATE_MAX ? apartId(deviceId) : undefined;
    if (apart !== undefined) {
      await this.apart.insertOne({ _id: apart, deviceId, state: json, revision, updatedAt: at });
    }
    const stored: DeviceProvisioning =
      apart === undefined
        ? { state: json, revision, updatedAt: at }
        : { apart, revision, updatedAt: at };
    const matched =
      expectedRevision === null
        ? (
            await this.devices.updateOne(
              { _id: deviceId, provisioning: { $exists: false } },
              { $set: { provisioning: stored } },
            )
          ).matchedCount > 0
        : await this.replace(deviceId, expectedRevision, stored);
    if (!matched) {
      if (apart !== undefined) await this.apart.deleteOne({ _id: apart });
      return this.conflict(deviceId, expectedRevision ?? 0);
    }
    return toRecord(deviceId, stored, json);
  }

  /** Sets the next revision if `expected` is stored, then deletes the state it kept apart. */
  private async replace(
    deviceId: string,
    expected: number,
    stored: DeviceProvisioning,
  ): Promise<boolean> {
    // The whole document it replaced: FerretDB 1.24 takes no projection in findAndModify, and
    // the device document is small (a long state is not in it).
    const before = await this.devices.findOneAndUpdate(
      { _id: deviceId, 'provisioning.revision': expected },
      { $set: { provisioning: stored } },
    );
    if (before === null) return false;
    const replaced = before.provisioning?.apart;
    if (replaced !== undefined) await this.apart.deleteOne({ _id: replaced });
    return true;
  }

  private async conflict(deviceId: string, expected: number): Promise<never> {
    const actual = (await this.documents.read(deviceId))?.provisioning?.revision ?? 0;
    throw new VersionConflictError('provisioning', deviceId, expected, actual);
  }
}
