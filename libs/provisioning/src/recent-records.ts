import type { ProvisioningRecord } from '@meridian/store';

/**
 * The planner records this replica last read or wrote, of devices with commands in flight: what
 * the next result of such a device most likely plans on, so that result reads the device record
 * alone. A guess, never trusted: the next state's write is conditional on the guessed revision
 * (a conflict plans again on the stored record), and a plan that would write nothing is made
 * again on the stored record. At most `capacity` entries, the oldest dropped: a device that
 * never answers leaves its entry behind.
 */
export class RecentRecords {
  private readonly records = new Map<string, ProvisioningRecord>();

  constructor(private readonly capacity: number) {}

  get(deviceId: string): ProvisioningRecord | undefined {
    return this.records.get(deviceId);
  }

  /** `awaitsResults`: commands of the device are in flight, so results will come. */
  keep(record: ProvisioningRecord, awaitsResults: boolean): void {
    // Deleted first, so a kept record moves to the newest end.
    this.records.delete(record.deviceId);
    if (!awaitsResults) return;
    this.records.set(record.deviceId, record);
    if (this.records.size > this.capacity) {
      const [oldest] = this.records.keys();
      if (oldest !== undefined) this.records.delete(oldest);
    }
  }
}
