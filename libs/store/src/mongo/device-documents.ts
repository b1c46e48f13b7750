import type { mongo } from 'mongoose';
import type { DeviceDoc } from './schemas';

/**
 * Point reads of device documents, where the reads of one device asked in the same tick share one
 * `find`: provisioning asks for a device and its provisioning state together (both in the device
 * document since layout 6), and that is one command. Only reads of the same tick are joined:
 * each is sent after it was asked, so it sees every write that returned before it was asked; a
 * read in flight from an earlier tick is never shared, as it may predate such a write.
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
