import 'reflect-metadata';
import type { Simulator } from '@meridian/cpe-sim';
import { STORE, type Store } from '@meridian/store';
import {
  eventually,
  uspMqttSetup,
  type ControllerMode,
  type UspTestController,
} from '@meridian/testing';
import { endpointIdOf, usp, usp_record } from '@meridian/usp';
import { startAllInOne, simulatorsOf, type AllInOne } from './all-in-one';

/**
 * USP Controllers (the project's own test Controller, written from TR-369) manage simulated CWMP
 * routers through the all-in-one's translator, over the shared Mosquitto: MQTT 5 with Response
 * Topic, MQTT 3.1.1 with /reply-to= and with fixed topics.
 */
jest.setTimeout(60_000);

const Resp = usp.GetSupportedDMResp;

describe('the CWMP-to-USP translator on the all-in-one (MQTT)', () => {
  const mqtt = uspMqttSetup();
  const { prefix, controllerTopic } = mqtt;
  let allInOne: AllInOne;
  let store: Store;
  const sims: Simulator[] = [];
  let agent: string;
  let deviceId: string;
  let offline: string;
  let v5: UspTestController;

  const controller = (mode: ControllerMode, replyTopic?: string) =>
    mqtt.controller({ mode, replyTopic });

  const router = async (serialPrefix: string) => {
    const sim = await simulatorsOf(allInOne.meridian, { serialPrefix });
    sims.push(sim);
    await sim.booted;
    const serialNumber = `${serialPrefix}000001`;
    return {
      sim,
      deviceId: `00D09E-SimRouter-${serialNumber}`,
      endpointId: endpointIdOf({ oui: '00D09E', productClass: 'SimRouter', serialNumber }),
    };
  };

  beforeAll(async () => {
    allInOne = await startAllInOne('usp', {
      MERIDIAN_LOG_LEVEL: 'error',
      ...mqtt.agentEnv,
      MERIDIAN_USP_CWMP_TIMEOUT_MS: '3000',
      MERIDIAN_USP_MAX_RECORD_BYTES: '4096',
    });
    store = allInOne.meridian.app.get<Store>(STORE);
    const online = await router('USP');
    agent = online.endpointId;
    deviceId = online.deviceId;
    const gone = await router('OFF');
    offline = gone.endpointId;
    await gone.sim.stop();
    // Discovery fills the parameter cache (GetInstances, GetSupportedDM and the device's model).
    await eventually(async () => {
      const cached = await store.parameters.get(deviceId, { prefix: 'Device.WiFi.SSID.' });
      return cached.some((p) => p.value !== undefined);
    }, 30_000);
    v5 = await controller('mqtt5');
  });

  afterAll(async () => {
    await mqtt.close();
    await Promise.all(sims.map((s) => s.stop()));
    await allInOne?.close();
  });

  it('answers GetSupportedProtocol over MQTT 5 with usp.msg, the Agent id and a Response Topic', async () => {
    const answer = await v5.request(agent, {
      getSupportedProtocol: { controllerSupportedProtocolVersions: '1.4' },
    });

    expect(answer.topic).toBe(`${prefix}/mqtt5`);
    expect(answer.contentType).toBe('usp.msg');
    expect(answer.userProperties).toMatchObject({ 'usp-endpoint-id': agent });
    expect(answer.record).toMatchObject({ toId: v5.options.endpointId, fromId: agent });
    expect(answer.msg?.body?.response?.getSupportedProtocolResp).toEqual({
      agentSupportedProtocolVersions: '1.0,1.1,1.2,1.3,1.4',
    });
  });

  it('reads a Get with a wildcard and with a search expression', async () => {
    const cpe = sims[0]!.devices[0]!;

    const answer = await v5.request(agent, {
      get: {
        paramPaths: ['Device.WiFi.SSID.*.SSID', 'Device.WiFi.SSID.[Alias=="cpe-ssid-2"].Name'],
      },
    });

    expect(answer.msg?.body?.response?.getResp?.reqPathResults).toEqual([
      {
        requestedPath: 'Device.WiFi.SSID.*.SSID',
        errCode: 0,
        errMsg: '',
        resolvedPathResults: [1, 2].map((i) => ({
          resolvedPath: `Device.WiFi.SSID.${i}.`,
          resultParams: { SSID: cpe.value(`Device.WiFi.SSID.${i}.SSID`) },
        })),
      },
      {
        requestedPath: 'Device.WiFi.SSID.[Alias=="cpe-ssid-2"].Name',
        errCode: 0,
        errMsg: '',
        resolvedPathResults: [
          { resolvedPath: 'Device.WiFi.SSID.2.', resultParams: { Name: 'wl1' } },
        ],
      },
    ]);
  });

  it('reads the CPE for a Get, and the cache only when the Controller says it is acceptable', async () => {
    const upTime = async (userProperties?: Record<string, string>) => {
      const answer = await v5.request(
        agent,
        { get: { paramPaths: ['Device.DeviceInfo.UpTime'] } },
        { userProperties },
      );
      const [result] = answer.msg?.body?.response?.getResp?.reqPathResults ?? [];
      return Number(result?.resolvedPathResults?.[0]?.resultParams?.UpTime);
    };
    const first = await upTime();
    await new Promise((r) => setTimeout(r, 1100));

    const fresh = await upTime();
    // Provisioning keeps the cache from every result, the translator's too.
    await eventually(async () => {
      const [cached] = await store.parameters.get(deviceId, {
        paths: ['Device.DeviceInfo.UpTime'],
      });
      return cached?.value === String(fresh);
    });
    await new Promise((r) => setTimeout(r, 1100));
    const fromCache = await upTime({ 'meridian-cache-acceptable': 'true' });

    expect(fresh).toBeGreaterThan(first);
    expect(fromCache).toBe(fresh);
  });

  it('answers an unknown path with 7026 for that path', async () => {
    const answer = await v5.request(agent, { get: { paramPaths: ['Device.NoSuchObject.Param'] } });

    expect(answer.msg?.body?.response?.getResp?.reqPathResults).toEqual([
      expect.objectContaining({ requestedPath: 'Device.NoSuchObject.Param', errCode: 7026 }),
    ]);
  });

  it('answers GetInstances with the instances and their unique keys', async () => {
    const answer = await v5.request(agent, {
      getInstances: { objPaths: ['Device.WiFi.SSID.'], firstLevelOnly: true },
    });

    const [result] = answer.msg?.body?.response?.getInstancesResp?.reqPathResults ?? [];
    expect(result).toMatchObject({ requestedPath: 'Device.WiFi.SSID.', errCode: 0 });
    expect(result?.currInsts?.map((i) => i.instantiatedObjPath)).toEqual([
      'Device.WiFi.SSID.1.',
      'Device.WiFi.SSID.2.',
    ]);
    expect(result?.currInsts?.[1]?.uniqueKeys).toMatchObject({ Alias: 'cpe-ssid-2', Name: 'wl1' });
  });

  it('answers GetSupportedDM with what the device has of the TR-181 USP model', async () => {
    const answer = await v5.request(agent, {
      getSupportedDm: { objPaths: ['Device.WiFi.SSID.'], returnParams: true, firstLevelOnly: true },
    });

    const [result] = answer.msg?.body?.response?.getSupportedDmResp?.reqObjResults ?? [];
    expect(result).toMatchObject({ reqObjPath: 'Device.WiFi.SSID.', errCode: 0 });
    const ssid = result?.supportedObjs?.find((o) => o.supportedObjPath === 'Device.WiFi.SSID.{i}.');
    expect(ssid).toMatchObject({ isMultiInstance: true });
    expect(ssid?.supportedParams?.find((p) => p.paramName === 'SSID')).toMatchObject({
      access: Resp.ParamAccessType.PARAM_READ_WRITE,
    });

    // Of the model's commands, those the translator carries out.
    const commands = await v5.request(agent, {
      getSupportedDm: { objPaths: ['Device.'], returnCommands: true, firstLevelOnly: true },
    });
    const [device] = commands.msg?.body?.response?.getSupportedDmResp?.reqObjResults ?? [];
    const root = device?.supportedObjs?.find((o) => o.supportedObjPath === 'Device.');
    expect(root?.supportedCommands?.map((c) => c.commandName)).toEqual([
      'Reboot()',
      'FactoryReset()',
    ]);
  });

  const spvCount = () =>
    sims[0]!.devices[0]!.sessions.flatMap((r) => r.rpcs).filter((n) => n === 'SetParameterValues')
      .length;
  const badChannel = {
    objPath: 'Device.WiFi.Radio.1.',
    paramSettings: [{ param: 'Status', value: 'Down', required: true }],
  };

  it('Set with allow_partial false: a failed object fails the message and the updated one is rolled back', async () => {
    const cpe = sims[0]!.devices[0]!;
    const before = cpe.value('Device.WiFi.SSID.1.SSID');
    const spvs = spvCount();

    const answer = await v5.request(agent, {
      set: {
        allowPartial: false,
        updateObjs: [
          {
            objPath: 'Device.WiFi.SSID.[Alias=="cpe-ssid-1"].',
            paramSettings: [{ param: 'SSID', value: 'usp-rolled-back', required: true }],
          },
          badChannel,
        ],
      },
    });

    expect(answer.msg?.body?.error).toMatchObject({
      errCode: 7021,
      paramErrs: [{ paramPath: 'Device.WiFi.Radio.1.Status', errCode: 7013 }],
    });
    // Set, the failed Set, the rollback: the CPE holds its old value again.
    expect(spvCount() - spvs).toBe(3);
    expect(cpe.value('Device.WiFi.SSID.1.SSID')).toBe(before);
  });

  it('Set with allow_partial true: each obj_path on its own, the failure reported in the response', async () => {
    const cpe = sims[0]!.devices[0]!;

    const answer = await v5.request(agent, {
      set: {
        allowPartial: true,
        updateObjs: [
          {
            objPath: 'Device.WiFi.SSID.1.',
            paramSettings: [
              { param: 'SSID', value: 'usp-set', required: true },
              { param: 'NoSuchParam', value: 'x' },
            ],
          },
          badChannel,
        ],
      },
    });

    expect(answer.msg?.body?.response?.setResp?.updatedObjResults).toEqual([
      {
        requestedPath: 'Device.WiFi.SSID.1.',
        operStatus: {
          operSuccess: {
            updatedInstResults: [
              {
                affectedPath: 'Device.WiFi.SSID.1.',
                updatedParams: { SSID: 'usp-set' },
                paramErrs: [expect.objectContaining({ param: 'NoSuchParam', errCode: 7010 })],
              },
            ],
          },
        },
      },
      {
        requestedPath: 'Device.WiFi.Radio.1.',
        operStatus: {
          operFailure: expect.objectContaining({
            errCode: 7021,
            updatedInstFailures: [
              {
                affectedPath: 'Device.WiFi.Radio.1.',
                paramErrs: [expect.objectContaining({ param: 'Status', errCode: 7013 })],
              },
            ],
          }),
        },
      },
    ]);
    expect(cpe.value('Device.WiFi.SSID.1.SSID')).toBe('usp-set');
  });

  const portMapping = (description: string, externalPort: string) => [
    { param: 'Description', value: description, required: true },
    { param: 'ExternalPort', value: externalPort, required: true },
    { param: 'InternalPort', value: '22' },
    { param: 'Protocol', value: 'TCP' },
    { param: 'InternalClient', value: '192.168.1.102' },
  ];
  const instancesOf = (description: string) =>
    [...sims[0]!.devices[0]!.state.values.entries()]
      .filter(
        ([k, v]) => /^Device\.NAT\.PortMapping\.\d+\.Description$/.test(k) && v === description,
      )
      .map(([k]) => k.replace(/Description$/, ''));

  it('Add creates the instance, sets param_settings and returns its unique keys', async () => {
    const answer = await v5.request(agent, {
      add: {
        allowPartial: false,
        createObjs: [
          { objPath: 'Device.NAT.PortMapping.', paramSettings: portMapping('usp-added', '2222') },
        ],
      },
    });

    const [created] = answer.msg?.body?.response?.addResp?.createdObjResults ?? [];
    const success = created?.operStatus?.operSuccess;
    expect(created?.requestedPath).toBe('Device.NAT.PortMapping.');
    expect(instancesOf('usp-added')).toEqual([success?.instantiatedPath]);
    expect(success?.uniqueKeys).toMatchObject({ ExternalPort: '2222', Protocol: 'TCP' });
    expect(sims[0]!.devices[0]!.value(`${success?.instantiatedPath}ExternalPort`)).toBe('2222');
  });

  it('Add whose required parameter fails deletes the new instance again', async () => {
    const before = [...sims[0]!.devices[0]!.state.values.keys()].filter((k) =>
      k.startsWith('Device.NAT.PortMapping.'),
    ).length;

    const answer = await v5.request(agent, {
      add: {
        allowPartial: false,
        createObjs: [
          {
            objPath: 'Device.NAT.PortMapping.',
            paramSettings: [
              ...portMapping('usp-failed', '2223'),
              { param: 'Status', value: 'Enabled', required: true },
            ],
          },
        ],
      },
    });

    expect(answer.msg?.body?.error).toMatchObject({
      errCode: 7021,
      paramErrs: [expect.objectContaining({ errCode: 7013 })],
    });
    expect(instancesOf('usp-failed')).toEqual([]);
    const after = [...sims[0]!.devices[0]!.state.values.keys()].filter((k) =>
      k.startsWith('Device.NAT.PortMapping.'),
    ).length;
    expect(after).toBe(before);
  });

  it('Add on a search path creates an instance in the table of each object it matches (R-ADD.2a)', async () => {
    const cpe = sims[0]!.devices[0]!;
    const up = [...cpe.state.values.keys()]
      .filter((k) => /^Device\.IP\.Interface\.\d+\.Status$/.test(k) && cpe.value(k) === 'Up')
      .map((k) => k.slice(0, -'Status'.length));
    expect(up.length).toBeGreaterThan(0);
    const answer = await v5.request(agent, {
      add: {
        allowPartial: false,
        createObjs: [
          {
            objPath: 'Device.IP.Interface.[Status=="Up"].IPv4Address.',
            paramSettings: [{ param: 'IPAddress', value: '192.0.2.99', required: true }],
          },
          {
            objPath: 'Device.IP.Interface.[Name=="no-such-interface"].IPv4Address.',
            paramSettings: [],
          },
        ],
      },
    });
    const results = answer.msg?.body?.response?.addResp?.createdObjResults ?? [];
    const created = results
      .filter((r) => r.requestedPath === 'Device.IP.Interface.[Status=="Up"].IPv4Address.')
      .map((r) => r.operStatus?.operSuccess?.instantiatedPath ?? '');
    expect(created).toHaveLength(up.length);
    for (const [i, path] of created.entries()) {
      expect(path.startsWith(`${up[i]}IPv4Address.`)).toBe(true);
      expect(cpe.value(`${path}IPAddress`)).toBe('192.0.2.99');
    }
    // R-MSG.4a: a search that matches nothing is a success with nothing created.
    expect(results.at(-1)).toMatchObject({
      requestedPath: 'Device.IP.Interface.[Name=="no-such-interface"].IPv4Address.',
      operStatus: { operSuccess: { instantiatedPath: '', paramErrs: [], uniqueKeys: {} } },
    });
  });

  it('Delete removes the instances a search expression matches', async () => {
    const [path] = instancesOf('usp-added');

    const answer = await v5.request(agent, {
      delete: {
        allowPartial: true,
        objPaths: [
          'Device.NAT.PortMapping.[Description=="usp-added"].',
          'Device.NAT.PortMapping.99.',
        ],
      },
    });

    expect(answer.msg?.body?.response?.deleteResp?.deletedObjResults).toEqual([
      {
        requestedPath: 'Device.NAT.PortMapping.[Description=="usp-added"].',
        operStatus: { operSuccess: { affectedPaths: [path], unaffectedPathErrs: [] } },
      },
      {
        requestedPath: 'Device.NAT.PortMapping.99.',
        operStatus: { operSuccess: { affectedPaths: [], unaffectedPathErrs: [] } },
      },
    ]);
    expect(instancesOf('usp-added')).toEqual([]);
  });

  it('carries out concurrent requests to one device in arrival order', async () => {
    const set = v5.request(agent, {
      set: {
        allowPartial: false,
        updateObjs: [
          {
            objPath: 'Device.WiFi.SSID.2.',
            paramSettings: [{ param: 'SSID', value: 'set-before-the-get', required: true }],
          },
        ],
      },
    });
    const get = v5.request(agent, { get: { paramPaths: ['Device.WiFi.SSID.2.SSID'] } });

    const [, read] = await Promise.all([set, get]);
    expect(read.msg?.body?.response?.getResp?.reqPathResults?.[0]?.resolvedPathResults).toEqual([
      { resolvedPath: 'Device.WiFi.SSID.2.', resultParams: { SSID: 'set-before-the-get' } },
    ]);
  });

  it('answers a device that cannot be reached with 7003', async () => {
    const started = Date.now();
    const answer = await v5.request(offline, { get: { paramPaths: ['Device.DeviceInfo.'] } });

    expect(answer.msg?.body?.error).toMatchObject({ errCode: 7003 });
    expect(answer.msg?.body?.error?.errMsg).toMatch(/could not be reached/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
  });

  it('answers a Record it cannot process with the Record error, ignores what it must, and goes on', async () => {
    const secured = v5.record(
      agent,
      'tls-1',
      { getSupportedProtocol: {} },
      {
        payloadSecurity: usp_record.Record.PayloadSecurity.TLS12,
      },
    );
    const tls = v5.answerTo('tls-1');
    await v5.send(secured);
    expect((await tls).msg?.body?.error).toMatchObject({ errCode: 7102 });

    const big = v5.answerTo('big-1');
    await v5.send(
      v5.record(agent, 'big-1', { get: { paramPaths: ['Device.' + 'X'.repeat(5000)] } }),
    );
    expect((await big).msg?.body?.error).toMatchObject({ errCode: 7005 });

    // Not a Record, and a Record to an Endpoint ID that is no device: ignored (R-MTP.5, R-E2E.1).
    const before = v5.received.length;
    await v5.send(new Uint8Array([0xff, 0xff, 0xff, 0x01]));
    await v5.send(
      v5.record('ops::00D09E-SimRouter-NOSUCH1', 'lost-1', { getSupportedProtocol: {} }),
    );
    const after = await v5.request(agent, { getSupportedProtocol: {} });
    expect(after.msg?.body?.response?.getSupportedProtocolResp).toBeDefined();
    expect(v5.received.slice(before).map((r) => r.msg?.header?.msgId)).toEqual([
      after.msg?.header?.msgId,
    ]);

    // What an SRE reads on /metrics: the Records refused by reason, the requests by outcome.
    await v5.request(agent, { get: { paramPaths: ['Device.DeviceInfo.SerialNumber'] } });
    const text = await (await fetch(`${allInOne.nbi}/metrics`)).text();
    const sample = (series: string) =>
      Number(
        new RegExp(`^${series.replace(/[{}[\]().*+?^$|\\]/g, '\\$&')} (\\S+)$`, 'm').exec(
          text,
        )?.[1] ?? 0,
      );
    expect(sample('meridian_usp_records_refused_total{reason="7102"}')).toBeGreaterThanOrEqual(1);
    expect(sample('meridian_usp_records_refused_total{reason="7005"}')).toBeGreaterThanOrEqual(1);
    expect(sample('meridian_usp_records_refused_total{reason="7100"}')).toBeGreaterThanOrEqual(1);
    expect(
      sample('meridian_usp_records_refused_total{reason="unknown_agent"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample('meridian_usp_requests_total{msg_type="getSupportedProtocol",outcome="ok"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(sample('meridian_usp_requests_total{msg_type="get",outcome="ok"}')).toBeGreaterThan(0);
    expect(text).toMatch(/^meridian_usp_request_duration_seconds_count\{msg_type="get"\} \d+/m);
  });

  it('answers an MQTT 3.1.1 Controller on its /reply-to= topic', async () => {
    const c = await controller('mqtt311-reply-to', `${prefix}/v3/reply`);

    const answer = await c.request(agent, { getSupportedProtocol: {} });

    expect(answer.topic).toBe(`${prefix}/v3/reply`);
    expect(answer.msg?.body?.response?.getSupportedProtocolResp).toBeDefined();
  });

  it('answers an MQTT 3.1.1 Controller with fixed topics on the configured Controller topic', async () => {
    const c = await controller('mqtt311-fixed', controllerTopic);

    const answer = await c.request(agent, {
      get: { paramPaths: ['Device.DeviceInfo.SerialNumber'] },
    });

    expect(answer.topic).toBe(controllerTopic);
    expect(answer.msg?.body?.response?.getResp?.reqPathResults?.[0]?.resolvedPathResults).toEqual([
      { resolvedPath: 'Device.DeviceInfo.', resultParams: { SerialNumber: 'USP000001' } },
    ]);
  });

  it('Operate Device.Reboot() reboots the CPE and answers once it accepted', async () => {
    const cpe = sims[0]!.devices[0]!;
    const sessions = cpe.sessions.length;

    const answer = await v5.request(agent, {
      operate: { command: 'Device.Reboot()', commandKey: 'usp-reboot-1', sendResp: true },
    });

    expect(answer.msg?.body?.response?.operateResp?.operationResults).toEqual([
      { executedCommand: 'Device.Reboot()', reqOutputArgs: { outputArgs: {} } },
    ]);
    // The gateway gives the CWMP Reboot the commandId as CommandKey.
    await eventually(
      () =>
        cpe.sessions
          .slice(sessions)
          .some(
            (r) => r.events.includes('1 BOOT') && r.events.some((e) => e.startsWith('M Reboot')),
          ),
      20_000,
    );
  });

  it('keeps subscriptions and sends Notify Boot! and ValueChange to the subscribing Controller', async () => {
    const cpe = sims[0]!.devices[0]!;
    const table = 'Device.LocalAgent.Subscription.';
    const add = (id: string, notifType: string, referenceList: string) =>
      v5.request(agent, {
        add: {
          allowPartial: false,
          createObjs: [
            {
              objPath: table,
              paramSettings: [
                { param: 'Enable', value: 'true', required: true },
                { param: 'ID', value: id, required: true },
                { param: 'NotifType', value: notifType, required: true },
                { param: 'ReferenceList', value: referenceList, required: true },
              ],
            },
          ],
        },
      });
    const boot = await add('sub-boot', 'Event', 'Device.Boot!');
    const [bootCreated] = boot.msg?.body?.response?.addResp?.createdObjResults ?? [];
    expect(bootCreated?.operStatus?.operSuccess?.instantiatedPath).toMatch(
      /^Device\.LocalAgent\.Subscription\.\d+\.$/,
    );
    const change = await add('sub-ssid', 'ValueChange', 'Device.WiFi.SSID.1.SSID');
    const [changeCreated] = change.msg?.body?.response?.addResp?.createdObjResults ?? [];
    const changePath = changeCreated?.operStatus?.operSuccess?.instantiatedPath ?? '';
    // The translator turned on active notification on the CPE.
    expect(cpe.state.attributes.get('Device.WiFi.SSID.1.SSID')?.notification).toBe(2);

    // Read back with a search expression, from the translator's table (not the CPE's).
    const read = await v5.request(agent, {
      get: { paramPaths: [`${table}[NotifType=="ValueChange"].`] },
    });
    const [readResult] = read.msg?.body?.response?.getResp?.reqPathResults ?? [];
    expect(readResult?.resolvedPathResults).toEqual([
      {
        resolvedPath: changePath,
        resultParams: expect.objectContaining({
          ID: 'sub-ssid',
          Enable: 'true',
          ReferenceList: 'Device.WiFi.SSID.1.SSID',
          Recipient: v5.options.endpointId,
        }),
      },
    ]);

    const notifies = () =>
      v5.received
        .filter((r) => r.msg?.body?.request?.notify)
        .map((r) => ({ record: r.record, notify: r.msg!.body!.request!.notify! }));

    // Boot! after a reboot the Controller asks for.
    await v5.request(agent, {
      operate: { command: 'Device.Reboot()', commandKey: 'usp-reboot-2', sendResp: true },
    });
    const findbootNotify = () => notifies().find((n) => n.notify.subscriptionId === 'sub-boot');
    await eventually(() => findbootNotify() !== undefined, 20_000);
    const bootNotify = findbootNotify()!;
    expect(bootNotify.record).toMatchObject({ toId: v5.options.endpointId, fromId: agent });
    expect(bootNotify.notify).toMatchObject({
      sendResp: false,
      event: {
        objPath: 'Device.',
        eventName: 'Boot!',
        params: { Cause: 'RemoteReboot', FirmwareUpdated: 'false', ParameterMap: '{}' },
      },
    });

    // ValueChange when the value changes on the device itself.
    await cpe.changeLocally('Device.WiFi.SSID.1.SSID', 'changed-on-the-router');
    const findvalueNotify = () => notifies().find((n) => n.notify.subscriptionId === 'sub-ssid');
    await eventually(() => findvalueNotify() !== undefined, 20_000);
    const valueNotify = findvalueNotify()!;
    expect(valueNotify.notify.valueChange).toEqual({
      paramPath: 'Device.WiFi.SSID.1.SSID',
      paramValue: 'changed-on-the-router',
    });

    // GetInstances lists both.
    const instances = await v5.request(agent, {
      getInstances: { objPaths: [table], firstLevelOnly: true },
    });
    const [listed] = instances.msg?.body?.response?.getInstancesResp?.reqPathResults ?? [];
    expect(listed?.currInsts?.map((i) => i.uniqueKeys?.ID).sort()).toEqual([
      'sub-boot',
      'sub-ssid',
    ]);

    // A factory reset (0 BOOTSTRAP + 1 BOOT): OnBoardRequest, and Boot! with its Cause.
    const marker = v5.received.length;
    await cpe.inform(['0 BOOTSTRAP', '1 BOOT']);
    await eventually(
      () =>
        v5.received.slice(marker).some((r) => r.msg?.body?.request?.notify?.onBoardReq) &&
        v5.received
          .slice(marker)
          .some((r) => r.msg?.body?.request?.notify?.event?.params?.Cause === 'LocalFactoryReset'),
      20_000,
    );
    const onBoard = v5.received.slice(marker).find((r) => r.msg?.body?.request?.notify?.onBoardReq)!
      .msg!.body!.request!.notify!;
    expect(onBoard).toMatchObject({
      subscriptionId: '',
      sendResp: true,
      onBoardReq: {
        oui: '00D09E',
        productClass: 'SimRouter',
        serialNumber: 'USP000001',
        agentSupportedProtocolVersions: '1.0,1.1,1.2,1.3,1.4',
      },
    });

    // GetSupportedDM reports the event; Delete removes the subscriptions.
    const dm = await v5.request(agent, {
      getSupportedDm: { objPaths: ['Device.'], returnEvents: true, firstLevelOnly: true },
    });
    const [dmRoot] = dm.msg?.body?.response?.getSupportedDmResp?.reqObjResults ?? [];
    const root = dmRoot?.supportedObjs?.find((o) => o.supportedObjPath === 'Device.');
    expect(root?.supportedEvents?.map((e) => e.eventName)).toEqual(['Boot!']);
    const deleted = await v5.request(agent, {
      delete: { allowPartial: false, objPaths: [`${table}*.`] },
    });
    const [deletedResult] = deleted.msg?.body?.response?.deleteResp?.deletedObjResults ?? [];
    expect(deletedResult?.operStatus?.operSuccess?.affectedPaths).toHaveLength(2);
    expect(await store.uspSubscriptions.list(deviceId)).toEqual([]);
  });
});
