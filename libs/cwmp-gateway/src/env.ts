import {
  gatewaySpec,
  infrastructureSpec,
  int,
  list,
  optional,
  readConfig,
  str,
  type Env,
} from '@meridian/config';
import { defaultGatewayConfig, type GatewayConfig } from './config';

/** Gateway settings not (yet) in @meridian/config's shared gatewaySpec. */
export const gatewayExtraSpec = {
  /** Shared by all replicas so a Digest nonce from one is valid on another. */
  MERIDIAN_CWMP_NONCE_SECRET: optional(str()),
  MERIDIAN_CWMP_REALM: str('meridian'),
  MERIDIAN_CWMP_HEADERS_TIMEOUT_MS: int(10_000, { min: 100 }),
  MERIDIAN_CWMP_REQUEST_TIMEOUT_MS: int(30_000, { min: 100 }),
  /** Connection request credentials when the parameter cache has none for a device. */
  MERIDIAN_CR_USERNAME: str(''),
  MERIDIAN_CR_PASSWORD: str(''),
  /** See GatewayConfig.lingerMs. */
  MERIDIAN_CWMP_LINGER_MS: int(500, { min: 0, max: 20_000 }),
  MERIDIAN_CWMP_LINGER_SOURCES: list(['provisioning']),
  /** See GatewayConfig.maxBacklog. */
  MERIDIAN_CWMP_MAX_BACKLOG: int(500, { min: 1 }),
};

export const standaloneGatewaySpec = { ...infrastructureSpec, ...gatewaySpec, ...gatewayExtraSpec };

export type StandaloneGatewayEnv = ReturnType<typeof readStandaloneEnv>;

/** Reads and validates every variable the standalone gateway needs (throws ConfigError). */
export const readStandaloneEnv = (env: Env = process.env) => readConfig(standaloneGatewaySpec, env);

/**
 * The GatewayConfig of validated variables. TLS material comes in as file contents: the caller
 * reads the files named by MERIDIAN_CWMP_TLS_CERT / _KEY.
 */
export function gatewayConfigOf(
  env: StandaloneGatewayEnv,
  tls?: GatewayConfig['tls'],
): GatewayConfig {
  return defaultGatewayConfig({
    gatewayId: env.MERIDIAN_GATEWAY_ID,
    host: env.MERIDIAN_CWMP_HOST,
    port: env.MERIDIAN_CWMP_PORT,
    tls,
    maxBodyBytes: env.MERIDIAN_CWMP_MAX_BODY_BYTES,
    maxConcurrentSessions: env.MERIDIAN_CWMP_MAX_SESSIONS,
    maxBacklog: env.MERIDIAN_CWMP_MAX_BACKLOG,
    retryAfterSeconds: env.MERIDIAN_CWMP_RETRY_AFTER_SECONDS,
    sessionTimeoutMs: env.MERIDIAN_CWMP_SESSION_TIMEOUT_MS,
    headersTimeoutMs: env.MERIDIAN_CWMP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: env.MERIDIAN_CWMP_REQUEST_TIMEOUT_MS,
    autoRegister: env.MERIDIAN_AUTO_REGISTER,
    lingerMs: env.MERIDIAN_CWMP_LINGER_MS,
    lingerSources: env.MERIDIAN_CWMP_LINGER_SOURCES,
    auth: {
      mode: env.MERIDIAN_CWMP_AUTH,
      realm: env.MERIDIAN_CWMP_REALM,
      defaultUsername: env.MERIDIAN_CWMP_USERNAME ?? '',
      defaultPassword: env.MERIDIAN_CWMP_PASSWORD ?? '',
      nonceSecret: env.MERIDIAN_CWMP_NONCE_SECRET,
    },
  });
}
