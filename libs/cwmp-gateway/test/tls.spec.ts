import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inform } from './support/envelopes';
import { startGateway } from './support/gateway-harness';

/** A throwaway self-signed certificate for 127.0.0.1 (openssl is on our machines). */
function selfSigned(): { cert: Buffer; key: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'cwmp-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('cwmp-gateway over TLS', () => {
  it('serves CWMP over HTTPS when a certificate is configured', async () => {
    const tls = selfSigned();
    const gateway = await startGateway({ tls });
    try {
      const body = Buffer.from(inform());
      const status = await new Promise<number>((resolve, reject) => {
        const req = https.request(
          {
            host: '127.0.0.1',
            port: gateway.port,
            method: 'POST',
            ca: tls.cert,
            headers: { 'Content-Type': 'text/xml', 'Content-Length': body.length },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
      expect(status).toBe(200);
    } finally {
      await gateway.close();
    }
    // RSA key generation is slow on a busy machine.
  }, 30_000);
});
