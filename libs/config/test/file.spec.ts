import {
  ConfigError,
  allSpec,
  gatewaySpec,
  infrastructureSpec,
  keysOf,
  maskedValue,
  nbiSpec,
  parseConfigFile,
  parseDuration,
  provisioningSpec,
  resolveConfig,
  type ReadSecret,
} from '../src';

const noSecrets: ReadSecret = (path) => {
  throw new Error(`ENOENT: no such file, open '${path}'`);
};

/** The issue's CWMP block, as an operator writes it. */
const ISSUE_CWMP = `cwmp:
  enabled: true
  port: 7547
  tls: { enabled: true, cert_file: "/certs/acs.crt", key_file: "/certs/acs.key" }
  auth: { enabled: true, username: "acs-user", password: "acs-password" }
  connection: { timeout: "30s", max_envelope_size: 65536, soap_timeout: "60s" }
  database: { driver: "mongodb", connection_string: "mongodb://localhost:27017/cwmp" }
  provisioning:
    auto_create_devices: true
    default_config_url: "http://acs.example.com/config/"
    firmware_url: "http://acs.example.com/firmware/"
`;

const problemsOf = (text: string, readSecret: ReadSecret = noSecrets) =>
  parseConfigFile(text, 'meridian.yaml', readSecret).problems;

const resolve = (
  text: string | undefined,
  env: Record<string, string> = {},
  readSecret = noSecrets,
) =>
  resolveConfig(allSpec, {
    env,
    file: text === undefined ? undefined : { text, name: 'meridian.yaml' },
    readSecret,
  });

const configErrorOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('no ConfigError');
};

describe('the CWMP section of the issue', () => {
  it('sets every variable it stands for', () => {
    const { config } = resolve(ISSUE_CWMP);
    expect(config).toMatchObject({
      MERIDIAN_CWMP_ENABLED: true,
      MERIDIAN_CWMP_PORT: 7547,
      MERIDIAN_CWMP_TLS_CERT: '/certs/acs.crt',
      MERIDIAN_CWMP_TLS_KEY: '/certs/acs.key',
      MERIDIAN_CWMP_AUTH: 'digest',
      MERIDIAN_CWMP_USERNAME: 'acs-user',
      MERIDIAN_CWMP_PASSWORD: 'acs-password',
      MERIDIAN_CWMP_REQUEST_TIMEOUT_MS: 30_000,
      MERIDIAN_CWMP_MAX_BODY_BYTES: 65_536,
      MERIDIAN_CWMP_SESSION_TIMEOUT_MS: 60_000,
      MERIDIAN_STORE: 'mongo',
      MERIDIAN_MONGO_URL: 'mongodb://localhost:27017/cwmp',
      MERIDIAN_AUTO_REGISTER: true,
      MERIDIAN_DEFAULT_CONFIG_URL: 'http://acs.example.com/config/',
      MERIDIAN_FILES_URL: 'http://acs.example.com/firmware/',
    });
  });

  it('turns TLS and authentication off with enabled: false, whatever else the block says', () => {
    const { config } = resolve(
      ISSUE_CWMP.replace('tls: { enabled: true', 'tls: { enabled: false').replace(
        'auth: { enabled: true',
        'auth: { enabled: false',
      ),
    );
    expect(config.MERIDIAN_CWMP_TLS_CERT).toBeUndefined();
    expect(config.MERIDIAN_CWMP_TLS_KEY).toBeUndefined();
    expect(config.MERIDIAN_CWMP_AUTH).toBe('none');
  });

  it('takes the method of authentication, and the switches of Kafka and Redis', () => {
    expect(
      resolve('cwmp: { auth: { enabled: true, method: any } }\n').config.MERIDIAN_CWMP_AUTH,
    ).toBe('any');
    expect(resolve('cwmp: { auth: { method: basic } }\n').config.MERIDIAN_CWMP_AUTH).toBe('basic');
    expect(problemsOf('cwmp: { auth: { method: none } }\n')).toEqual([
      'meridian.yaml:1: cwmp.auth.method: "none" is not one of basic, digest, any',
    ]);
    const { config } = resolve(
      'kafka: { enabled: true, brokers: [k1:9092, k2:9092] }\nredis: { enabled: true, url: "rediss://r:6380" }\n',
    );
    expect(config).toMatchObject({
      MERIDIAN_BUS: 'kafka',
      MERIDIAN_KAFKA_BROKERS: ['k1:9092', 'k2:9092'],
      MERIDIAN_SESSION_STORE: 'redis',
      MERIDIAN_REDIS_URL: 'rediss://r:6380',
    });
  });

  it('takes the SQLite file from connection_string with driver sqlite', () => {
    const { config } = resolve(
      'cwmp:\n  database: { driver: sqlite, connection_string: /var/lib/meridian/acs.db }\n',
    );
    expect(config.MERIDIAN_STORE).toBe('sqlite');
    expect(config.MERIDIAN_SQLITE_FILE).toBe('/var/lib/meridian/acs.db');
  });
});

describe('problems, each with its line and key', () => {
  it('lists every problem of a file in one round', () => {
    const text = [
      'cwmp:', // 1
      '  port: "seven"', // 2
      '  tls: { enabled: true }', // 3
      '  connection:', // 4
      '    timeout: 30', // 5
      '    soap_timeout: 2 minutes', // 6
      '    max_envelope_size: 12', // 7
      '  database: { driver: oracle, connection_string: "x" }', // 8
      '  provisioning: { auto_create_devices: "no" }', // 9
      'kafka:', // 10
      '  brokerz: [a]', // 11
      'nbi: { api_keys: "k" }', // 12
      'redis: yes', // 13
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'meridian.yaml:2: cwmp.port: "seven" is not an integer between 0 and 65535',
      'meridian.yaml:3: cwmp.tls.enabled: true needs cwmp.tls.cert_file and cwmp.tls.key_file',
      'meridian.yaml:5: cwmp.connection.timeout: 30 is not a duration like "500ms", "30s", "5m", "1h" or "1d"',
      'meridian.yaml:6: cwmp.connection.soap_timeout: "2 minutes" is not a duration like "500ms", "30s", "5m", "1h" or "1d"',
      'meridian.yaml:7: cwmp.connection.max_envelope_size: 12 is not an integer between 1024 and 9007199254740991',
      'meridian.yaml:8: cwmp.database.driver: "oracle" is not one of mongodb, sqlite',
      'meridian.yaml:9: cwmp.provisioning.auto_create_devices: "no" is not a boolean (true/false)',
      'meridian.yaml:11: kafka.brokerz: unknown key (known here: enabled, brokers, partitions, topic_prefix, session_timeout, tls, sasl)',
      'meridian.yaml:12: nbi.api_keys: the value is not a list of strings',
      'meridian.yaml:13: redis: is not a mapping of keys',
    ]);
  });

  it('names an unknown top-level section and a misspelled nested key', () => {
    expect(problemsOf('cwmp:\n  auth:\n    pasword: x\nmetrics: {}\n')).toEqual([
      'meridian.yaml:3: cwmp.auth.pasword: unknown key (known here: enabled, method, username, password, password_file, nonce_secret, nonce_secret_file, max_failures, max_failures_per_address, failure_window)',
      expect.stringMatching(/^meridian\.yaml:4: metrics: unknown key \(known here: cwmp, kafka, /),
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const problems = problemsOf('cwmp:\n  port: 7547\n  tls: { enabled: true\n');
    // Where the parser finds out: the end of the file, line 4.
    expect(problems).toEqual([
      'meridian.yaml:4: Flow map in block collection must be sufficiently indented and end with a }',
    ]);
    expect(problemsOf('cwmp:\n  port: 7547\n  port: 7548\n')).toEqual([
      'meridian.yaml:3: cwmp.port: cwmp.port is set twice (also on line 2)',
    ]);
    expect(problemsOf('cwmp:\n  port: 7547\nlogging: {}\ncwmp:\n  host: 127.0.0.1\n')).toEqual([
      'meridian.yaml:4: cwmp: the section is there twice (also on line 1)',
    ]);
  });

  it('refuses a MongoDB URL with driver sqlite, and a path with driver mongodb', () => {
    expect(problemsOf('cwmp:\n  database: { connection_string: "mongodb://db/x" }\n')).toEqual([
      'meridian.yaml:2: cwmp.database.connection_string: is a MongoDB URL, but the driver is sqlite (set driver: mongodb)',
    ]);
    expect(
      problemsOf('cwmp:\n  database:\n    driver: mongodb\n    connection_string: /data/x.db\n'),
    ).toEqual([
      'meridian.yaml:4: cwmp.database.connection_string: is not a mongodb:// or mongodb+srv:// URL (driver mongodb)',
    ]);
  });

  it('throws at start with the file problems and the environment problems together', () => {
    expect(
      configErrorOf(() => resolve('cwmp: { port: -1 }\n', { MERIDIAN_BUS: 'rabbit' })),
    ).toEqual([
      'meridian.yaml:1: cwmp.port: -1 is not an integer between 0 and 65535',
      'MERIDIAN_BUS is not one of memory, kafka ("rabbit")',
    ]);
  });

  it('refuses settings that do not go together', () => {
    expect(configErrorOf(() => resolve('cwmp:\n  connection: { timeout: 5s }\n'))).toEqual([
      'MERIDIAN_CWMP_REQUEST_TIMEOUT_MS (cwmp.connection.timeout) must be at least MERIDIAN_CWMP_HEADERS_TIMEOUT_MS (cwmp.connection.headers_timeout)',
    ]);
    expect(
      resolve('cwmp:\n  connection: { timeout: 5s, headers_timeout: 5s }\n').config
        .MERIDIAN_CWMP_REQUEST_TIMEOUT_MS,
    ).toBe(5000);
  });

  it('names the YAML key of a required setting', () => {
    expect(
      configErrorOf(() =>
        resolveConfig(
          { MERIDIAN_NBI_API_KEYS: nbiSpec.MERIDIAN_NBI_API_KEYS },
          { env: {}, file: { text: 'nbi: {}\n', name: 'm.yaml' }, readSecret: noSecrets },
        ),
      ),
    ).toEqual([
      'MERIDIAN_NBI_API_KEYS (m.yaml: nbi.api_keys) is required (a comma-separated list)',
    ]);
  });
});

describe('the environment and secret files', () => {
  it('lets an environment variable override the file', () => {
    const { config, settings } = resolve(ISSUE_CWMP, { MERIDIAN_CWMP_PORT: '8080' });
    expect(config.MERIDIAN_CWMP_PORT).toBe(8080);
    expect(settings.find((s) => s.variable === 'MERIDIAN_CWMP_PORT')?.source).toBe('env');
    expect(settings.find((s) => s.variable === 'MERIDIAN_CWMP_USERNAME')?.source).toBe(
      'meridian.yaml:5 cwmp.auth.username',
    );
    expect(settings.find((s) => s.variable === 'MERIDIAN_GATEWAY_ID')?.source).toBe('default');
  });

  it('reads password_file (a Kubernetes secret), without its trailing newline', () => {
    const files: Record<string, string> = { '/run/secrets/cwmp': 's3cret\n' };
    const read: ReadSecret = (path) => {
      if (path in files) return files[path] as string;
      throw new Error('ENOENT');
    };
    const { config } = resolve(
      'cwmp:\n  auth:\n    enabled: true\n    username: acs\n    password_file: /run/secrets/cwmp\n',
      {},
      read,
    );
    expect(config.MERIDIAN_CWMP_PASSWORD).toBe('s3cret');
    expect(problemsOf('cwmp:\n  auth: { password_file: /nope }\n', read)).toEqual([
      'meridian.yaml:2: cwmp.auth.password_file: /nope cannot be read: ENOENT',
    ]);
    expect(
      problemsOf('cwmp:\n  auth: { password: a, password_file: /run/secrets/cwmp }\n', read),
    ).toEqual([
      'meridian.yaml:2: cwmp.auth.password_file: cwmp.auth.password is set twice (also on line 2)',
    ]);
  });

  it('reads <VARIABLE>_FILE of a secret from the environment, which wins over the file', () => {
    const read: ReadSecret = () => 'from-env-file\n';
    const { config } = resolve(
      'cwmp: { auth: { password: in-yaml } }\n',
      { MERIDIAN_CWMP_PASSWORD_FILE: '/s' },
      read,
    );
    expect(config.MERIDIAN_CWMP_PASSWORD).toBe('from-env-file');
    expect(
      configErrorOf(() =>
        resolve(
          undefined,
          { MERIDIAN_CWMP_PASSWORD: 'a', MERIDIAN_CWMP_PASSWORD_FILE: '/s' },
          read,
        ),
      ),
    ).toEqual(['MERIDIAN_CWMP_PASSWORD and MERIDIAN_CWMP_PASSWORD_FILE are both set: one of them']);
    // Only secrets come from files: MERIDIAN_CWMP_PORT_FILE means nothing.
    expect(
      resolve(undefined, { MERIDIAN_CWMP_PORT_FILE: '/s' }, read).config.MERIDIAN_CWMP_PORT,
    ).toBe(7547);
  });

  it('reads a list from a secret file, one item per line or comma-separated', () => {
    const read: ReadSecret = () => 'ops:admin:0123456789abcdef\nro:read-only:fedcba9876543210\n';
    expect(
      resolve('nbi: { api_keys_file: /run/secrets/keys }\n', {}, read).config.MERIDIAN_NBI_API_KEYS,
    ).toEqual(['ops:admin:0123456789abcdef', 'ro:read-only:fedcba9876543210']);
    expect(
      resolve(undefined, { MERIDIAN_NBI_API_KEYS_FILE: '/run/secrets/keys' }, read).config
        .MERIDIAN_NBI_API_KEYS,
    ).toEqual(['ops:admin:0123456789abcdef', 'ro:read-only:fedcba9876543210']);
  });

  it('masks secrets, and only the password of a URL', () => {
    expect(maskedValue('MERIDIAN_CWMP_PASSWORD', 'acs-password')).toBe('********');
    expect(maskedValue('MERIDIAN_MONGO_URL', 'mongodb://acs:pw@db:27017/cwmp')).toBe(
      'mongodb://acs:********@db:27017/cwmp',
    );
    expect(maskedValue('MERIDIAN_CWMP_USERNAME', 'acs-user')).toBe('acs-user');
    expect(maskedValue('MERIDIAN_SQLITE_FILE', '/data/acs.db')).toBe('/data/acs.db');
  });
});

describe('the layout', () => {
  it('has a key for every variable of every service', () => {
    const covered = new Set(keysOf().flatMap(({ key }) => key.variables));
    expect(Object.keys(allSpec).filter((v) => !covered.has(v as never))).toEqual([]);
  });

  it('reads a service spec alone (the gateway) while checking the whole file', () => {
    const spec = { ...infrastructureSpec, ...gatewaySpec };
    expect(
      resolveConfig(spec, { env: {}, file: { text: ISSUE_CWMP, name: 'f' }, readSecret: noSecrets })
        .config.MERIDIAN_CWMP_PORT,
    ).toBe(7547);
    expect(
      configErrorOf(() =>
        resolveConfig(provisioningSpec, {
          env: {},
          file: { text: 'cwmp: { port: x }\n', name: 'f' },
          readSecret: noSecrets,
        }),
      ),
    ).toEqual(['f:1: cwmp.port: "x" is not an integer between 0 and 65535']);
  });

  it('parses durations', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('30')).toBeUndefined();
    expect(parseDuration(30)).toBeUndefined();
    expect(parseDuration('5 m')).toBeUndefined();
  });

  it('takes refresh as paths with durations, in whole seconds', () => {
    expect(
      resolve('provisioning:\n  refresh: { "Device.DeviceInfo.": 1h, "Device.WiFi.": 1d }\n').config
        .MERIDIAN_REFRESH,
    ).toEqual(['Device.DeviceInfo.=3600', 'Device.WiFi.=86400']);
    expect(problemsOf('ops: { drain_timeout: 1500ms }\nfiles: { url_ttl: 1500ms }\n')).toEqual([
      'meridian.yaml:2: files.url_ttl: "1500ms" is not a whole number of seconds',
    ]);
  });
});
