import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaBus } from '@meridian/bus';
import { Topics, type ResultMessage } from '@meridian/contracts';
import { decodeEnvelope } from '@meridian/cwmp';
import {
  deleteKafkaTopics,
  eventually,
  startBalancer,
  uniqueKafkaPrefix,
  type Balancer,
} from '@meridian/testing';
import { CpeClient } from './support/cpe-client';
import { deviceNumber, envelope, inform } from './support/envelopes';
import {
  BROKERS,
  assertBuilt,
  freePort,
  clusterGatewayEnv,
  commandOf,
  startGatewayProcess,
  stop,
} from './support/processes';

/*
 * A rolling restart of two gateway PROCESSES (real Kafka and Redis) behind a TCP balancer, under
 * load: simulated CPEs run sessions back to back, each with think time between its requests, and
 * commands keep arriving through Kafka. Each gateway in turn gets SIGTERM, must exit 0, and is
 * started again. No session that began may end in an error, and every command gets its result.
 */

jest.setTimeout(180_000);

const CPES = 10;
const THINK_MS = 60;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Tally {
  completed: number;
  /** Sessions that began (InformResponse received) and did not end with 204. */
  errors: string[];
  /** Attempts refused before a session began: 503 + Retry-After, or no connection. */
  refused: number;
}

/** One CPE: sessions back to back, answering the GetParameterValues a session may carry. */
async function runCpe(
  port: number,
  serial: number,
  until: () => boolean,
  tally: Tally,
): Promise<void> {
  const device = deviceNumber(serial);
  while (!until()) {
    const cpe = new CpeClient(port);
    try {
      let reply;
      try {
        reply = await cpe.post(inform(device));
      } catch {
        tally.refused++;
        continue;
      }
      if (reply.status === 503) {
        tally.refused++;
        continue;
      }
      if (reply.status !== 200) {
        tally.errors.push(`Inform answered ${reply.status}`);
        continue;
      }
      try {
        await sleep(THINK_MS);
        reply = await cpe.post('');
        while (reply.status === 200) {
          const request = decodeEnvelope(reply.body);
          if (request.body.name !== 'GetParameterValues') {
            throw new Error(`unexpected ${request.body.name}`);
          }
          await sleep(THINK_MS);
          reply = await cpe.post(
            envelope(
              {
                name: 'GetParameterValuesResponse',
                parameterList: [
                  { name: 'Device.DeviceInfo.UpTime', value: '1', type: 'xsd:unsignedInt' },
                ],
              },
              { id: request.header.id },
            ),
          );
        }
        if (reply.status === 204) tally.completed++;
        else tally.errors.push(`session ended with ${reply.status}: ${reply.body.trim()}`);
      } catch (error) {
        tally.errors.push(`session broken: ${String(error)}`);
      }
    } finally {
      cpe.close();
    }
  }
}

describe('rolling restart of two gateway processes under load', () => {
  const run = `rr${Date.now()}`;
  const prefix = uniqueKafkaPrefix('rolling');
  let dataDir: string;
  let bus: KafkaBus;
  let lb: Balancer;
  const ports: number[] = [];
  const opsPorts: number[] = [];
  const gateways: ChildProcess[] = [];
  const results = new Map<string, ResultMessage>();
  let env: (name: string, port: number, opsPort: number) => Record<string, string>;

  beforeAll(async () => {
    assertBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'meridian-rolling-'));
    bus = await KafkaBus.connect({
      brokers: BROKERS,
      clientId: 'rolling-test',
      partitions: 2,
      topicPrefix: prefix,
    });
    await bus.subscribe(Topics.results, `${prefix}results`, async (m) => {
      results.set(m.value.commandId, m.value);
    });
    env = (name, port, opsPort) =>
      clusterGatewayEnv(name, dataDir, port, {
        MERIDIAN_KAFKA_PARTITIONS: '2',
        MERIDIAN_KAFKA_TOPIC_PREFIX: prefix,
        MERIDIAN_OPS_HOST: '127.0.0.1',
        MERIDIAN_OPS_PORT: String(opsPort),
        MERIDIAN_DRAIN_TIMEOUT_MS: '15000',
      });
    for (const name of ['gw-a', 'gw-b']) {
      const port = await freePort();
      const opsPort = await freePort();
      ports.push(port);
      opsPorts.push(opsPort);
      gateways.push(await startGatewayProcess(name, env(name, port, opsPort)));
    }
    lb = await startBalancer(ports);
  });

  afterAll(async () => {
    await Promise.all(gateways.map(stop));
    await lb?.close();
    await bus?.close();
    rmSync(dataDir, { recursive: true, force: true });
    await deleteKafkaTopics(prefix);
  });

  it('ends no session with an error, and loses no command', async () => {
    const tally: Tally = { completed: 0, errors: [], refused: 0 };
    let done = false;
    const serials = Array.from(
      { length: CPES },
      (_, i) => 900_000 + (Date.now() % 10_000) * 100 + i,
    );
    const cpes = serials.map((serial) => runCpe(lb.port, serial, () => done, tally));

    // Commands keep arriving for the devices while the gateways restart.
    const commandIds: string[] = [];
    let producing = true;
    const producer = (async () => {
      for (let n = 0; producing; n++) {
        const device = deviceNumber(serials[n % CPES]!);
        const deviceId = `${device.oui}-${device.productClass}-${device.serialNumber}`;
        const commandId = `${run}-${n}`;
        commandIds.push(commandId);
        await bus.publish(
          Topics.commands,
          deviceId,
          commandOf(commandId, deviceId, 'rolling-test'),
        );
        await sleep(100);
      }
    })();

    const completedBy = async (ms: number): Promise<number> => {
      const before = tally.completed;
      await sleep(ms);
      return tally.completed - before;
    };
    expect(await completedBy(2_000)).toBeGreaterThan(0);
    for (const index of [0, 1]) {
      const name = index === 0 ? 'gw-a' : 'gw-b';
      const exit = new Promise<number | null>((resolve) =>
        gateways[index]!.once('exit', (code) => resolve(code)),
      );
      gateways[index]!.kill('SIGTERM');
      // The other gateway serves while this one drains and is away.
      expect(await exit).toBe(0);
      expect(await completedBy(500)).toBeGreaterThan(0);
      gateways[index] = await startGatewayProcess(name, env(name, ports[index]!, opsPorts[index]!));
      expect(await completedBy(1_500)).toBeGreaterThan(0);
    }
    producing = false;
    await producer;
    // Let the CPEs pick up the last commands, then stop them.
    await eventually(() => commandIds.every((id) => results.has(id)), 60_000);
    done = true;
    await Promise.all(cpes);

    expect(tally.errors).toEqual([]);
    expect(tally.completed).toBeGreaterThan(CPES);
    // The restarted gateway's metrics moved with the load it served: Kafka and Redis timings too.
    const metrics = await (await fetch(`http://127.0.0.1:${opsPorts[1]}/metrics`)).text();
    const count = (series: string): number =>
      Number(
        metrics
          .split('\n')
          .find((line) => line.startsWith(`${series} `))
          ?.split(' ')[1] ?? 0,
      );
    expect(
      count('meridian_cwmp_sessions_completed_total{cwmp_version="1-0",outcome="ok"}'),
    ).toBeGreaterThan(0);
    expect(
      count('meridian_kafka_produce_duration_seconds_count{topic="cwmp.inform",outcome="ok"}'),
    ).toBeGreaterThan(0);
    expect(
      count(
        'meridian_datastore_call_duration_seconds_count{system="redis",operation="putSession",outcome="ok"}',
      ),
    ).toBeGreaterThan(0);
    expect(commandIds.map((id) => results.get(id)?.outcome)).toEqual(commandIds.map(() => 'done'));
  });
});
