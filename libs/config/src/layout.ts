/**
 * The configuration file's shape (meridian.yaml): sections of keys, each key setting one (or, for
 * a few switches, several) MERIDIAN_* variables. The file and the environment are two sources of
 * the same variables; the environment wins.
 */
import { allSpec } from './specs';

export type Variable = keyof typeof allSpec;

/** What a key's value gives: the variables it sets, or what is wrong with it. */
export type Outcome = { set: Partial<Record<Variable, unknown>> } | { problem: string };

export interface Key {
  readonly kind: 'key';
  /** Every variable the key may set (docs, `config print`, the test that none is left out). */
  readonly variables: readonly Variable[];
  /** One line for the README and the example file. */
  readonly doc: string;
  /** `<key>_file` may name a file holding the value (Kubernetes secrets); `config print` masks it. */
  readonly secret: boolean;
  /** Of a secret key, the variables that hold secrets (default: all it sets). */
  readonly secretVariables?: readonly Variable[];
  /** The words of "… is not <expected>" when a value does not fit (default: the variable's). */
  readonly expected?: string;
  /** A duration key: the unit of its variable (docs show the default as a duration). */
  readonly unit?: 'ms' | 's';
  /** The key's value (plain data) and its section's other values → the variables' values. */
  readonly apply: (value: unknown, section: Readonly<Record<string, unknown>>) => Outcome;
}

export interface Section {
  readonly [name: string]: Key | Section;
}

export const isKey = (node: Key | Section): node is Key => node.kind === 'key';

interface Options {
  secret?: boolean;
  expected?: string;
}

/** The value as it is, checked against the variable's schema. */
const plain = (variable: Variable, doc: string, options: Options = {}): Key => ({
  kind: 'key',
  variables: [variable],
  doc,
  secret: options.secret ?? false,
  expected: options.expected,
  apply: (value) => ({ set: { [variable]: value } }),
});

const LIST = 'a list of strings';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;
const DURATION_WORDS = 'a duration like "500ms", "30s", "5m", "1h" or "1d"';

/** "30s" → 30000; "1m30s" → 90000; undefined when not a duration. */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  const parts = text.trim().match(/\d+(?:\.\d+)?(?:ms|s|m|h|d)/g);
  if (!parts || parts.join('') !== text.trim()) return undefined;
  let ms = 0;
  for (const part of parts) {
    const [, amount, unit] = DURATION.exec(part) as RegExpExecArray;
    ms += Number(amount) * (UNITS[unit as string] as number);
  }
  return Number.isInteger(ms) ? ms : undefined;
}

/** A duration ("30s", "5m", "500ms") into a variable counted in milliseconds or whole seconds. */
const duration = (variable: Variable, unit: 'ms' | 's', doc: string): Key => ({
  kind: 'key',
  variables: [variable],
  doc,
  secret: false,
  unit,
  apply: (value) => {
    const ms = parseDuration(value);
    if (ms === undefined) return { problem: `${JSON.stringify(value)} is not ${DURATION_WORDS}` };
    if (unit === 's' && ms % 1000 !== 0) {
      return { problem: `${JSON.stringify(value)} is not a whole number of seconds` };
    }
    return { set: { [variable]: unit === 's' ? ms / 1000 : ms } };
  },
});

/** A key that only counts when its section's `enabled` is not false. */
const unlessDisabled = (key: Key): Key => ({
  ...key,
  apply: (value, section) => (section.enabled === false ? { set: {} } : key.apply(value, section)),
});

const AUTH_METHODS = ['basic', 'digest', 'any'];

/** MERIDIAN_STORE's values as the file names them. */
const DRIVERS: Record<string, string> = { mongodb: 'mongo', sqlite: 'sqlite' };
const isMongoUrl = (value: unknown): boolean =>
  typeof value === 'string' && /^mongodb(\+srv)?:\/\//i.test(value);

export const layout: Section = {
  cwmp: {
    enabled: plain(
      'MERIDIAN_CWMP_ENABLED',
      'false: no CWMP listener (the all-in-one serves the NBI only; the standalone gateway refuses to start)',
    ),
    host: plain(
      'MERIDIAN_CWMP_HOST',
      'address the CWMP listener binds (the all-in-one binds the NBI there too)',
    ),
    port: plain('MERIDIAN_CWMP_PORT', 'CWMP listener port'),
    gateway_id: plain('MERIDIAN_GATEWAY_ID', 'names this gateway replica in events'),
    realm: plain(
      'MERIDIAN_CWMP_REALM',
      'Basic/Digest realm; per-device credentials are kept for it (the standalone NBI reads it too)',
    ),
    tls: {
      enabled: {
        kind: 'key',
        variables: [],
        doc: 'false: plain HTTP whatever the other tls keys say; true needs cert_file and key_file',
        secret: false,
        apply: (value, section) => {
          if (typeof value !== 'boolean')
            return { problem: `${JSON.stringify(value)} is not a boolean (true/false)` };
          if (value && (section.cert_file === undefined || section.key_file === undefined)) {
            return { problem: 'true needs cwmp.tls.cert_file and cwmp.tls.key_file' };
          }
          return { set: {} };
        },
      },
      cert_file: unlessDisabled(
        plain(
          'MERIDIAN_CWMP_TLS_CERT',
          'PEM certificate (chain) of the ACS; it and every other TLS file are read again each minute, and a change (a renewal) applies to the next handshakes without a restart',
        ),
      ),
      key_file: unlessDisabled(plain('MERIDIAN_CWMP_TLS_KEY', 'PEM private key of the ACS')),
      ecdsa_cert_file: unlessDisabled(
        plain(
          'MERIDIAN_CWMP_TLS_ECDSA_CERT',
          'a second certificate (chain) of the ACS, ECDSA: CPEs that support ECDSA get it, for a handshake cheaper than RSA; the others get cert_file',
        ),
      ),
      ecdsa_key_file: unlessDisabled(
        plain('MERIDIAN_CWMP_TLS_ECDSA_KEY', 'PEM private key of that ECDSA certificate'),
      ),
      ca_file: unlessDisabled(
        plain(
          'MERIDIAN_CWMP_TLS_CA',
          'PEM file of the CAs of CPE client certificates (with client_cert)',
        ),
      ),
      ticket_keys_file: unlessDisabled(
        plain(
          'MERIDIAN_CWMP_TLS_TICKET_KEYS',
          'file of 48 random bytes (`openssl rand 48`), the same on every gateway replica: a CPE resumes its TLS session on whichever replica it reaches, without a full handshake; read again when it changes (rotation); unset: random keys per process',
        ),
      ),
      ticket_lifetime: unlessDisabled(
        duration(
          'MERIDIAN_CWMP_TLS_TICKET_LIFETIME_SECONDS',
          's',
          'how long a CPE may resume its TLS session with a ticket (at most 7d); longer than the periodic inform interval, or every session is a full handshake',
        ),
      ),
      client_cert: unlessDisabled(
        plain(
          'MERIDIAN_CWMP_TLS_CLIENT_CERT',
          'off, optional or required: CPEs may or must present a client certificate signed by ca_file; one whose subject CN or a DNS/URI subjectAltName is the deviceId or the SerialNumber authenticates that device without a password, any other gets 403',
        ),
      ),
    },
    auth: {
      enabled: {
        kind: 'key',
        variables: ['MERIDIAN_CWMP_AUTH'],
        doc: 'true: CPEs authenticate (method, default digest); false: they do not',
        secret: false,
        apply: (value, section) => {
          if (typeof value !== 'boolean')
            return { problem: `${JSON.stringify(value)} is not a boolean (true/false)` };
          return { set: { MERIDIAN_CWMP_AUTH: value ? (section.method ?? 'digest') : 'none' } };
        },
      },
      method: {
        kind: 'key',
        variables: ['MERIDIAN_CWMP_AUTH'],
        doc: 'basic, digest or any (what the CPE offers)',
        secret: false,
        apply: (value, section) => {
          if (typeof value !== 'string' || !AUTH_METHODS.includes(value)) {
            return { problem: `${JSON.stringify(value)} is not one of ${AUTH_METHODS.join(', ')}` };
          }
          // With `enabled`, that key sets the variable.
          return { set: section.enabled === undefined ? { MERIDIAN_CWMP_AUTH: value } : {} };
        },
      },
      username: plain(
        'MERIDIAN_CWMP_USERNAME',
        'default CPE credentials, for devices without their own (PUT /devices/{deviceId}/credentials)',
      ),
      password: plain('MERIDIAN_CWMP_PASSWORD', 'its password', { secret: true }),
      nonce_secret: plain(
        'MERIDIAN_CWMP_NONCE_SECRET',
        'shared by replicas so Digest nonces work across them (default: random per process)',
        { secret: true },
      ),
      max_failures: plain(
        'MERIDIAN_CWMP_AUTH_MAX_FAILURES',
        'failed authentications of a device within the window before its new sessions get 429; 0: no limit',
      ),
      max_failures_per_address: plain(
        'MERIDIAN_CWMP_AUTH_MAX_FAILURES_PER_ADDRESS',
        'the same per remote address',
      ),
      failure_window: duration('MERIDIAN_CWMP_AUTH_FAILURE_WINDOW_SECONDS', 's', 'that window'),
    },
    connection: {
      timeout: duration(
        'MERIDIAN_CWMP_REQUEST_TIMEOUT_MS',
        'ms',
        'deadline of one HTTP request (headers and SOAP envelope); slower clients get 408',
      ),
      max_envelope_size: plain(
        'MERIDIAN_CWMP_MAX_BODY_BYTES',
        'bytes of a SOAP envelope (HTTP body, 1024 or more); bigger ones get 413',
      ),
      soap_timeout: duration(
        'MERIDIAN_CWMP_SESSION_TIMEOUT_MS',
        'ms',
        "how long the ACS waits for the CPE's next SOAP message of a session before abandoning it (and its device lease)",
      ),
      headers_timeout: duration(
        'MERIDIAN_CWMP_HEADERS_TIMEOUT_MS',
        'ms',
        'deadline of the HTTP headers (408)',
      ),
      max_sessions: plain(
        'MERIDIAN_CWMP_MAX_SESSIONS',
        'live sessions of this replica; new sessions beyond get 503 + Retry-After',
      ),
      retry_after: duration('MERIDIAN_CWMP_RETRY_AFTER_SECONDS', 's', 'Retry-After of those 503s'),
      max_backlog: plain(
        'MERIDIAN_CWMP_MAX_BACKLOG',
        'Informs (and, all-in-one, results) provisioning has not handled yet at which new sessions get 503',
      ),
      max_backlog_seconds: duration(
        'MERIDIAN_CWMP_MAX_BACKLOG_SECONDS',
        's',
        'the same 503 when that backlog would take longer to drain at the rate provisioning handled it',
      ),
      linger: duration(
        'MERIDIAN_CWMP_LINGER_MS',
        'ms',
        'how long a session that would end waits for more commands when more are likely',
      ),
      linger_max: duration(
        'MERIDIAN_CWMP_LINGER_MAX_MS',
        'ms',
        "how long that wait goes on while provisioning is behind or still planning the session's last message (at most half the session timeout)",
      ),
      linger_sources: plain(
        'MERIDIAN_CWMP_LINGER_SOURCES',
        'sources of commands after which a session lingers',
        { expected: LIST },
      ),
      linger_limit_initial: plain(
        'MERIDIAN_CWMP_LINGER_LIMIT_INITIAL',
        'new 0 BOOTSTRAP sessions run at once at start; the limit then adapts to how fast provisioning answers them, and a session beyond it is held up to linger_max, then gets 503 (0: no such limit)',
      ),
    },
    database: {
      driver: {
        kind: 'key',
        variables: ['MERIDIAN_STORE'],
        doc: 'mongodb or sqlite (embedded): the store of every service',
        secret: false,
        apply: (value) => {
          const store = typeof value === 'string' ? DRIVERS[value] : undefined;
          return store === undefined
            ? {
                problem: `${JSON.stringify(value)} is not one of ${Object.keys(DRIVERS).join(', ')}`,
              }
            : { set: { MERIDIAN_STORE: store } };
        },
      },
      connection_string: {
        kind: 'key',
        variables: ['MERIDIAN_MONGO_URL', 'MERIDIAN_SQLITE_FILE'],
        // A MongoDB URL may carry a password; a file path is no secret.
        secretVariables: ['MERIDIAN_MONGO_URL'],
        doc: 'mongodb: a mongodb:// URL; sqlite: the database file (default meridian.db in store.data_dir)',
        secret: true,
        apply: (value, section) => {
          if (typeof value !== 'string' || value === '') {
            return { problem: `${JSON.stringify(value)} is not a non-empty string` };
          }
          const mongo = isMongoUrl(value);
          if (section.driver === 'mongodb' && !mongo) {
            return { problem: 'is not a mongodb:// or mongodb+srv:// URL (driver mongodb)' };
          }
          if (section.driver !== 'mongodb' && mongo) {
            return { problem: 'is a MongoDB URL, but the driver is sqlite (set driver: mongodb)' };
          }
          return { set: mongo ? { MERIDIAN_MONGO_URL: value } : { MERIDIAN_SQLITE_FILE: value } };
        },
      },
      tls: {
        ca_file: plain(
          'MERIDIAN_MONGO_TLS_CA',
          "mongodb: TLS, trusting the CAs of this PEM file for the server's certificate",
        ),
        cert_file: plain(
          'MERIDIAN_MONGO_TLS_CERT',
          'mongodb: TLS with this PEM client certificate (MONGODB-X509, or a server that requires one)',
        ),
        key_file: plain('MERIDIAN_MONGO_TLS_KEY', 'its PEM private key'),
      },
    },
    provisioning: {
      auto_create_devices: plain(
        'MERIDIAN_AUTO_REGISTER',
        'false: the Inform of a device the registry does not know gets 403 (register devices with PUT /devices/{deviceId})',
      ),
      default_config_url: plain(
        'MERIDIAN_DEFAULT_CONFIG_URL',
        'base URL of the preset action vendorConfig: a Download "3 Vendor Configuration File" of <base><file of the device>',
      ),
      firmware_url: plain(
        'MERIDIAN_FILES_URL',
        'base URL CPEs download repository files (firmware images…) from, <base>/<name>: the firmware service as CPEs reach it, for download tasks and preset download actions; all-in-one default http(s)://127.0.0.1:<files.port> (https when CWMP TLS is on)',
      ),
    },
    connection_request: {
      username: plain(
        'MERIDIAN_CR_USERNAME',
        'connection request credentials when the parameter cache has none for a device',
      ),
      password: plain('MERIDIAN_CR_PASSWORD', 'its password', { secret: true }),
    },
  },
  kafka: {
    enabled: {
      kind: 'key',
      variables: ['MERIDIAN_BUS'],
      doc: 'true: services talk through Kafka; false: the in-process bus (the all-in-one)',
      secret: false,
      apply: (value) =>
        typeof value === 'boolean'
          ? { set: { MERIDIAN_BUS: value ? 'kafka' : 'memory' } }
          : { problem: `${JSON.stringify(value)} is not a boolean (true/false)` },
    },
    brokers: plain('MERIDIAN_KAFKA_BROKERS', 'host:port of the brokers', { expected: LIST }),
    partitions: plain('MERIDIAN_KAFKA_PARTITIONS', 'partitions of the topics Meridian creates'),
    topic_prefix: plain(
      'MERIDIAN_KAFKA_TOPIC_PREFIX',
      'prefix of every topic and consumer group (several deployments on one cluster)',
    ),
    session_timeout: duration(
      'MERIDIAN_KAFKA_SESSION_TIMEOUT_MS',
      'ms',
      "how long Kafka waits for a stopped consumer (a killed process) before its partitions, and their commands, move to another replica; a replacement's start waits as long (6s to 30m)",
    ),
    tls: {
      enabled: plain(
        'MERIDIAN_KAFKA_TLS',
        "true: TLS to the brokers (their SSL or SASL_SSL listener), every service's clients",
      ),
      ca_file: plain(
        'MERIDIAN_KAFKA_TLS_CA',
        "PEM file of the CAs of the brokers' certificates; unset: the system's CAs",
      ),
      cert_file: plain(
        'MERIDIAN_KAFKA_TLS_CERT',
        'PEM certificate of the services, for brokers that require client certificates',
      ),
      key_file: plain('MERIDIAN_KAFKA_TLS_KEY', 'its PEM private key'),
    },
    sasl: {
      mechanism: plain(
        'MERIDIAN_KAFKA_SASL_MECHANISM',
        'none, plain, scram-sha-256 or scram-sha-512: how the services authenticate to the brokers (plain sends the password: with tls only)',
      ),
      username: plain('MERIDIAN_KAFKA_SASL_USERNAME', 'SASL user name'),
      password: plain('MERIDIAN_KAFKA_SASL_PASSWORD', 'its password', { secret: true }),
    },
  },
  redis: {
    enabled: {
      kind: 'key',
      variables: ['MERIDIAN_SESSION_STORE'],
      doc: 'true: sessions and command queues in Redis (several gateways); false: in memory',
      secret: false,
      apply: (value) =>
        typeof value === 'boolean'
          ? { set: { MERIDIAN_SESSION_STORE: value ? 'redis' : 'memory' } }
          : { problem: `${JSON.stringify(value)} is not a boolean (true/false)` },
    },
    url: plain('MERIDIAN_REDIS_URL', 'redis:// or rediss:// URL (run Redis with appendonly yes)', {
      secret: true,
    }),
    tls: {
      ca_file: plain(
        'MERIDIAN_REDIS_TLS_CA',
        "with a rediss:// url: PEM file of the CAs of the server's certificate; unset: the system's CAs",
      ),
      cert_file: plain(
        'MERIDIAN_REDIS_TLS_CERT',
        'with a rediss:// url: PEM certificate of the services, for a Redis with tls-auth-clients',
      ),
      key_file: plain('MERIDIAN_REDIS_TLS_KEY', 'its PEM private key'),
    },
  },
  store: {
    data_dir: plain(
      'MERIDIAN_DATA_DIR',
      'SQLite file, the local NBI key and the files secret of the all-in-one',
    ),
  },
  nbi: {
    host: plain(
      'MERIDIAN_NBI_HOST',
      'standalone NBI listener address (the all-in-one binds cwmp.host)',
    ),
    port: plain(
      'MERIDIAN_NBI_PORT',
      'NBI port (the all-in-one serves /metrics and /health there too)',
    ),
    tls: {
      cert_file: plain(
        'MERIDIAN_NBI_TLS_CERT',
        'PEM certificate (chain): the NBI over HTTPS (in the all-in-one /metrics and /health too); read again each minute, a renewal applies without a restart',
      ),
      key_file: plain('MERIDIAN_NBI_TLS_KEY', 'its PEM private key'),
    },
    api_keys: plain(
      'MERIDIAN_NBI_API_KEYS',
      'name:role:key entries, role read-only, operator or admin (key of 16+ characters); the all-in-one makes data/nbi-admin.key when none',
      { secret: true, expected: LIST },
    ),
    instance_id: plain('MERIDIAN_NBI_INSTANCE_ID', 'names this NBI replica'),
    task_retention: duration(
      'MERIDIAN_NBI_TASK_RETENTION_SECONDS',
      's',
      'ended tasks created longer ago are deleted (hourly, by every NBI and the all-in-one); 0s keeps them all',
    ),
    audit_retention: duration(
      'MERIDIAN_NBI_AUDIT_RETENTION_SECONDS',
      's',
      'audit entries made longer ago are deleted (hourly, as tasks); 0s keeps them all',
    ),
    campaign_retention: duration(
      'MERIDIAN_NBI_CAMPAIGN_RETENTION_SECONDS',
      's',
      "firmware campaigns that ended longer ago are deleted with their devices' records (hourly, as tasks); 0s keeps them all",
    ),
    transfer_retention: duration(
      'MERIDIAN_NBI_TRANSFER_RETENTION_SECONDS',
      's',
      "ended firmware transfers (a device's firmware history) created longer ago are deleted (hourly, as tasks); 0s keeps them all",
    ),
  },
  provisioning: {
    discovery_batch_size: plain(
      'MERIDIAN_DISCOVERY_BATCH_SIZE',
      'parameters per GetParameterValues of a discovery',
    ),
    discovery_paths: plain(
      'MERIDIAN_DISCOVERY_PATHS',
      'subtrees a discovery reads, relative to the root (WiFi., ManagementServer.); empty: the whole tree',
      { expected: LIST },
    ),
    refresh: {
      kind: 'key',
      variables: ['MERIDIAN_REFRESH'],
      doc: 'subtrees read again when older than a duration: { "Device.DeviceInfo.": 1h }',
      secret: false,
      apply: (value) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          return { problem: `${JSON.stringify(value)} is not a mapping of paths to durations` };
        }
        const entries: string[] = [];
        for (const [path, age] of Object.entries(value)) {
          const ms = parseDuration(age);
          if (ms === undefined || ms % 1000 !== 0) {
            return {
              problem: `${path}: ${JSON.stringify(age)} is not ${DURATION_WORDS} (whole seconds)`,
            };
          }
          entries.push(`${path}=${ms / 1000}`);
        }
        return { set: { MERIDIAN_REFRESH: entries } };
      },
    },
    preset_max_failures: plain(
      'MERIDIAN_PRESET_MAX_FAILURES',
      'failures of one preset version before it becomes a fault',
    ),
    preset_retry_base: duration(
      'MERIDIAN_PRESET_RETRY_BASE_MS',
      'ms',
      "first backoff between a preset's attempts",
    ),
    preset_retry_max: duration('MERIDIAN_PRESET_RETRY_MAX_MS', 'ms', 'longest backoff'),
    command_ttl: duration(
      'MERIDIAN_PROVISIONING_COMMAND_TTL_MS',
      'ms',
      "expiry of provisioning's commands",
    ),
    transfer_wait: duration(
      'MERIDIAN_PROVISIONING_TRANSFER_WAIT_MS',
      'ms',
      "how long a preset's accepted Download waits for its outcome on firmware.outcomes before it counts as failed",
    ),
    preset_cache: duration(
      'MERIDIAN_PRESET_CACHE_MS',
      'ms',
      'how long a read of presets and files is reused',
    ),
    online_grace: duration(
      'MERIDIAN_ONLINE_GRACE_SECONDS',
      's',
      'online = last Inform younger than PeriodicInformInterval + this',
    ),
    default_inform_interval: duration(
      'MERIDIAN_DEFAULT_INFORM_INTERVAL_SECONDS',
      's',
      'PeriodicInformInterval assumed when the device has not reported one',
    ),
    credentials_secret: plain(
      'MERIDIAN_PROVISIONING_CREDENTIALS_SECRET',
      'key (16+ characters) of the per-device passwords of the preset action setCredentials',
      { secret: true },
    ),
  },
  files: {
    host: plain('MERIDIAN_FILES_HOST', 'file server address (firmware service, all-in-one)'),
    port: plain('MERIDIAN_FILES_PORT', 'file server port'),
    secret: plain(
      'MERIDIAN_FILES_SECRET',
      'key (16+ characters) of the signed download URLs; the same for the NBI, provisioning and the file server; required by the firmware service; the all-in-one makes data/files.secret',
      { secret: true },
    ),
    url_ttl: duration('MERIDIAN_FILES_URL_TTL_SECONDS', 's', 'lifetime of a signed download URL'),
    max_bytes: plain('MERIDIAN_FILES_MAX_BYTES', 'larger uploads get 413'),
    tls: {
      cert_file: plain(
        'MERIDIAN_FILES_TLS_CERT',
        'firmware service: PEM certificate (the all-in-one uses the CWMP one); read again each minute, a renewal applies without a restart',
      ),
      key_file: plain('MERIDIAN_FILES_TLS_KEY', 'firmware service: PEM private key'),
    },
  },
  transfers: {
    timeout: duration(
      'MERIDIAN_TRANSFER_TIMEOUT_SECONDS',
      's',
      'a Download whose device has not reported by then ends timedOut',
    ),
    sweep_interval: duration(
      'MERIDIAN_TRANSFER_SWEEP_SECONDS',
      's',
      'how often transfer timeouts and unpublished outcomes are swept from the store',
    ),
    request_download_file_types: plain(
      'MERIDIAN_REQUEST_DOWNLOAD_FILE_TYPES',
      "file types a CPE's RequestDownload is answered for (1 Firmware Upgrade Image, …); empty: every request is refused and recorded",
      { expected: LIST },
    ),
  },
  campaigns: {
    interval: duration(
      'MERIDIAN_CAMPAIGN_INTERVAL_MS',
      'ms',
      'how often the firmware service (all-in-one: in process) evaluates running campaigns',
    ),
    wake_rate: plain(
      'MERIDIAN_CAMPAIGN_WAKE_RATE',
      'campaign Downloads started (each with a connection request) per second at most',
    ),
    delivery: duration(
      'MERIDIAN_CAMPAIGN_DELIVERY_SECONDS',
      's',
      'a campaign Download its device has not received by then (offline) expires, is cancelled, and the device counts skipped (undelivered), not failed',
    ),
  },
  telemetry: {
    otlp_endpoint: plain(
      'MERIDIAN_OTLP_ENDPOINT',
      'OTLP/HTTP endpoint of traces, e.g. http://collector:4318; unset: off',
    ),
    sample_percent: plain(
      'MERIDIAN_TRACE_SAMPLE_PERCENT',
      'share of traces recorded and exported, in percent: each CWMP session is recorded whole or not at all, decided by its trace id, and every service follows that decision',
    ),
  },
  ops: {
    host: plain(
      'MERIDIAN_OPS_HOST',
      'where the gateway, provisioning, firmware and USP translator services serve /metrics and /health',
    ),
    port: plain('MERIDIAN_OPS_PORT', 'that port (the NBI and the all-in-one use the NBI port)'),
    drain_timeout: duration(
      'MERIDIAN_DRAIN_TIMEOUT_MS',
      'ms',
      "on SIGTERM, how long sessions in flight may take to finish (under the pod's terminationGracePeriodSeconds)",
    ),
  },
  usp: {
    mqtt_url: plain(
      'MERIDIAN_USP_MQTT_URL',
      'MQTT server of the USP translator (mqtt://, mqtts://, ws://, wss://); unset: USP off in the all-in-one',
    ),
    mqtt_username: plain('MERIDIAN_USP_MQTT_USERNAME', "the translator's MQTT user name"),
    mqtt_password: plain('MERIDIAN_USP_MQTT_PASSWORD', 'its password', { secret: true }),
    mqtt_tls: {
      ca_file: plain(
        'MERIDIAN_USP_MQTT_TLS_CA',
        "with an mqtts:// or wss:// url: PEM file of the CAs of the server's certificate; unset: the system's CAs",
      ),
      cert_file: plain(
        'MERIDIAN_USP_MQTT_TLS_CERT',
        'with an mqtts:// or wss:// url: PEM certificate of the translator, for servers that require client certificates',
      ),
      key_file: plain('MERIDIAN_USP_MQTT_TLS_KEY', 'its PEM private key'),
    },
    agent_topic: plain(
      'MERIDIAN_USP_AGENT_TOPIC',
      'request topic: the translator subscribes to <topic>/# (the topic and everything beneath)',
    ),
    controller_topic: plain(
      'MERIDIAN_USP_CONTROLLER_TOPIC',
      'where a Controller that gives no Response Topic nor /reply-to= is answered',
    ),
    cwmp_timeout: duration(
      'MERIDIAN_USP_CWMP_TIMEOUT_MS',
      'ms',
      'how long a USP request waits for the CPE (connection request, session, RPC) before 7003',
    ),
    max_record_bytes: plain('MERIDIAN_USP_MAX_RECORD_BYTES', 'larger Records are answered 7005'),
    notif_retry_min_wait: duration(
      'MERIDIAN_USP_NOTIF_RETRY_MIN_WAIT_MS',
      'ms',
      'first wait before an unanswered Notify with NotifRetry is sent again (then doubled, TR-369 R-NOT.1)',
    ),
    session_expiration: duration(
      'MERIDIAN_USP_SESSION_EXPIRATION_MS',
      'ms',
      'an E2E Session Context unused this long is forgotten',
    ),
    request_timeout: duration(
      'MERIDIAN_USP_REQUEST_TIMEOUT_MS',
      'ms',
      'an Operate the CPE has not ended this long after it was asked (a Device.LocalAgent.Request, or a Reboot() awaiting its boot) ends with OperationComplete 7022; a Reboot() or FactoryReset() without send_resp not sent to the CPE by then is dropped',
    ),
    kafka_mtp: plain(
      'MERIDIAN_USP_KAFKA_MTP',
      'apps/usp-translator with the Kafka bus: serve usp.requests, answer on usp.responses',
    ),
    instance_id: plain(
      'MERIDIAN_USP_INSTANCE_ID',
      "apps/usp-translator: names the replica's consumer group of cwmp.results",
    ),
  },
  logging: {
    level: plain('MERIDIAN_LOG_LEVEL', 'error, warn, log, debug or verbose'),
  },
};

/** Every key of the layout with its dotted path, in order. */
export function keysOf(section: Section = layout, prefix = ''): { path: string; key: Key }[] {
  return Object.entries(section).flatMap(([name, node]) =>
    isKey(node) ? [{ path: `${prefix}${name}`, key: node }] : keysOf(node, `${prefix}${name}.`),
  );
}

/** Variables whose value is a secret (`<key>_file` in the file, `<VARIABLE>_FILE` in the environment). */
export const secretVariables: ReadonlySet<string> = new Set(
  keysOf().flatMap(({ key }) => (key.secret ? (key.secretVariables ?? key.variables) : [])),
);
