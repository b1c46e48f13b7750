import {
  ConfigError,
  bool,
  filesSecretOf,
  int,
  list,
  oneOf,
  optional,
  port,
  readConfig,
  str,
  url,
  withoutCredentials,
} from '../src';

const spec = {
  MERIDIAN_CWMP_PORT: port(7547),
  MERIDIAN_BUS: oneOf(['memory', 'kafka'] as const, 'memory'),
  MERIDIAN_KAFKA_BROKERS: list(['127.0.0.1:9092']),
  MERIDIAN_TLS: bool(false),
  MERIDIAN_REDIS_URL: url(['redis', 'rediss'], 'redis://127.0.0.1:6379'),
  MERIDIAN_MAX_SESSIONS: int(1000, { min: 1 }),
  MERIDIAN_GATEWAY_ID: str('gw-1'),
  MERIDIAN_OTLP_ENDPOINT: optional(url(['http', 'https'])),
};

describe('readConfig', () => {
  it('applies defaults when nothing is set', () => {
    expect(readConfig(spec, {})).toEqual({
      MERIDIAN_CWMP_PORT: 7547,
      MERIDIAN_BUS: 'memory',
      MERIDIAN_KAFKA_BROKERS: ['127.0.0.1:9092'],
      MERIDIAN_TLS: false,
      MERIDIAN_REDIS_URL: 'redis://127.0.0.1:6379',
      MERIDIAN_MAX_SESSIONS: 1000,
      MERIDIAN_GATEWAY_ID: 'gw-1',
      MERIDIAN_OTLP_ENDPOINT: undefined,
    });
  });

  it('parses set values', () => {
    const c = readConfig(spec, {
      MERIDIAN_CWMP_PORT: '8080',
      MERIDIAN_BUS: 'kafka',
      MERIDIAN_KAFKA_BROKERS: 'a:9092, b:9092',
      MERIDIAN_TLS: 'yes',
      MERIDIAN_OTLP_ENDPOINT: 'http://collector:4318',
    });
    expect(c.MERIDIAN_CWMP_PORT).toBe(8080);
    expect(c.MERIDIAN_BUS).toBe('kafka');
    expect(c.MERIDIAN_KAFKA_BROKERS).toEqual(['a:9092', 'b:9092']);
    expect(c.MERIDIAN_TLS).toBe(true);
    expect(c.MERIDIAN_OTLP_ENDPOINT).toBe('http://collector:4318');
  });

  it('reports every bad value at once, naming the variable and what it expects', () => {
    let error: unknown;
    try {
      readConfig(spec, {
        MERIDIAN_CWMP_PORT: '70000',
        MERIDIAN_BUS: 'rabbit',
        MERIDIAN_TLS: 'maybe',
        MERIDIAN_REDIS_URL: 'http://x',
        MERIDIAN_MAX_SESSIONS: '0',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems[0]).toBe('MERIDIAN_CWMP_PORT="70000" is not an integer between 0 and 65535');
    expect(problems[1]).toBe('MERIDIAN_BUS="rabbit" is not one of memory, kafka');
    expect((error as Error).message).toContain('MERIDIAN_TLS="maybe" is not a boolean');
  });

  it('requires a value without default', () => {
    expect(() => readConfig({ MERIDIAN_SECRET: str() }, {})).toThrow(
      'MERIDIAN_SECRET is required (a string)',
    );
  });
});

describe('filesSecretOf', () => {
  it('refuses a key of the signed download URLs shorter than 16 characters', () => {
    expect(() => filesSecretOf({ MERIDIAN_FILES_SECRET: 'short' })).toThrow(
      'MERIDIAN_FILES_SECRET must be 16 characters or more',
    );
    expect(filesSecretOf({ MERIDIAN_FILES_SECRET: '0123456789abcdef' })).toBe('0123456789abcdef');
    expect(filesSecretOf({})).toBeUndefined();
  });
});

describe('withoutCredentials', () => {
  it('leaves the user name and password out of a URL that is logged', () => {
    expect(withoutCredentials('mqtts://acs:s3cret@broker.example.net:8883')).toBe(
      'mqtts://broker.example.net:8883',
    );
    expect(withoutCredentials('mongodb://u:p@mongo:27017/meridian?tls=true')).toBe(
      'mongodb://mongo:27017/meridian?tls=true',
    );
  });
});
