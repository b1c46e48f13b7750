import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { Simulator, SimulatorOptions } from '@meridian/cpe-sim';
import { STORE, type Store } from '@meridian/store';
import {
  eventually,
  startFileServer,
  subscriptionAdd,
  uspMqttSetup,
  type UspTestController,
  type FileServer,
} from '@meridian/testing';
import { endpointIdOf, usp } from '@meridian/usp';
import { startAllInOne, simulatorsOf, type AllInOne } from './all-in-one';

/**
 * USP Operate through the all-in-one's translator over the shared Mosquitto: the project's test
 * Controller (MQTT 5) runs commands on a simulated CWMP router. Async commands answer a
 * Device.LocalAgent.Request.{i}. at once and end with Notify OperationComplete to the
 * Controller's OperationComplete subscription, with what the CPE reported.
 */
jest.setTimeout(60_000);

const Resp = usp.GetSupportedDMResp;

describe('USP Operate on a translated CWMP device (MQTT)', () => {
  const mqtt = uspMqttSetup();
  let allInOne: AllInOne;
  let store: Store;
  let sim: Simulator;
  let files: FileServer;
  let v5: UspTestController;
  const serialNumber = 'UOP000001';
  const deviceId = `00D09E-SimRouter-${serialNumber}`;
  const agent = endpointIdOf({ oui: '00D09E', productClass: 'SimRouter', serialNumber });

  const operationCompletes = (commandKey: string) =>
    v5.received
      .map((r) => r.msg?.body?.request?.notify)
      .filter((n) => n?.operComplete?.commandKey === commandKey);

  const operate = (
    command: string,
    commandKey: string,
    inputArgs: Record<string, string> = {},
    to = agent,
  ) => v5.request(to, { operate: { command, commandKey, sendResp: true, inputArgs } });

  /** One more simulated router (its own serial prefix), registered, with the "ops" subscription. */
  const router = async (serialPrefix: string, options: Partial<SimulatorOptions> = {}) => {
    const more = await simulatorsOf(allInOne.meridian, { serialPrefix, ...options });
    others.push(more);
    await more.booted;
    const serial = `${serialPrefix}000001`;
    await eventually(
      async () => (await store.devices.get(`00D09E-SimRouter-${serial}`)) !== null,
      20_000,
    );
    const id = endpointIdOf({ oui: '00D09E', productClass: 'SimRouter', serialNumber: serial });
    const added = await v5.request(
      id,
      subscriptionAdd({ id: 'ops', notifType: 'OperationComplete', referenceList: 'Device.IP.' }),
    );
    expect(added.msg?.body?.response?.addResp?.createdObjResults).toHaveLength(1);
    return { sim: more, deviceId: `00D09E-SimRouter-${serial}`, agent: id };
  };
  const others: Simulator[] = [];

  beforeAll(async () => {
    files = await startFileServer({
      '/fw-9.9.bin': `meridian-sim-firmware 9.9\n${'\0'.repeat(1000)}`,
      '/broken.bin': 'not an image\n',
    });
    allInOne = await startAllInOne('usp-operate', {
      MERIDIAN_LOG_LEVEL: 'error',
      ...mqtt.agentEnv,
      MERIDIAN_USP_CWMP_TIMEOUT_MS: '5000',
    });
    store = allInOne.meridian.app.get<Store>(STORE);
    sim = await simulatorsOf(allInOne.meridian, { serialPrefix: 'UOP', rebootDelayMs: 300 });
    await sim.booted;
    await eventually(async () => (await store.devices.get(deviceId)) !== null, 20_000);
    v5 = await mqtt.controller();
    const added = await v5.request(
      agent,
      subscriptionAdd({
        id: 'ops',
        notifType: 'OperationComplete',
        referenceList:
          'Device.IP.Diagnostics.,Device.DeviceInfo.FirmwareImage.*.Download(),Device.Reboot()',
      }),
    );
    expect(added.msg?.body?.response?.addResp?.createdObjResults).toHaveLength(1);
  });

  afterAll(async () => {
    await mqtt.close();
    for (const other of others) await other.stop();
    await sim?.stop();
    await allInOne?.close();
    await files?.close();
  });

  it('IPPing() answers its Request instance and ends in OperationComplete with the ping results', async () => {
    const answer = await operate('Device.IP.Diagnostics.IPPing()', 'ping-1', {
      Host: '127.0.0.1',
      NumberOfRepetitions: '2',
      Timeout: '1000',
    });
    const [result] = answer.msg?.body?.response?.operateResp?.operationResults ?? [];
    expect(result?.executedCommand).toBe('Device.IP.Diagnostics.IPPing()');
    const requestPath = result?.reqObjPath ?? '';
    expect(requestPath).toMatch(/^Device\.LocalAgent\.Request\.\d+\.$/);

    // The Request is listed by GetInstances and readable with Get while the CPE runs the test.
    const instances = await v5.request(agent, {
      getInstances: { objPaths: ['Device.LocalAgent.Request.'], firstLevelOnly: true },
    });
    expect(
      instances.msg?.body?.response?.getInstancesResp?.reqPathResults?.[0]?.currInsts?.map(
        (i) => i.instantiatedObjPath,
      ),
    ).toEqual([requestPath]);
    const read = await v5.request(agent, { get: { paramPaths: [requestPath] } });
    expect(
      read.msg?.body?.response?.getResp?.reqPathResults?.[0]?.resolvedPathResults?.[0],
    ).toEqual({
      resolvedPath: requestPath,
      resultParams: expect.objectContaining({
        Command: 'Device.IP.Diagnostics.IPPing()',
        CommandKey: 'ping-1',
        Originator: v5.options.endpointId,
        Status: 'Active',
      }),
    });

    await eventually(() => operationCompletes('ping-1').length > 0, 30_000);
    const [notify] = operationCompletes('ping-1');
    expect(notify).toMatchObject({
      subscriptionId: 'ops',
      operComplete: {
        objPath: 'Device.IP.Diagnostics.',
        commandName: 'IPPing()',
        commandKey: 'ping-1',
        reqOutputArgs: {
          outputArgs: expect.objectContaining({
            Status: 'Complete',
            SuccessCount: '2',
            FailureCount: '0',
          }),
        },
      },
    });
    const args = notify?.operComplete?.reqOutputArgs?.outputArgs ?? {};
    expect(Number(args.AverageResponseTime)).toBeGreaterThanOrEqual(0);
    // R-OPR.0: the Request is removed once the operation is complete.
    expect(await store.uspRequests.list(deviceId)).toEqual([]);
    const after = await v5.request(agent, {
      get: { paramPaths: ['Device.LocalAgent.Request.'] },
    });
    expect(
      after.msg?.body?.response?.getResp?.reqPathResults?.[0]?.resolvedPathResults ?? [],
    ).toEqual([]);
  });

  it('send_resp false: no OperateResp, the OperationComplete still comes', async () => {
    const msgId = `msg-${randomBytes(6).toString('hex')}`;
    const marker = v5.received.length;
    await v5.send(
      v5.record(agent, msgId, {
        operate: {
          command: 'Device.IP.Diagnostics.TraceRoute()',
          commandKey: 'trace-silent',
          sendResp: false,
          inputArgs: { Host: '127.0.0.1', NumberOfTries: '1' },
        },
      }),
    );
    await eventually(() => operationCompletes('trace-silent').length > 0, 30_000);
    expect(operationCompletes('trace-silent')[0]?.operComplete).toMatchObject({
      commandName: 'TraceRoute()',
      reqOutputArgs: {
        outputArgs: expect.objectContaining({ Status: 'Complete', 'RouteHops.1.ErrorCode': '0' }),
      },
    });
    expect(v5.received.slice(marker).some((r) => r.msg?.header?.msgId === msgId)).toBe(false);
  });

  it('Request.{i}.Cancel() before the command reached the CPE: answered, then OperationComplete 7023', async () => {
    const offline = await router('UOX');
    // Off: the connection request finds nobody, the IPPing stays in the gateway's queue.
    await offline.sim.stop();
    const answer = await operate(
      'Device.IP.Diagnostics.IPPing()',
      'ping-canceled',
      { Host: '127.0.0.1' },
      offline.agent,
    );
    const requestPath =
      answer.msg?.body?.response?.operateResp?.operationResults?.[0]?.reqObjPath ?? '';
    expect(requestPath).toMatch(/^Device\.LocalAgent\.Request\.\d+\.$/);
    // The Agent's own table: Delete cannot end a Request.
    const deleted = await v5.request(offline.agent, {
      delete: { allowPartial: false, objPaths: [requestPath] },
    });
    expect(deleted.msg?.body?.error?.errCode).toBe(7024);

    // Every Request of the device, by wildcard: this one.
    const cancel = await operate(
      'Device.LocalAgent.Request.*.Cancel()',
      'cancel-1',
      {},
      offline.agent,
    );
    expect(cancel.msg?.body?.response?.operateResp?.operationResults).toEqual([
      { executedCommand: `${requestPath}Cancel()`, reqOutputArgs: { outputArgs: {} } },
    ]);
    await eventually(() => operationCompletes('ping-canceled').length > 0, 10_000);
    expect(operationCompletes('ping-canceled')).toEqual([
      expect.objectContaining({
        operComplete: {
          objPath: 'Device.IP.Diagnostics.',
          commandName: 'IPPing()',
          commandKey: 'ping-canceled',
          cmdFailure: {
            errCode: 7023,
            errMsg: 'canceled before its CWMP command reached the CPE',
          },
        },
      }),
    ]);
    expect(await store.uspRequests.list(offline.deviceId)).toEqual([]);
    // The Request is gone: a second Cancel() names nothing.
    const again = await operate(`${requestPath}Cancel()`, 'cancel-2', {}, offline.agent);
    expect(again.msg?.body?.error?.errCode).toBe(7016);
  });

  it('Request.{i}.Cancel() once the command was sent: 7022, and the Request goes on to its end', async () => {
    // The CPE reports its ping 3 s after running it: the command stays sent, awaited, till then.
    const slow = await router('UOY', { diagnostics: { delayMs: 3_000 } });
    const answer = await operate(
      'Device.IP.Diagnostics.IPPing()',
      'ping-sent',
      { Host: '127.0.0.1', NumberOfRepetitions: '1' },
      slow.agent,
    );
    const requestPath =
      answer.msg?.body?.response?.operateResp?.operationResults?.[0]?.reqObjPath ?? '';
    const cpe = slow.sim.devices[0]!;
    // Set by the SetParameterValues that carried the command: sent, the test under way.
    await eventually(
      () => cpe.state.values.get('Device.IP.Diagnostics.IPPing.DiagnosticsState') === 'Requested',
      10_000,
    );

    const cancel = await operate(`${requestPath}Cancel()`, 'cancel-3', {}, slow.agent);
    expect(cancel.msg?.body?.response?.operateResp?.operationResults).toEqual([
      {
        executedCommand: `${requestPath}Cancel()`,
        cmdFailure: {
          errCode: 7022,
          errMsg: `${requestPath} cannot be canceled: its CWMP command was sent to the CPE, the operation goes on to its end`,
        },
      },
    ]);
    expect((await store.uspRequests.list(slow.deviceId)).map((r) => r.params.Status)).toEqual([
      'Active',
    ]);
    await eventually(() => operationCompletes('ping-sent').length > 0, 20_000);
    expect(operationCompletes('ping-sent')).toEqual([
      expect.objectContaining({
        operComplete: expect.objectContaining({
          commandKey: 'ping-sent',
          reqOutputArgs: { outputArgs: expect.objectContaining({ Status: 'Complete' }) },
        }),
      }),
    ]);
    expect(await store.uspRequests.list(slow.deviceId)).toEqual([]);
  });

  it('NSLookupDiagnostics() and ServerSelectionDiagnostics() end in OperationComplete with their results', async () => {
    const added = await v5.request(
      agent,
      subscriptionAdd({
        id: 'lookups',
        notifType: 'OperationComplete',
        referenceList: 'Device.DNS.Diagnostics.NSLookupDiagnostics()',
      }),
    );
    expect(added.msg?.body?.response?.addResp?.createdObjResults).toHaveLength(1);
    await operate('Device.DNS.Diagnostics.NSLookupDiagnostics()', 'lookup-1', {
      HostName: 'localhost',
      NumberOfRepetitions: '1',
    });
    await operate('Device.IP.Diagnostics.ServerSelectionDiagnostics()', 'select-1', {
      HostList: '127.0.0.1,localhost',
      NumberOfRepetitions: '2',
    });
    await eventually(() => operationCompletes('lookup-1').length > 0, 30_000);
    expect(operationCompletes('lookup-1')[0]).toMatchObject({
      subscriptionId: 'lookups',
      operComplete: {
        objPath: 'Device.DNS.Diagnostics.',
        commandName: 'NSLookupDiagnostics()',
        reqOutputArgs: {
          outputArgs: expect.objectContaining({
            Status: 'Complete',
            SuccessCount: '1',
            'Result.1.HostNameReturned': expect.any(String),
          }),
        },
      },
    });
    await eventually(() => operationCompletes('select-1').length > 0, 30_000);
    expect(operationCompletes('select-1')[0]?.operComplete).toMatchObject({
      objPath: 'Device.IP.Diagnostics.',
      commandName: 'ServerSelectionDiagnostics()',
      reqOutputArgs: {
        outputArgs: expect.objectContaining({
          Status: 'Complete',
          FastestHost: expect.stringMatching(/^(127\.0\.0\.1|localhost)$/),
        }),
      },
    });
  });

  it('IP.Interface.1.Reset() and WiFi.Reset() set their CWMP parameters to true', async () => {
    const sessions = sim.devices[0]!.sessions.length;
    for (const command of ['Device.IP.Interface.1.Reset()', 'Device.WiFi.Reset()']) {
      const answer = await operate(command, 'parameter-command');
      expect(answer.msg?.body?.response?.operateResp?.operationResults).toEqual([
        { executedCommand: command, reqOutputArgs: { outputArgs: {} } },
      ]);
    }
    const rpcs = sim.devices[0]!.sessions.slice(sessions).flatMap((s) => s.rpcs);
    expect(rpcs.filter((rpc) => rpc === 'SetParameterValues')).toHaveLength(2);
    expect(sim.devices[0]!.value('Device.IP.Interface.1.Reset')).toBe('true');
    expect(sim.devices[0]!.value('Device.WiFi.Reset')).toBe('true');
    // On a search path: the command of each object it matches in a fresh read (R-MSG.4a: none,
    // no result).
    const up = [...sim.devices[0]!.state.values.keys()]
      .filter((k) => /^Device\.IP\.Interface\.\d+\.Status$/.test(k))
      .filter((k) => sim.devices[0]!.value(k) === 'Up')
      .map((k) => `${k.slice(0, -'Status'.length)}Reset()`);
    expect(up.length).toBeGreaterThan(0);
    const searched = await operate('Device.IP.Interface.[Status=="Up"].Reset()', 'searched');
    expect(
      searched.msg?.body?.response?.operateResp?.operationResults?.map((r) => r.executedCommand),
    ).toEqual(up);
    const none = await operate('Device.IP.Interface.[Name=="no-such"].Reset()', 'searched');
    expect(none.msg?.body?.response?.operateResp?.operationResults).toEqual([]);
    // An instance the CPE does not have: its CWMP fault, as a cmd_failure.
    const missing = await operate('Device.DHCPv4.Client.1.Renew()', 'parameter-command');
    expect(missing.msg?.body?.response?.operateResp?.operationResults?.[0]).toMatchObject({
      executedCommand: 'Device.DHCPv4.Client.1.Renew()',
      cmdFailure: { errMsg: expect.stringContaining('9003') },
    });
  });

  it('FirmwareImage.1.Download() of a broken image ends in cmd_failure with the CWMP fault', async () => {
    const answer = await operate('Device.DeviceInfo.FirmwareImage.1.Download()', 'fw-broken', {
      URL: `${files.url}broken.bin`,
      AutoActivate: 'true',
    });
    expect(answer.msg?.body).toMatchObject({
      response: {
        operateResp: {
          operationResults: [
            { reqObjPath: expect.stringMatching(/^Device\.LocalAgent\.Request\.\d+\.$/) },
          ],
        },
      },
    });
    await eventually(() => operationCompletes('fw-broken').length > 0, 30_000);
    expect(operationCompletes('fw-broken')[0]?.operComplete).toEqual(
      expect.objectContaining({
        objPath: 'Device.DeviceInfo.FirmwareImage.1.',
        commandName: 'Download()',
        cmdFailure: { errCode: 7022, errMsg: 'CWMP fault 9018: file corrupted' },
      }),
    );
    expect(await store.uspRequests.list(deviceId)).toEqual([]);
  });

  it('FirmwareImage.1.Download() of an image installs it and ends in OperationComplete', async () => {
    const answer = await operate('Device.DeviceInfo.FirmwareImage.1.Download()', 'fw-9.9', {
      URL: `${files.url}fw-9.9.bin`,
    });
    expect(answer.msg?.body?.response?.operateResp?.operationResults?.[0]?.reqObjPath).toBeTruthy();
    await eventually(() => operationCompletes('fw-9.9').length > 0, 30_000);
    expect(operationCompletes('fw-9.9')[0]?.operComplete).toMatchObject({
      commandName: 'Download()',
      reqOutputArgs: { outputArgs: {} },
    });
    expect(sim.devices[0]!.state.values.get('Device.DeviceInfo.SoftwareVersion')).toBe('9.9');
  });

  it('refuses arguments it cannot honour (7027) and commands it does not carry out (7026)', async () => {
    const refused = await operate('Device.IP.Diagnostics.IPPing()', 'no-host');
    expect(refused.msg?.body?.response?.operateResp?.operationResults).toEqual([
      {
        executedCommand: 'Device.IP.Diagnostics.IPPing()',
        cmdFailure: { errCode: 7027, errMsg: 'Device.IP.Diagnostics.IPPing(): Host is required' },
      },
    ]);
    const unknown = await operate('Device.SelfTestDiagnostics()', 'self');
    expect(unknown.msg?.body?.error?.errCode).toBe(7026);
    expect(await store.uspRequests.list(deviceId)).toEqual([]);
  });

  it('GetSupportedDM lists the commands it carries out, with their arguments', async () => {
    const dm = await v5.request(agent, {
      getSupportedDm: {
        objPaths: [
          'Device.',
          'Device.IP.Diagnostics.',
          'Device.DNS.Diagnostics.',
          'Device.DeviceInfo.FirmwareImage.',
        ],
        returnCommands: true,
        firstLevelOnly: true,
      },
    });
    const objs = (dm.msg?.body?.response?.getSupportedDmResp?.reqObjResults ?? []).flatMap(
      (r) => r.supportedObjs ?? [],
    );
    const commands = (path: string) =>
      objs.find((o) => o.supportedObjPath === path)?.supportedCommands ?? [];
    expect(commands('Device.').map((c) => [c.commandName, c.commandType])).toEqual([
      ['Reboot()', Resp.CmdType.CMD_SYNC],
      ['FactoryReset()', Resp.CmdType.CMD_SYNC],
    ]);
    expect(commands('Device.IP.Diagnostics.').map((c) => c.commandName)).toEqual([
      'IPPing()',
      'TraceRoute()',
      'DownloadDiagnostics()',
      'UploadDiagnostics()',
      'UDPEchoDiagnostics()',
      'ServerSelectionDiagnostics()',
    ]);
    expect(commands('Device.DNS.Diagnostics.').map((c) => c.commandName)).toEqual([
      'NSLookupDiagnostics()',
    ]);
    expect(commands('Device.IP.Diagnostics.')[0]).toMatchObject({
      commandType: Resp.CmdType.CMD_ASYNC,
      inputArgNames: expect.arrayContaining(['Host', 'NumberOfRepetitions']),
      outputArgNames: expect.arrayContaining(['Status', 'SuccessCount']),
    });
    expect(commands('Device.DeviceInfo.FirmwareImage.{i}.')).toEqual([
      expect.objectContaining({
        commandName: 'Download()',
        commandType: Resp.CmdType.CMD_ASYNC,
        inputArgNames: expect.arrayContaining(['URL', 'AutoActivate']),
      }),
    ]);
  });

  it('a TR-098 device carries out Operate: IPPing() on its own IPPingDiagnostics, Reboot()', async () => {
    const igd = await router('IGD', { dataModel: 'tr-098', rebootDelayMs: 300 });
    const answer = await operate(
      'Device.IP.Diagnostics.IPPing()',
      'ping-igd',
      { Host: '127.0.0.1', NumberOfRepetitions: '1', Timeout: '1000' },
      igd.agent,
    );
    expect(answer.msg?.body?.response?.operateResp?.operationResults?.[0]?.reqObjPath).toMatch(
      /^Device\.LocalAgent\.Request\.\d+\.$/,
    );
    await eventually(() => operationCompletes('ping-igd').length > 0, 30_000);
    expect(operationCompletes('ping-igd')[0]?.operComplete).toMatchObject({
      objPath: 'Device.IP.Diagnostics.',
      commandName: 'IPPing()',
      reqOutputArgs: {
        outputArgs: expect.objectContaining({ Status: 'Complete', SuccessCount: '1' }),
      },
    });
    const device = igd.sim.devices[0]!;
    // The diagnostics ran on the TR-098 objects, the only ones the CPE has.
    expect(device.value('InternetGatewayDevice.IPPingDiagnostics.Host')).toBe('127.0.0.1');
    expect(device.value('InternetGatewayDevice.IPPingDiagnostics.SuccessCount')).toBe('1');

    const sessions = device.sessions.length;
    const reboot = await operate('Device.Reboot()', 'reboot-igd', {}, igd.agent);
    expect(reboot.msg?.body?.response?.operateResp?.operationResults).toEqual([
      { executedCommand: 'Device.Reboot()', reqOutputArgs: { outputArgs: {} } },
    ]);
    await eventually(
      () => device.sessions.slice(sessions).some((s) => s.events.includes('1 BOOT')),
      20_000,
    );
  });

  it('Reboot() is answered when accepted and ends in OperationComplete when the CPE is back', async () => {
    const answer = await operate('Device.Reboot()', 'reboot-1');
    expect(answer.msg?.body?.response?.operateResp?.operationResults).toEqual([
      { executedCommand: 'Device.Reboot()', reqOutputArgs: { outputArgs: {} } },
    ]);
    await eventually(() => operationCompletes('reboot-1').length > 0, 30_000);
    expect(operationCompletes('reboot-1')[0]?.operComplete).toMatchObject({
      objPath: 'Device.',
      commandName: 'Reboot()',
      reqOutputArgs: { outputArgs: {} },
    });
    expect(await store.uspRequests.list(deviceId)).toEqual([]);
  });

  it('FactoryReset() is answered once the CPE accepted it', async () => {
    const sessions = sim.devices[0]!.sessions.length;
    const answer = await operate('Device.FactoryReset()', 'reset-1');
    expect(answer.msg?.body?.response?.operateResp?.operationResults).toEqual([
      { executedCommand: 'Device.FactoryReset()', reqOutputArgs: { outputArgs: {} } },
    ]);
    await eventually(
      () => sim.devices[0]!.sessions.slice(sessions).some((s) => s.events.includes('0 BOOTSTRAP')),
      20_000,
    );
  });
});
