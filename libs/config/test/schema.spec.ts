import { Ajv } from 'ajv';
import {
  ConfigError,
  bool,
  configSchema,
  infrastructureSpec,
  list,
  oneOf,
  optional,
  port,
  readConfig,
  str,
  url,
  validateConfig,
} from '../src';

const spec = {
  MERIDIAN_CWMP_PORT: port(7547),
  MERIDIAN_BUS: oneOf(['memory', 'kafka'] as const, 'memory'),
  MERIDIAN_KAFKA_BROKERS: list(['127.0.0.1:9092']),
  MERIDIAN_TLS: bool(false),
};

describe('url', () => {
  it('takes the scheme in any case, as URL parsing does, and no other scheme', () => {
    const urls = { MERIDIAN_MONGO_URL: url(['mongodb', 'mongodb+srv']) };
    for (const ok of ['mongodb+srv://db.example/m', 'MONGODB://127.0.0.1:27017/m']) {
      expect(readConfig(urls, { MERIDIAN_MONGO_URL: ok }).MERIDIAN_MONGO_URL).toBe(ok);
    }
    for (const bad of ['mongodbXsrv://db/m', 'redis://x', 'not a url']) {
      expect(() => readConfig(urls, { MERIDIAN_MONGO_URL: bad })).toThrow(
        `MERIDIAN_MONGO_URL=${JSON.stringify(bad)} is not a URL with scheme mongodb or mongodb+srv`,
      );
    }
  });
});

describe('configSchema', () => {
  it('is the JSON Schema of the whole configuration object, defaults included', () => {
    const schema = configSchema(spec);
    expect(schema.properties.MERIDIAN_CWMP_PORT).toEqual(
      expect.objectContaining({ type: 'integer', minimum: 0, maximum: 65535, default: 7547 }),
    );
    expect(schema.properties.MERIDIAN_BUS).toEqual(
      expect.objectContaining({ enum: ['memory', 'kafka'], default: 'memory' }),
    );
    expect(
      configSchema({ MERIDIAN_SECRET: str(), MERIDIAN_OTLP: optional(str()) }).required,
    ).toEqual(['MERIDIAN_SECRET']);
  });

  it('accepts what readConfig reads from the environment', () => {
    const ajv = new Ajv({ formats: { uri: true } });
    const check = ajv.compile(JSON.parse(JSON.stringify(configSchema(infrastructureSpec))));
    expect(check(readConfig(infrastructureSpec, {}))).toBe(true);
    expect(check({ ...readConfig(infrastructureSpec, {}), MERIDIAN_KAFKA_PARTITIONS: 0 })).toBe(
      false,
    );
    // Below the broker's group.min.session.timeout.ms: Kafka would refuse every join.
    expect(
      check({ ...readConfig(infrastructureSpec, {}), MERIDIAN_KAFKA_SESSION_TIMEOUT_MS: 1_000 }),
    ).toBe(false);
  });
});

describe('validateConfig', () => {
  it('checks typed values (a configuration file) against the same schema, naming every problem', () => {
    expect(validateConfig(spec, { MERIDIAN_CWMP_PORT: 8080, MERIDIAN_TLS: true })).toEqual(
      expect.objectContaining({
        MERIDIAN_CWMP_PORT: 8080,
        MERIDIAN_TLS: true,
        MERIDIAN_BUS: 'memory',
      }),
    );
    expect(() =>
      validateConfig(spec, { MERIDIAN_CWMP_PORT: '8080', MERIDIAN_KAFKA_BROKERS: ['a:9092', ''] }),
    ).toThrow(
      new ConfigError([
        'MERIDIAN_CWMP_PORT: "8080" is not an integer between 0 and 65535',
        'MERIDIAN_KAFKA_BROKERS: ["a:9092",""] is not a comma-separated list',
      ]),
    );
  });
});
