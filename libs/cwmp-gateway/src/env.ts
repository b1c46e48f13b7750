import { readFileSync } from 'node:fs';
import {
  ConfigError,
  gatewayExtraSpec,
  gatewaySpec,
  infrastructureSpec,
  readConfig,
  type Env,
} from '@meridian/config';
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
  | 'MERIDIAN_CWMP_TLS_CA'
  | 'MERIDIAN_CWMP_TLS_CLIENT_CERT'
>;

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
    MERIDIAN_CWMP_TLS_CA: caFile,
    MERIDIAN_CWMP_TLS_CLIENT_CERT: mode,
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
  if (problems.length > 0) throw new ConfigError(problems);
  if (cert === undefined || key === undefined) return undefined;
  return {
    cert,
    key,
    ...(mode !== 'off' && ca !== undefined ? { clientCertificates: { mode, ca } } : {}),
  };
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
