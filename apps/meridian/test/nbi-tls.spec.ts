import 'reflect-metadata';
import * as https from 'node:https';
import { createTestPki, type TestPki } from '@meridian/testing';
import { startAllInOne, type AllInOne } from './all-in-one';

const KEY = 'tls-admin-key-0123456789';

/**
 * The all-in-one's NBI port over HTTPS (MERIDIAN_NBI_TLS_CERT/_KEY): operators' API keys never
 * cross the network in clear; the probes and /metrics on that port are HTTPS too.
 */
describe('all-in-one: the NBI over HTTPS', () => {
  let pki: TestPki;
  let allInOne: AllInOne;

  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = https.request(
        {
          host: '127.0.0.1',
          port: allInOne.meridian.nbiPort,
          path,
          ca: pki.ca.cert,
          agent: false,
          headers,
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });

  beforeAll(async () => {
    pki = createTestPki();
    const server = pki.files(pki.server, 'server');
    allInOne = await startAllInOne('nbi-tls', {
      MERIDIAN_NBI_API_KEYS: `ops:admin:${KEY}`,
      MERIDIAN_NBI_TLS_CERT: server.cert,
      MERIDIAN_NBI_TLS_KEY: server.key,
      MERIDIAN_CWMP_ENABLED: 'false',
      MERIDIAN_LOG_LEVEL: 'error',
    });
  }, 30_000);

  afterAll(async () => {
    await allInOne?.close();
    pki?.dispose();
  });

  it('answers the API with the certificate of MERIDIAN_NBI_TLS_CERT', async () => {
    const listed = await get('/devices', { authorization: `Bearer ${KEY}` });
    expect(listed.status).toBe(200);
    expect(JSON.parse(listed.body)).toMatchObject({ items: [] });
    expect((await get('/devices')).status).toBe(401);
  });

  it('serves the probes and /metrics over HTTPS too', async () => {
    expect((await get('/health/live')).status).toBe(200);
    // Its certificate's expiry among them, for MeridianCertificateExpiring.
    expect((await get('/metrics')).body).toMatch(
      /meridian_tls_certificate_expiry_timestamp_seconds\{listener="nbi"\} \d+/,
    );
  });

  it('a plain HTTP request gets no answer', async () => {
    await expect(
      fetch(`http://127.0.0.1:${allInOne.meridian.nbiPort}/health/live`),
    ).rejects.toThrow();
  });
});
