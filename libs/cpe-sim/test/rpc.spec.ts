import type {
  CpeMethodRequest,
  CpeMethodResponse,
  CwmpFault,
  ParameterInfo,
  ParameterValue,
} from '@meridian/cwmp';
import { buildInform } from '../src/device/inform';
import { CPE_METHODS, handleRpc } from '../src/device/rpc';
import type { DeviceState } from '../src/device/state';
import { freshDevice, NOW } from './fixtures';

function run(state: DeviceState, request: CpeMethodRequest) {
  return handleRpc(state, request, NOW);
}

function ok<N extends CpeMethodResponse['name']>(
  response: CpeMethodResponse | CwmpFault,
  name: N,
): Extract<CpeMethodResponse, { name: N }> {
  if (response.name !== name) throw new Error(`expected ${name}, got ${JSON.stringify(response)}`);
  return response as Extract<CpeMethodResponse, { name: N }>;
}

function fault(response: CpeMethodResponse | CwmpFault): CwmpFault {
  if (response.name !== 'Fault') throw new Error(`expected a fault, got ${response.name}`);
  return response;
}

function gpv(state: DeviceState, ...names: string[]): ParameterValue[] {
  return ok(
    run(state, { name: 'GetParameterValues', parameterNames: names }).response,
    'GetParameterValuesResponse',
  ).parameterList;
}

function valueAt(state: DeviceState, name: string): string | undefined {
  return gpv(state, name)[0]?.value;
}

const spv = (parameterList: ParameterValue[], parameterKey = 'key-1'): CpeMethodRequest => ({
  name: 'SetParameterValues',
  parameterList,
  parameterKey,
});

describe('GetRPCMethods', () => {
  it('lists every CPE method', () => {
    const r = ok(run(freshDevice(), { name: 'GetRPCMethods' }).response, 'GetRPCMethodsResponse');
    expect(r.methodList).toEqual(CPE_METHODS);
    expect(r.methodList).toHaveLength(20);
  });
});

describe('GetParameterValues', () => {
  it('returns values with the model type', () => {
    const list = gpv(
      freshDevice(),
      'Device.DeviceInfo.SerialNumber',
      'Device.ManagementServer.PeriodicInformInterval',
    );
    expect(list).toEqual([
      { name: 'Device.DeviceInfo.SerialNumber', value: 'SIM000001', type: 'xsd:string' },
      {
        name: 'Device.ManagementServer.PeriodicInformInterval',
        value: '300',
        type: 'xsd:unsignedInt',
      },
    ]);
  });

  it('expands a partial path to every parameter beneath it', () => {
    const names = gpv(freshDevice(), 'Device.WiFi.SSID.').map((p) => p.name);
    expect(names).toContain('Device.WiFi.SSID.1.SSID');
    expect(names).toContain('Device.WiFi.SSID.2.SSID');
    expect(names.every((n) => n.startsWith('Device.WiFi.SSID.'))).toBe(true);
  });

  it('derives counters, uptime and hides passwords', () => {
    const s = freshDevice();
    expect(valueAt(s, 'Device.WiFi.SSIDNumberOfEntries')).toBe('2');
    expect(valueAt(s, 'Device.Hosts.HostNumberOfEntries')).toBe('3');
    expect(valueAt(s, 'Device.DeviceInfo.UpTime')).toBe('60');
    expect(valueAt(s, 'Device.ManagementServer.Password')).toBe('');
  });

  it('faults 9005 on an unknown name', () => {
    const r = fault(
      run(freshDevice(), { name: 'GetParameterValues', parameterNames: ['Device.Nope'] }).response,
    );
    expect(r.faultCode).toBe(9005);
    // A model parameter of an object the router does not have is unknown too.
    const r2 = run(freshDevice(), {
      name: 'GetParameterValues',
      parameterNames: ['Device.WiFi.SSID.9.SSID'],
    });
    expect(fault(r2.response).faultCode).toBe(9005);
  });
});

describe('SetParameterValues', () => {
  it('applies values and stores the ParameterKey', () => {
    const r = run(
      freshDevice(),
      spv(
        [
          {
            name: 'Device.ManagementServer.PeriodicInformInterval',
            value: '60',
            type: 'xsd:unsignedInt',
          },
          { name: 'Device.WiFi.SSID.1.SSID', value: 'home', type: 'xsd:string' },
        ],
        'cmd-42',
      ),
    );
    expect(ok(r.response, 'SetParameterValuesResponse').status).toBe(0);
    expect(valueAt(r.state, 'Device.ManagementServer.PeriodicInformInterval')).toBe('60');
    expect(valueAt(r.state, 'Device.WiFi.SSID.1.SSID')).toBe('home');
    expect(valueAt(r.state, 'Device.ManagementServer.ParameterKey')).toBe('cmd-42');
  });

  it('is atomic: one bad value faults 9003 with each cause listed, and changes nothing', () => {
    const before = freshDevice();
    const r = run(
      before,
      spv([
        { name: 'Device.WiFi.SSID.1.SSID', value: 'home', type: 'xsd:string' },
        {
          name: 'Device.ManagementServer.PeriodicInformInterval',
          value: 'abc',
          type: 'xsd:unsignedInt',
        },
        {
          name: 'Device.ManagementServer.PeriodicInformEnable',
          value: 'maybe',
          type: 'xsd:boolean',
        },
        { name: 'Device.DeviceInfo.SerialNumber', value: 'X', type: 'xsd:string' },
        { name: 'Device.Nope', value: '1', type: 'xsd:string' },
      ]),
    );
    const f = fault(r.response);
    expect(f.faultCode).toBe(9003);
    expect(f.setParameterValuesFault.map((x) => [x.parameterName, x.faultCode])).toEqual([
      ['Device.ManagementServer.PeriodicInformInterval', 9007],
      ['Device.ManagementServer.PeriodicInformEnable', 9007],
      ['Device.DeviceInfo.SerialNumber', 9008],
      ['Device.Nope', 9005],
    ]);
    expect(r.state).toBe(before);
    expect(valueAt(r.state, 'Device.WiFi.SSID.1.SSID')).toBe('SIM-0001');
    expect(valueAt(r.state, 'Device.ManagementServer.ParameterKey')).toBe('');
  });

  it('rejects values outside the model range (PeriodicInformInterval >= 1)', () => {
    const r = run(
      freshDevice(),
      spv([
        {
          name: 'Device.ManagementServer.PeriodicInformInterval',
          value: '0',
          type: 'xsd:unsignedInt',
        },
      ]),
    );
    expect(fault(r.response).setParameterValuesFault[0]?.faultCode).toBe(9007);
  });
});

describe('GetParameterNames (A.3.2.3)', () => {
  const names = (s: DeviceState, parameterPath: string, nextLevel: boolean) =>
    ok(
      run(s, { name: 'GetParameterNames', parameterPath, nextLevel }).response,
      'GetParameterNamesResponse',
    ).parameterList;

  it('NextLevel true lists direct children only, objects with a trailing dot', () => {
    const list = names(freshDevice(), 'Device.WiFi.', true);
    expect(list).toContainEqual({ name: 'Device.WiFi.SSIDNumberOfEntries', writable: false });
    expect(list).toContainEqual({ name: 'Device.WiFi.SSID.', writable: true });
    expect(list).toContainEqual({ name: 'Device.WiFi.Radio.', writable: false });
    expect(list.some((p) => p.name.startsWith('Device.WiFi.SSID.1'))).toBe(false);
    expect(list.some((p) => p.name === 'Device.WiFi.')).toBe(false);
  });

  it('NextLevel false lists the object itself and its whole subtree', () => {
    const list = names(freshDevice(), 'Device.WiFi.SSID.', false);
    expect(list[0]).toEqual({ name: 'Device.WiFi.SSID.', writable: true });
    expect(list).toContainEqual({ name: 'Device.WiFi.SSID.1.', writable: true });
    expect(list).toContainEqual({ name: 'Device.WiFi.SSID.2.SSID', writable: true });
    expect(list).toContainEqual({ name: 'Device.WiFi.SSID.2.BSSID', writable: false });
  });

  it('NextLevel false lists each object and then its children, depth first, as NextLevel true shows them', () => {
    const s = freshDevice();
    const expand = (object: ParameterInfo): ParameterInfo[] => [
      object,
      ...names(s, object.name, true).flatMap((child) =>
        child.name.endsWith('.') ? expand(child) : [child],
      ),
    ];
    const whole = names(s, '', false);
    expect(whole).toEqual(expand({ name: 'Device.', writable: false }));
    expect(new Set(whole.map((p) => p.name)).size).toBe(whole.length);
  });

  it('a full parameter path lists that parameter, and only with NextLevel false', () => {
    const s = freshDevice();
    expect(names(s, 'Device.DeviceInfo.SerialNumber', false)).toEqual([
      { name: 'Device.DeviceInfo.SerialNumber', writable: false },
    ]);
    const r = run(s, {
      name: 'GetParameterNames',
      parameterPath: 'Device.DeviceInfo.SerialNumber',
      nextLevel: true,
    });
    expect(fault(r.response).faultCode).toBe(9003);
  });

  it('the empty path is the root', () => {
    expect(names(freshDevice(), '', true)).toEqual([{ name: 'Device.', writable: false }]);
    expect(names(freshDevice(), '', false).length).toBeGreaterThan(400);
  });

  it('faults 9005 on an unknown path', () => {
    const r = run(freshDevice(), {
      name: 'GetParameterNames',
      parameterPath: 'Device.Nope.',
      nextLevel: true,
    });
    expect(fault(r.response).faultCode).toBe(9005);
  });
});

describe('Get/SetParameterAttributes', () => {
  it('stores notification and access list, for partial paths too', () => {
    const r = run(freshDevice(), {
      name: 'SetParameterAttributes',
      parameterList: [
        {
          name: 'Device.WiFi.SSID.1.',
          notificationChange: true,
          notification: 2,
          accessListChange: false,
          accessList: [],
        },
        {
          name: 'Device.DeviceInfo.SoftwareVersion',
          notificationChange: true,
          notification: 1,
          accessListChange: true,
          accessList: ['Subscriber'],
        },
      ],
    });
    ok(r.response, 'SetParameterAttributesResponse');
    const got = ok(
      run(r.state, {
        name: 'GetParameterAttributes',
        parameterNames: [
          'Device.WiFi.SSID.1.SSID',
          'Device.DeviceInfo.SoftwareVersion',
          'Device.DeviceInfo.HardwareVersion',
        ],
      }).response,
      'GetParameterAttributesResponse',
    );
    expect(got.parameterList).toEqual([
      { name: 'Device.WiFi.SSID.1.SSID', notification: 2, accessList: [] },
      { name: 'Device.DeviceInfo.SoftwareVersion', notification: 1, accessList: ['Subscriber'] },
      { name: 'Device.DeviceInfo.HardwareVersion', notification: 0, accessList: [] },
    ]);
  });

  it('faults 9005 on an unknown name and changes nothing', () => {
    const before = freshDevice();
    const r = run(before, {
      name: 'SetParameterAttributes',
      parameterList: [
        {
          name: 'Device.Nope',
          notificationChange: true,
          notification: 2,
          accessListChange: false,
          accessList: [],
        },
      ],
    });
    expect(fault(r.response).faultCode).toBe(9005);
    expect(r.state).toBe(before);
  });
});

describe('AddObject / DeleteObject', () => {
  it('adds a row with the next instance number, model defaults and the ParameterKey', () => {
    const r = run(freshDevice(), {
      name: 'AddObject',
      objectName: 'Device.NAT.PortMapping.',
      parameterKey: 'add-1',
    });
    const res = ok(r.response, 'AddObjectResponse');
    expect(res).toEqual({ name: 'AddObjectResponse', instanceNumber: 2, status: 0 });
    expect(valueAt(r.state, 'Device.NAT.PortMapping.2.Enable')).toBe('false');
    expect(valueAt(r.state, 'Device.NAT.PortMapping.2.Alias')).toBe('cpe-2');
    expect(valueAt(r.state, 'Device.NAT.PortMappingNumberOfEntries')).toBe('2');
    expect(valueAt(r.state, 'Device.ManagementServer.ParameterKey')).toBe('add-1');
    // The new row is settable.
    const set = run(
      r.state,
      spv([
        { name: 'Device.NAT.PortMapping.2.ExternalPort', value: '2222', type: 'xsd:unsignedInt' },
      ]),
    );
    ok(set.response, 'SetParameterValuesResponse');
  });

  it('deletes a row and everything beneath it; numbers are not reused', () => {
    const s = run(freshDevice(), {
      name: 'DeleteObject',
      objectName: 'Device.NAT.PortMapping.1.',
      parameterKey: 'del-1',
    }).state;
    expect(valueAt(s, 'Device.NAT.PortMappingNumberOfEntries')).toBe('0');
    expect(valueAt(s, 'Device.ManagementServer.ParameterKey')).toBe('del-1');
    const gone = run(s, {
      name: 'GetParameterValues',
      parameterNames: ['Device.NAT.PortMapping.1.'],
    });
    expect(fault(gone.response).faultCode).toBe(9005);
    const again = ok(
      run(s, { name: 'AddObject', objectName: 'Device.NAT.PortMapping.', parameterKey: '' })
        .response,
      'AddObjectResponse',
    );
    expect(again.instanceNumber).toBe(2);
  });

  it('adds rows to a table that starts empty, and counts them', () => {
    const s = freshDevice();
    expect(valueAt(s, 'Device.IP.Interface.2.IPv6AddressNumberOfEntries')).toBe('0');
    const r = run(s, {
      name: 'AddObject',
      objectName: 'Device.IP.Interface.2.IPv6Address.',
      parameterKey: '',
    });
    expect(ok(r.response, 'AddObjectResponse').instanceNumber).toBe(1);
    expect(valueAt(r.state, 'Device.IP.Interface.2.IPv6AddressNumberOfEntries')).toBe('1');
    const names = ok(
      run(r.state, {
        name: 'GetParameterNames',
        parameterPath: 'Device.IP.Interface.2.IPv6Address.',
        nextLevel: true,
      }).response,
      'GetParameterNamesResponse',
    ).parameterList;
    expect(names).toEqual([{ name: 'Device.IP.Interface.2.IPv6Address.1.', writable: true }]);
  });

  it('refuses rows of tables the model makes read-only (Hosts.Host)', () => {
    const s = freshDevice();
    expect(
      fault(
        run(s, { name: 'DeleteObject', objectName: 'Device.Hosts.Host.3.', parameterKey: '' })
          .response,
      ).faultCode,
    ).toBe(9005);
    expect(
      fault(
        run(s, { name: 'AddObject', objectName: 'Device.Hosts.Host.', parameterKey: '' }).response,
      ).faultCode,
    ).toBe(9005);
  });

  it('faults 9005 on bad paths', () => {
    const s = freshDevice();
    for (const objectName of [
      'Device.NAT.PortMapping.1.',
      'Device.Nope.',
      'Device.DeviceInfo.',
      'Device.NAT.PortMapping',
    ]) {
      expect(
        fault(run(s, { name: 'AddObject', objectName, parameterKey: '' }).response).faultCode,
      ).toBe(9005);
    }
    for (const objectName of [
      'Device.NAT.PortMapping.7.',
      'Device.NAT.PortMapping.',
      'Device.DeviceInfo.',
      'Device.WiFi.Radio.1.',
    ]) {
      expect(
        fault(run(s, { name: 'DeleteObject', objectName, parameterKey: '' }).response).faultCode,
      ).toBe(9005);
    }
  });
});

describe('Reboot, FactoryReset, ScheduleInform', () => {
  it('ask for their effect after the session', () => {
    expect(run(freshDevice(), { name: 'Reboot', commandKey: 'rb-1' }).effects).toEqual([
      { kind: 'reboot', commandKey: 'rb-1' },
    ]);
    expect(run(freshDevice(), { name: 'FactoryReset' }).effects).toEqual([
      { kind: 'factoryReset' },
    ]);
    expect(
      run(freshDevice(), { name: 'ScheduleInform', delaySeconds: 5, commandKey: 'si' }).effects,
    ).toEqual([{ kind: 'scheduleInform', delaySeconds: 5, commandKey: 'si' }]);
    expect(
      fault(
        run(freshDevice(), { name: 'ScheduleInform', delaySeconds: 0, commandKey: '' }).response,
      ).faultCode,
    ).toBe(9003);
  });
});

describe('transfers', () => {
  const download: CpeMethodRequest = {
    name: 'Download',
    commandKey: 'fw-1',
    fileType: '1 Firmware Upgrade Image',
    url: 'http://files/fw.bin',
    username: '',
    password: '',
    fileSize: 100,
    targetFileName: 'fw.bin',
    delaySeconds: 0,
    successURL: '',
    failureURL: '',
  };

  it('Download answers status 1 and queues the transfer', () => {
    const r = run(freshDevice(), download);
    expect(ok(r.response, 'DownloadResponse')).toMatchObject({ status: 1 });
    expect(r.effects).toEqual([{ kind: 'transfer', transferId: 1 }]);
    const q = ok(
      run(r.state, { name: 'GetQueuedTransfers' }).response,
      'GetQueuedTransfersResponse',
    );
    expect(q.transferList).toEqual([{ commandKey: 'fw-1', state: 1 }]);
    const all = ok(
      run(r.state, { name: 'GetAllQueuedTransfers' }).response,
      'GetAllQueuedTransfersResponse',
    );
    expect(all.transferList[0]).toMatchObject({
      isDownload: true,
      fileType: '1 Firmware Upgrade Image',
      fileSize: 100,
    });
  });

  it('CancelTransfer removes a transfer that has not started, faults otherwise', () => {
    const s = run(freshDevice(), download).state;
    const c = run(s, { name: 'CancelTransfer', commandKey: 'fw-1' });
    ok(c.response, 'CancelTransferResponse');
    expect(c.state.transfers).toEqual([]);
    expect(fault(run(s, { name: 'CancelTransfer', commandKey: 'nope' }).response).faultCode).toBe(
      9003,
    );
    const started = { ...s, transfers: s.transfers.map((t) => ({ ...t, state: 2 as const })) };
    expect(
      fault(run(started, { name: 'CancelTransfer', commandKey: 'fw-1' }).response).faultCode,
    ).toBe(9021);
  });

  it('Upload and ScheduleDownload queue too; ftp URLs fault 9013', () => {
    const up = run(freshDevice(), {
      name: 'Upload',
      commandKey: 'up',
      fileType: '1 Vendor Configuration File',
      url: 'http://files/up',
      username: '',
      password: '',
      delaySeconds: 0,
    });
    expect(ok(up.response, 'UploadResponse').status).toBe(1);
    expect(up.state.transfers[0]?.isDownload).toBe(false);
    const sd = run(freshDevice(), {
      name: 'ScheduleDownload',
      commandKey: 'sd',
      fileType: '1 Firmware Upgrade Image',
      url: 'http://files/fw',
      username: '',
      password: '',
      fileSize: 1,
      targetFileName: '',
      timeWindowList: [
        {
          windowStart: 10,
          windowEnd: 100,
          windowMode: '1 At Any Time',
          userMessage: '',
          maxRetries: 0,
        },
      ],
    });
    ok(sd.response, 'ScheduleDownloadResponse');
    expect(sd.state.transfers[0]).toMatchObject({ delaySeconds: 10, method: 'ScheduleDownload' });
    expect(
      fault(run(freshDevice(), { ...download, url: 'ftp://files/fw' }).response).faultCode,
    ).toBe(9013);
  });
});

describe('ChangeDUState, SetVouchers, GetOptions', () => {
  it('answer minimally', () => {
    const du = run(freshDevice(), {
      name: 'ChangeDUState',
      commandKey: 'du',
      operations: [{ op: 'Uninstall', uuid: 'u', version: '', executionEnvRef: '' }],
    });
    ok(du.response, 'ChangeDUStateResponse');
    expect(du.effects[0]).toMatchObject({ kind: 'duStateChange', commandKey: 'du' });
    ok(
      run(freshDevice(), { name: 'SetVouchers', voucherList: ['AAAA'] }).response,
      'SetVouchersResponse',
    );
    expect(
      ok(run(freshDevice(), { name: 'GetOptions', optionName: '' }).response, 'GetOptionsResponse')
        .optionList,
    ).toEqual([]);
  });
});

describe('Inform', () => {
  it('adds the changed parameters with notification to the list (4 VALUE CHANGE)', () => {
    const s = freshDevice();
    const events = [{ eventCode: '4 VALUE CHANGE', commandKey: '' }];
    const inform = buildInform(s, events, NOW, 0, [
      'Device.WiFi.Radio.1.Channel',
      'Device.WiFi.SSID.1.Enable',
    ]);
    const names = inform.parameterList.map((p) => p.name);
    // Channel is a forced parameter already: listed once.
    expect(names.filter((n) => n === 'Device.WiFi.Radio.1.Channel')).toHaveLength(1);
    expect(names.at(-1)).toBe('Device.WiFi.SSID.1.Enable');
  });

  it('carries the forced inform parameters in about 20 entries', () => {
    const s = run(freshDevice(), spv([], 'pk-9')).state;
    const inform = buildInform(s, [{ eventCode: '2 PERIODIC', commandKey: '' }], NOW, 0);
    const byName = new Map(inform.parameterList.map((p) => [p.name, p.value]));
    for (const forced of [
      'Device.RootDataModelVersion',
      'Device.DeviceInfo.HardwareVersion',
      'Device.DeviceInfo.SoftwareVersion',
      'Device.DeviceInfo.ProvisioningCode',
      'Device.ManagementServer.ParameterKey',
      'Device.ManagementServer.ConnectionRequestURL',
      'Device.IP.Interface.1.IPv4Address.1.IPAddress',
    ]) {
      expect(byName.has(forced)).toBe(true);
    }
    expect(byName.get('Device.ManagementServer.ParameterKey')).toBe('pk-9');
    expect(inform.parameterList.length).toBeGreaterThanOrEqual(18);
    expect(inform.parameterList.length).toBeLessThanOrEqual(22);
    expect(inform.deviceId).toEqual({
      manufacturer: 'Meridian',
      oui: '00D09E',
      productClass: 'SimRouter',
      serialNumber: 'SIM000001',
    });
  });
});
