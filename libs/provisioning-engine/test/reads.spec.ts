import { cacheReadsOf, readsPath } from '../src/reads';
import { preset } from './driver';

describe('what the planner reads of the cache', () => {
  const reads = cacheReadsOf([
    preset(
      'wifi',
      [
        {
          type: 'setParameterValues',
          parameters: [{ path: 'Device.WiFi.SSID.1.SSID', value: 'x' }],
        },
        { type: 'ensureInstances', object: 'Device.NAT.PortMapping.', count: 1, match: {} },
      ],
      {
        precondition: {
          parameters: [{ path: 'Device.DeviceInfo.HardwareVersion', test: { eq: 'HW1' } }],
        },
      },
    ),
  ]);

  it('reads the paths its presets test and set, and everything under the objects they fill', () => {
    expect(readsPath(reads, 'Device.WiFi.SSID.1.SSID')).toBe(true);
    expect(readsPath(reads, 'Device.DeviceInfo.HardwareVersion')).toBe(true);
    expect(readsPath(reads, 'Device.NAT.PortMapping.1.Enable')).toBe(true);
  });

  it('reads nothing else of a discovered tree', () => {
    expect(readsPath(reads, 'Device.WiFi.SSID.1.Enable')).toBe(false);
    expect(readsPath(reads, 'Device.WiFi.SSID.1.')).toBe(false);
    expect(readsPath(reads, 'Device.DeviceInfo.SoftwareVersion')).toBe(false);
    expect(readsPath(reads, 'Device.NAT.')).toBe(false);
  });
});
