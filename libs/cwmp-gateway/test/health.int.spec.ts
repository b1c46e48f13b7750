import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as net from 'node:net';
import { join } from 'node:path';
import { deleteKafkaTopics, eventually, uniqueKafkaPrefix } from '@meridian/testing';
import { BROKERS, assertBuilt, freePort, startGatewayProcess, stop } from './support/processes';

/*
 * Readiness of a gateway PROCESS follows its servers: a Redis of the test's own (never the shared
 * one) is stopped and started again under it. Kafka is the shared broker (only read from).
 */

jest.setTimeout(90_000);

function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  return eventually(async () => {
    if (redis.exitCode !== null) throw new Error(`redis-server exited with ${redis.exitCode}`);
    return accepts(port);
  }, 10_000).then(() => redis);
}

/** Whether something accepts TCP connections on `port` (redis-server, once started). */
function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = net.connect(port, '127.0.0.1', () => done(socket.end() !== undefined));
    socket.once('error', () => done(false));
  });
}

describe('gateway readiness', () => {
  let redisPort: number;
  let redis: ChildProcess | undefined;
  let gateway: ChildProcess | undefined;
  let opsPort: number;
  let dataDir: string;
  const prefix = uniqueKafkaPrefix('health');

  const probe = async (path: string): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`http://127.0.0.1:${opsPort}${path}`);
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    assertBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'meridian-health-'));
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    opsPort = await freePort();
    gateway = await startGatewayProcess('gw-health', {
      MERIDIAN_BUS: 'kafka',
      MERIDIAN_KAFKA_BROKERS: BROKERS.join(','),
      MERIDIAN_KAFKA_PARTITIONS: '1',
      MERIDIAN_KAFKA_TOPIC_PREFIX: prefix,
      MERIDIAN_SESSION_STORE: 'redis',
      MERIDIAN_REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      MERIDIAN_STORE: 'sqlite',
      MERIDIAN_DATA_DIR: dataDir,
      MERIDIAN_CWMP_HOST: '127.0.0.1',
      MERIDIAN_CWMP_PORT: String(await freePort()),
      MERIDIAN_OPS_HOST: '127.0.0.1',
      MERIDIAN_OPS_PORT: String(opsPort),
      MERIDIAN_LOG_LEVEL: 'error',
    });
  });

  afterAll(async () => {
    if (gateway) await stop(gateway);
    redis?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    await deleteKafkaTopics(prefix);
  });

  it('is ready with Kafka and Redis up, unready while Redis is down, ready again when it is back', async () => {
    await eventually(async () => (await probe('/health/ready')).status === 200, 20_000);
    expect((await probe('/health/ready')).body).toEqual({
      ready: true,
      checks: { kafka: 'ok', redis: 'ok' },
    });

    const exited = new Promise((resolve) => redis!.once('exit', resolve));
    redis!.kill('SIGKILL');
    await exited;
    await eventually(async () => (await probe('/health/ready')).status === 503, 20_000);
    const down = (await probe('/health/ready')).body as {
      ready: boolean;
      checks: Record<string, string>;
    };
    expect(down.ready).toBe(false);
    expect(down.checks.kafka).toBe('ok');
    expect(down.checks.redis).not.toBe('ok');
    // Not a reason to restart the process.
    expect((await probe('/health/live')).status).toBe(200);

    redis = await startRedis(redisPort);
    await eventually(async () => (await probe('/health/ready')).status === 200, 20_000);

    const metrics = await fetch(`http://127.0.0.1:${opsPort}/metrics`);
    expect(metrics.status).toBe(200);
    // The commands consumer reports its lag from its group join on.
    expect(await metrics.text()).toMatch(
      /^meridian_kafka_consumer_lag_messages\{topic="cwmp.commands",group="health-[\w.-]+cwmp-gateway"\} 0$/m,
    );
  });
});
