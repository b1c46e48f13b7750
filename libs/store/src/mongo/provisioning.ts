import type { mongo } from 'mongoose';
import { VersionConflictError } from '../errors';
import type { ProvisioningStateRepository } from '../ports';
import type { JsonValue, ProvisioningRecord } from '../types';
import type { DeviceDocuments } from './device-documents';
import type { DeviceDoc, DeviceProvisioning } from './schemas';

function toRecord(deviceId: string, stored: DeviceProvisioning): ProvisioningRecord {
  return {
    deviceId,
    state: JSON.parse(stored.state) as JsonValue,
    stateJson: stored.state,
    revision: stored.revision,
    updatedAt: stored.updatedAt,
  };
}

/**
 * A device's newest revision in its device document (layout 6, field `provisioning`): a read is
 * the device's point read, shared with a device read asked in the same turn of the event loop
 * (DeviceDocuments), so an Inform reads both in one command; a put is one update of the device
 * document conditional on the revision the writer read (absent for the first), so a put planned
 * on an older revision never overwrites a newer one. A device not registered has no state and
 * takes none: its put is a conflict (provisioning registers a device before it plans, and a
 * device deleted meanwhile must not come back as a state without its device). On MongoDB a
 * single-document update is atomic: of concurrent puts from the same revision exactly one
 * matches. FerretDB 1.24 runs an update as a read, then a write by `_id`, so there two puts
 * racing from the same revision may both pass; provisioning never races itself (one consumer per
 * device's partition, a lock per device within it).
 */
export class MongoProvisioningStateRepository implements ProvisioningStateRepository {
  constructor(
    private readonly devices: mongo.Collection<DeviceDoc>,
    private readonly documents: DeviceDocuments,
  ) {}

  async get(deviceId: string): Promise<ProvisioningRecord | null> {
    const stored = (await this.documents.read(deviceId))?.provisioning;
    return stored === undefined ? null : toRecord(deviceId, stored);
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
    const stored: DeviceProvisioning = {
      state: JSON.stringify(state),
      revision: (expectedRevision ?? 0) + 1,
      updatedAt: at,
    };
    const { matchedCount } = await this.devices.updateOne(
      expectedRevision === null
        ? { _id: deviceId, provisioning: { $exists: false } }
        : { _id: deviceId, 'provisioning.revision': expectedRevision },
      { $set: { provisioning: stored } },
    );
    if (matchedCount === 0) return this.conflict(deviceId, expectedRevision ?? 0);
    return toRecord(deviceId, stored);
  }

  private async conflict(deviceId: string, expected: number): Promise<never> {
    const actual = (await this.documents.read(deviceId))?.provisioning?.revision ?? 0;
    throw new VersionConflictError('provisioning', deviceId, expected, actual);
  }
}
