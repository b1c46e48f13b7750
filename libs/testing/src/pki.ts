import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyPair {
  cert: Buffer;
  key: Buffer;
}

/** A throwaway certificate authority made with openssl (EC P-256: fast on a busy machine). */
export interface TestPki {
  ca: KeyPair;
  /** The server certificate for 127.0.0.1, signed by the CA. */
  server: KeyPair;
  /** A client certificate signed by the CA with this subject CN and optional DNS SANs. */
  client(commonName: string, dnsNames?: string[]): KeyPair;
  /** Writes PEM files (for services configured with paths); returns their paths. */
  files(pair: KeyPair, name: string): { cert: string; key: string };
  dispose(): void;
}

/** `days`: how long its certificates are valid (1 by default). */
export function createTestPki(days = 1): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-pki-'));
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  let serial = 0;
  const read = (name: string): KeyPair => ({
    cert: readFileSync(join(dir, `${name}.crt`)),
    key: readFileSync(join(dir, `${name}.key`)),
  });
  const issue = (name: string, subject: string, extensions: string): KeyPair => {
    run([
      'req',
      '-new',
      ...newKey,
      '-subj',
      subject,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
    ]);
    writeFileSync(join(dir, `${name}.ext`), extensions);
    run([
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-set_serial',
      String(++serial),
      '-days',
      String(days),
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.crt`,
    ]);
    return read(name);
  };
  run([
    'req',
    '-x509',
    ...newKey,
    '-days',
    String(days),
    '-subj',
    '/CN=Meridian test CA',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
  ]);
  const server = issue('server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1\n');
  return {
    ca: read('ca'),
    server,
    client: (commonName, dnsNames = []) => {
      const san =
        dnsNames.length > 0 ? `subjectAltName=${dnsNames.map((d) => `DNS:${d}`).join(',')}\n` : '';
      return issue(
        `client-${++serial}`,
        `/CN=${commonName}`,
        `extendedKeyUsage=clientAuth\n${san}`,
      );
    },
    files: (pair, name) => {
      const cert = join(dir, `${name}.pem`);
      const key = join(dir, `${name}-key.pem`);
      writeFileSync(cert, pair.cert);
      writeFileSync(key, pair.key);
      return { cert, key };
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
