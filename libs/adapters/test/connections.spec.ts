import { ConfigError, infrastructureSpec, readConfig, uspSpec } from '@meridian/config';
import { kafkaSecurityOf, listenerTlsOf, mongoTlsOf, mqttSecurityOf, redisTlsOf } from '../src';

/** Files as their names' bytes; a name starting with "missing" cannot be read. */
const read = (file: string): Buffer => {
  if (file.startsWith('missing')) throw new Error(`ENOENT: no such file '${file}'`);
  return Buffer.from(`pem of ${file}`);
};

const problemsOf = (run: () => unknown): readonly string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

const infra = (vars: Record<string, string>) => readConfig(infrastructureSpec, vars);
const usp = (vars: Record<string, string>) => readConfig(uspSpec, vars);

describe('kafkaSecurityOf', () => {
  it('is nothing by default: plaintext, no authentication', () => {
    expect(kafkaSecurityOf(infra({}), read)).toEqual({});
  });

  it("TLS alone trusts the system's CAs; with files, the CA and the client certificate", () => {
    expect(kafkaSecurityOf(infra({ MERIDIAN_KAFKA_TLS: 'true' }), read)).toEqual({ ssl: true });
    expect(
      kafkaSecurityOf(
        infra({
          MERIDIAN_KAFKA_TLS: 'true',
          MERIDIAN_KAFKA_TLS_CA: 'ca.crt',
          MERIDIAN_KAFKA_TLS_CERT: 'client.crt',
          MERIDIAN_KAFKA_TLS_KEY: 'client.key',
        }),
        read,
      ),
    ).toEqual({
      ssl: {
        ca: Buffer.from('pem of ca.crt'),
        cert: Buffer.from('pem of client.crt'),
        key: Buffer.from('pem of client.key'),
      },
    });
  });

  it('SASL with its mechanism, user name and password', () => {
    expect(
      kafkaSecurityOf(
        infra({
          MERIDIAN_KAFKA_TLS: 'true',
          MERIDIAN_KAFKA_SASL_MECHANISM: 'scram-sha-512',
          MERIDIAN_KAFKA_SASL_USERNAME: 'acs',
          MERIDIAN_KAFKA_SASL_PASSWORD: 's3cret',
        }),
        read,
      ),
    ).toEqual({
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'acs', password: 's3cret' },
    });
  });

  it('names every problem at once', () => {
    expect(
      problemsOf(() =>
        kafkaSecurityOf(
          infra({
            MERIDIAN_KAFKA_TLS_CA: 'missing-ca.crt',
            MERIDIAN_KAFKA_TLS_CERT: 'client.crt',
            MERIDIAN_KAFKA_SASL_MECHANISM: 'plain',
            MERIDIAN_KAFKA_SASL_USERNAME: 'acs',
          }),
          read,
        ),
      ),
    ).toEqual([
      'MERIDIAN_KAFKA_TLS_CA, _CERT and _KEY need MERIDIAN_KAFKA_TLS=true',
      'MERIDIAN_KAFKA_TLS_CERT and MERIDIAN_KAFKA_TLS_KEY go together',
      "MERIDIAN_KAFKA_TLS_CA=missing-ca.crt cannot be read: ENOENT: no such file 'missing-ca.crt'",
      'MERIDIAN_KAFKA_SASL_MECHANISM=plain needs MERIDIAN_KAFKA_SASL_USERNAME and _PASSWORD',
      'MERIDIAN_KAFKA_SASL_MECHANISM=plain sends the password as it is: it needs MERIDIAN_KAFKA_TLS=true',
    ]);
    expect(
      problemsOf(() => kafkaSecurityOf(infra({ MERIDIAN_KAFKA_SASL_PASSWORD: 'x' }), read)),
    ).toEqual([
      'MERIDIAN_KAFKA_SASL_USERNAME and _PASSWORD need MERIDIAN_KAFKA_SASL_MECHANISM (plain, scram-sha-256 or scram-sha-512)',
    ]);
  });
});

describe('redisTlsOf', () => {
  it('gives the CA and client certificate to a rediss:// URL only', () => {
    const files = {
      MERIDIAN_REDIS_TLS_CA: 'ca.crt',
      MERIDIAN_REDIS_TLS_CERT: 'client.crt',
      MERIDIAN_REDIS_TLS_KEY: 'client.key',
    };
    expect(
      redisTlsOf(infra({ MERIDIAN_REDIS_URL: 'rediss://redis:6380', ...files }), read),
    ).toEqual({
      tls: {
        ca: Buffer.from('pem of ca.crt'),
        cert: Buffer.from('pem of client.crt'),
        key: Buffer.from('pem of client.key'),
      },
    });
    expect(redisTlsOf(infra({ MERIDIAN_REDIS_URL: 'rediss://redis:6380' }), read)).toEqual({});
    expect(problemsOf(() => redisTlsOf(infra(files), read))).toEqual([
      'MERIDIAN_REDIS_TLS_CA, _CERT and _KEY need a rediss:// MERIDIAN_REDIS_URL',
    ]);
  });
});

describe('mongoTlsOf', () => {
  it('turns TLS on with any of its files, and is nothing without them', () => {
    expect(mongoTlsOf(infra({}), read)).toBeUndefined();
    expect(mongoTlsOf(infra({ MERIDIAN_MONGO_TLS_CA: 'ca.crt' }), read)).toEqual({
      ca: Buffer.from('pem of ca.crt'),
    });
    expect(
      problemsOf(() => mongoTlsOf(infra({ MERIDIAN_MONGO_TLS_KEY: 'client.key' }), read)),
    ).toEqual(['MERIDIAN_MONGO_TLS_CERT and MERIDIAN_MONGO_TLS_KEY go together']);
  });
});

describe('mqttSecurityOf', () => {
  it('gives the user name, password and TLS files of an mqtts:// URL', () => {
    expect(
      mqttSecurityOf(
        usp({
          MERIDIAN_USP_MQTT_URL: 'mqtts://broker:8883',
          MERIDIAN_USP_MQTT_USERNAME: 'acs',
          MERIDIAN_USP_MQTT_PASSWORD: 's3cret',
          MERIDIAN_USP_MQTT_TLS_CA: 'ca.crt',
        }),
        read,
      ),
    ).toEqual({ username: 'acs', password: 's3cret', ca: Buffer.from('pem of ca.crt') });
  });

  it('refuses TLS files without TLS, and a password without a user name', () => {
    expect(
      problemsOf(() =>
        mqttSecurityOf(
          usp({
            MERIDIAN_USP_MQTT_URL: 'mqtt://broker:1883',
            MERIDIAN_USP_MQTT_PASSWORD: 's3cret',
            MERIDIAN_USP_MQTT_TLS_KEY: 'client.key',
          }),
          read,
        ),
      ),
    ).toEqual([
      'MERIDIAN_USP_MQTT_TLS_CA, _CERT and _KEY need an mqtts:// or wss:// MERIDIAN_USP_MQTT_URL',
      'MERIDIAN_USP_MQTT_PASSWORD needs MERIDIAN_USP_MQTT_USERNAME',
      'MERIDIAN_USP_MQTT_TLS_CERT and MERIDIAN_USP_MQTT_TLS_KEY go together',
    ]);
  });
});

describe('listenerTlsOf', () => {
  it('reads a listener certificate and key, or gives plain HTTP', () => {
    expect(listenerTlsOf('MERIDIAN_NBI_TLS', {}, read)).toBeUndefined();
    expect(listenerTlsOf('MERIDIAN_NBI_TLS', { cert: 'nbi.crt', key: 'nbi.key' }, read)).toEqual({
      cert: Buffer.from('pem of nbi.crt'),
      key: Buffer.from('pem of nbi.key'),
    });
    expect(
      problemsOf(() => listenerTlsOf('MERIDIAN_NBI_TLS', { cert: 'missing.crt' }, read)),
    ).toEqual([
      'MERIDIAN_NBI_TLS_CERT and MERIDIAN_NBI_TLS_KEY go together',
      "MERIDIAN_NBI_TLS_CERT=missing.crt cannot be read: ENOENT: no such file 'missing.crt'",
    ]);
  });
});
