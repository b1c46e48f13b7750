import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { digestHa1 } from '@meridian/cwmp';
import { createSqliteStore } from '@meridian/store';
import { createTestPki, type KeyPair, type TestPki } from '@meridian/testing';
import { deviceNumber, inform } from './support/envelopes';
import { assertBuilt, freePort, startGatewayProcess, stop } from './support/processes';

/**
 * The standalone gateway app as deployed: TLS and client CA from files, per-device credentials
 * from its registry (an SQLite file here, so no shared server is needed), the default pair for
 * the others.
 */
describe('cwmp-gateway app: CPE authentication', () => {
  let pki: TestPki;
  let dataDir: string;
  let gateway: ChildProcess;
  let port: number;

  const post = (
    serial: string,
    options: { user?: string; password?: string; client?: KeyPair },
  ): Promise<number> => {
    const body = Buffer.from(inform(deviceNumber(Number(serial))));
    const basic =
      options.user === undefined
        ? {}
        : {
            Authorization: `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`,
          };
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          ca: pki.ca.cert,
          agent: false,
          ...(options.client ?? {}),
          headers: { 'Content-Type': 'text/xml', 'Content-Length': body.length, ...basic },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };

  beforeAll(async () => {
    assertBuilt();
    pki = createTestPki();
    dataDir = mkdtempSync(join(tmpdir(), 'meridian-gw-auth-'));
    const store = createSqliteStore(join(dataDir, 'meridian.db'));
    await store.credentials.put({
      deviceId: '00D09E-HGW-SN1',
      username: 'own',
      realm: 'meridian',
      ha1: digestHa1('own', 'meridian', 'own-secret'),
      updatedAt: new Date(),
    });
    await store.close();
    const server = pki.files(pki.server, 'server');
    port = await freePort();
    gateway = await startGatewayProcess('gw-auth', {
      MERIDIAN_DATA_DIR: dataDir,
      MERIDIAN_STORE: 'sqlite',
      MERIDIAN_BUS: 'memory',
      MERIDIAN_SESSION_STORE: 'memory',
      MERIDIAN_CWMP_HOST: '127.0.0.1',
      MERIDIAN_CWMP_PORT: String(port),
      MERIDIAN_CWMP_AUTH: 'basic',
      MERIDIAN_CWMP_USERNAME: 'acs',
      MERIDIAN_CWMP_PASSWORD: 'global-secret',
      MERIDIAN_CWMP_TLS_CERT: server.cert,
      MERIDIAN_CWMP_TLS_KEY: server.key,
      MERIDIAN_CWMP_TLS_CA: pki.files(pki.ca, 'ca').cert,
      MERIDIAN_CWMP_TLS_CLIENT_CERT: 'optional',
      MERIDIAN_LOG_LEVEL: 'error',
    });
  }, 60_000);

  afterAll(async () => {
    if (gateway) await stop(gateway);
    pki?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("takes the device's own credentials from the registry and the default pair for others", async () => {
    expect(await post('1', { user: 'acs', password: 'global-secret' })).toBe(401);
    expect(await post('1', { user: 'own', password: 'wrong' })).toBe(401);
    expect(await post('1', { user: 'own', password: 'own-secret' })).toBe(200);
    expect(await post('2', { user: 'acs', password: 'global-secret' })).toBe(200);
  });

  it("lets a device in on its own client certificate and refuses another device's", async () => {
    const certificate = pki.client('SN3');
    expect(await post('3', { client: certificate })).toBe(200);
    expect(await post('4', { client: certificate })).toBe(403);
  });
});
