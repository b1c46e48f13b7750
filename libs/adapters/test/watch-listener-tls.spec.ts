import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestPki, type TestPki } from '@meridian/testing';
import { listenerTlsOf, watchListenerTls } from '../src';

/**
 * An HTTPS listener whose certificate is renewed in its files (a Kubernetes Secret updated in
 * place): the next handshakes get the new one without a restart; a renewal written halfway is
 * reported once and the certificate in use stays.
 */
describe('watchListenerTls', () => {
  let pki: TestPki;
  let renewed: TestPki;
  let dir: string;
  beforeAll(() => {
    pki = createTestPki();
    renewed = createTestPki();
    dir = mkdtempSync(join(tmpdir(), 'listener-tls-'));
  });
  afterAll(() => {
    pki.dispose();
    renewed.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies a renewed certificate to the next handshakes', async () => {
    const files = { cert: join(dir, 'tls.crt'), key: join(dir, 'tls.key') };
    writeFileSync(files.cert, pki.server.cert);
    writeFileSync(files.key, pki.server.key);
    const tls = listenerTlsOf('MERIDIAN_NBI_TLS', files)!;
    const server = https.createServer(tls, (_, response) => response.end('ok'));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    const get = (ca: Buffer) =>
      new Promise<string>((resolve, reject) => {
        https
          .get({ host: '127.0.0.1', port, ca, agent: false }, (response) => {
            response.setEncoding('utf8');
            let body = '';
            response.on('data', (chunk: string) => (body += chunk));
            response.on('end', () => resolve(body));
          })
          .on('error', reject);
      });
    const logs: string[] = [];
    const warnings: string[] = [];
    const stop = watchListenerTls(
      'MERIDIAN_NBI_TLS',
      files,
      tls,
      server,
      { log: (m) => logs.push(m), warn: (m) => warnings.push(m) },
      10,
    );
    const until = async (done: () => boolean) => {
      for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
    };
    try {
      expect(await get(pki.ca.cert)).toBe('ok');
      writeFileSync(files.cert, renewed.server.cert);
      await until(() => warnings.length > 0);
      await new Promise((r) => setTimeout(r, 50));
      expect(warnings).toEqual([
        expect.stringMatching(
          /^MERIDIAN_NBI_TLS: .*key values mismatch; the certificate in use stays$/,
        ),
      ]);
      expect(await get(pki.ca.cert)).toBe('ok');
      writeFileSync(files.key, renewed.server.key);
      await until(() => logs.length > 0);
      expect(logs).toEqual([
        expect.stringMatching(/^MERIDIAN_NBI_TLS_CERT read again and applied/),
      ]);
      expect(await get(renewed.ca.cert)).toBe('ok');
      await expect(get(pki.ca.cert)).rejects.toThrow();
    } finally {
      stop();
      server.close();
    }
  });
});
