import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  ConfigError,
  gatewayExtraSpec,
  gatewaySpec,
  infrastructureSpec,
  readConfig,
  type Env,
} from '@meridian/config';
import { watchChanges } from '@meridian/adapters';
import {
  defaultGatewayConfig,
  type CredentialsLookup,
  type GatewayConfig,
  type GatewayTlsConfig,
} from './config';

export { gatewayExtraSpec };

export const standaloneGatewaySpec = { ...infrastructureSpec, ...gatewaySpec, ...gatewayExtraSpec };

export type StandaloneGatewayEnv = ReturnType<typeof readStandaloneEnv>;

/** Reads and validates every variable the standalone gateway needs (throws ConfigError). */
export const readStandaloneEnv = (env: Env = process.env) => readConfig(standaloneGatewaySpec, env);

type TlsEnv = Pick<
  StandaloneGatewayEnv,
  | 'MERIDIAN_CWMP_TLS_CERT'
  | 'MERIDIAN_CWMP_TLS_KEY'
  | 'MERIDIAN_CWMP_TLS_ECDSA_CERT'
  | 'MERIDIAN_CWMP_TLS_ECDSA_KEY'
  | 'MERIDIAN_CWMP_TLS_CA'
  | 'MERIDIAN_CWMP_TLS_CLIENT_CERT'
  | 'MERIDIAN_CWMP_TLS_TICKET_KEYS'
  | 'MERIDIAN_CWMP_TLS_TICKET_LIFETIME_SECONDS'
>;

/** The key type of a PEM certificate's public key ('ec', 'rsa', …), or why it cannot be read. */
function publicKeyTypeOf(pem: Buffer): string {
  try {
    return new X509Certificate(pem).publicKey.asymmetricKeyType ?? 'unknown key type';
  } catch (error) {
    return `not a PEM certificate: ${(error as Error).message}`;
  }
}

/** Node's session ticket keys: 16 bytes of name, 16 of HMAC secret, 16 of AES key. */
const TICKET_KEYS_BYTES = 48;

/** The ticket keys of a file's content, or why they are not. */
function ticketKeysOf(name: string, content: Buffer): Buffer | string {
  return content.length === TICKET_KEYS_BYTES
    ? content
    : `${name} holds ${content.length} bytes, not ${TICKET_KEYS_BYTES} (make one with: openssl rand ${TICKET_KEYS_BYTES} > FILE)`;
}

/**
 * The TLS material named by MERIDIAN_CWMP_TLS_CERT / _KEY (and _CA for client certificates),
 * read from the files; undefined when TLS is off. Throws ConfigError naming every problem.
 */
export function readTlsFiles(
  env: TlsEnv,
  read: (file: string) => Buffer = readFileSync,
): GatewayTlsConfig | undefined {
  const {
    MERIDIAN_CWMP_TLS_CERT: certFile,
    MERIDIAN_CWMP_TLS_KEY: keyFile,
    MERIDIAN_CWMP_TLS_ECDSA_CERT: ecdsaCertFile,
    MERIDIAN_CWMP_TLS_ECDSA_KEY: ecdsaKeyFile,
    MERIDIAN_CWMP_TLS_CA: caFile,
    MERIDIAN_CWMP_TLS_CLIENT_CERT: mode,
    MERIDIAN_CWMP_TLS_TICKET_KEYS: ticketKeysFile,
  } = env;
  const problems: string[] = [];
  if ((certFile === undefined) !== (keyFile === undefined)) {
    problems.push('MERIDIAN_CWMP_TLS_CERT and MERIDIAN_CWMP_TLS_KEY go together');
  }
  if (mode !== 'off' && (certFile === undefined || caFile === undefined)) {
    problems.push(
      `MERIDIAN_CWMP_TLS_CLIENT_CERT=${mode} needs MERIDIAN_CWMP_TLS_CERT, _KEY and MERIDIAN_CWMP_TLS_CA`,
    );
  }
  if ((ecdsaCertFile === undefined) !== (ecdsaKeyFile === undefined)) {
    problems.push('MERIDIAN_CWMP_TLS_ECDSA_CERT and MERIDIAN_CWMP_TLS_ECDSA_KEY go together');
  }
  if (ecdsaCertFile !== undefined && certFile === undefined) {
    problems.push(
      'MERIDIAN_CWMP_TLS_ECDSA_CERT is a second certificate: it needs MERIDIAN_CWMP_TLS_CERT',
    );
  }
  if (ticketKeysFile !== undefined && certFile === undefined) {
    problems.push(
      'MERIDIAN_CWMP_TLS_TICKET_KEYS is set but TLS is off (no MERIDIAN_CWMP_TLS_CERT)',
    );
  }
  if (mode === 'off' && caFile !== undefined) {
    problems.push('MERIDIAN_CWMP_TLS_CA is set but MERIDIAN_CWMP_TLS_CLIENT_CERT is off');
  }
  const file = (name: string, path: string | undefined): Buffer | undefined => {
    if (path === undefined) return undefined;
    try {
      return read(path);
    } catch (error) {
      problems.push(`${name}=${path} cannot be read: ${(error as Error).message}`);
      return undefined;
    }
  };
  const cert = file('MERIDIAN_CWMP_TLS_CERT', certFile);
  const key = file('MERIDIAN_CWMP_TLS_KEY', keyFile);
  const ca = file('MERIDIAN_CWMP_TLS_CA', caFile);
  const ecdsaCert = file('MERIDIAN_CWMP_TLS_ECDSA_CERT', ecdsaCertFile);
  const ecdsaKey = file('MERIDIAN_CWMP_TLS_ECDSA_KEY', ecdsaKeyFile);
  if (ecdsaCert !== undefined) {
    const keyType = publicKeyTypeOf(ecdsaCert);
    if (keyType !== 'ec') {
      problems.push(
        `MERIDIAN_CWMP_TLS_ECDSA_CERT=${ecdsaCertFile} is not an ECDSA certificate (${keyType})`,
      );
    }
  }
  const ticketContent = file('MERIDIAN_CWMP_TLS_TICKET_KEYS', ticketKeysFile);
  const ticketKeys =
    ticketContent && ticketKeysOf(`MERIDIAN_CWMP_TLS_TICKET_KEYS=${ticketKeysFile}`, ticketContent);
  if (typeof ticketKeys === 'string') problems.push(ticketKeys);
  if (problems.length > 0) throw new ConfigError(problems);
  if (cert === undefined || key === undefined) return undefined;
  return {
    cert,
    key,
    ...(mode !== 'off' && ca !== undefined ? { clientCertificates: { mode, ca } } : {}),
    ...(ecdsaCert !== undefined && ecdsaKey !== undefined
      ? { ecdsa: { cert: ecdsaCert, key: ecdsaKey } }
      : {}),
    ...(ticketKeys instanceof Buffer ? { ticketKeys } : {}),
    ticketLifetimeSeconds: env.MERIDIAN_CWMP_TLS_TICKET_LIFETIME_SECONDS,
  };
}

/** A listener's TLS material, part by part, for telling which parts changed. */
const tlsParts = (tls: GatewayTlsConfig) => ({
  certificate: [tls.cert, tls.key],
  'ECDSA certificate': tls.ecdsa ? [tls.ecdsa.cert, tls.ecdsa.key] : [],
  'client CAs': tls.clientCertificates?.ca ?? '',
  'ticket keys': tls.ticketKeys ?? '',
});

/**
 * Reads the TLS files of `env` (`readTlsFiles`, every check) every `intervalMs` and applies them
 * when a part differs from what is in use (`current`): a certificate renewed in place (a
 * Kubernetes Secret that cert-manager updates), rotated ticket keys, other client CAs. `apply`
 * gets the whole material and the names of the parts that changed. A file that cannot be read or
 * fails its checks, or a key that does not match its certificate (a renewal written halfway), is
 * reported once and what is in use stays, until a whole read applies. Returns the function that
 * stops it.
 */
export function watchTlsFiles(
  env: TlsEnv,
  current: GatewayTlsConfig,
  apply: (tls: GatewayTlsConfig, changed: string[]) => void,
  report: (problem: string) => void,
  intervalMs = 60_000,
  read: (file: string) => Buffer = readFileSync,
): () => void {
  return watchChanges({
    current,
    // TLS cannot turn off: the variables are those read at start.
    read: () => readTlsFiles(env, read) ?? current,
    parts: tlsParts,
    apply,
    report: (problem) => report(`${problem}; the TLS material in use stays`),
    intervalMs,
  });
}

/**
 * The GatewayConfig of validated variables. TLS material comes in as file contents
 * (`readTlsFiles`); per-device credentials from the registry (`storedCredentials`).
 */
export function gatewayConfigOf(
  env: StandaloneGatewayEnv,
  { tls, credentials }: { tls?: GatewayTlsConfig; credentials?: CredentialsLookup } = {},
): GatewayConfig {
  return defaultGatewayConfig({
    gatewayId: env.MERIDIAN_GATEWAY_ID,
    host: env.MERIDIAN_CWMP_HOST,
    port: env.MERIDIAN_CWMP_PORT,
    tls,
    maxBodyBytes: env.MERIDIAN_CWMP_MAX_BODY_BYTES,
    maxConcurrentSessions: env.MERIDIAN_CWMP_MAX_SESSIONS,
    maxBacklog: env.MERIDIAN_CWMP_MAX_BACKLOG,
    maxBacklogSeconds: env.MERIDIAN_CWMP_MAX_BACKLOG_SECONDS,
    retryAfterSeconds: env.MERIDIAN_CWMP_RETRY_AFTER_SECONDS,
    sessionTimeoutMs: env.MERIDIAN_CWMP_SESSION_TIMEOUT_MS,
    headersTimeoutMs: env.MERIDIAN_CWMP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: env.MERIDIAN_CWMP_REQUEST_TIMEOUT_MS,
    autoRegister: env.MERIDIAN_AUTO_REGISTER,
    lingerMs: env.MERIDIAN_CWMP_LINGER_MS,
    lingerMaxMs: env.MERIDIAN_CWMP_LINGER_MAX_MS,
    lingerSources: env.MERIDIAN_CWMP_LINGER_SOURCES,
    lingerLimitInitial: env.MERIDIAN_CWMP_LINGER_LIMIT_INITIAL,
    auth: {
      mode: env.MERIDIAN_CWMP_AUTH,
      realm: env.MERIDIAN_CWMP_REALM,
      defaultUsername: env.MERIDIAN_CWMP_USERNAME ?? '',
      defaultPassword: env.MERIDIAN_CWMP_PASSWORD ?? '',
      nonceSecret: env.MERIDIAN_CWMP_NONCE_SECRET,
      credentials,
      maxFailuresPerDevice: env.MERIDIAN_CWMP_AUTH_MAX_FAILURES,
      maxFailuresPerAddress: env.MERIDIAN_CWMP_AUTH_MAX_FAILURES_PER_ADDRESS,
      failureWindowMs: env.MERIDIAN_CWMP_AUTH_FAILURE_WINDOW_SECONDS * 1000,
    },
  });
}

/**
 * The apps' wiring of `watchTlsFiles`: the TLS files of MERIDIAN_CWMP_TLS_* (read at start into
 * `tls`) applied to the gateway's listener whenever one changes, with a log line either way.
 * Undefined when TLS is off; else the function that stops it.
 */
export function applyTlsChanges(
  env: TlsEnv,
  tls: GatewayTlsConfig | undefined,
  gateway: () => { setTls(tls: GatewayTlsConfig): void },
  logger: { log(message: string): void; warn(message: string): void },
  intervalMs?: number,
): (() => void) | undefined {
  if (tls === undefined) return undefined;
  return watchTlsFiles(
    env,
    tls,
    (renewed, changed) => {
      gateway().setTls(renewed);
      logger.log(
        `TLS ${changed.join(', ')} read again and applied (certificate valid until ${new X509Certificate(renewed.cert).validTo})`,
      );
    },
    (problem) => logger.warn(problem),
    intervalMs,
  );
}
