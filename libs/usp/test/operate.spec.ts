import {
  OPERATE_COMMANDS,
  OperateCommandError,
  cancelOutcome,
  cwmpOperation,
  endEvent,
  diagnosticOutputArgs,
  newRequest,
  newSubscription,
  nextRequestStatus,
  operateTarget,
  operationCompleteNotifies,
  operationOutcome,
  operationResult,
  operateSearch,
  parameterCommands,
  requestEntries,
  type SubscriptionRow,
} from '../src';

const ping = operateTarget('Device.IP.Diagnostics.IPPing()');
const trace = operateTarget('Device.IP.Diagnostics.TraceRoute()');
const download = operateTarget('Device.DeviceInfo.FirmwareImage.2.Download()');

describe('operateTarget', () => {
  it('resolves each supported command with its object, name and TR-181 USP definition', () => {
    expect(download).toMatchObject({
      command: 'Device.DeviceInfo.FirmwareImage.2.Download()',
      objPath: 'Device.DeviceInfo.FirmwareImage.2.',
      commandName: 'Download()',
      operation: { kind: 'download' },
      async: true,
    });
    expect(download.definition.inputArgs).toContain('AutoActivate');
    expect(ping).toMatchObject({
      objPath: 'Device.IP.Diagnostics.',
      commandName: 'IPPing()',
      operation: { kind: 'diagnostic', diagnostic: 'ipPing' },
      async: true,
    });
    expect(operateTarget('Device.Reboot()')).toMatchObject({ async: false, objPath: 'Device.' });
    expect(operateTarget('Device.FactoryReset()')).toMatchObject({
      async: false,
      operation: { kind: 'factoryReset' },
    });
    expect(operateTarget('Device.DNS.Diagnostics.NSLookupDiagnostics()')).toMatchObject({
      objPath: 'Device.DNS.Diagnostics.',
      operation: { kind: 'diagnostic', diagnostic: 'nsLookup' },
      async: true,
    });
    expect([...OPERATE_COMMANDS.keys()]).toHaveLength(11);
  });

  it.each([
    ['Device.SelfTestDiagnostics()', 7026],
    ['Device.IP.Diagnostics.IPLayerCapacity()', 7026],
    ['Device.DeviceInfo.FirmwareImage.*.Download()', 7008],
    ['Device.Reboot', 7008],
    ['Device.WiFi.SSID.1.', 7008],
  ])('refuses %s with %d', (command, code) => {
    expect(() => operateTarget(command)).toThrow(
      expect.objectContaining({ errCode: code }) as OperateCommandError,
    );
  });
});

describe('operateSearch: a command on a wildcard or search path', () => {
  it('gives the search path of its objects and the command, for a fresh read to resolve', () => {
    expect(operateSearch('Device.IP.Interface.[Status=="Up"].Reset()')).toEqual({
      objects: 'Device.IP.Interface.[Status=="Up"].',
      commandName: 'Reset()',
    });
    expect(operateSearch('Device.LocalAgent.Request.*.Cancel()')).toEqual({
      objects: 'Device.LocalAgent.Request.*.',
      commandName: 'Cancel()',
    });
  });

  it('leaves a Command Path with instance numbers, and text that is no path, to operateTarget', () => {
    expect(operateSearch('Device.IP.Interface.1.Reset()')).toBeUndefined();
    expect(operateSearch('Device.Reboot()')).toBeUndefined();
    expect(operateSearch('Device.IP.Interface.[Status=="Up".Reset()')).toBeUndefined();
    expect(operateSearch('Device.IP.Interface.*.Reset')).toBeUndefined();
  });
});

describe('commands that were write-only boolean parameters (TR-181 2.12)', () => {
  it('are the sync commands without arguments whose parameter the CWMP model still has', () => {
    const commands = parameterCommands();
    expect(commands).toContain('Device.IP.Interface.{i}.Reset()');
    expect(commands).toContain('Device.DHCPv4.Client.{i}.Renew()');
    expect(commands).toContain('Device.WiFi.Reset()');
    // With input arguments, async, or carried out otherwise: not these.
    expect(commands).not.toContain('Device.Ethernet.WoL.SendMagicPacket()');
    expect(commands).not.toContain('Device.SelfTestDiagnostics()');
    expect(commands).not.toContain('Device.Reboot()');
  });

  it('are a SetParameterValues of the parameter to true, answered when the CPE accepted it', () => {
    const renew = operateTarget('Device.DHCPv4.Client.2.Renew()');
    expect(renew).toMatchObject({
      objPath: 'Device.DHCPv4.Client.2.',
      commandName: 'Renew()',
      operation: { kind: 'writeTrue' },
      async: false,
    });
    expect(cwmpOperation(renew, { Ignored: 'x' })).toEqual({
      ok: true,
      rpc: {
        name: 'SetParameterValues',
        parameterList: [
          { name: 'Device.DHCPv4.Client.2.Renew', value: 'true', type: 'xsd:boolean' },
        ],
        parameterKey: '',
      },
    });
  });
});

describe('cwmpOperation', () => {
  it('maps Download() to a CWMP Download of a firmware image, ignoring unknown arguments', () => {
    expect(
      cwmpOperation(download, {
        URL: 'http://files/fw.bin',
        Username: 'u',
        Password: 'p',
        FileSize: '1234',
        AutoActivate: 'true',
        Colour: 'blue',
      }),
    ).toEqual({
      ok: true,
      rpc: {
        name: 'Download',
        commandKey: '',
        fileType: '1 Firmware Upgrade Image',
        url: 'http://files/fw.bin',
        username: 'u',
        password: 'p',
        fileSize: 1234,
        targetFileName: '',
        delaySeconds: 0,
        successURL: '',
        failureURL: '',
      },
    });
  });

  it.each([
    [{}, /URL is required/],
    [{ URL: 'fw.bin' }, /not a URL/],
    [{ URL: 'http://f/x', AutoActivate: 'false' }, /AutoActivate false cannot be honoured/],
    [{ URL: 'http://f/x', CheckSum: 'ab12' }, /CheckSum cannot be honoured/],
    [{ URL: 'http://f/x', FileSize: '-1' }, /FileSize "-1"/],
  ])('refuses Download() arguments %j with 7027', (args, reason) => {
    const result = cwmpOperation(download, args);
    expect(result).toMatchObject({ ok: false, errCode: 7027 });
    expect(!result.ok && result.errMsg).toMatch(reason);
  });

  it('maps IPPing() arguments to a typed diagnostic request on the TR-181 names', () => {
    expect(
      cwmpOperation(
        ping,
        { Host: '127.0.0.1', NumberOfRepetitions: '3', DSCP: '0', Unknown: 'x' },
        { diagnosticTimeoutMs: 30_000 },
      ),
    ).toEqual({
      ok: true,
      diagnostic: {
        kind: 'ipPing',
        inputs: { Host: '127.0.0.1', NumberOfRepetitions: 3, DSCP: 0 },
        timeoutMs: 30_000,
      },
    });
    expect(
      cwmpOperation(operateTarget('Device.IP.Diagnostics.UploadDiagnostics()'), {
        UploadURL: 'http://f/up',
        TestFileLength: '1000',
        EnablePerConnectionResults: '1',
      }),
    ).toMatchObject({ ok: true, diagnostic: { inputs: { EnablePerConnectionResults: true } } });
  });

  it.each([
    [{}, 'Host is required'],
    [{ Host: 'h', NumberOfRepetitions: 'three' }, 'NumberOfRepetitions "three" is not an integer'],
    [{ Host: 'h', NumberOfRepetitions: '0' }, 'NumberOfRepetitions'],
  ])('refuses IPPing() arguments %j with 7027 naming the argument', (args, reason) => {
    const result = cwmpOperation(ping, args);
    expect(result).toMatchObject({ ok: false, errCode: 7027 });
    expect(!result.ok && result.errMsg).toContain(reason);
  });

  it('makes Reboot() and FactoryReset() their CWMP RPCs', () => {
    expect(cwmpOperation(operateTarget('Device.Reboot()'), {})).toEqual({
      ok: true,
      rpc: { name: 'Reboot', commandKey: '' },
    });
    expect(cwmpOperation(operateTarget('Device.FactoryReset()'), {})).toEqual({
      ok: true,
      rpc: { name: 'FactoryReset' },
    });
  });
});

describe('the Request object', () => {
  it('goes Requested → Active → Success or Error, and an ended one does not move', () => {
    expect(nextRequestStatus('Requested', 'queued')).toBe('Active');
    expect(nextRequestStatus('Active', 'succeeded')).toBe('Success');
    expect(nextRequestStatus('Active', 'failed')).toBe('Error');
    // The end heard before "queued" was recorded.
    expect(nextRequestStatus('Requested', 'succeeded')).toBe('Success');
    expect(nextRequestStatus('Active', 'queued')).toBeUndefined();
    expect(nextRequestStatus('Success', 'failed')).toBeUndefined();
    expect(nextRequestStatus('Error', 'queued')).toBeUndefined();
  });

  it('goes Requested or Active → Canceling → Canceled when Cancel() withdrew its command', () => {
    expect(nextRequestStatus('Requested', 'cancelling')).toBe('Canceling');
    expect(nextRequestStatus('Active', 'cancelling')).toBe('Canceling');
    expect(nextRequestStatus('Canceling', 'cancelling')).toBeUndefined();
    expect(nextRequestStatus('Canceling', 'queued')).toBeUndefined();
    expect(nextRequestStatus('Canceling', 'cancelled')).toBe('Canceled');
    expect(nextRequestStatus('Canceled', 'failed')).toBeUndefined();
    expect(nextRequestStatus('Success', 'cancelling')).toBeUndefined();
    expect(endEvent({ ok: false, errCode: 7023, errMsg: '' })).toBe('cancelled');
    expect(endEvent({ ok: false, errCode: 7022, errMsg: '' })).toBe('failed');
    expect(endEvent({ ok: true, outputArgs: {} })).toBe('succeeded');
  });

  it('has the TR-181 parameters, listed under Device.LocalAgent.Request.{i}.', () => {
    const params = newRequest(4, ping, 'key-1', 'proto::ctrl');
    expect(params).toEqual({
      Alias: 'cpe-4',
      Originator: 'proto::ctrl',
      Command: 'Device.IP.Diagnostics.IPPing()',
      CommandKey: 'key-1',
      Status: 'Requested',
    });
    expect(requestEntries([{ instance: 4, params }])).toContainEqual({
      name: 'Device.LocalAgent.Request.4.Status',
      value: 'Requested',
      type: 'string',
    });
  });
});

describe('operationOutcome', () => {
  const pingResult = {
    kind: 'ipPing' as const,
    diagnosticsState: 'Complete',
    results: {
      SuccessCount: 3,
      FailureCount: 0,
      AverageResponseTime: 1,
      IPAddressUsed: '127.0.0.1',
      NotAnOutput: 'x',
    },
  };

  it('gives a diagnostic result as the output arguments of the USP model', () => {
    expect(
      operationOutcome(ping, {
        source: 'result',
        outcome: 'done',
        diagnosticResult: pingResult,
      }),
    ).toEqual({
      ok: true,
      outputArgs: {
        Status: 'Complete',
        SuccessCount: '3',
        FailureCount: '0',
        AverageResponseTime: '1',
        IPAddressUsed: '127.0.0.1',
      },
    });
  });

  it('flattens table rows and lists (TraceRoute RouteHops)', () => {
    expect(
      diagnosticOutputArgs(
        {
          kind: 'traceRoute',
          diagnosticsState: 'Complete',
          results: {
            ResponseTime: 12,
            RouteHops: [
              { Host: 'gw', HostAddress: '10.0.0.1', ErrorCode: 0, RTTimes: [1, 2, 3] },
              { Host: 'dst', HostAddress: '10.0.0.9', ErrorCode: 0, RTTimes: [4] },
            ],
          },
        },
        trace.definition,
      ),
    ).toEqual({
      Status: 'Complete',
      ResponseTime: '12',
      'RouteHops.1.Host': 'gw',
      'RouteHops.1.HostAddress': '10.0.0.1',
      'RouteHops.1.ErrorCode': '0',
      'RouteHops.1.RTTimes': '1,2,3',
      'RouteHops.2.Host': 'dst',
      'RouteHops.2.HostAddress': '10.0.0.9',
      'RouteHops.2.ErrorCode': '0',
      'RouteHops.2.RTTimes': '4',
    });
  });

  it('gives NSLookupDiagnostics() its Result rows and ServerSelectionDiagnostics() its fastest host', () => {
    const lookup = operateTarget('Device.DNS.Diagnostics.NSLookupDiagnostics()');
    expect(
      cwmpOperation(lookup, { HostName: 'acs.example.net', NumberOfRepetitions: '2' }),
    ).toEqual({
      ok: true,
      diagnostic: {
        kind: 'nsLookup',
        inputs: { HostName: 'acs.example.net', NumberOfRepetitions: 2 },
      },
    });
    expect(
      diagnosticOutputArgs(
        {
          kind: 'nsLookup',
          diagnosticsState: 'Complete',
          results: {
            SuccessCount: 1,
            Result: [
              {
                Status: 'Success',
                AnswerType: 'Authoritative',
                HostNameReturned: 'acs.example.net',
                IPAddresses: ['192.0.2.7', '192.0.2.8'],
                DNSServerIP: '192.0.2.53',
                ResponseTime: 4,
              },
            ],
          },
        },
        lookup.definition,
      ),
    ).toEqual({
      Status: 'Complete',
      SuccessCount: '1',
      'Result.1.Status': 'Success',
      'Result.1.AnswerType': 'Authoritative',
      'Result.1.HostNameReturned': 'acs.example.net',
      'Result.1.IPAddresses': '192.0.2.7,192.0.2.8',
      'Result.1.DNSServerIP': '192.0.2.53',
      'Result.1.ResponseTime': '4',
    });
    const selection = operateTarget('Device.IP.Diagnostics.ServerSelectionDiagnostics()');
    expect(cwmpOperation(selection, {})).toMatchObject({ ok: false, errCode: 7027 });
    expect(
      diagnosticOutputArgs(
        {
          kind: 'serverSelection',
          diagnosticsState: 'Complete',
          results: { FastestHost: 'b.example.net', MinimumResponseTime: 3 },
        },
        selection.definition,
      ),
    ).toEqual({ Status: 'Complete', FastestHost: 'b.example.net', MinimumResponseTime: '3' });
  });

  it('completes a diagnostic the CPE ended in an Error_ state with that Status', () => {
    expect(
      operationOutcome(ping, {
        source: 'result',
        outcome: 'fault',
        fault: { faultCode: 8800, faultString: 'Error_CannotResolveHostName' },
        diagnosticResult: {
          kind: 'ipPing',
          diagnosticsState: 'Error_CannotResolveHostName',
          results: {},
        },
      }),
    ).toEqual({ ok: true, outputArgs: { Status: 'Error_CannotResolveHostName' } });
  });

  it('fails on a CWMP fault (the fault table), an expiry (7003), a refusal (7027)', () => {
    expect(
      operationOutcome(ping, {
        source: 'result',
        outcome: 'fault',
        fault: { faultCode: 9007, faultString: 'Invalid parameter value' },
      }),
    ).toEqual({ ok: false, errCode: 7012, errMsg: 'CWMP fault 9007: Invalid parameter value' });
    expect(
      operationOutcome(ping, { source: 'result', outcome: 'expired', reason: 'not delivered' }),
    ).toMatchObject({ ok: false, errCode: 7003, errMsg: expect.stringContaining('not delivered') });
    expect(
      operationOutcome(ping, { source: 'result', outcome: 'rejected', reason: 'bad' }),
    ).toMatchObject({ ok: false, errCode: 7027 });
  });

  it('fails a Request past its deadline with 7022, and one canceled before it reached the CPE with 7023', () => {
    expect(operationOutcome(download, { source: 'deadline', timeoutMs: 3_600_000 })).toEqual({
      ok: false,
      errCode: 7022,
      errMsg:
        'the CPE did not report the end of the operation within 3600000 ms; it is taken as failed',
    });
    expect(operationOutcome(ping, { source: 'result', outcome: 'cancelled' })).toMatchObject({
      ok: false,
      errCode: 7023,
    });
  });

  it('waits for the TransferComplete of a Download the CPE completes later', () => {
    expect(
      operationOutcome(download, { source: 'result', outcome: 'done', downloadStatus: 1 }),
    ).toBeUndefined();
    expect(
      operationOutcome(download, { source: 'result', outcome: 'done', downloadStatus: 0 }),
    ).toEqual({ ok: true, outputArgs: {} });
    expect(
      operationOutcome(download, {
        source: 'transferComplete',
        fault: { faultCode: 0, faultString: '' },
      }),
    ).toEqual({ ok: true, outputArgs: {} });
    expect(
      operationOutcome(download, {
        source: 'transferComplete',
        fault: { faultCode: 9018, faultString: 'file corrupted' },
      }),
    ).toEqual({ ok: false, errCode: 7022, errMsg: 'CWMP fault 9018: file corrupted' });
  });

  it('answers a sync command with req_output_args or cmd_failure', () => {
    expect(operationResult('Device.Reboot()', { ok: true, outputArgs: {} })).toEqual({
      executedCommand: 'Device.Reboot()',
      reqOutputArgs: { outputArgs: {} },
    });
    expect(
      operationResult('Device.FactoryReset()', { ok: false, errCode: 7022, errMsg: 'no' }),
    ).toEqual({
      executedCommand: 'Device.FactoryReset()',
      cmdFailure: { errCode: 7022, errMsg: 'no' },
    });
  });
});

describe('Device.LocalAgent.Request.{i}.Cancel()', () => {
  it('is a sync command of the Request instance it names, with no CWMP RPC of its own', () => {
    const cancel = operateTarget('Device.LocalAgent.Request.12.Cancel()');
    expect(cancel).toMatchObject({
      objPath: 'Device.LocalAgent.Request.12.',
      commandName: 'Cancel()',
      operation: { kind: 'cancel' },
      async: false,
    });
    expect(cwmpOperation(cancel, {})).toEqual({ ok: true, cancel: 12 });
    expect(() => operateTarget('Device.LocalAgent.Request.*.Cancel()')).toThrow(
      expect.objectContaining({ errCode: 7008 }),
    );
  });

  it('succeeds when the command was withdrawn, else fails with 7022 and the Request goes on', () => {
    expect(cancelOutcome('Device.LocalAgent.Request.1.', 'cancelled')).toEqual({
      ok: true,
      outputArgs: {},
    });
    expect(cancelOutcome('Device.LocalAgent.Request.1.', 'sent')).toEqual({
      ok: false,
      errCode: 7022,
      errMsg:
        'Device.LocalAgent.Request.1. cannot be canceled: its CWMP command was sent to the CPE, the operation goes on to its end',
    });
    expect(cancelOutcome('Device.LocalAgent.Request.1.', 'finished')).toMatchObject({
      errCode: 7022,
    });
  });
});

describe('operationCompleteNotifies', () => {
  const sub = (instance: number, params: Record<string, string>): SubscriptionRow => ({
    instance,
    params: {
      Enable: 'true',
      Recipient: 'proto::ctrl',
      NotifRetry: 'true',
      NotifType: 'OperationComplete',
      ...params,
    },
  });

  it('notifies the OperationComplete subscriptions whose ReferenceList names the command', () => {
    const rows = [
      sub(1, { ID: 'exact', ReferenceList: 'Device.IP.Diagnostics.IPPing()' }),
      sub(2, { ID: 'object', ReferenceList: 'Device.IP.Diagnostics.' }),
      sub(3, { ID: 'other', ReferenceList: 'Device.IP.Diagnostics.TraceRoute()' }),
      sub(4, { ID: 'disabled', Enable: 'false', ReferenceList: 'Device.' }),
      sub(5, { ID: 'event', NotifType: 'Event', ReferenceList: 'Device.' }),
    ];
    const notifies = operationCompleteNotifies(rows, ping, 'k1', {
      ok: true,
      outputArgs: { Status: 'Complete' },
    });
    expect(notifies.map((n) => n.notify.subscriptionId)).toEqual(['exact', 'object']);
    expect(notifies[0]).toEqual({
      instance: 1,
      recipient: 'proto::ctrl',
      notify: {
        subscriptionId: 'exact',
        sendResp: true,
        operComplete: {
          objPath: 'Device.IP.Diagnostics.',
          commandName: 'IPPing()',
          commandKey: 'k1',
          reqOutputArgs: { outputArgs: { Status: 'Complete' } },
        },
      },
    });
  });

  it('carries a failure as cmd_failure, and matches instance wildcards', () => {
    const [notify] = operationCompleteNotifies(
      [sub(1, { ID: 'fw', ReferenceList: 'Device.DeviceInfo.FirmwareImage.*.Download()' })],
      download,
      'fw-1',
      { ok: false, errCode: 7022, errMsg: 'CWMP fault 9018: file corrupted' },
    );
    expect(notify?.notify.operComplete).toEqual({
      objPath: 'Device.DeviceInfo.FirmwareImage.2.',
      commandName: 'Download()',
      commandKey: 'fw-1',
      cmdFailure: { errCode: 7022, errMsg: 'CWMP fault 9018: file corrupted' },
    });
  });

  it('is a NotifType a Controller may subscribe to', () => {
    const { params } = newSubscription(
      1,
      [{ param: 'NotifType', value: 'OperationComplete', required: true }],
      'proto::ctrl',
      new Date(0),
    );
    expect(params.NotifType).toBe('OperationComplete');
  });
});
