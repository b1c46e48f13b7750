import {
  cacheNamesOf,
  cwmpReadName,
  getRespFromReads,
  snapshotWithReads,
  type SnapshotEntry,
} from '../src';

describe('a Get read fresh from the CPE', () => {
  it.each([
    ['Device.DeviceInfo.SoftwareVersion', 'Device.DeviceInfo.SoftwareVersion'],
    ['Device.WiFi.SSID.2.SSID', 'Device.WiFi.SSID.2.SSID'],
    ['Device.WiFi.SSID.2', 'Device.WiFi.SSID.2.'],
    ['Device.WiFi.', 'Device.WiFi.'],
    ['Device.WiFi.SSID.*.SSID', 'Device.WiFi.SSID.'],
    ['Device.WiFi.SSID.[Enable==true&&Name=="wl1"].SSID', 'Device.WiFi.SSID.'],
    ['Device.WiFi.AccessPoint.1.SSIDReference+.SSID', 'Device.WiFi.AccessPoint.1.'],
  ])('reads %s with GetParameterValues of %s', (path, name) => {
    expect(cwmpReadName(path)).toBe(name);
  });

  it('reads nothing for a command, an event or text that is not a path', () => {
    expect(cwmpReadName('Device.Reboot()')).toBeUndefined();
    expect(cwmpReadName('Device.Boot!')).toBeUndefined();
    expect(cwmpReadName('Device..WiFi')).toBeUndefined();
  });

  it("answers from the cache under each path's read, or from all of it for a followed reference", () => {
    expect(
      cacheNamesOf([
        'Device.DeviceInfo.SoftwareVersion',
        'Device.WiFi.SSID.*.SSID',
        'Device.WiFi.SSID.2.Alias',
        'Device.Reboot()',
      ]),
    ).toEqual(['Device.DeviceInfo.SoftwareVersion', 'Device.WiFi.SSID.']);
    expect(cacheNamesOf(['Device.WiFi.AccessPoint.1.SSIDReference+.SSID'])).toBeUndefined();
    expect(
      cacheNamesOf(['Device.WiFi.AccessPoint.[SSIDReference+.SSID=="MyHome"].Enable']),
    ).toBeUndefined();
  });

  const cache = new Map<string, SnapshotEntry>([
    ['Device.WiFi.SSID.1.SSID', { value: 'old-1', type: 'xsd:string' }],
    ['Device.WiFi.SSID.3.SSID', { value: 'deleted since', type: 'xsd:string' }],
    ['Device.WiFi.AccessPoint.1.SSIDReference', { value: 'Device.WiFi.SSID.1.' }],
  ]);

  it('replaces the cached subtree by what was read, and keeps the rest of the cache', () => {
    const merged = snapshotWithReads(cache, [
      {
        name: 'Device.WiFi.SSID.',
        ok: true,
        parameters: [
          { name: 'Device.WiFi.SSID.1.SSID', value: 'new-1', type: 'xsd:string' },
          { name: 'Device.WiFi.SSID.2.SSID', value: 'new-2', type: 'xsd:string' },
        ],
      },
    ]);
    expect([...merged.entries()]).toEqual([
      ['Device.WiFi.AccessPoint.1.SSIDReference', { value: 'Device.WiFi.SSID.1.' }],
      ['Device.WiFi.SSID.1.SSID', { value: 'new-1', type: 'xsd:string' }],
      ['Device.WiFi.SSID.2.SSID', { value: 'new-2', type: 'xsd:string' }],
    ]);
  });

  it('answers the fresh values, and a faulted read as its USP error for its paths only', () => {
    const resp = getRespFromReads(
      cache,
      { paramPaths: ['Device.WiFi.SSID.*.SSID', 'Device.Nope.X'] },
      [
        {
          name: 'Device.WiFi.SSID.',
          ok: true,
          parameters: [{ name: 'Device.WiFi.SSID.1.SSID', value: 'fresh', type: 'xsd:string' }],
        },
        {
          name: 'Device.Nope.X',
          ok: false,
          fault: { faultCode: 9005, faultString: 'Invalid parameter name' },
        },
      ],
    );
    expect(resp.reqPathResults).toEqual([
      {
        requestedPath: 'Device.WiFi.SSID.*.SSID',
        errCode: 0,
        errMsg: '',
        resolvedPathResults: [
          { resolvedPath: 'Device.WiFi.SSID.1.', resultParams: { SSID: 'fresh' } },
        ],
      },
      {
        requestedPath: 'Device.Nope.X',
        errCode: 7026,
        errMsg: 'CWMP fault 9005: Invalid parameter name',
        resolvedPathResults: [],
      },
    ]);
  });
});
