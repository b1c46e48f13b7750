import { devicePresence, getInstancesResp, indexSnapshot } from '../src';
import { snapshot } from './snapshot';

const index = indexSnapshot(snapshot);
const device = devicePresence(snapshot.keys());

function one(path: string, firstLevelOnly = false) {
  const [result] =
    getInstancesResp(index, { objPaths: [path], firstLevelOnly }, device).reqPathResults ?? [];
  if (result === undefined) throw new Error('no result');
  return result;
}

describe('GetInstances answered from the parameter cache', () => {
  it("lists a table's instances with the unique keys the cache holds", () => {
    expect(one('Device.IP.Interface.', true)).toEqual({
      requestedPath: 'Device.IP.Interface.',
      errCode: 0,
      errMsg: '',
      currInsts: [
        {
          instantiatedObjPath: 'Device.IP.Interface.1.',
          uniqueKeys: { Alias: 'WAN', Name: 'eth0' },
        },
        {
          instantiatedObjPath: 'Device.IP.Interface.2.',
          uniqueKeys: { Alias: 'Loopback', Name: 'lo' },
        },
        {
          instantiatedObjPath: 'Device.IP.Interface.10.',
          uniqueKeys: { Alias: 'LAN', Name: 'eth1' },
        },
      ],
    });
  });

  it('adds the instances of every table beneath unless first_level_only', () => {
    const result = one('Device.IP.Interface.');
    expect(result.currInsts?.map((c) => c.instantiatedObjPath)).toEqual([
      'Device.IP.Interface.1.',
      'Device.IP.Interface.1.IPv4Address.1.',
      'Device.IP.Interface.1.IPv4Address.2.',
      'Device.IP.Interface.1.IPv6Address.1.',
      'Device.IP.Interface.1.IPv6Address.2.',
      'Device.IP.Interface.2.',
      'Device.IP.Interface.10.',
      'Device.IP.Interface.10.IPv4Address.1.',
    ]);
    // IPv4Address's keys are Alias and IPAddress+SubnetMask: only IPAddress is in the cache.
    expect(result.currInsts?.[1]?.uniqueKeys).toEqual({ IPAddress: '192.0.2.10' });
  });

  it('lists the instances a search or a wildcard matched', () => {
    expect(
      one('Device.IP.Interface.[Type=="Normal"].', true).currInsts?.map(
        (c) => c.instantiatedObjPath,
      ),
    ).toEqual(['Device.IP.Interface.1.', 'Device.IP.Interface.10.']);
    expect(one('Device.WiFi.Radio.*.').currInsts?.map((c) => c.instantiatedObjPath)).toEqual([
      'Device.WiFi.Radio.1.',
      'Device.WiFi.Radio.2.',
    ]);
    expect(one('Device.IP.Interface.[Name=="nope"].')).toMatchObject({ errCode: 0, currInsts: [] });
  });

  it.each([
    ['Device.Hosts.Host.', 0],
    ['Device.IP.', 7018],
    ['Device.IP.Interface.1.Name', 7018],
    ['Device.IP.Interface.3.', 7016],
    ['Device.Nope.', 7026],
    ['Device.Nope.*.', 7026],
    ['Device.IP.Interface.{i}.', 7008],
  ])('%s → err_code %i', (path, errCode) => {
    expect(one(path)).toMatchObject({ errCode, currInsts: [] });
  });
});
