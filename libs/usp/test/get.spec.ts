import { devicePresence, getResp, indexSnapshot } from '../src';
import { snapshot } from './snapshot';

const index = indexSnapshot(snapshot);
const device = devicePresence(snapshot.keys());

function one(path: string, maxDepth = 0) {
  const [result] = getResp(index, { paramPaths: [path], maxDepth }, device).reqPathResults ?? [];
  if (result === undefined) throw new Error('no result');
  return result;
}

describe('Get answered from the parameter cache', () => {
  it('returns the parent object and the one parameter of a parameter path (R-GET.2/3)', () => {
    expect(one('Device.IP.Interface.*.Status')).toEqual({
      requestedPath: 'Device.IP.Interface.*.Status',
      errCode: 0,
      errMsg: '',
      resolvedPathResults: [
        { resolvedPath: 'Device.IP.Interface.1.', resultParams: { Status: 'Up' } },
        { resolvedPath: 'Device.IP.Interface.2.', resultParams: { Status: 'Up' } },
        { resolvedPath: 'Device.IP.Interface.10.', resultParams: { Status: 'Down' } },
      ],
    });
  });

  it('returns each sub-object in its own result, limited by max_depth', () => {
    const all = one('Device.IP.Interface.[Alias=="WAN"].');
    expect(all.resolvedPathResults?.map((r) => r.resolvedPath)).toEqual([
      'Device.IP.Interface.1.',
      'Device.IP.Interface.1.Stats.',
      'Device.IP.Interface.1.IPv4Address.1.',
      'Device.IP.Interface.1.IPv4Address.2.',
      'Device.IP.Interface.1.IPv6Address.1.',
      'Device.IP.Interface.1.IPv6Address.2.',
    ]);
    expect(all.resolvedPathResults?.[1]?.resultParams).toEqual({ ErrorsSent: '3' });
    expect(
      one('Device.IP.Interface.[Alias=="WAN"].', 1).resolvedPathResults?.map((r) => r.resolvedPath),
    ).toEqual(['Device.IP.Interface.1.']);
    // Table instances add no level: IPv4Address.1. is the second level, as Stats. is.
    expect(one('Device.IP.Interface.[Alias=="WAN"].', 2).resolvedPathResults).toHaveLength(6);
    expect(one('Device.IP.', 1).resolvedPathResults).toEqual([]);
    expect(one('Device.IP.', 2).resolvedPathResults?.map((r) => r.resolvedPath)).toEqual([
      'Device.IP.Interface.1.',
      'Device.IP.Interface.2.',
      'Device.IP.Interface.10.',
    ]);
  });

  it('follows references', () => {
    expect(one('Device.WiFi.SSID.1.LowerLayers#*+.Name').resolvedPathResults).toEqual([
      { resolvedPath: 'Device.WiFi.Radio.1.', resultParams: { Name: 'wl0' } },
      { resolvedPath: 'Device.WiFi.Radio.2.', resultParams: { Name: 'wl1' } },
    ]);
  });

  it.each([
    // A search matching nothing in a supported object is an empty success (R-GET.1a).
    ['Device.IP.Interface.[Name=="nope"].Status', 0],
    ['Device.Hosts.Host.*.', 0],
    // A path (not a search) matching nothing, or a search outside the supported model: 7026.
    ['Device.IP.Interface.3.', 7026],
    ['Device.IP.Interface.1.Nothing', 7026],
    ['Device.Nothing.*.Name', 7026],
    ['Device.Reboot()', 7026],
    ['Device.IP.Interface.{i}.', 7008],
    ['Device.DSL.Line.[Enable=="true"].CurrentProfile', 7008],
  ])('%s → err_code %i', (path, errCode) => {
    const result = one(path);
    expect(result.errCode).toBe(errCode);
    expect(result.resolvedPathResults).toEqual([]);
  });
});
