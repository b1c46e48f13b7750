import type { ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, builtMain, eventually, freePort, startProcess } from '@meridian/testing';

/*
 * Readiness follows Kafka and the store: provisioning (Kafka and MongoDB) and the firmware
 * service (MongoDB) run on a Kafka broker and a FerretDB of this test's own — started by
 * scripts/infra in a directory and on ports of their own, never the shared servers — which are
 * stopped and started again under them. /health/ready turns 503 naming the server that is gone,
 * /health/live stays 200, and both turn ready again by themselves once it is back.
 */
jest.setTimeout(120_000);

const run = promisify(execFile);

describe('readiness while Kafka or the store is unreachable', () => {
  let infraDir: string;
  let infraEnv: Record<string, string>;
  let kafkaPort: number;
  let mongoPort: number;
  let provisioningOps: number;
  let firmwareOps: number;
  let filesPort: number;
  const processes: ChildProcess[] = [];

  const infra = (...args: string[]) =>
    run(join(REPO_ROOT, 'scripts/infra'), args, {
      env: { ...process.env, ...infraEnv },
      timeout: 90_000,
    });

  const probe = async (port: number, path = '/health/ready') => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return {
      status: response.status,
      body: (await response.json()) as { ready?: boolean; checks?: Record<string, string> },
    };
  };
  const readiness = (port: number, status: number) =>
    eventually(async () => (await probe(port)).status === status, 30_000);

  beforeAll(async () => {
    infraDir = mkdtempSync(join(tmpdir(), 'meridian-readiness-'));
    // The jars and the FerretDB binary the shared servers were started from: nothing to fetch.
    const shared = process.env.MERIDIAN_INFRA_DIR ?? join(homedir(), '.cache/meridian-infra');
    symlinkSync(join(shared, 'dist'), join(infraDir, 'dist'));
    kafkaPort = await freePort();
    mongoPort = await freePort();
    infraEnv = {
      MERIDIAN_INFRA_DIR: infraDir,
      MERIDIAN_KAFKA_PORT: String(kafkaPort),
      MERIDIAN_KAFKA_CONTROLLER_PORT: String(await freePort()),
      // Its secured listeners too, off the shared Kafka's ports.
      MERIDIAN_KAFKA_SASL_PORT: String(await freePort()),
      MERIDIAN_KAFKA_TLS_PORT: String(await freePort()),
      MERIDIAN_MONGO_PORT: String(mongoPort),
    };
    await infra('up', 'kafka', 'mongo');

    const env = {
      MERIDIAN_BUS: 'kafka',
      MERIDIAN_KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`,
      MERIDIAN_KAFKA_PARTITIONS: '1',
      MERIDIAN_STORE: 'mongo',
      MERIDIAN_MONGO_URL: `mongodb://127.0.0.1:${mongoPort}/readiness`,
      MERIDIAN_LOG_LEVEL: 'error',
      MERIDIAN_OPS_HOST: '127.0.0.1',
    };
    provisioningOps = await freePort();
    processes.push(
      await startProcess(
        builtMain('provisioning'),
        { ...env, MERIDIAN_OPS_PORT: String(provisioningOps) },
        provisioningOps,
      ),
    );
    firmwareOps = await freePort();
    filesPort = await freePort();
    processes.push(
      await startProcess(
        builtMain('firmware'),
        {
          ...env,
          MERIDIAN_OPS_PORT: String(firmwareOps),
          MERIDIAN_FILES_HOST: '127.0.0.1',
          MERIDIAN_FILES_PORT: String(filesPort),
          MERIDIAN_FILES_SECRET: 'readiness-files-secret-0123456789',
        },
        firmwareOps,
      ),
    );
  });

  afterAll(async () => {
    for (const child of processes) if (child.exitCode === null) child.kill('SIGKILL');
    await infra('down', 'kafka', 'mongo').catch(() => undefined);
    rmSync(infraDir, { recursive: true, force: true });
  });

  it('provisioning and the firmware service (campaigns, transfer tracking) are unready while Kafka is down and ready again when it is back', async () => {
    await readiness(provisioningOps, 200);
    expect((await probe(provisioningOps)).body).toEqual({
      ready: true,
      checks: { kafka: 'ok', mongodb: 'ok' },
    });

    await infra('down', 'kafka');
    await Promise.all([readiness(provisioningOps, 503), readiness(firmwareOps, 503)]);
    expect((await probe(firmwareOps)).body.checks?.kafka).not.toBe('ok');
    const down = (await probe(provisioningOps)).body;
    expect(down.ready).toBe(false);
    expect(down.checks?.kafka).not.toBe('ok');
    expect(down.checks?.mongodb).toBe('ok');
    // An outage is no reason to restart the process.
    expect((await probe(provisioningOps, '/health/live')).status).toBe(200);

    await infra('up', 'kafka');
    await Promise.all([readiness(provisioningOps, 200), readiness(firmwareOps, 200)]);
    expect((await probe(provisioningOps)).body.checks).toEqual({ kafka: 'ok', mongodb: 'ok' });
  });

  it('provisioning and the firmware service are unready while the store is down and ready again when it is back', async () => {
    await readiness(firmwareOps, 200);
    expect((await probe(firmwareOps)).body).toEqual({
      ready: true,
      checks: { kafka: 'ok', mongodb: 'ok' },
    });
    await readiness(provisioningOps, 200);

    await infra('down', 'mongo');
    await Promise.all([readiness(provisioningOps, 503), readiness(firmwareOps, 503)]);
    const provisioning = (await probe(provisioningOps)).body;
    expect(provisioning.checks?.mongodb).not.toBe('ok');
    expect(provisioning.checks?.kafka).toBe('ok');
    expect((await probe(firmwareOps)).body.checks?.mongodb).not.toBe('ok');
    expect((await probe(firmwareOps, '/health/live')).status).toBe(200);

    await infra('up', 'mongo');
    await Promise.all([readiness(provisioningOps, 200), readiness(firmwareOps, 200)]);
    // Still running: neither process gave up on its server while it was gone.
    for (const child of processes) expect(child.exitCode).toBeNull();
  });

  it('the firmware service counts file requests on its /metrics', async () => {
    expect((await fetch(`http://127.0.0.1:${filesPort}/fw.bin`)).status).toBe(403);
    const text = await (await fetch(`http://127.0.0.1:${firmwareOps}/metrics`)).text();
    expect(text).toMatch(/^meridian_files_requests_total\{method="GET",status="403"\} 1$/m);
  });
});
