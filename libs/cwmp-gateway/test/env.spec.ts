import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@meridian/config';
import { createTestPki } from '@meridian/testing';
import { createSecureContext } from 'node:tls';
import { readStandaloneEnv, readTlsFiles, watchTlsFiles } from '../src/env';
import { secureContextOptions } from '../src/http/server';
import { certificateBinds, certificateNames } from '../src/http/client-certificate';

const files: Record<string, string> = { 'c.pem': 'CERT', 'k.pem': 'KEY', 'ca.pem': 'CA' };
const read = (path: string): Buffer => {
  const text = files[path];
  if (text === undefined) throw new Error(`ENOENT: no such file '${path}'`);
  return Buffer.from(text);
};
const tlsOf = (vars: Record<string, string>) => readTlsFiles(readStandaloneEnv(vars), read);
const problemsOf = (vars: Record<string, string>): readonly string[] => {
  try {
    tlsOf(vars);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('TLS settings', () => {
  it('are off by default, and read certificate, key and client CA from their files', () => {
    expect(tlsOf({})).toBeUndefined();
    expect(
      tlsOf({
        MERIDIAN_CWMP_TLS_CERT: 'c.pem',
        MERIDIAN_CWMP_TLS_KEY: 'k.pem',
        MERIDIAN_CWMP_TLS_CA: 'ca.pem',
        MERIDIAN_CWMP_TLS_CLIENT_CERT: 'required',
      }),
    ).toEqual({
      cert: Buffer.from('CERT'),
      key: Buffer.from('KEY'),
      clientCertificates: { mode: 'required', ca: Buffer.from('CA') },
      ticketLifetimeSeconds: 86_400,
    });
  });

  it('read a second, ECDSA certificate, and refuse one that is not', () => {
    const pki = createTestPki();
    try {
      files['ec.crt'] = pki.server.cert.toString();
      files['ec.key'] = pki.server.key.toString();
      files['rsa.crt'] = execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', '/dev/null', '-subj', '/CN=x'],
        { stdio: ['ignore', 'pipe', 'ignore'] },
      ).toString();
      const tls = { MERIDIAN_CWMP_TLS_CERT: 'c.pem', MERIDIAN_CWMP_TLS_KEY: 'k.pem' };
      expect(
        tlsOf({
          ...tls,
          MERIDIAN_CWMP_TLS_ECDSA_CERT: 'ec.crt',
          MERIDIAN_CWMP_TLS_ECDSA_KEY: 'ec.key',
        })?.ecdsa,
      ).toEqual({ cert: pki.server.cert, key: pki.server.key });
      expect(
        problemsOf({
          ...tls,
          MERIDIAN_CWMP_TLS_ECDSA_CERT: 'rsa.crt',
          MERIDIAN_CWMP_TLS_ECDSA_KEY: 'ec.key',
        }),
      ).toEqual(['MERIDIAN_CWMP_TLS_ECDSA_CERT=rsa.crt is not an ECDSA certificate (rsa)']);
      expect(problemsOf({ MERIDIAN_CWMP_TLS_ECDSA_CERT: 'ec.crt' })).toEqual([
        'MERIDIAN_CWMP_TLS_ECDSA_CERT and MERIDIAN_CWMP_TLS_ECDSA_KEY go together',
        'MERIDIAN_CWMP_TLS_ECDSA_CERT is a second certificate: it needs MERIDIAN_CWMP_TLS_CERT',
      ]);
    } finally {
      pki.dispose();
    }
  });

  it('read the TLS ticket keys, 48 bytes, and their lifetime', () => {
    files['t.key'] = 'k'.repeat(48);
    files['short.key'] = 'k'.repeat(32);
    const tls = { MERIDIAN_CWMP_TLS_CERT: 'c.pem', MERIDIAN_CWMP_TLS_KEY: 'k.pem' };
    expect(
      tlsOf({
        ...tls,
        MERIDIAN_CWMP_TLS_TICKET_KEYS: 't.key',
        MERIDIAN_CWMP_TLS_TICKET_LIFETIME_SECONDS: '7200',
      }),
    ).toMatchObject({ ticketKeys: Buffer.from('k'.repeat(48)), ticketLifetimeSeconds: 7200 });
    expect(problemsOf({ ...tls, MERIDIAN_CWMP_TLS_TICKET_KEYS: 'short.key' })).toEqual([
      'MERIDIAN_CWMP_TLS_TICKET_KEYS=short.key holds 32 bytes, not 48 (make one with: openssl rand 48 > FILE)',
    ]);
    expect(problemsOf({ MERIDIAN_CWMP_TLS_TICKET_KEYS: 't.key' })).toEqual([
      'MERIDIAN_CWMP_TLS_TICKET_KEYS is set but TLS is off (no MERIDIAN_CWMP_TLS_CERT)',
    ]);
    expect(() =>
      readStandaloneEnv({ MERIDIAN_CWMP_TLS_TICKET_LIFETIME_SECONDS: '604801' }),
    ).toThrow(/MERIDIAN_CWMP_TLS_TICKET_LIFETIME_SECONDS="604801"/);
  });

  it('apply the TLS files again when one changes, and keep what is in use while a read goes wrong', async () => {
    const pki = createTestPki();
    const renewed = createTestPki();
    const dir = mkdtempSync(join(tmpdir(), 'tls-files-'));
    const file = (name: string) => join(dir, name);
    writeFileSync(file('tls.crt'), pki.server.cert);
    writeFileSync(file('tls.key'), pki.server.key);
    writeFileSync(file('ticket.key'), randomBytes(48));
    const env = readStandaloneEnv({
      MERIDIAN_CWMP_TLS_CERT: file('tls.crt'),
      MERIDIAN_CWMP_TLS_KEY: file('tls.key'),
      MERIDIAN_CWMP_TLS_TICKET_KEYS: file('ticket.key'),
    });
    const applied: string[][] = [];
    const problems: string[] = [];
    const stop = watchTlsFiles(
      env,
      readTlsFiles(env)!,
      // What the listener does with them: a key that does not match its certificate throws.
      (tls, changed) => {
        createSecureContext(secureContextOptions(tls));
        applied.push(changed);
      },
      (p) => problems.push(p),
      10,
    );
    const until = async (done: () => boolean) => {
      for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
    };
    const settle = () => new Promise((r) => setTimeout(r, 50));
    try {
      const rotated = randomBytes(48);
      writeFileSync(file('ticket.key'), rotated);
      await until(() => applied.length > 0);
      expect(applied).toEqual([['ticket keys']]);
      writeFileSync(file('ticket.key'), 'too short');
      await until(() => problems.length > 0);
      await settle();
      // Reported once, however many times it is read.
      expect(problems).toEqual([
        `MERIDIAN_CWMP_TLS_TICKET_KEYS=${file('ticket.key')} holds 9 bytes, not 48 (make one with: openssl rand 48 > FILE); the TLS material in use stays`,
      ]);
      writeFileSync(file('ticket.key'), rotated);
      // A renewal written halfway: the new certificate beside the old key.
      writeFileSync(file('tls.crt'), renewed.server.cert);
      await until(() => problems.length > 1);
      await settle();
      expect(problems[1]).toMatch(/key values mismatch; the TLS material in use stays$/);
      expect(applied).toEqual([['ticket keys']]);
      writeFileSync(file('tls.key'), renewed.server.key);
      await until(() => applied.length > 1);
      await settle();
      expect(applied).toEqual([['ticket keys'], ['certificate']]);
      expect(problems).toHaveLength(2);
    } finally {
      stop();
      rmSync(dir, { recursive: true, force: true });
      pki.dispose();
      renewed.dispose();
    }
  });
});

describe('client certificate names', () => {
  it('are the subject CN and the DNS and URI subjectAltNames', () => {
    expect(
      certificateNames({
        subject: { CN: 'SN0001' } as never,
        subjectaltname: 'DNS:00D09E-HGW-SN0001, IP Address:10.0.0.1, URI:urn:dev:x, DNS:"a, b"',
      }),
    ).toEqual(['SN0001', '00D09E-HGW-SN0001', 'urn:dev:x', 'a, b']);
  });

  it('bind a certificate to the device whose deviceId or SerialNumber one of them is', () => {
    const device = { deviceId: '00D09E-HGW-SN0001', serialNumber: 'SN0001' };
    expect(certificateBinds(['SN0001'], device)).toBe(true);
    expect(certificateBinds(['x', '00D09E-HGW-SN0001'], device)).toBe(true);
    expect(certificateBinds(['SN00011', 'HGW-SN0001'], device)).toBe(false);
  });
});
