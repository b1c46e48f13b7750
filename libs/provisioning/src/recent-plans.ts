import type { Device, ProvisioningRecord } from '@meridian/store';

/** A device as this replica last planned on it, and the planner record that plan left. */
export interface RecentPlan {
  device: Device;
  record: ProvisioningRecord;
}

/**
 * This replica's last plan of each device with commands in flight: what the next result of
 * such a device most likely plans on, so that result reads neither the device nor the planner
 * record. A guess, never trusted: the next state's write is conditional on the guessed revision,
 * and when it conflicts (another replica planned, the device was deleted) or the plan would
 * write nothing, the result is planned again on what the store holds. A change of the device
 * record alone (an operator's tag) is seen from the next Inform or conflict on. At most
 * `capacity` entries, the oldest dropped: a device that never answers leaves its entry behind.
 */
export class RecentPlans {
  private readonly plans = new Map<string, RecentPlan>();

  constructor(private readonly capacity: number) {}

  get(deviceId: string): RecentPlan | undefined {
    return this.plans.get(deviceId);
  }

  /** `awaitsResults`: commands of the device are in flight, so results will come. */
  keep(device: Device, record: ProvisioningRecord, awaitsResults: boolean): void {
    // Deleted first, so a kept plan moves to the newest end.
    this.plans.delete(device.deviceId);
    if (!awaitsResults) return;
    this.plans.set(device.deviceId, { device, record });
    if (this.plans.size > this.capacity) {
      const [oldest] = this.plans.keys();
      if (oldest !== undefined) this.plans.delete(oldest);
    }
  }
}
