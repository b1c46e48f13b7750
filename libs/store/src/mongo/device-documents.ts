import type { mongo } from 'mongoose';
import type { DeviceDoc } from './schemas';

/**
 * Point reads of device documents, where the reads of one device asked in the same turn of the
 * event loop share one `find`: provisioning asks for a device and its provisioning state together
 * (both in the device document since layout 6), and that is one command. The joined reads are
 * forgotten at the end of the turn (process.nextTick), never shared with a later turn: a write's
 * reply is handled in a turn of its own, so a read asked after a write returned is sent after
 * that reply came, and sees the write, while a read still in flight from an earlier turn may not.
 */
export class DeviceDocuments {
  private readonly asked = new Map<string, Promise<DeviceDoc | null>>();

  constructor(private readonly collection: mongo.Collection<DeviceDoc>) {}

  read(deviceId: string): Promise<DeviceDoc | null> {
    const joined = this.asked.get(deviceId);
    if (joined) return joined;
    if (this.asked.size === 0) process.nextTick(() => this.asked.clear());
    const read = this.collection.findOne({ _id: deviceId });
    this.asked.set(deviceId, read);
    return read;
  }
}
