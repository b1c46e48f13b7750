import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaBus } from '@meridian/bus';
import { Topics, type ResultMessage } from '@meridian/contracts';
import {
  decodeEnvelope,
  deviceIdOf,
  type CpeMethodRequest,
  type DeviceIdStruct,
} from '@meridian/cwmp';
import { RedisSessionStore } from '@meridian/session-store';
import { CpeClient } from './support/cpe-client';
import { envelope } from './support/envelopes';
import { eventually } from './support/gateway-harness';
import {
  BROKERS,
  REDIS_URL,
  assertBuilt,
  freePort,
  clusterGatewayEnv,
  commandOf,
  startGatewayProcess,
  stop,
} from './support/processes';

/*
 * A gateway process killed with SIGKILL after sending a command loses nothing: the command stays
 * queued in Redis, and the next session (on another gateway) either reports it done — the CPE
 * says so through ManagementServer.ParameterKey = commandId — or sends it again. Once, either way.
 */
jest.setTimeout(120_000);

const SESSION_TIMEOUT_MS = 2000;

describe('a gateway killed mid-session', () => {
  const run = Date.now();
  const results: ResultMessage[] = [];
  let bus: KafkaBus;
  let redis: RedisSessionStore;
  let dataDir: string;
  const running = new Set<ChildProcess>();

  const gateway = async (name: string): Promise<{ port: number; child: ChildProcess }> => {
    const port = await freePort();
    const child = await startGatewayProcess(
      name,
      clusterGatewayEnv(name, dataDir, port, {
        MERIDIAN_CWMP_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS),
      }),
    );
    running.add(child);
    return { port, child };
  };

  const informOf = (device: DeviceIdStruct, parameterKey: string, events: string[]): string =>
    envelope(
      {
        name: 'Inform',
        deviceId: device,
        event: events.map((eventCode) => ({ eventCode, commandKey: '' })),
        maxEnvelopes: 1,
        currentTime: new Date().toISOString(),
        retryCount: 0,
        parameterList: [
          { name: 'Device.ManagementServer.ParameterKey', value: parameterKey, type: 'xsd:string' },
        ],
      },
      { id: `inform-${Date.now()}` },
    );

  /** Informs, retrying while the dead session's lease has not yet expired (503). */
  const informUntilAccepted = async (client: CpeClient, body: string): Promise<void> => {
    let status = 0;
    await eventually(async () => {
      status = (await client.post(body)).status;
      return status !== 503;
    }, 20_000);
    expect(status).toBe(200);
  };

  const queueCommand = async (deviceId: string, commandId: string, rpc: CpeMethodRequest) => {
    await bus.publish(Topics.commands, deviceId, commandOf(commandId, deviceId, 'crash-test', rpc));
    await eventually(async () => (await redis.peek(deviceId))?.commandId === commandId, 60_000);
  };

  const spv: CpeMethodRequest = {
    name: 'SetParameterValues',
    parameterList: [
      {
        name: 'Device.ManagementServer.PeriodicInformInterval',
        value: '900',
        type: 'xsd:unsignedInt',
      },
    ],
    parameterKey: '',
  };

  /**
   * Queues a command through a fresh gateway, starts the device's session there, receives the
   * command, and kills that gateway.
   */
  const crashAfterSending = async (device: DeviceIdStruct, commandId: string): Promise<void> => {
    const doomed = await gateway(`doomed-${commandId}`);
    await queueCommand(deviceIdOf(device), commandId, spv);
    const cpe = new CpeClient(doomed.port);
    try {
      expect((await cpe.post(informOf(device, '', ['2 PERIODIC']))).status).toBe(200);
      const sent = decodeEnvelope((await cpe.post('')).body).body;
      expect(sent).toMatchObject({ name: 'SetParameterValues', parameterKey: commandId });
    } finally {
      cpe.close();
    }
    doomed.child.kill('SIGKILL');
    await new Promise((r) => doomed.child.once('exit', r));
    running.delete(doomed.child);
  };

  /** A device of its own for a test, its session crashed after it was sent `commandId`. */
  const crashedDevice = async (serial: string, commandId: string) => {
    const device = {
      manufacturer: 'Acme',
      oui: '00D09E',
      productClass: 'HGW',
      serialNumber: `${serial}${run}`,
    };
    await crashAfterSending(device, commandId);
    return { device, deviceId: deviceIdOf(device) };
  };

  /** The device's next session, on a gateway started for it, up to what `session` does. */
  const nextSession = async (name: string, session: (cpe: CpeClient) => Promise<void>) => {
    const next = await gateway(name);
    const cpe = new CpeClient(next.port);
    try {
      await session(cpe);
    } finally {
      cpe.close();
    }
  };

  /** Exactly one result, done, for the command (a second one would have shown in a second). */
  const expectDoneOnce = async (commandId: string, deviceId: string) => {
    await eventually(() => results.some((r) => r.commandId === commandId), 30_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(results.filter((r) => r.commandId === commandId)).toEqual([
      expect.objectContaining({ outcome: 'done', deviceId }),
    ]);
  };

  beforeAll(async () => {
    assertBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'meridian-crash-'));
    bus = await KafkaBus.connect({ brokers: BROKERS, clientId: 'crash-test', partitions: 3 });
    redis = RedisSessionStore.connect(REDIS_URL);
    await bus.subscribe(Topics.results, `crash-results-${run}`, async (m) => {
      if (m.value.source === 'crash-test') results.push(m.value);
    });
  });

  afterAll(async () => {
    await Promise.all([...running].map(stop));
    await bus?.close();
    await redis?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports a command the CPE applied as done, without sending it again', async () => {
    const commandId = `applied${run}`;
    const { device, deviceId } = await crashedDevice('KA', commandId);
    expect((await redis.peek(deviceId))?.commandId).toBe(commandId);

    await nextSession('next-a', async (cpe) => {
      // The CPE applied the SetParameterValues before the gateway died: its ParameterKey says so.
      await informUntilAccepted(cpe, informOf(device, commandId, ['2 PERIODIC']));
      expect((await cpe.post('')).status).toBe(204);
    });
    await expectDoneOnce(commandId, deviceId);
    expect(await redis.peek(deviceId)).toBeNull();
  });

  it('sends a command the CPE did not apply again, in the next session', async () => {
    const commandId = `resent${run}`;
    const { device, deviceId } = await crashedDevice('KB', commandId);

    await nextSession('next-b', async (cpe) => {
      await informUntilAccepted(cpe, informOf(device, 'older-key', ['2 PERIODIC']));
      const again = decodeEnvelope((await cpe.post('')).body);
      expect(again.body).toMatchObject({ name: 'SetParameterValues', parameterKey: commandId });
      const end = await cpe.post(
        envelope({ name: 'SetParameterValuesResponse', status: 0 }, { id: again.header.id }),
      );
      expect(end.status).toBe(204);
    });
    await expectDoneOnce(commandId, deviceId);
  });
});
