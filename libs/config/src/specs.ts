import { bool, ConfigError, int, list, oneOf, optional, port, str, url } from './config';

/** Which adapter each port uses, and where the real servers are. Shared by every service. */
export const infrastructureSpec = {
  MERIDIAN_BUS: oneOf(['memory', 'kafka'] as const, 'memory'),
  MERIDIAN_KAFKA_BROKERS: list(['127.0.0.1:9092']),
  MERIDIAN_KAFKA_PARTITIONS: int(12, { min: 1, max: 1024 }),
  /** Prepended to every topic and consumer group name (carriers or test runs sharing a cluster). */
  MERIDIAN_KAFKA_TOPIC_PREFIX: str(''),
  MERIDIAN_SESSION_STORE: oneOf(['memory', 'redis'] as const, 'memory'),
  MERIDIAN_REDIS_URL: url(['redis', 'rediss'], 'redis://127.0.0.1:6379'),
  MERIDIAN_STORE: oneOf(['sqlite', 'mongo'] as const, 'sqlite'),
  MERIDIAN_MONGO_URL: url(['mongodb', 'mongodb+srv'], 'mongodb://127.0.0.1:27017/meridian'),
  MERIDIAN_DATA_DIR: str('./data'),
  MERIDIAN_OTLP_ENDPOINT: optional(url(['http', 'https'])),
  MERIDIAN_LOG_LEVEL: oneOf(['error', 'warn', 'log', 'debug', 'verbose'] as const, 'log'),
};

/**
 * The Basic/Digest realm CPEs authenticate in. Per-device credentials are kept as Digest HA1 of
 * this realm, so whoever sets them (the NBI, provisioning) reads it too.
 */
export const cwmpRealmSpec = {
  MERIDIAN_CWMP_REALM: str('meridian'),
};

/** The CWMP edge (cwmp-gateway, and the all-in-one). */
export const gatewaySpec = {
  ...cwmpRealmSpec,
  MERIDIAN_GATEWAY_ID: str('gateway-1'),
  MERIDIAN_CWMP_HOST: str('0.0.0.0'),
  MERIDIAN_CWMP_PORT: port(7547),
  MERIDIAN_CWMP_TLS_CERT: optional(str()),
  MERIDIAN_CWMP_TLS_KEY: optional(str()),
  /** PEM file of the CAs that sign CPE client certificates (mutual TLS). */
  MERIDIAN_CWMP_TLS_CA: optional(str()),
  /** optional: a CPE may authenticate with a client certificate; required: every CPE must. */
  MERIDIAN_CWMP_TLS_CLIENT_CERT: oneOf(['off', 'optional', 'required'] as const, 'off'),
  MERIDIAN_CWMP_MAX_BODY_BYTES: int(10 * 1024 * 1024, { min: 1024 }),
  MERIDIAN_CWMP_MAX_SESSIONS: int(10_000, { min: 1 }),
  MERIDIAN_CWMP_RETRY_AFTER_SECONDS: int(30, { min: 1 }),
  MERIDIAN_CWMP_SESSION_TIMEOUT_MS: int(30_000, { min: 1000 }),
  MERIDIAN_CWMP_AUTH: oneOf(['none', 'basic', 'digest', 'any'] as const, 'none'),
  MERIDIAN_CWMP_USERNAME: optional(str()),
  MERIDIAN_CWMP_PASSWORD: optional(str()),
  /** Failed authentications per device, then per remote address, in one window; 0: no limit. */
  MERIDIAN_CWMP_AUTH_MAX_FAILURES: int(10, { min: 0 }),
  MERIDIAN_CWMP_AUTH_MAX_FAILURES_PER_ADDRESS: int(100, { min: 0 }),
  MERIDIAN_CWMP_AUTH_FAILURE_WINDOW_SECONDS: int(300, { min: 1, max: 86_400 }),
  /** false: the gateway refuses (403) the Inform of a device the registry does not know. */
  MERIDIAN_AUTO_REGISTER: bool(true),
};

/** Operations: where a service without an HTTP API of its own serves /metrics and /health, and how long it drains. */
export const opsSpec = {
  MERIDIAN_OPS_HOST: str('0.0.0.0'),
  /** The gateway and provisioning listen here; the NBI and the all-in-one use the NBI port. */
  MERIDIAN_OPS_PORT: port(9464),
  /** On SIGTERM: how long sessions in flight (and consumer handlers) may take to finish. */
  MERIDIAN_DRAIN_TIMEOUT_MS: int(25_000, { min: 0, max: 600_000 }),
};

/** Where CPEs download repository files, and how their URLs are signed (NBI, provisioning). */
export const filesUrlSpec = {
  /** Base URL CPEs download files from: <base>/<file name>; default the file server's port. */
  MERIDIAN_FILES_URL: optional(url(['http', 'https'])),
  /** Key of the signed download URLs (16+ characters), the same for the NBI and the file server. */
  MERIDIAN_FILES_SECRET: optional(str()),
  MERIDIAN_FILES_URL_TTL_SECONDS: int(86_400, { min: 60 }),
};

/** The file server (the firmware service, the NBI that uploads and signs, the all-in-one). */
export const filesSpec = {
  ...filesUrlSpec,
  MERIDIAN_FILES_HOST: str('0.0.0.0'),
  MERIDIAN_FILES_PORT: port(7567),
  MERIDIAN_FILES_MAX_BYTES: int(1024 * 1024 * 1024, { min: 1 }),
};

/** Transfer tracking (the firmware service, the all-in-one). */
export const transfersSpec = {
  /** A Download whose device has not reported by then ends timedOut. */
  MERIDIAN_TRANSFER_TIMEOUT_SECONDS: int(3_600, { min: 1 }),
  /** How often timeouts and unpublished outcomes are swept from the store. */
  MERIDIAN_TRANSFER_SWEEP_SECONDS: int(30, { min: 1 }),
  /**
   * File types a CPE's RequestDownload is answered for ("1 Firmware Upgrade Image,3 Vendor
   * Configuration File"); empty: every request is refused (and recorded).
   */
  MERIDIAN_REQUEST_DOWNLOAD_FILE_TYPES: list([]),
};

/** MERIDIAN_FILES_SECRET when set, refused when shorter than 16 characters (a guessable key). */
export function filesSecretOf(env: { MERIDIAN_FILES_SECRET?: string }): string | undefined {
  const secret = env.MERIDIAN_FILES_SECRET;
  if (secret !== undefined && secret.length < 16) {
    throw new ConfigError(['MERIDIAN_FILES_SECRET must be 16 characters or more']);
  }
  return secret;
}
