import {
  cwmpNamesOfSupportedPaths,
  cwmpReadNames,
  devicePresence,
  getRespFromReads,
  getSupportedDmResp,
  indexSnapshot,
  getInstancesResp,
  instancesReads,
  modelOfPath,
  presenceOfNames,
  readsOfValues,
  rootOfNames,
  supportedModel,
  tr098SupportedModel,
  uniqueKeyPaths,
  usp,
  type SnapshotEntry,
} from '../src';

const Resp = usp.GetSupportedDMResp;

describe('one GetParameterValues for a whole Get', () => {
  it('asks for every path in one list, leaf names and partial paths, each subtree once', () => {
    expect(
      cwmpReadNames([
        'Device.DeviceInfo.UpTime',
        'Device.WiFi.SSID.*.SSID',
        'Device.WiFi.SSID.[Alias=="cpe-ssid-2"].Name',
        'Device.WiFi.SSID.1.Enable',
        'Device.DeviceInfo.SoftwareVersion',
        'Device.Reboot()',
      ]),
    ).toEqual([
      'Device.DeviceInfo.UpTime',
      'Device.WiFi.SSID.',
      'Device.DeviceInfo.SoftwareVersion',
    ]);
  });

  it('drops names a partial path of the same request reads anyway', () => {
    expect(
      cwmpReadNames(['Device.WiFi.SSID.2.SSID', 'Device.WiFi.', 'Device.WiFi.Radio.1.']),
    ).toEqual(['Device.WiFi.']);
  });

  it('splits the one ParameterList by the name each parameter was read for', () => {
    const reads = readsOfValues(
      ['Device.DeviceInfo.UpTime', 'Device.WiFi.SSID.'],
      [
        { name: 'Device.DeviceInfo.UpTime', value: '42' },
        { name: 'Device.WiFi.SSID.1.SSID', value: 'a' },
        { name: 'Device.WiFi.SSID.2.SSID', value: 'b' },
      ],
    );
    expect(reads).toEqual([
      {
        name: 'Device.DeviceInfo.UpTime',
        ok: true,
        parameters: [{ name: 'Device.DeviceInfo.UpTime', value: '42' }],
      },
      {
        name: 'Device.WiFi.SSID.',
        ok: true,
        parameters: [
          { name: 'Device.WiFi.SSID.1.SSID', value: 'a' },
          { name: 'Device.WiFi.SSID.2.SSID', value: 'b' },
        ],
      },
    ]);
  });

  it('answers a path with the fault of the partial path read above it', () => {
    const cache = new Map<string, SnapshotEntry>([['Device.X.Y.Z', { value: 'cached' }]]);
    const resp = getRespFromReads(cache, { paramPaths: ['Device.X.', 'Device.X.Y.Z'] }, [
      {
        name: 'Device.X.',
        ok: false,
        fault: { faultCode: 9005, faultString: 'Invalid parameter name' },
      },
    ]);
    expect(resp.reqPathResults?.map((r) => [r.requestedPath, r.errCode])).toEqual([
      ['Device.X.', 7026],
      ['Device.X.Y.Z', 7026],
    ]);
  });
});

describe('GetInstances fresh from the CPE', () => {
  it('reads a table by GetParameterNames, NextLevel only for first_level_only', () => {
    expect(instancesReads(['Device.WiFi.SSID.'], true)).toEqual([
      { name: 'Device.WiFi.SSID.', values: false, nextLevel: true },
    ]);
    expect(instancesReads(['Device.WiFi.SSID.*.'], true)).toEqual([
      { name: 'Device.WiFi.SSID.', values: false, nextLevel: true },
    ]);
    expect(instancesReads(['Device.WiFi.SSID.'], false)).toEqual([
      { name: 'Device.WiFi.SSID.', values: false, nextLevel: false },
    ]);
  });

  it('reads the whole subtree after a wildcard in the middle, values for a search', () => {
    expect(instancesReads(['Device.IP.Interface.*.IPv4Address.'], true)).toEqual([
      { name: 'Device.IP.Interface.', values: false, nextLevel: false },
    ]);
    expect(instancesReads(['Device.WiFi.SSID.[Enable==true].'], true)).toEqual([
      { name: 'Device.WiFi.SSID.', values: true, nextLevel: false },
    ]);
  });

  it('leaves out a read another one covers, and what is not an object path', () => {
    expect(
      instancesReads(['Device.WiFi.', 'Device.WiFi.SSID.', 'Device.WiFi.SSID.1.SSID', '..'], false),
    ).toEqual([{ name: 'Device.WiFi.', values: false, nextLevel: false }]);
  });

  it("lists the instances from names alone, and their unique keys' paths to read", () => {
    const names = new Map<string, SnapshotEntry>([
      ['Device.WiFi.SSID.', {}],
      ['Device.WiFi.SSID.1.', {}],
      ['Device.WiFi.SSID.4.', {}],
    ]);
    const resp = getInstancesResp(
      indexSnapshot(names),
      { objPaths: ['Device.WiFi.SSID.'], firstLevelOnly: true },
      devicePresence(names.keys()),
    );
    expect(resp.reqPathResults?.[0]?.currInsts).toEqual([
      { instantiatedObjPath: 'Device.WiFi.SSID.1.', uniqueKeys: {} },
      { instantiatedObjPath: 'Device.WiFi.SSID.4.', uniqueKeys: {} },
    ]);
    expect(uniqueKeyPaths(resp)).toEqual([
      {
        instance: 'Device.WiFi.SSID.1.',
        paths: ['Device.WiFi.SSID.1.Alias', 'Device.WiFi.SSID.1.Name', 'Device.WiFi.SSID.1.BSSID'],
      },
      {
        instance: 'Device.WiFi.SSID.4.',
        paths: ['Device.WiFi.SSID.4.Alias', 'Device.WiFi.SSID.4.Name', 'Device.WiFi.SSID.4.BSSID'],
      },
    ]);
  });
});

describe('GetSupportedDM fresh from the CPE', () => {
  it('reads each requested subtree up to its first {i} once', () => {
    expect(
      cwmpNamesOfSupportedPaths([
        'Device.WiFi.SSID.{i}.SSID',
        'Device.WiFi.SSID.',
        'Device.WiFi.SSID.2.',
        'Device.DeviceInfo.UpTime',
        'Device.DeviceInfo.',
        'Device.Hosts.Host.{i}.IPv4Address.{i}.',
        'not a path',
      ]),
    ).toEqual([
      { name: 'Device.WiFi.SSID.', nextLevel: false },
      { name: 'Device.DeviceInfo.', nextLevel: false },
      { name: 'Device.Hosts.Host.', nextLevel: false },
    ]);
    expect(cwmpNamesOfSupportedPaths(['Device.WiFi.', 'Device.'])).toEqual([
      { name: 'Device.', nextLevel: false },
    ]);
  });

  it('reads only the next level of an object asked first_level_only, the whole table otherwise', () => {
    expect(
      cwmpNamesOfSupportedPaths(
        ['Device.', 'Device.WiFi.SSID.{i}.', 'Device.WiFi.', 'Device.NAT.PortMapping.'],
        true,
      ),
    ).toEqual([
      { name: 'Device.', nextLevel: true },
      { name: 'Device.WiFi.SSID.', nextLevel: false },
      { name: 'Device.WiFi.', nextLevel: true },
      { name: 'Device.NAT.PortMapping.', nextLevel: false },
    ]);
  });
});

describe('a TR-098 device answers for its own model', () => {
  const igd = [
    'InternetGatewayDevice.DeviceInfo.SoftwareVersion',
    'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID',
    'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.Enable',
  ];

  it('is known by its root', () => {
    expect(rootOfNames(igd)).toBe('InternetGatewayDevice.');
    expect(rootOfNames(['Device.DeviceInfo.SoftwareVersion'])).toBe('Device.');
    expect(modelOfPath('InternetGatewayDevice.LANDevice.')).toBe(tr098SupportedModel());
    expect(modelOfPath('Device.WiFi.')).toBe(supportedModel());
  });

  it('reports TR-098 objects and parameters narrowed to what the device has', () => {
    const presence = presenceOfNames(igd);
    const resp = getSupportedDmResp(
      { objPaths: ['InternetGatewayDevice.LANDevice.{i}.WLANConfiguration.'], returnParams: true },
      presence,
      {},
      tr098SupportedModel(),
    );
    const [result] = resp.reqObjResults ?? [];
    expect(result).toMatchObject({
      errCode: 0,
      dataModelInstUri: 'urn:broadband-forum-org:tr-098-1-8-0',
    });
    expect(result?.supportedObjs?.map((o) => o.supportedObjPath)).toEqual([
      'InternetGatewayDevice.LANDevice.{i}.WLANConfiguration.{i}.',
    ]);
    expect(result?.supportedObjs?.[0]).toMatchObject({
      isMultiInstance: true,
      supportedParams: [
        expect.objectContaining({
          paramName: 'Enable',
          valueType: Resp.ParamValueType.PARAM_BOOLEAN,
        }),
        expect.objectContaining({
          paramName: 'SSID',
          access: Resp.ParamAccessType.PARAM_READ_WRITE,
          valueType: Resp.ParamValueType.PARAM_STRING,
        }),
      ],
    });
  });

  it('has none of TR-181 beyond what the translator keeps', () => {
    const presence = presenceOfNames([...igd, 'Device.LocalAgent.Subscription.1.ID']);
    const resp = getSupportedDmResp(
      { objPaths: ['Device.WiFi.', 'Device.LocalAgent.Subscription.'] },
      presence,
    );
    expect(resp.reqObjResults?.map((r) => r.errCode)).toEqual([7026, 0]);
  });

  it('a TR-181 device has nothing of TR-098', () => {
    const presence = presenceOfNames(['Device.WiFi.SSID.1.SSID']);
    expect([...presence.objects].some((o) => o.startsWith('InternetGatewayDevice.'))).toBe(false);
  });
});
