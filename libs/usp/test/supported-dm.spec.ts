import {
  devicePresence,
  encodeMsg,
  getSupportedDmResp,
  parseMsg,
  responseMsg,
  supportedModel,
  supportedPathOf,
  usp,
} from '../src';

const R = usp.GetSupportedDMResp;

/** What a small router answered to GetParameterNames (CWMP full names). */
const names = [
  'Device.',
  'Device.DeviceInfo.SerialNumber',
  'Device.DeviceInfo.FirmwareImage.1.Name',
  'Device.DeviceInfo.FirmwareImage.1.Version',
  'Device.WiFi.',
  'Device.WiFi.SSID.1.SSID',
  'Device.WiFi.SSID.1.Alias',
  'Device.WiFi.SSID.2.SSID',
  'Device.WiFi.SSID.1.Stats.BytesSent',
  'Device.IP.Interface.1.Name',
  'Device.IP.Diagnostics.IPPing.Host',
  'Device.Hosts.Host.',
  'Device.X_VENDOR_Thing.Foo',
];
const device = devicePresence(names);

/** What the translator can carry out. */
const options = {
  commands: new Set([
    'Device.Reboot()',
    'Device.FactoryReset()',
    'Device.IP.Diagnostics.IPPing()',
    'Device.DeviceInfo.FirmwareImage.{i}.Download()',
  ]),
  events: new Set(['Device.Boot!']),
};

function single(req: usp.IGetSupportedDM) {
  const [result] = getSupportedDmResp(req, device, options).reqObjResults ?? [];
  if (result === undefined) throw new Error('no result');
  return result;
}

describe('USP supported data model (TR-181 2.16 USP)', () => {
  it('holds objects, parameters, commands with arguments, events and unique keys', () => {
    const model = supportedModel();
    expect(model.version).toBe('Device:2.16');
    expect(model.uri).toBe('urn:broadband-forum-org:tr-181-2-16-0-usp');
    const root = model.objects.get('Device.');
    expect(root?.commands.find((c) => c.name === 'Reboot()')).toEqual({
      name: 'Reboot()',
      async: false,
      inputArgs: [],
      outputArgs: [],
    });
    expect(root?.events.find((e) => e.name === 'Boot!')?.args).toEqual([
      'CommandKey',
      'Cause',
      'FirmwareUpdated',
      'ParameterMap',
    ]);
    const ssid = model.objects.get('Device.WiFi.SSID.{i}.');
    expect(ssid).toMatchObject({ multiInstance: true, writable: true });
    expect(ssid?.uniqueKeys).toEqual(expect.arrayContaining([['Alias'], ['Name']]));
    expect(ssid?.params.find((p) => p.name === 'SSID')).toEqual({
      name: 'SSID',
      valueType: R.ParamValueType.PARAM_STRING,
      access: R.ParamAccessType.PARAM_READ_WRITE,
    });
    const activate = model.objects
      .get('Device.DeviceInfo.FirmwareImage.{i}.')
      ?.commands.find((c) => c.name === 'Activate()');
    expect(activate?.inputArgs).toContain('TimeWindow.{i}.');
    expect(activate?.inputArgs).toContain('TimeWindow.{i}.Start');
  });

  it.each([
    ['Device.WiFi.SSID.1.SSID', 'Device.WiFi.SSID.{i}.SSID'],
    ['Device.WiFi.SSID.*.', 'Device.WiFi.SSID.{i}.'],
    ['Device.WiFi.SSID.[Name=="wl0"].Stats.', 'Device.WiFi.SSID.{i}.Stats.'],
    [
      'Device.DeviceInfo.FirmwareImage.{i}.Download()',
      'Device.DeviceInfo.FirmwareImage.{i}.Download()',
    ],
    ['Device.Boot!', 'Device.Boot!'],
    ['Device..WiFi', undefined],
    ['WiFi', undefined],
  ])('supported notation of %s is %s', (path, expected) => {
    expect(supportedPathOf(path)).toBe(expected);
  });

  it('answers a whole-tree request with only the objects, commands and events the device has', () => {
    const result = single({ objPaths: ['Device.'], returnCommands: true, returnEvents: true });
    expect(result).toMatchObject({
      reqObjPath: 'Device.',
      errCode: 0,
      dataModelInstUri: 'urn:broadband-forum-org:tr-181-2-16-0-usp',
    });
    const paths = result.supportedObjs?.map((o) => o.supportedObjPath);
    expect(paths).toEqual([
      'Device.',
      'Device.DeviceInfo.',
      'Device.DeviceInfo.FirmwareImage.{i}.',
      'Device.WiFi.',
      'Device.WiFi.SSID.{i}.',
      'Device.WiFi.SSID.{i}.Stats.',
      'Device.IP.',
      'Device.IP.Interface.{i}.',
      'Device.IP.Diagnostics.',
      'Device.Hosts.',
      'Device.Hosts.Host.{i}.',
    ]);
    const root = result.supportedObjs?.[0];
    expect(root?.supportedCommands?.map((c) => c.commandName)).toEqual([
      'Reboot()',
      'FactoryReset()',
    ]);
    expect(root?.supportedEvents?.map((e) => e.eventName)).toEqual(['Boot!']);
    expect(root?.supportedParams).toEqual([]);
    const diagnostics = result.supportedObjs?.find(
      (o) => o.supportedObjPath === 'Device.IP.Diagnostics.',
    );
    expect(diagnostics?.supportedCommands).toEqual([
      expect.objectContaining({ commandName: 'IPPing()', commandType: R.CmdType.CMD_ASYNC }),
    ]);
  });

  it('narrows parameters to those the device has, with types, access and unique keys', () => {
    const result = single({
      objPaths: ['Device.WiFi.SSID.'],
      returnParams: true,
      returnUniqueKeySets: true,
    });
    expect(result.supportedObjs).toHaveLength(2);
    const ssid = result.supportedObjs?.[0];
    expect(ssid).toMatchObject({
      supportedObjPath: 'Device.WiFi.SSID.{i}.',
      access: R.ObjAccessType.OBJ_ADD_DELETE,
      isMultiInstance: true,
    });
    expect(ssid?.supportedParams).toEqual([
      {
        paramName: 'Alias',
        access: R.ParamAccessType.PARAM_READ_WRITE,
        valueType: R.ParamValueType.PARAM_STRING,
        valueChange: R.ValueChangeType.VALUE_CHANGE_ALLOWED,
      },
      {
        paramName: 'SSID',
        access: R.ParamAccessType.PARAM_READ_WRITE,
        valueType: R.ParamValueType.PARAM_STRING,
        valueChange: R.ValueChangeType.VALUE_CHANGE_ALLOWED,
      },
    ]);
    expect(ssid?.uniqueKeySets).toEqual(
      expect.arrayContaining([{ keyNames: ['Alias'] }, { keyNames: ['Name'] }]),
    );
    expect(result.supportedObjs?.[1]?.supportedParams?.map((p) => p.paramName)).toEqual([
      'BytesSent',
    ]);
  });

  it('lists only the next level, without contents, when first_level_only is set', () => {
    const result = single({ objPaths: ['Device.WiFi.'], firstLevelOnly: true, returnParams: true });
    expect(result.supportedObjs?.map((o) => o.supportedObjPath)).toEqual([
      'Device.WiFi.',
      'Device.WiFi.SSID.{i}.',
    ]);
    expect(result.supportedObjs?.[1]?.supportedParams).toEqual([]);
  });

  it('answers a command, an event and a parameter path with that item alone', () => {
    const ping = single({ objPaths: ['Device.IP.Diagnostics.IPPing()'], returnParams: true });
    expect(ping.supportedObjs).toHaveLength(1);
    expect(ping.supportedObjs?.[0]?.supportedParams).toEqual([]);
    expect(ping.supportedObjs?.[0]?.supportedCommands?.[0]).toMatchObject({
      commandName: 'IPPing()',
      commandType: R.CmdType.CMD_ASYNC,
      inputArgNames: [
        'Interface',
        'ProtocolVersion',
        'Host',
        'NumberOfRepetitions',
        'Timeout',
        'DataBlockSize',
        'DSCP',
      ],
    });
    expect(
      single({ objPaths: ['Device.Boot!'] }).supportedObjs?.[0]?.supportedEvents?.[0]?.eventName,
    ).toBe('Boot!');
    const param = single({ objPaths: ['Device.WiFi.SSID.1.SSID'] });
    expect(param.supportedObjs?.[0]).toMatchObject({
      supportedObjPath: 'Device.WiFi.SSID.{i}.',
      supportedParams: [{ paramName: 'SSID' }],
    });
  });

  it.each([
    ['Device.WiFi.Radio.', 7026],
    ['Device.X_VENDOR_Thing.', 7026],
    ['Device.WiFi.SSID.{i}.Enable', 7026],
    ['Device.DeviceInfo.FirmwareImage.{i}.Activate()', 7026],
    ['Device.Nope()', 7026],
    ['Device..WiFi.', 7008],
  ])('answers %s with %i', (path, errCode) => {
    expect(single({ objPaths: [path] })).toMatchObject({
      reqObjPath: path,
      errCode,
      errMsg: expect.stringContaining(path),
    });
  });

  it('encodes as a GetSupportedDMResp', () => {
    const resp = getSupportedDmResp(
      { objPaths: ['Device.', 'Device.WiFi.Radio.'], returnCommands: true },
      device,
      options,
    );
    const parsed = parseMsg(encodeMsg(responseMsg('gsdm-1', { getSupportedDmResp: resp })));
    if (parsed.class !== 'response') throw new Error('not a response');
    expect(parsed.kind).toBe('getSupportedDmResp');
    expect(parsed.response.getSupportedDmResp?.reqObjResults?.map((r) => r.errCode)).toEqual([
      0, 7026,
    ]);
  });
});
