import 'reflect-metadata';
import { createHash } from 'node:crypto';
import * as https from 'node:https';
import { digestHa1, encodeEnvelope, type DeviceIdStruct } from '@meridian/cwmp';
import { createTestPki, nbiClient, type KeyPair, type TestPki } from '@meridian/testing';
import type { Meridian } from '../src/meridian';
import { startAllInOne, type AllInOne } from './all-in-one';

const KEY = 'auth-admin-key-0123456789';
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const device = (serialNumber: string): DeviceIdStruct => ({
  manufacturer: 'Acme',
  oui: '00D09E',
  productClass: 'HGW',
  serialNumber,
});
const inform = (serialNumber: string): string =>
  encodeEnvelope({
    cwmpVersion: '1-0',
    header: { id: 'inform-1' },
    body: {
      name: 'Inform',
      deviceId: device(serialNumber),
      event: [{ eventCode: '2 PERIODIC', commandKey: '' }],
      maxEnvelopes: 1,
      currentTime: '2026-12-04T20:00:00Z',
      retryCount: 0,
      parameterList: [],
    },
  });

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The CPE side of the all-in-one's CWMP listener over HTTPS: a single-request Inform session,
 * with a Digest answer to the 401 when given a password, or a client certificate.
 */
describe('all-in-one: CPE authentication over TLS', () => {
  let pki: TestPki;
  let allInOne: AllInOne;
  let meridian: Meridian;

  const post = (
    serialNumber: string,
    options: { authorization?: string; client?: KeyPair } = {},
  ): Promise<Reply> => {
    const body = Buffer.from(inform(serialNumber));
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          host: '127.0.0.1',
          port: meridian.cwmpPort,
          method: 'POST',
          ca: pki.ca.cert,
          agent: false,
          ...(options.client ?? {}),
          headers: {
            'Content-Type': 'text/xml',
            'Content-Length': body.length,
            ...(options.authorization ? { Authorization: options.authorization } : {}),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };

  /** Challenge, then the Digest answer (RFC 7616, MD5, qop=auth) with this pair. */
  const digestInform = async (serialNumber: string, username: string, password: string) => {
    const challenged = await post(serialNumber);
    expect(challenged.status).toBe(401);
    const challenge = String(challenged.headers['www-authenticate']);
    const field = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(challenge)?.[1] ?? '';
    const [realm, nonce, nc, cnonce] = [field('realm'), field('nonce'), '00000001', 'c0ffee'];
    const ha1 = digestHa1(username, realm, password);
    const response = md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${md5('POST:/')}`);
    return post(serialNumber, {
      authorization: `Digest username="${username}", realm="${realm}", nonce="${nonce}", uri="/", qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}", opaque="${field('opaque')}"`,
    });
  };

  beforeAll(async () => {
    pki = createTestPki();
    const server = pki.files(pki.server, 'server');
    const ca = pki.files(pki.ca, 'ca');
    allInOne = await startAllInOne('auth', {
      MERIDIAN_NBI_API_KEYS: `ops:admin:${KEY}`,
      MERIDIAN_CWMP_TLS_CERT: server.cert,
      MERIDIAN_CWMP_TLS_KEY: server.key,
      MERIDIAN_CWMP_TLS_CA: ca.cert,
      MERIDIAN_CWMP_TLS_CLIENT_CERT: 'optional',
      MERIDIAN_CWMP_AUTH: 'digest',
      MERIDIAN_CWMP_USERNAME: 'acs',
      MERIDIAN_CWMP_PASSWORD: 'global-secret',
      MERIDIAN_LOG_LEVEL: 'error',
    });
    meridian = allInOne.meridian;
  }, 30_000);

  afterAll(async () => {
    await allInOne?.close();
    pki?.dispose();
  });

  it('answers an Inform over HTTPS with the certificate of MERIDIAN_CWMP_TLS_CERT', async () => {
    expect((await digestInform('SN1', 'acs', 'global-secret')).status).toBe(200);
  });

  it("takes a device's own credentials set through the NBI, refuses a wrong password, and others keep the global pair", async () => {
    const nbi = nbiClient(`http://127.0.0.1:${meridian.nbiPort}`, KEY);
    const set = await nbi('PUT', '/devices/00D09E-HGW-SN2/credentials', {
      username: 'SN2',
      password: 'own-secret',
    });
    expect(set.status).toBe(200);

    expect((await digestInform('SN2', 'SN2', 'wrong')).status).toBe(401);
    expect((await digestInform('SN2', 'acs', 'global-secret')).status).toBe(401);
    expect((await digestInform('SN2', 'SN2', 'own-secret')).status).toBe(200);
    expect((await digestInform('SN3', 'acs', 'global-secret')).status).toBe(200);

    // Removed: the device is back on the global pair.
    expect((await nbi('DELETE', '/devices/00D09E-HGW-SN2/credentials')).status).toBe(204);
    expect((await digestInform('SN2', 'SN2', 'own-secret')).status).toBe(401);
  });

  it("lets a device in on a client certificate of its own, and refuses another device's with 403", async () => {
    const certificate = pki.client('SN4');
    expect((await post('SN4', { client: certificate })).status).toBe(200);
    expect((await post('SN5', { client: certificate })).status).toBe(403);
  });
});
