import 'reflect-metadata';
import { BUS, type Bus } from '@meridian/bus';
import { SCHEMA_VERSION, Topics } from '@meridian/contracts';
import type { CpeMethodRequest } from '@meridian/cwmp';
import type { Simulator } from '@meridian/cpe-sim';
import {
  eventually,
  subscriptionAdd,
  uspMqttSetup,
  UspTestController,
  type ReceivedRecord,
} from '@meridian/testing';
import { endpointIdOf, usp, usp_record } from '@meridian/usp';
import { startAllInOne, simulatorsOf, type AllInOne } from './all-in-one';

/**
 * The translator's transport, session and notification layer over the shared Mosquitto, driven
 * by the project's own test Controller: E2E Session Context, the MQTTConnect Record, Notify
 * retries until NotifyResp, ObjectCreation/ObjectDeletion of the translator's own Add/Delete, a
 * request without response held for an offline device, and bad input.
 */
jest.setTimeout(60_000);

const SAR = usp_record.SessionContextRecord.PayloadSARState;

describe('USP transport, session context and notifications (MQTT, all-in-one)', () => {
  const mqtt = uspMqttSetup();
  const { agentTopic } = mqtt;
  let allInOne: AllInOne;
  const sims: Simulator[] = [];
  let agent: string;

  const controller = (name: string) => mqtt.controller({ name });
  const router = async (serialPrefix: string) => {
    const sim = await simulatorsOf(allInOne.meridian, { serialPrefix });
    sims.push(sim);
    await sim.booted;
    const serialNumber = `${serialPrefix}000001`;
    return {
      sim,
      endpointId: endpointIdOf({ oui: '00D09E', productClass: 'SimRouter', serialNumber }),
    };
  };

  beforeAll(async () => {
    allInOne = await startAllInOne('usp-mtp', {
      MERIDIAN_LOG_LEVEL: 'error',
      ...mqtt.agentEnv,
      MERIDIAN_USP_CWMP_TIMEOUT_MS: '2000',
      MERIDIAN_USP_MAX_RECORD_BYTES: '4096',
      MERIDIAN_USP_NOTIF_RETRY_MIN_WAIT_MS: '300',
    });
    agent = (await router('MTP')).endpointId;
  });

  afterAll(async () => {
    await mqtt.close();
    await Promise.all(sims.map((s) => s.stop()));
    await allInOne?.close();
  });

  const sessionOf = (r: ReceivedRecord) => {
    const s = r.record.sessionContext;
    return {
      sessionId: Number(s?.sessionId),
      sequenceId: Number(s?.sequenceId),
      expectedId: Number(s?.expectedId),
      msgId: r.msg?.header?.msgId,
    };
  };
  const getProtocol: usp.IRequest = { getSupportedProtocol: {} };

  it('announces the Agent with an MQTTConnect Record, then runs an E2E Session Context', async () => {
    const c = await controller('e2e');
    const send = (
      fields: Parameters<UspTestController['sessionRecord']>[1],
      msgId?: string,
      request = getProtocol,
    ) =>
      c.send(c.sessionRecord(agent, fields, msgId === undefined ? undefined : { msgId, request }));
    const ofMsg = (msgId: string) =>
      c.received.filter((r) => r.msg?.header?.msgId === msgId).map(sessionOf);

    const first = c.answerTo('e2e-1');
    await send({ sessionId: 7, sequenceId: 1, expectedId: 1 }, 'e2e-1', {
      get: { paramPaths: ['Device.DeviceInfo.SerialNumber'] },
    });
    const answer = await first;

    // R-MTP.6: the MQTTConnect Record came first, on the Controller's topic.
    expect(c.received[0]!.record).toMatchObject({
      toId: c.options.endpointId,
      fromId: agent,
      mqttConnect: {
        version: usp_record.MQTTConnectRecord.MQTTVersion.V5,
        subscribedTopic: `${agentTopic}/${agent}`,
      },
    });
    expect(sessionOf(answer)).toEqual({
      sessionId: 7,
      sequenceId: 1,
      expectedId: 2,
      msgId: 'e2e-1',
    });
    expect(answer.msg?.body?.response?.getResp?.reqPathResults?.[0]?.resolvedPathResults).toEqual([
      { resolvedPath: 'Device.DeviceInfo.', resultParams: { SerialNumber: 'MTP000001' } },
    ]);

    // Record 3 before 2: held until 2 comes, then both answered in order.
    await send({ sessionId: 7, sequenceId: 3, expectedId: 2 }, 'e2e-3');
    await new Promise((r) => setTimeout(r, 300));
    expect(ofMsg('e2e-3')).toEqual([]);
    const third = c.answerTo('e2e-3');
    await send({ sessionId: 7, sequenceId: 2, expectedId: 2 }, 'e2e-2');
    await third;
    expect([...ofMsg('e2e-2'), ...ofMsg('e2e-3')].map((s) => s.sequenceId)).toEqual([2, 3]);
    const order = c.received.map((r) => r.msg?.header?.msgId);
    expect(order.indexOf('e2e-2')).toBeLessThan(order.indexOf('e2e-3'));

    // A duplicate is ignored (R-E2E.25); a retransmit request sends the kept Record again.
    await send({ sessionId: 7, sequenceId: 2, expectedId: 2 }, 'e2e-dup');
    await send({ sessionId: 7, sequenceId: 4, expectedId: 2, retransmitId: 2 });
    await eventually(() => ofMsg('e2e-2').length === 2, 10_000);
    expect(ofMsg('e2e-2')[1]).toEqual({
      sessionId: 7,
      sequenceId: 2,
      expectedId: 5,
      msgId: 'e2e-2',
    });
    expect(ofMsg('e2e-dup')).toEqual([]);

    // A Msg in three segments, the middle one last (TR-369 Segmentation and Reassembly): held
    // until whole, then answered once.
    const segmented = c.sessionRecord(
      agent,
      { sessionId: 7, sequenceId: 5, expectedId: 4 },
      { msgId: 'e2e-sar', request: { get: { paramPaths: ['Device.DeviceInfo.SerialNumber'] } } },
    );
    const sarRecord = usp_record.Record.decode(segmented);
    const whole = sarRecord.sessionContext!.payload![0]!;
    const part = Math.ceil(whole.length / 3);
    const segment = (sequenceId: number, at: number, state: number) =>
      c.send(
        usp_record.Record.encode({
          ...sarRecord,
          sessionContext: {
            ...sarRecord.sessionContext,
            sequenceId,
            payloadSarState: state,
            payloadrecSarState: state,
            payload: [whole.slice(at * part, (at + 1) * part)],
          },
        }).finish(),
      );
    const sar = c.answerTo('e2e-sar');
    await segment(5, 0, SAR.BEGIN);
    await segment(7, 2, SAR.COMPLETE);
    await segment(6, 1, SAR.INPROCESS);
    expect(
      (await sar).msg?.body?.response?.getResp?.reqPathResults?.[0]?.resolvedPathResults,
    ).toEqual([
      { resolvedPath: 'Device.DeviceInfo.', resultParams: { SerialNumber: 'MTP000001' } },
    ]);
    expect(ofMsg('e2e-sar')).toHaveLength(1);

    // An answer larger than a Record (MERIDIAN_USP_MAX_RECORD_BYTES, 4,096 here) goes in
    // segments, each Record within the limit, the Msg whole once reassembled.
    const marker0 = c.received.length;
    const big = c.answerTo('e2e-big');
    await send({ sessionId: 7, sequenceId: 8, expectedId: 4 }, 'e2e-big', {
      get: { paramPaths: ['Device.'] },
    });
    const bigAnswer = await big;
    const segments = c.received.slice(marker0).map((r) => r.record.sessionContext!);
    expect(segments.length).toBeGreaterThan(1);
    expect(segments.map((s) => s.payloadSarState)).toEqual([
      SAR.BEGIN,
      ...segments.slice(1, -1).map(() => SAR.INPROCESS),
      SAR.COMPLETE,
    ]);
    expect(
      c.received
        .slice(marker0)
        .every((r) => usp_record.Record.encode(r.record).finish().length <= 4096),
    ).toBe(true);
    expect(
      bigAnswer.msg?.body?.response?.getResp?.reqPathResults?.[0]?.resolvedPathResults?.length,
    ).toBeGreaterThan(10);
    // A retransmit request for a Record never sent fails the context: Disconnect 7105, and the
    // MQTTConnect Record again before the next Record (R-MTP.8).
    const marker = c.received.length;
    await send({ sessionId: 7, sequenceId: 9, expectedId: 4, retransmitId: 42 });
    const next = c.answerTo('after-disconnect');
    await c.send(c.record(agent, 'after-disconnect', getProtocol));
    await next;
    const after = c.received.slice(marker).map((r) => r.record);
    expect(after[0]?.disconnect).toMatchObject({ reasonCode: 7105 });
    expect(after[1]?.mqttConnect).toBeDefined();
    expect(after[2]?.noSessionContext).toBeDefined();

    // A new session_id starts a new context from sequence 1 (R-E2E.6).
    const restart = c.answerTo('e2e-new');
    await send({ sessionId: 8, sequenceId: 1, expectedId: 1 }, 'e2e-new');
    expect(sessionOf(await restart)).toEqual({
      sessionId: 8,
      sequenceId: 1,
      expectedId: 2,
      msgId: 'e2e-new',
    });

    // A segment without its BEGIN fails the context: Disconnect 7105 (the Controller starts a
    // new one).
    const before = c.received.length;
    await send(
      { sessionId: 9, sequenceId: 1, expectedId: 1, payloadSarState: SAR.INPROCESS },
      'e2e-segment',
    );
    await eventually(() => c.received.slice(before).some((r) => r.record.disconnect), 10_000);
    expect(
      c.received.slice(before).find((r) => r.record.disconnect)!.record.disconnect,
    ).toMatchObject({ reasonCode: 7105 });
  });

  const subscribe = (
    c: UspTestController,
    id: string,
    notifType: string,
    refs: string,
    retry = false,
  ) => c.request(agent, subscriptionAdd({ id, notifType, referenceList: refs, notifRetry: retry }));
  const notifiesOf = (c: UspTestController, subscriptionId: string) =>
    c.received
      .filter((r) => r.msg?.body?.request?.notify?.subscriptionId === subscriptionId)
      .map((r) => ({ msgId: r.msg!.header!.msgId!, notify: r.msg!.body!.request!.notify! }));

  it('sends ObjectCreation and ObjectDeletion when the translator adds and deletes', async () => {
    const c = await controller('objects');
    await subscribe(c, 'nat-created', 'ObjectCreation', 'Device.NAT.PortMapping.');
    await subscribe(c, 'nat-deleted', 'ObjectDeletion', 'Device.NAT.PortMapping.*.');

    const added = await c.request(agent, {
      add: {
        allowPartial: false,
        createObjs: [
          {
            objPath: 'Device.NAT.PortMapping.',
            paramSettings: [
              { param: 'Description', value: 'usp-notified', required: true },
              { param: 'ExternalPort', value: '2345', required: true },
              { param: 'Protocol', value: 'TCP' },
            ],
          },
        ],
      },
    });
    const instance =
      added.msg?.body?.response?.addResp?.createdObjResults?.[0]?.operStatus?.operSuccess
        ?.instantiatedPath ?? '';
    await eventually(() => notifiesOf(c, 'nat-created').length === 1, 10_000);
    await c.request(agent, { delete: { allowPartial: false, objPaths: [instance] } });
    await eventually(() => notifiesOf(c, 'nat-deleted').length === 1, 10_000);

    expect(instance).toMatch(/^Device\.NAT\.PortMapping\.\d+\.$/);
    expect(notifiesOf(c, 'nat-created')[0]!.notify).toMatchObject({
      sendResp: false,
      objCreation: {
        objPath: instance,
        uniqueKeys: expect.objectContaining({ ExternalPort: '2345', Protocol: 'TCP' }),
      },
    });
    expect(notifiesOf(c, 'nat-deleted')[0]!.notify).toMatchObject({
      objDeletion: { objPath: instance },
    });
  });

  it('sends ObjectCreation and ObjectDeletion for what another service added and deleted', async () => {
    const c = await controller('others-objects');
    await subscribe(c, 'nat-added-elsewhere', 'ObjectCreation', 'Device.NAT.PortMapping.');
    await subscribe(c, 'nat-deleted-elsewhere', 'ObjectDeletion', 'Device.NAT.PortMapping.*.');
    const bus = allInOne.meridian.app.get<Bus>(BUS);
    const deviceId = '00D09E-SimRouter-MTP000001';
    // As an OSS would through the NBI, or a preset: a command of its own on cwmp.commands.
    const command = (rpc: CpeMethodRequest) =>
      bus.publish(Topics.commands, deviceId, {
        schemaVersion: SCHEMA_VERSION,
        commandId: `oss-${Math.random().toString(36).slice(2)}`,
        deviceId,
        rpc,
        connectionRequest: true,
        source: 'oss-test',
        createdAt: new Date().toISOString(),
      });

    await command({ name: 'AddObject', objectName: 'Device.NAT.PortMapping.', parameterKey: '' });
    await eventually(() => notifiesOf(c, 'nat-added-elsewhere').length === 1, 20_000);
    const created = notifiesOf(c, 'nat-added-elsewhere')[0]!.notify.objCreation;
    expect(created?.objPath).toMatch(/^Device\.NAT\.PortMapping\.\d+\.$/);

    await command({ name: 'DeleteObject', objectName: created!.objPath!, parameterKey: '' });
    await eventually(() => notifiesOf(c, 'nat-deleted-elsewhere').length === 1, 20_000);
    expect(notifiesOf(c, 'nat-deleted-elsewhere')[0]!.notify.objDeletion).toEqual({
      objPath: created!.objPath,
    });
  });

  it('Set on a Subscription: Enable false stops its Notify, true again (by its ID) resumes it', async () => {
    const c = await controller('set-subscription');
    const cpe = sims[0]!.devices[0]!;
    await subscribe(c, 'ssid-switched', 'ValueChange', 'Device.WiFi.SSID.1.SSID');
    // Always on: once it has the Notify of a change, the other would have it too.
    await subscribe(c, 'ssid-witness', 'ValueChange', 'Device.WiFi.SSID.1.SSID');
    const switched = 'Device.LocalAgent.Subscription.[ID=="ssid-switched"].';
    const setOf = (param: string, value: string) =>
      c.request(agent, {
        set: {
          allowPartial: false,
          updateObjs: [{ objPath: switched, paramSettings: [{ param, value, required: true }] }],
        },
      });
    const valueOf = async (param: string) => {
      const read = await c.request(agent, { get: { paramPaths: [`${switched}${param}`] } });
      const [resolved] =
        read.msg?.body?.response?.getResp?.reqPathResults?.[0]?.resolvedPathResults ?? [];
      return resolved?.resultParams?.[param];
    };

    const off = await setOf('Enable', 'false');
    const [updated] = off.msg?.body?.response?.setResp?.updatedObjResults ?? [];
    expect(updated?.operStatus?.operSuccess?.updatedInstResults).toMatchObject([
      {
        affectedPath: expect.stringMatching(/^Device\.LocalAgent\.Subscription\.\d+\.$/),
        updatedParams: { Enable: 'false' },
      },
    ]);
    expect(await valueOf('Enable')).toBe('false');
    await cpe.changeLocally('Device.WiFi.SSID.1.SSID', 'while-disabled');
    await eventually(() => notifiesOf(c, 'ssid-witness').length === 1, 10_000);
    expect(notifiesOf(c, 'ssid-switched')).toEqual([]);

    await setOf('Enable', 'true');
    await cpe.changeLocally('Device.WiFi.SSID.1.SSID', 'while-enabled');
    await eventually(() => notifiesOf(c, 'ssid-witness').length === 2, 10_000);
    await eventually(() => notifiesOf(c, 'ssid-switched').length === 1, 10_000);
    expect(notifiesOf(c, 'ssid-switched')[0]!.notify.valueChange).toEqual({
      paramPath: 'Device.WiFi.SSID.1.SSID',
      paramValue: 'while-enabled',
    });

    // A read-only parameter: an Error naming it, and the instance unchanged.
    const refused = await setOf('Recipient', 'another-controller');
    expect(refused.msg?.body?.error).toMatchObject({
      paramErrs: [
        {
          paramPath: expect.stringMatching(/^Device\.LocalAgent\.Subscription\.\d+\.Recipient$/),
          errCode: 7013,
        },
      ],
    });
    expect(await valueOf('Recipient')).toBe(c.options.endpointId);

    // allow_partial false and a later object failing: the Subscription's update is undone.
    const undone = await c.request(agent, {
      set: {
        allowPartial: false,
        updateObjs: [
          {
            objPath: switched,
            paramSettings: [{ param: 'Enable', value: 'false', required: true }],
          },
          {
            objPath: 'Device.WiFi.SSID.1.',
            paramSettings: [{ param: 'NoSuchParameter', value: 'x', required: true }],
          },
        ],
      },
    });
    expect(undone.msg?.body?.error?.errCode).toBe(7021);
    expect(await valueOf('Enable')).toBe('true');
  });

  it('removes a Subscription once its TimeToLive has run out: no Notify, no instance', async () => {
    const c = await controller('time-to-live');
    const cpe = sims[0]!.devices[0]!;
    const add = subscriptionAdd({
      id: 'ssid-brief',
      notifType: 'ValueChange',
      referenceList: 'Device.WiFi.SSID.1.SSID',
    });
    add.add!.createObjs![0]!.paramSettings!.push({
      param: 'TimeToLive',
      value: '1',
      required: true,
    });
    await c.request(agent, add);
    await subscribe(c, 'ssid-lasting', 'ValueChange', 'Device.WiFi.SSID.1.SSID');
    const ids = async () => {
      const read = await c.request(agent, {
        get: { paramPaths: ['Device.LocalAgent.Subscription.*.ID'] },
      });
      return (
        read.msg?.body?.response?.getResp?.reqPathResults?.[0]?.resolvedPathResults ?? []
      ).map((r) => r.resultParams?.ID);
    };
    expect(await ids()).toContain('ssid-brief');

    // CreationDate has whole seconds: 1 s of TimeToLive has run out within 2 s.
    await new Promise((r) => setTimeout(r, 2_000));
    await cpe.changeLocally('Device.WiFi.SSID.1.SSID', 'after-its-time');
    await eventually(() => notifiesOf(c, 'ssid-lasting').length === 1, 10_000);
    expect(notifiesOf(c, 'ssid-brief')).toEqual([]);
    expect(await ids()).not.toContain('ssid-brief');
    expect(await ids()).toContain('ssid-lasting');
  });

  it('sends a Notify with NotifRetry again, backing off, until the NotifyResp', async () => {
    const c = await controller('retry');
    const cpe = sims[0]!.devices[0]!;
    await subscribe(c, 'ssid-retry', 'ValueChange', 'Device.WiFi.SSID.1.SSID', true);

    await cpe.changeLocally('Device.WiFi.SSID.1.SSID', 'retried-until-answered');
    await eventually(() => notifiesOf(c, 'ssid-retry').length >= 3, 15_000);
    const [first, ...again] = notifiesOf(c, 'ssid-retry');
    await c.send(
      c.responseRecord(agent, first!.msgId, { notifyResp: { subscriptionId: 'ssid-retry' } }),
    );
    await new Promise((r) => setTimeout(r, 500));
    const answered = notifiesOf(c, 'ssid-retry').length;
    // 300 ms, then 600 ms, 1200 ms…: more than enough for another retry, were one due.
    await new Promise((r) => setTimeout(r, 3_000));

    expect(first!.notify).toMatchObject({
      sendResp: true,
      valueChange: { paramPath: 'Device.WiFi.SSID.1.SSID', paramValue: 'retried-until-answered' },
    });
    expect(again.every((n) => n.msgId === first!.msgId)).toBe(true);
    expect(notifiesOf(c, 'ssid-retry')).toHaveLength(answered);
  });

  it('holds an Operate without response for an offline device until its next session', async () => {
    const c = await controller('held');
    const gone = await router('HLD');
    await gone.sim.stop();

    await c.send(
      c.record(gone.endpointId, 'held-reboot', {
        operate: { command: 'Device.Reboot()', commandKey: 'held', sendResp: false },
      }),
    );
    // Beyond the 2 s the translator waits for a CPE: no answer, and the command not expired.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(c.received.filter((r) => r.msg?.header?.msgId === 'held-reboot')).toEqual([]);

    const back = await simulatorsOf(allInOne.meridian, { serialPrefix: 'HLD' });
    sims.push(back);
    await eventually(
      () => back.devices[0]!.sessions.some((s) => s.rpcs.includes('Reboot')),
      20_000,
    );
  });

  it('answers bad input as TR-369 prescribes and keeps serving', async () => {
    const c = await controller('bad');
    const marker = c.received.length;

    // Not a Record at all, and a Record to an Endpoint ID of no device: ignored (R-MTP.5, R-E2E.1).
    await c.send(new Uint8Array([0x0a, 0xff, 0xff, 0xff]));
    await c.send(c.record('ops::00D09E-SimRouter-NOSUCH9', 'lost', getProtocol));
    // A Msg whose header contradicts its body: Error 7004 to its msg_id.
    const mismatch = c.answerTo('bad-header');
    await c.send(
      usp_record.Record.encode({
        version: '1.4',
        toId: agent,
        fromId: c.options.endpointId,
        noSessionContext: {
          payload: usp.Msg.encode({
            header: { msgId: 'bad-header', msgType: usp.Header.MsgType.SET },
            body: { request: { get: { paramPaths: ['Device.DeviceInfo.'] } } },
          }).finish(),
        },
      }).finish(),
    );
    expect((await mismatch).msg?.body?.error).toMatchObject({ errCode: 7004 });
    // An unknown path: 7026 for that path; an oversized Record: 7005.
    const unknown = await c.request(agent, { get: { paramPaths: ['Device.NoSuch.Thing'] } });
    expect(unknown.msg?.body?.response?.getResp?.reqPathResults?.[0]).toMatchObject({
      errCode: 7026,
    });
    const big = c.answerTo('too-big');
    await c.send(
      c.record(agent, 'too-big', { get: { paramPaths: ['Device.' + 'Y'.repeat(5000)] } }),
    );
    expect((await big).msg?.body?.error).toMatchObject({ errCode: 7005 });

    const ok = await c.request(agent, getProtocol);
    expect(ok.msg?.body?.response?.getSupportedProtocolResp).toBeDefined();
    const ids = c.received.slice(marker).map((r) => r.msg?.header?.msgId);
    expect(ids).not.toContain('lost');
  });
});
