import { ConfigError } from '@meridian/config';
import { readStandaloneEnv, readTlsFiles } from '../src/env';
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
    });
  });

  it('name every inconsistent or unreadable setting', () => {
    expect(problemsOf({ MERIDIAN_CWMP_TLS_CERT: 'c.pem' })).toEqual([
      'MERIDIAN_CWMP_TLS_CERT and MERIDIAN_CWMP_TLS_KEY go together',
    ]);
    expect(problemsOf({ MERIDIAN_CWMP_TLS_CLIENT_CERT: 'optional' })).toEqual([
      'MERIDIAN_CWMP_TLS_CLIENT_CERT=optional needs MERIDIAN_CWMP_TLS_CERT, _KEY and MERIDIAN_CWMP_TLS_CA',
    ]);
    expect(
      problemsOf({
        MERIDIAN_CWMP_TLS_CERT: 'c.pem',
        MERIDIAN_CWMP_TLS_KEY: 'missing.pem',
        MERIDIAN_CWMP_TLS_CA: 'ca.pem',
      }),
    ).toEqual([
      'MERIDIAN_CWMP_TLS_CA is set but MERIDIAN_CWMP_TLS_CLIENT_CERT is off',
      "MERIDIAN_CWMP_TLS_KEY=missing.pem cannot be read: ENOENT: no such file 'missing.pem'",
    ]);
    expect(() => readStandaloneEnv({ MERIDIAN_CWMP_TLS_CLIENT_CERT: 'yes' })).toThrow(
      'MERIDIAN_CWMP_TLS_CLIENT_CERT="yes" is not one of off, optional, required',
    );
  });

  it('read the failure limits, 0 allowed (no limit), negative refused', () => {
    const env = readStandaloneEnv({ MERIDIAN_CWMP_AUTH_MAX_FAILURES: '0' });
    expect(env.MERIDIAN_CWMP_AUTH_MAX_FAILURES).toBe(0);
    expect(env.MERIDIAN_CWMP_AUTH_MAX_FAILURES_PER_ADDRESS).toBe(100);
    expect(env.MERIDIAN_CWMP_AUTH_FAILURE_WINDOW_SECONDS).toBe(300);
    expect(() => readStandaloneEnv({ MERIDIAN_CWMP_AUTH_FAILURE_WINDOW_SECONDS: '0' })).toThrow(
      'MERIDIAN_CWMP_AUTH_FAILURE_WINDOW_SECONDS="0" is not an integer',
    );
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
