import { createSqliteStore, type ParameterSelector, type Store } from '@meridian/store';
import { DeviceReader, type TranslatorOwned } from '../src/read';

const DEVICE = '00D09E-SimRouter-CACHE1';
const own: TranslatorOwned = { reads: [], names: [], supported: {} };
const cached: Record<string, string> = {
  'Device.DeviceInfo.SoftwareVersion': '1.2.3',
  'Device.DeviceInfo.UpTime': '42',
  'Device.WiFi.SSID.1.SSID': 'home',
  'Device.WiFi.SSID.2.SSID': 'guest',
  'Device.WiFi.AccessPoint.1.SSIDReference': 'Device.WiFi.SSID.2',
  'Device.IP.Interface.1.Name': 'wan',
};

describe('reads answered from the parameter cache', () => {
  let store: Store;
  let reads: ParameterSelector[];
  let reader: DeviceReader;

  beforeEach(async () => {
    store = createSqliteStore(':memory:');
    await store.parameters.upsertMany(
      DEVICE,
      Object.entries(cached).map(([path, value]) => ({
        path,
        value,
        type: 'xsd:string',
        updatedAt: new Date(0),
      })),
    );
    reads = [];
    const { parameters } = store;
    const reading: Store = {
      ...store,
      parameters: {
        upsertMany: (deviceId, inputs) => parameters.upsertMany(deviceId, inputs),
        get: (deviceId, selector) => {
          reads.push(selector);
          return parameters.get(deviceId, selector);
        },
        deleteSubtree: (deviceId, path) => parameters.deleteSubtree(deviceId, path),
        findDevicesByValue: (path, value) => parameters.findDevicesByValue(path, value),
      },
    };
    reader = new DeviceReader(reading, () =>
      Promise.reject(new Error('no CPE read from the cache')),
    );
  });

  afterEach(() => store.close());

  it("reads the requested values and subtrees only, not the device's whole tree", async () => {
    const resp = await reader.get(
      DEVICE,
      { paramPaths: ['Device.DeviceInfo.SoftwareVersion', 'Device.WiFi.SSID.*.SSID'] },
      true,
      own,
    );
    expect(resp.reqPathResults?.map((r) => r.resolvedPathResults)).toEqual([
      [{ resolvedPath: 'Device.DeviceInfo.', resultParams: { SoftwareVersion: '1.2.3' } }],
      [
        { resolvedPath: 'Device.WiFi.SSID.1.', resultParams: { SSID: 'home' } },
        { resolvedPath: 'Device.WiFi.SSID.2.', resultParams: { SSID: 'guest' } },
      ],
    ]);
    expect(reads).toEqual([
      { paths: ['Device.DeviceInfo.SoftwareVersion'] },
      { prefix: 'Device.WiFi.SSID.' },
    ]);
  });

  it("answers GetSupportedDM from the requested objects' subtrees", async () => {
    const resp = await reader.getSupportedDm(
      DEVICE,
      { objPaths: ['Device.WiFi.SSID.{i}.'], returnParams: true },
      true,
      own,
    );
    const [result] = resp.reqObjResults ?? [];
    expect(result?.errCode).toBe(0);
    expect(result?.supportedObjs?.map((o) => o.supportedObjPath)).toEqual([
      'Device.WiFi.SSID.{i}.',
    ]);
    expect(reads).toEqual([{ prefix: 'Device.WiFi.SSID.' }]);
  });

  it('follows a reference outside the requested subtree', async () => {
    const resp = await reader.get(
      DEVICE,
      { paramPaths: ['Device.WiFi.AccessPoint.1.SSIDReference+.SSID'] },
      true,
      own,
    );
    expect(resp.reqPathResults?.[0]?.resolvedPathResults).toEqual([
      { resolvedPath: 'Device.WiFi.SSID.2.', resultParams: { SSID: 'guest' } },
    ]);
  });

  it('says a search that matches nothing in a table the device lacks is not in its model', async () => {
    const resp = await reader.get(
      DEVICE,
      { paramPaths: ['Device.WiFi.SSID.*.SSID', 'Device.NAT.PortMapping.*.Enable'] },
      true,
      own,
    );
    expect(resp.reqPathResults?.map((r) => r.errCode)).toEqual([0, 7026]);
  });
});
