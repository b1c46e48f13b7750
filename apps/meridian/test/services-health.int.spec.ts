import type { ChildProcess } from 'node:child_process';
import mongoose from 'mongoose';
import { createMongoStore } from '@meridian/store';
import {
  BROKERS,
  MONGO_URL,
  REDIS_URL,
  builtMain,
  deleteKafkaTopics,
  eventually,
  freePort,
  startProcess,
  uniqueKafkaPrefix,
} from '@meridian/testing';

/*
 * The standalone provisioning and NBI processes on the real Kafka and MongoDB-wire servers: each
 * serves /metrics and /health (provisioning on its ops port, the NBI on its own port, no API
 * key), is ready once both servers answer (and, for the NBI, the gateways' Redis it cancels
 * commands in), and exits 0 on SIGTERM after closing its consumers.
 */

jest.setTimeout(120_000);

describe('provisioning and NBI health on Kafka, Redis and MongoDB', () => {
  const run = Date.now();
  const prefix = uniqueKafkaPrefix('e2e-health');
  const mongoUrl = `${MONGO_URL.replace(/\/[^/]*$/, '')}/e2e_health_${run}`;
  const processes: ChildProcess[] = [];
  let opsPort: number;
  let nbiPort: number;

  beforeAll(async () => {
    // Created once before the services: FerretDB can hang on concurrent creation.
    await (await createMongoStore(mongoUrl)).close();
    const infra = {
      MERIDIAN_BUS: 'kafka',
      MERIDIAN_KAFKA_BROKERS: BROKERS.join(','),
      MERIDIAN_KAFKA_TOPIC_PREFIX: prefix,
      MERIDIAN_KAFKA_PARTITIONS: '1',
      MERIDIAN_STORE: 'mongo',
      MERIDIAN_MONGO_URL: mongoUrl,
      MERIDIAN_LOG_LEVEL: 'warn',
    };
    opsPort = await freePort();
    processes.push(
      await startProcess(
        builtMain('provisioning'),
        { ...infra, MERIDIAN_OPS_HOST: '127.0.0.1', MERIDIAN_OPS_PORT: String(opsPort) },
        opsPort,
      ),
    );
    nbiPort = await freePort();
    processes.push(
      await startProcess(
        builtMain('nbi'),
        {
          ...infra,
          MERIDIAN_NBI_HOST: '127.0.0.1',
          MERIDIAN_NBI_PORT: String(nbiPort),
          MERIDIAN_NBI_API_KEYS: 'e2e:admin:health-admin-key-0123456789',
          MERIDIAN_SESSION_STORE: 'redis',
          MERIDIAN_REDIS_URL: REDIS_URL,
        },
        nbiPort,
      ),
    );
  });

  afterAll(async () => {
    for (const child of processes) if (child.exitCode === null) child.kill('SIGKILL');
    const connection = await mongoose.createConnection(mongoUrl).asPromise();
    await connection.dropDatabase();
    await connection.close();
    await deleteKafkaTopics(prefix);
  });

  it.each([
    ['provisioning', () => opsPort, { kafka: 'ok', mongodb: 'ok' }],
    ['nbi', () => nbiPort, { kafka: 'ok', redis: 'ok', mongodb: 'ok' }],
  ])('%s is ready with its servers checked, and serves metrics', async (_, port, checks) => {
    const url = `http://127.0.0.1:${port()}`;
    await eventually(async () => (await fetch(`${url}/health/ready`)).status === 200, 20_000);
    expect(await (await fetch(`${url}/health/ready`)).json()).toEqual({ ready: true, checks });
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
    const metrics = await fetch(`${url}/metrics`);
    expect(metrics.status).toBe(200);
  });

  it('exits 0 on SIGTERM', async () => {
    for (const child of processes) {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
