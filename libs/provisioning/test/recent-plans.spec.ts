import type { Device, ProvisioningRecord } from '@meridian/store';
import { RecentPlans } from '../src/recent-plans';

const device = (deviceId: string): Device => ({
  deviceId,
  identity: { manufacturer: 'M', oui: '00D09E', productClass: 'P', serialNumber: deviceId },
  status: 'active',
  tags: [],
  registeredAt: new Date('2026-12-06T00:00:00Z'),
  lastEvents: [],
});
const record = (deviceId: string, revision: number): ProvisioningRecord => ({
  deviceId,
  state: {},
  stateJson: '{}',
  revision,
  updatedAt: new Date('2026-12-06T00:00:00Z'),
});

describe('RecentPlans', () => {
  it('keeps the last plan of devices awaiting results, and forgets a device with nothing in flight', () => {
    const recent = new RecentPlans(10);
    recent.keep(device('A'), record('A', 1), true);
    recent.keep(device('A'), record('A', 2), true);
    expect(recent.get('A')?.record.revision).toBe(2);
    recent.keep(device('A'), record('A', 3), false);
    expect(recent.get('A')).toBeUndefined();
  });

  it('drops the device kept longest ago beyond its capacity', () => {
    const recent = new RecentPlans(2);
    recent.keep(device('A'), record('A', 1), true);
    recent.keep(device('B'), record('B', 1), true);
    // A kept again: B is now the oldest.
    recent.keep(device('A'), record('A', 2), true);
    recent.keep(device('C'), record('C', 1), true);
    expect(['A', 'B', 'C'].filter((id) => recent.get(id) !== undefined)).toEqual(['A', 'C']);
  });
});
