import {
  bool,
  ConfigError,
  int,
  list,
  oneOf,
  optional,
  port,
  str,
  url,
  type ConfigOf,
} from './config';

/** Which adapter each port uses, and where the real servers are. Shared by every service. */
export const infrastructureSpec = {
  MERIDIAN_BUS: oneOf(['memory', 'kafka'] as const, 'memory'),
  MERIDIAN_KAFKA_BROKERS: list(['127.0.0.1:9092']),
  MERIDIAN_KAFKA_PARTITIONS: int(12, { min: 1, max: 1024 }),
  /** Prepended to every topic and consumer group name (carriers or test runs sharing a cluster). */
  MERIDIAN_KAFKA_TOPIC_PREFIX: str(''),
  /**
   * How long the group waits for a consumer that stopped heartbeating (a killed process) before
   * its partitions move: commands of those partitions wait that long, and so does a replacement's
   * start. Within the broker's group.min/max.session.timeout.ms (6 s to 30 min by default).
   */
  MERIDIAN_KAFKA_SESSION_TIMEOUT_MS: int(30_000, { min: 6_000, max: 1_800_000 }),
  /** TLS to the brokers (their SSL or SASL_SSL listener). */
  MERIDIAN_KAFKA_TLS: bool(false),
  /** PEM file of the CAs of the brokers' certificates; unset: Node's CAs. */
  MERIDIAN_KAFKA_TLS_CA: optional(str()),
  /** PEM certificate and key of this client, for brokers that require one (ssl.client.auth). */
  MERIDIAN_KAFKA_TLS_CERT: optional(str()),
  MERIDIAN_KAFKA_TLS_KEY: optional(str()),
  MERIDIAN_KAFKA_SASL_MECHANISM: oneOf(
    ['none', 'plain', 'scram-sha-256', 'scram-sha-512'] as const,
    'none',
  ),
  MERIDIAN_KAFKA_SASL_USERNAME: optional(str()),
  MERIDIAN_KAFKA_SASL_PASSWORD: optional(str()),
  MERIDIAN_SESSION_STORE: oneOf(['memory', 'redis'] as const, 'memory'),
  MERIDIAN_REDIS_URL: url(['redis', 'rediss'], 'redis://127.0.0.1:6379'),
  /** With a rediss:// URL: PEM file of the CAs of the server's certificate; unset: Node's CAs. */
  MERIDIAN_REDIS_TLS_CA: optional(str()),
  /** With a rediss:// URL: PEM certificate and key of this client (tls-auth-clients). */
  MERIDIAN_REDIS_TLS_CERT: optional(str()),
  MERIDIAN_REDIS_TLS_KEY: optional(str()),
  MERIDIAN_STORE: oneOf(['sqlite', 'mongo'] as const, 'sqlite'),
  MERIDIAN_MONGO_URL: url(['mongodb', 'mongodb+srv'], 'mongodb://127.0.0.1:27017/meridian'),
  /** TLS to MongoDB: PEM file of the CAs of the server's certificate (default: Node's CAs). */
  MERIDIAN_MONGO_TLS_CA: optional(str()),
  /** PEM certificate and key of this client (MONGODB-X509, or a server requiring one). */
  MERIDIAN_MONGO_TLS_CERT: optional(str()),
  MERIDIAN_MONGO_TLS_KEY: optional(str()),
  MERIDIAN_DATA_DIR: str('./data'),
  /** The SQLite file; default meridian.db in MERIDIAN_DATA_DIR. */
  MERIDIAN_SQLITE_FILE: optional(str()),
  MERIDIAN_OTLP_ENDPOINT: optional(url(['http', 'https'])),
  /** Share of traces recorded (a CWMP session as a whole), when MERIDIAN_OTLP_ENDPOINT is set. */
  MERIDIAN_TRACE_SAMPLE_PERCENT: int(100, { min: 0, max: 100 }),
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
  /** A second, ECDSA certificate and key: CPEs that support ECDSA get it (a cheaper handshake). */
  MERIDIAN_CWMP_TLS_ECDSA_CERT: optional(str()),
  MERIDIAN_CWMP_TLS_ECDSA_KEY: optional(str()),
  /** PEM file of the CAs that sign CPE client certificates (mutual TLS). */
  MERIDIAN_CWMP_TLS_CA: optional(str()),
  /** optional: a CPE may authenticate with a client certificate; required: every CPE must. */
  MERIDIAN_CWMP_TLS_CLIENT_CERT: oneOf(['off', 'optional', 'required'] as const, 'off'),
  /** File of 48 random bytes: the TLS session ticket keys every gateway replica shares. */
  MERIDIAN_CWMP_TLS_TICKET_KEYS: optional(str()),
  /** How long a CPE may resume its TLS session with a ticket (RFC 8446: at most 7 days). */
  MERIDIAN_CWMP_TLS_TICKET_LIFETIME_SECONDS: int(86_400, { min: 1, max: 604_800 }),
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
  /** false: no CWMP listener (the all-in-one serves the NBI only; a standalone gateway refuses to start). */
  MERIDIAN_CWMP_ENABLED: bool(true),
};

/** More gateway settings (the standalone gateway and the all-in-one). */
export const gatewayExtraSpec = {
  /** Shared by all replicas so a Digest nonce from one is valid on another. */
  MERIDIAN_CWMP_NONCE_SECRET: optional(str()),
  MERIDIAN_CWMP_HEADERS_TIMEOUT_MS: int(10_000, { min: 100 }),
  MERIDIAN_CWMP_REQUEST_TIMEOUT_MS: int(30_000, { min: 100 }),
  /** Connection request credentials when the parameter cache has none for a device. */
  MERIDIAN_CR_USERNAME: str(''),
  MERIDIAN_CR_PASSWORD: str(''),
  /** See GatewayConfig.lingerMs. */
  MERIDIAN_CWMP_LINGER_MS: int(500, { min: 0, max: 20_000 }),
  /** See GatewayConfig.lingerMaxMs (15 s: half the default session timeout). */
  MERIDIAN_CWMP_LINGER_MAX_MS: int(15_000, { min: 0, max: 600_000 }),
  MERIDIAN_CWMP_LINGER_SOURCES: list(['provisioning']),
  /**
   * See GatewayConfig.lingerLimitInitial (16: the project's FerretDB on a loaded 2-core machine
   * answered about 12 bootstraps at once within the cap; a fast store doubles it per round).
   */
  MERIDIAN_CWMP_LINGER_LIMIT_INITIAL: int(16, { min: 0 }),
  /** See GatewayConfig.maxBacklog. */
  MERIDIAN_CWMP_MAX_BACKLOG: int(500, { min: 1 }),
  /** See GatewayConfig.maxBacklogSeconds. */
  MERIDIAN_CWMP_MAX_BACKLOG_SECONDS: int(3, { min: 1 }),
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

/** The campaign runner (the firmware service, the all-in-one). */
export const campaignsSpec = {
  /** How often running campaigns are evaluated. */
  MERIDIAN_CAMPAIGN_INTERVAL_MS: int(1000, { min: 10, max: 600_000 }),
  /** Downloads started (each waking its device by connection request) per second at most. */
  MERIDIAN_CAMPAIGN_WAKE_RATE: int(20, { min: 1 }),
  /**
   * How long a campaign's Download may wait for its device: then it expires in the gateway, the
   * runner cancels it, and the device ends skipped (undelivered).
   */
  MERIDIAN_CAMPAIGN_DELIVERY_SECONDS: int(3_600, { min: 1 }),
};

/** The standalone firmware service's own certificate (the all-in-one uses the CWMP one). */
export const filesTlsSpec = {
  MERIDIAN_FILES_TLS_CERT: optional(str()),
  MERIDIAN_FILES_TLS_KEY: optional(str()),
};

/** The provisioning service's variables (the standalone service and the all-in-one). */
export const provisioningSpec = {
  /**
   * Leaves at most per GetParameterValues response of a discovery. 1,000: a home gateway's whole
   * tree (500–1,000 leaves, ~60–150 KB of XML) in one exchange, as CPEs answer a partial-path GPV
   * of their root; each extra batch costs a whole exchange, bus record, plan and commit
   * (bench/results.md, issue 16). Lower it for CPEs that fault on large responses.
   */
  MERIDIAN_DISCOVERY_BATCH_SIZE: int(1000, { min: 1, max: 10_000 }),
  /** Subtrees a discovery reads, relative to the root ("WiFi.,ManagementServer."); empty: all. */
  MERIDIAN_DISCOVERY_PATHS: list([]),
  /** Subtrees read again when older than the age: "Device.DeviceInfo.=3600,Device.WiFi.=86400". */
  MERIDIAN_REFRESH: list([]),
  MERIDIAN_PRESET_MAX_FAILURES: int(5, { min: 1 }),
  MERIDIAN_PRESET_RETRY_BASE_MS: int(60_000, { min: 0 }),
  MERIDIAN_PRESET_RETRY_MAX_MS: int(3_600_000, { min: 0 }),
  /** Provisioning's commands expire after this; a lost result is forgotten after it too. */
  MERIDIAN_PROVISIONING_COMMAND_TTL_MS: int(3_600_000, { min: 1000 }),
  /**
   * How long a preset's accepted Download waits for its outcome on firmware.outcomes before it
   * counts as failed (keep it above the firmware service's MERIDIAN_TRANSFER_TIMEOUT_SECONDS).
   */
  MERIDIAN_PROVISIONING_TRANSFER_WAIT_MS: int(7_200_000, { min: 1000 }),
  /** How long a read of the presets and files is reused (a preset change shows after it). */
  MERIDIAN_PRESET_CACHE_MS: int(2000, { min: 0 }),
  MERIDIAN_ONLINE_GRACE_SECONDS: int(120, { min: 0 }),
  MERIDIAN_DEFAULT_INFORM_INTERVAL_SECONDS: int(86_400, { min: 1 }),
  /** Files of `download` actions: <base>/<file name>, signed per device when a secret is set. */
  ...filesUrlSpec,
  /** Key of the per-device passwords of the `setCredentials` preset action (16+ characters). */
  MERIDIAN_PROVISIONING_CREDENTIALS_SECRET: optional(str()),
  /** Base URL of the `vendorConfig` preset action: <base><file name of the device>. */
  MERIDIAN_DEFAULT_CONFIG_URL: optional(url(['http', 'https'])),
  /** The credentials `setCredentials` stores are kept for the gateways' realm. */
  ...cwmpRealmSpec,
};

/** The history the NBI sweeps, deleted hourly once older than these; 0 keeps it all. */
export const retentionSpec = {
  /** Ended tasks, by their creation. */
  MERIDIAN_NBI_TASK_RETENTION_SECONDS: int(30 * 86_400, { min: 0 }),
  /** Audit entries: a year, what audit trails are commonly required to keep. */
  MERIDIAN_NBI_AUDIT_RETENTION_SECONDS: int(365 * 86_400, { min: 0 }),
  /** Ended firmware campaigns with their devices' records, by their end. */
  MERIDIAN_NBI_CAMPAIGN_RETENTION_SECONDS: int(365 * 86_400, { min: 0 }),
  /** Ended firmware transfers (a device's firmware history), by their creation. */
  MERIDIAN_NBI_TRANSFER_RETENTION_SECONDS: int(365 * 86_400, { min: 0 }),
};

/** retentionSpec's settings in ms, as the NBI's `retention` option takes them. */
export const retentionOf = (env: ConfigOf<typeof retentionSpec>) => ({
  taskMs: env.MERIDIAN_NBI_TASK_RETENTION_SECONDS * 1000,
  auditMs: env.MERIDIAN_NBI_AUDIT_RETENTION_SECONDS * 1000,
  campaignMs: env.MERIDIAN_NBI_CAMPAIGN_RETENTION_SECONDS * 1000,
  transferMs: env.MERIDIAN_NBI_TRANSFER_RETENTION_SECONDS * 1000,
});

/** The standalone NBI (the all-in-one reads MERIDIAN_NBI_PORT and _API_KEYS too). */
export const nbiSpec = {
  MERIDIAN_NBI_HOST: str('0.0.0.0'),
  MERIDIAN_NBI_PORT: port(7557),
  /** PEM certificate (chain) and key: the NBI (and what shares its port) over HTTPS. */
  MERIDIAN_NBI_TLS_CERT: optional(str()),
  MERIDIAN_NBI_TLS_KEY: optional(str()),
  /** Required: a standalone NBI never starts open. */
  MERIDIAN_NBI_API_KEYS: list(),
  MERIDIAN_NBI_INSTANCE_ID: str(`nbi-${process.pid}`),
  ...retentionSpec,
};

/**
 * The CWMP-to-USP translator: every CWMP device answers USP Controllers as a USP Agent
 * (apps/usp-translator; the all-in-one turns it on when MERIDIAN_USP_MQTT_URL is set).
 */
export const uspSpec = {
  /** The MQTT server USP Controllers reach the translator through (MQTT 5; 3.1.1 Controllers too). */
  MERIDIAN_USP_MQTT_URL: optional(url(['mqtt', 'mqtts', 'ws', 'wss'])),
  /** The MQTT CONNECT's User Name and Password (kept out of the URL, which is logged). */
  MERIDIAN_USP_MQTT_USERNAME: optional(str()),
  MERIDIAN_USP_MQTT_PASSWORD: optional(str()),
  /** With an mqtts:// or wss:// URL: PEM file of the CAs of the server's certificate. */
  MERIDIAN_USP_MQTT_TLS_CA: optional(str()),
  /** With an mqtts:// or wss:// URL: PEM certificate and key of the translator. */
  MERIDIAN_USP_MQTT_TLS_CERT: optional(str()),
  MERIDIAN_USP_MQTT_TLS_KEY: optional(str()),
  /** The request topic: the translator subscribes to it and to `<topic>/#`, for every device. */
  MERIDIAN_USP_AGENT_TOPIC: str('usp/agent'),
  /** Where a Controller that gives no Response Topic (nor `/reply-to=`) is answered. */
  MERIDIAN_USP_CONTROLLER_TOPIC: str('usp/controller'),
  /** How long a request waits for the CPE (connection request, session, RPC) before 7003. */
  MERIDIAN_USP_CWMP_TIMEOUT_MS: int(30_000, { min: 100, max: 600_000 }),
  /** Larger Records are refused with 7005 "Resources exceeded". */
  MERIDIAN_USP_MAX_RECORD_BYTES: int(64 * 1024, { min: 1024, max: 64 * 1024 * 1024 }),
  /** R-NOT.1 m: the first wait before a Notify with NotifRetry is sent again (then ×2 each). */
  MERIDIAN_USP_NOTIF_RETRY_MIN_WAIT_MS: int(5_000, { min: 100, max: 3_600_000 }),
  /** An E2E Session Context unused this long is forgotten (E2ESession.SessionExpiration). */
  MERIDIAN_USP_SESSION_EXPIRATION_MS: int(3_600_000, { min: 1_000, max: 7 * 86_400_000 }),
  /** An async Operate (Device.LocalAgent.Request) the CPE has not ended by then fails with 7022. */
  MERIDIAN_USP_REQUEST_TIMEOUT_MS: int(3_600_000, { min: 1_000, max: 30 * 86_400_000 }),
};

/** The standalone translator (apps/usp-translator) only. */
export const uspServiceSpec = {
  /** USP over Kafka (`usp.requests` / `usp.responses`) on the bus's brokers and prefix. */
  MERIDIAN_USP_KAFKA_MTP: bool(false),
  /** Names this replica's consumer group of cwmp.results (each replica hears every result). */
  MERIDIAN_USP_INSTANCE_ID: str(`usp-translator-${process.pid}`),
};

/**
 * Every variable of every service: what a configuration file may set, and what `meridian config
 * print` shows. MERIDIAN_NBI_API_KEYS as the all-in-one reads it (the standalone NBI requires it).
 */
export const allSpec = {
  ...infrastructureSpec,
  ...gatewaySpec,
  ...gatewayExtraSpec,
  ...opsSpec,
  ...filesSpec,
  ...filesTlsSpec,
  ...campaignsSpec,
  ...transfersSpec,
  ...provisioningSpec,
  ...nbiSpec,
  MERIDIAN_NBI_API_KEYS: list([]),
  ...uspSpec,
  ...uspServiceSpec,
};

/** MERIDIAN_FILES_SECRET when set, refused when shorter than 16 characters (a guessable key). */
export function filesSecretOf(env: { MERIDIAN_FILES_SECRET?: string }): string | undefined {
  const secret = env.MERIDIAN_FILES_SECRET;
  if (secret !== undefined && secret.length < 16) {
    throw new ConfigError(['MERIDIAN_FILES_SECRET must be 16 characters or more']);
  }
  return secret;
}
