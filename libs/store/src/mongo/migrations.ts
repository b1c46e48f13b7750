import type { AnyBulkWriteOperation, Model } from 'mongoose';
import type { DeviceDoc } from './schemas';

/** Below FerretDB 1.24's limit on update statements per command (see parameters.ts). */
const CHUNK = 50;

/**
 * Devices stored by the previous version have no registeredAt: they get their firstInform, the
 * time they were created. Without pipeline updates (FerretDB 1.24) it is one update per
 * document; the registeredAt index finds them, so a current database costs one index probe.
 */
export async function backfillRegisteredAt(devices: Model<DeviceDoc>): Promise<number> {
  let updated = 0;
  for (;;) {
    const docs = await devices
      .find(
        { registeredAt: { $exists: false }, firstInform: { $exists: true } },
        { deviceId: 1, firstInform: 1 },
      )
      .limit(CHUNK)
      .lean<Pick<DeviceDoc, 'deviceId' | 'firstInform'>[]>()
      .exec();
    if (docs.length === 0) return updated;
    const operations: AnyBulkWriteOperation<DeviceDoc>[] = docs.map((doc) => ({
      updateOne: {
        filter: { deviceId: doc.deviceId, registeredAt: { $exists: false } },
        update: { $set: { registeredAt: doc.firstInform } },
      },
    }));
    await devices.bulkWrite(operations, { ordered: false });
    updated += docs.length;
  }
}
