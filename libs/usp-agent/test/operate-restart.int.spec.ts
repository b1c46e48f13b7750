import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createBus, createStore } from '@meridian/adapters';
import { silentLogger, type Bus } from '@meridian/bus';
import { infrastructureSpec, readConfig, uspSpec } from '@meridian/config';
import { SCHEMA_VERSION, Topics, type CommandMessage } from '@meridian/contracts';
import { InMemorySessionStore } from '@meridian/session-store';
import type { Store } from '@meridian/store';
import { eventually, MQTT_URL, UspTestController } from '@meridian/testing';
import { endpointIdOf, newSubscription } from '@meridian/usp';
import { startUspTranslator, type UspTranslatorService } from '../src';

/**
 * An async Operate outlives the translator that took it: the Request is in the store, so a
 * translator started after the first one stopped (a restart, or another replica) hears the
 * CWMP result and sends Notify OperationComplete. Real SQLite store and Mosquitto; the test
 * plays the gateway on the in-process bus (it reads the command and publishes its result).
 */
jest.setTimeout(30_000);

describe('USP Operate across a translator restart', () => {
  const prefix = `meridian-test/${randomBytes(4).toString('hex')}`;
  const agentTopic = `${prefix}/agent`;
  const replyTopic = `${prefix}/controller`;
  const serialNumber = 'RST000001';
  const deviceId = `00D09E-SimRouter-${serialNumber}`;
  const agent = endpointIdOf({ oui: '00D09E', productClass: 'SimRouter', serialNumber });
  let dataDir: string;
  let bus: Bus;
  let store: Store;
  let controller: UspTestController;
  const services: UspTranslatorService[] = [];
  const commands: CommandMessage[] = [];
  // Shared by both translators, as Redis is by replicas.
  const sessions = new InMemorySessionStore();

  const start = async (instanceId: string, env: Record<string, string> = {}) => {
    const service = await startUspTranslator({
      bus,
      store,
      sessions,
      env: readConfig(uspSpec, {
        MERIDIAN_USP_MQTT_URL: MQTT_URL,
        MERIDIAN_USP_AGENT_TOPIC: agentTopic,
        MERIDIAN_USP_CWMP_TIMEOUT_MS: '5000',
        ...env,
      }),
      instanceId,
      logger: silentLogger,
    });
    services.push(service);
    return service;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'usp-operate-restart-'));
    const env = readConfig(infrastructureSpec, { MERIDIAN_DATA_DIR: dataDir });
    bus = await createBus(env, 'usp-operate-restart');
    store = await createStore(env);
    await store.devices.register({
      deviceId,
      identity: { manufacturer: 'Sim', oui: '00D09E', productClass: 'SimRouter', serialNumber },
      tags: [],
      registeredAt: new Date(),
    });
    controller = await UspTestController.connect({
      url: MQTT_URL,
      mode: 'mqtt5',
      agentTopic,
      replyTopic,
    });
    const recipient = controller.options.endpointId;
    await store.uspSubscriptions.create(deviceId, (instance) => ({
      params: newSubscription(
        instance,
        [
          { param: 'Enable', value: 'true', required: true },
          { param: 'ID', value: 'ops', required: true },
          { param: 'NotifType', value: 'OperationComplete', required: true },
          {
            param: 'ReferenceList',
            value: 'Device.IP.Diagnostics.IPPing(),Device.DeviceInfo.FirmwareImage.*.Download()',
            required: true,
          },
        ],
        recipient,
        new Date(),
      ).params,
      replyTo: replyTopic,
    }));
    await bus.subscribe(Topics.commands, 'test-gateway', async ({ value }) => {
      if ('commandId' in value && !('action' in value)) commands.push(value);
    });
  });

  afterAll(async () => {
    for (const service of services) await service.close();
    await controller?.close();
    await bus?.close();
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a translator started later ends the Request with Notify OperationComplete', async () => {
    const first = await start('first');
    const answer = await controller.request(agent, {
      operate: {
        command: 'Device.IP.Diagnostics.IPPing()',
        commandKey: 'ping-restart',
        sendResp: true,
        inputArgs: { Host: '192.0.2.1', NumberOfRepetitions: '1' },
      },
    });
    expect(answer.msg?.body?.response?.operateResp?.operationResults?.[0]?.reqObjPath).toBe(
      'Device.LocalAgent.Request.1.',
    );
    await eventually(() => commands.length > 0, 5_000);
    const [command] = commands;
    expect(command).toMatchObject({
      deviceId,
      source: 'usp-translator',
      diagnostic: { kind: 'ipPing', inputs: { Host: '192.0.2.1', NumberOfRepetitions: 1 } },
    });
    await first.close();
    expect((await store.uspRequests.list(deviceId)).map((r) => r.params)).toEqual([
      expect.objectContaining({ CommandKey: 'ping-restart', Status: 'Active' }),
    ]);

    await start('second');
    await bus.publish(Topics.results, deviceId, {
      schemaVersion: SCHEMA_VERSION,
      deviceId,
      commandId: command!.commandId,
      source: 'usp-translator',
      time: new Date().toISOString(),
      outcome: 'done',
      response: { name: 'GetParameterValuesResponse', parameterList: [] },
      diagnosticResult: {
        kind: 'ipPing',
        diagnosticsState: 'Complete',
        results: { SuccessCount: 1, FailureCount: 0, AverageResponseTime: 7 },
      },
    });
    const notify = () =>
      controller.received.find(
        (r) => r.msg?.body?.request?.notify?.operComplete?.commandKey === 'ping-restart',
      );
    await eventually(() => notify() !== undefined, 10_000);
    expect(notify()?.record).toMatchObject({ fromId: agent, toId: controller.options.endpointId });
    expect(notify()?.msg?.body?.request?.notify?.operComplete).toEqual({
      objPath: 'Device.IP.Diagnostics.',
      commandName: 'IPPing()',
      commandKey: 'ping-restart',
      reqOutputArgs: {
        outputArgs: {
          Status: 'Complete',
          SuccessCount: '1',
          FailureCount: '0',
          AverageResponseTime: '7',
        },
      },
    });
    expect(await store.uspRequests.list(deviceId)).toEqual([]);
  });

  it('a Request its CPE never ends fails at its deadline: OperationComplete 7022, the table empty, the command withdrawn', async () => {
    for (const service of services.splice(0)) await service.close();
    await start('deadline', { MERIDIAN_USP_REQUEST_TIMEOUT_MS: '1500' });
    const before = commands.length;
    const answer = await controller.request(agent, {
      operate: {
        command: 'Device.DeviceInfo.FirmwareImage.1.Download()',
        commandKey: 'fw-never',
        sendResp: true,
        inputArgs: { URL: 'http://192.0.2.1/fw.bin' },
      },
    });
    expect(answer.msg?.body?.response?.operateResp?.operationResults?.[0]?.reqObjPath).toMatch(
      /^Device\.LocalAgent\.Request\.\d+\.$/,
    );
    await eventually(() => commands.length > before, 5_000);
    const command = commands[before]!;
    // The gateway queued it; no CPE ever takes it (nor sends a TransferComplete).
    expect(await sessions.enqueue(command)).toBe(true);
    const [request] = await store.uspRequests.list(deviceId);
    expect(request!.deadline.getTime()).toBeGreaterThan(Date.now());
    expect(request!.deadline.getTime()).toBeLessThanOrEqual(Date.now() + 1500);

    const notify = () =>
      controller.received.filter(
        (r) => r.msg?.body?.request?.notify?.operComplete?.commandKey === 'fw-never',
      );
    await eventually(() => notify().length > 0, 5_000);
    expect(notify()[0]?.msg?.body?.request?.notify?.operComplete).toEqual({
      objPath: 'Device.DeviceInfo.FirmwareImage.1.',
      commandName: 'Download()',
      commandKey: 'fw-never',
      cmdFailure: {
        errCode: 7022,
        errMsg:
          'the CPE did not report the end of the operation within 1500 ms; it is taken as failed',
      },
    });
    expect(await store.uspRequests.list(deviceId)).toEqual([]);
    // Withdrawn from the queue: the CPE will not run what its Controller was told failed.
    expect(await sessions.queue(deviceId)).toEqual([]);
    // One OperationComplete, not a second from the `cancelled` result of the withdrawal.
    await new Promise((r) => setTimeout(r, 500));
    expect(notify()).toHaveLength(1);
  });

  it('without send_resp, a Reboot() or FactoryReset() waits for its CPE until the Request deadline (a Reboot then ends in OperationComplete 7022), an async command until the CWMP timeout', async () => {
    for (const service of services.splice(0)) await service.close();
    await start('reboot-deadline', { MERIDIAN_USP_REQUEST_TIMEOUT_MS: '1500' });
    await store.uspSubscriptions.create(deviceId, (instance) => ({
      params: newSubscription(
        instance,
        [
          { param: 'Enable', value: 'true', required: true },
          { param: 'ID', value: 'reboots', required: true },
          { param: 'NotifType', value: 'OperationComplete', required: true },
          { param: 'ReferenceList', value: 'Device.Reboot()', required: true },
        ],
        controller.options.endpointId,
        new Date(),
      ).params,
      replyTo: replyTopic,
    }));
    const before = commands.length;
    await controller.send(
      controller.record(agent, 'reboot-unsent', {
        operate: { command: 'Device.Reboot()', commandKey: 'reboot-never', sendResp: false },
      }),
    );
    await eventually(() => commands.length > before, 5_000);
    const command = commands[before]!;
    expect(command).toMatchObject({ deviceId, rpc: { name: 'Reboot' } });
    const [request] = await store.uspRequests.list(deviceId);
    expect(Date.parse(command.expiresAt!)).toBe(request!.deadline.getTime());
    expect(await sessions.enqueue(command)).toBe(true);

    const notify = () =>
      controller.received.filter(
        (r) => r.msg?.body?.request?.notify?.operComplete?.commandKey === 'reboot-never',
      );
    await eventually(() => notify().length > 0, 5_000);
    expect(notify()[0]?.msg?.body?.request?.notify?.operComplete).toMatchObject({
      objPath: 'Device.',
      commandName: 'Reboot()',
      cmdFailure: { errCode: 7022 },
    });
    // No OperateResp was due; the CPE will not reboot after its Controller was told it failed.
    expect(controller.received.filter((r) => r.msg?.header?.msgId === 'reboot-unsent')).toEqual([]);
    expect(await sessions.queue(deviceId)).toEqual([]);
    expect(await store.uspRequests.list(deviceId)).toEqual([]);

    // A FactoryReset() keeps no Request (no OperationComplete): its command expires by itself.
    const sent = Date.now();
    await controller.send(
      controller.record(agent, 'reset-unsent', {
        operate: { command: 'Device.FactoryReset()', commandKey: 'reset-never', sendResp: false },
      }),
    );
    await eventually(() => commands.some((c) => c.rpc?.name === 'FactoryReset'), 5_000);
    const reset = commands.find((c) => c.rpc?.name === 'FactoryReset')!;
    expect(Date.parse(reset.expiresAt!)).toBeGreaterThan(sent);
    expect(Date.parse(reset.expiresAt!)).toBeLessThanOrEqual(Date.now() + 1500);
    expect(await store.uspRequests.list(deviceId)).toEqual([]);

    // An async command without send_resp: its command expires as with one, after
    // MERIDIAN_USP_CWMP_TIMEOUT_MS (5 s here), not at the Request's deadline.
    const pings = () => commands.filter((c) => c.diagnostic?.kind === 'ipPing');
    const earlier = pings().length;
    const asked = Date.now();
    await controller.send(
      controller.record(agent, 'ping-unsent', {
        operate: {
          command: 'Device.IP.Diagnostics.IPPing()',
          commandKey: 'ping-silent',
          sendResp: false,
          inputArgs: { Host: '192.0.2.1' },
        },
      }),
    );
    await eventually(() => pings().length > earlier, 5_000);
    const ping = pings().at(-1)!;
    expect(Date.parse(ping.expiresAt!)).toBeGreaterThanOrEqual(asked + 5000);
    expect(Date.parse(ping.expiresAt!)).toBeLessThanOrEqual(Date.now() + 5000);
  });
});
