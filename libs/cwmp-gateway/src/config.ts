/**
 * Credentials a CPE must present, as the ACS keeps them: HTTP Digest's HA1 of the password for
 * `realm` (`digestHa1` of @meridian/cwmp). Basic is checked by computing HA1 from the password
 * offered; HA1 of another realm than the gateway's cannot be checked and refuses the CPE.
 */
export interface DeviceCredentials {
  username: string;
  realm: string;
  ha1: string;
}

/** Per-device credentials: null (or undefined) falls back to the default credentials. */
export type CredentialsLookup = (
  deviceId: string,
) => Promise<DeviceCredentials | null | undefined> | DeviceCredentials | null | undefined;

export type AuthMode = 'none' | 'basic' | 'digest' | 'any';

export interface GatewayAuthConfig {
  mode: AuthMode;
  /** Digest realm and Basic realm. */
  realm: string;
  defaultUsername: string;
  defaultPassword: string;
  credentials?: CredentialsLookup;
  /**
   * HMAC key of Digest nonces. Replicas behind one load balancer must share it so a nonce issued
   * by one is accepted by another; a random per-process key is used when absent.
   */
  nonceSecret?: string;
  /** How long a Digest nonce stays valid; after that the CPE gets `stale=true`. */
  nonceTtlMs: number;
  /**
   * Failed authentications allowed per deviceId and per remote address in one window; beyond,
   * new sessions get 429 with Retry-After until the window ends. 0: no limit.
   */
  maxFailuresPerDevice: number;
  maxFailuresPerAddress: number;
  failureWindowMs: number;
}

export interface GatewayTlsConfig {
  /** PEM text (not paths: the caller reads files, this module does no file I/O). */
  cert: string | Buffer;
  key: string | Buffer;
  /**
   * Mutual TLS: CPEs may (`optional`) or must (`required`) present a certificate signed by `ca`.
   * A verified certificate authenticates its device instead of a password when its subject CN
   * or one of its DNS/URI subjectAltNames is the deviceId or the SerialNumber of the Inform; any
   * other certificate is refused with 403.
   */
  clientCertificates?: { mode: 'optional' | 'required'; ca: string | Buffer };
  /**
   * A second certificate with an ECDSA key, presented to CPEs whose TLS stack supports it (a
   * handshake cheaper than RSA's); the others get `cert`.
   */
  ecdsa?: { cert: string | Buffer; key: string | Buffer };
  /**
   * Session ticket keys (48 bytes) shared by every replica, so that a CPE resumes its TLS
   * session on whichever replica it reaches; absent: random keys of this process.
   */
  ticketKeys?: Buffer;
  /** How long a ticket resumes a session, in seconds (absent: node's 300). */
  ticketLifetimeSeconds?: number;
}

export interface GatewayConfig {
  /** Names this replica in published messages (InformMessage.gatewayId). */
  gatewayId: string;
  port: number;
  host: string;
  tls?: GatewayTlsConfig;
  /** Larger request bodies get 413. */
  maxBodyBytes: number;
  /** Live sessions of this replica beyond which a new session gets 503. */
  maxConcurrentSessions: number;
  /**
   * Messages published and not yet handled downstream (DOWNSTREAM_BACKLOG, e.g. Informs and
   * results provisioning has not stored yet) at or beyond which a new session gets 503: the
   * CPE comes back later instead of feeding a backlog that grows while sessions look fast.
   */
  maxBacklog: number;
  /**
   * The same refusal when the backlog would take longer than this to drain at the rate
   * downstream handled messages while it had a backlog: the bound holds on a slow store as on a
   * fast one, where a count fits only one of them.
   */
  maxBacklogSeconds: number;
  retryAfterSeconds: number;
  /** Idle time after which a session (and its device lease) is abandoned. */
  sessionTimeoutMs: number;
  /** Whole-request deadline (slowloris on the body); headers have `headersTimeoutMs`. */
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  /** Idle keep-alive connections are closed after this. */
  keepAliveTimeoutMs: number;
  auth: GatewayAuthConfig;
  /**
   * Accept the Inform of a device the registry does not know (provisioning then registers it).
   * False: such an Inform gets 403, and the gateway needs KNOWN_DEVICE to tell known devices.
   */
  autoRegister: boolean;
  /**
   * How long a session that would end waits for commands about to arrive, when more are likely:
   * its Inform was a 0 BOOTSTRAP, or it carried a command of a `lingerSources` producer (which
   * answers results with further commands). 0: never. Saves a connection request per wave.
   */
  lingerMs: number;
  /**
   * Hard cap of the linger while provisioning is behind or still working on the session's last
   * message (DOWNSTREAM_BACKLOG above 0: it has answered neither with commands nor with its idle
   * marker): the wait goes on a lingerMs at a time up to this, within half the session timeout.
   */
  lingerMaxMs: number;
  lingerSources: string[];
  /**
   * New sessions that wait on provisioning (0 BOOTSTRAP) this replica runs at once before any of
   * their waves was timed; the limit then adapts to how fast provisioning answers them
   * (LingerLimit), and a session beyond it is held up to the linger's cap, then gets 503. 0: no
   * such limit. Only while sessions linger (lingerMs above 0).
   */
  lingerLimitInitial: number;
}

export type GatewayConfigOverrides = Omit<Partial<GatewayConfig>, 'auth'> & {
  auth?: Partial<GatewayAuthConfig>;
};

/** Defaults for everything but identity and auth secrets; port 7547 is CWMP's registered port. */
export const defaultGatewayConfig = (overrides: GatewayConfigOverrides = {}): GatewayConfig => ({
  gatewayId: 'cwmp-gateway',
  port: 7547,
  host: '0.0.0.0',
  maxBodyBytes: 4 * 1024 * 1024,
  maxConcurrentSessions: 10_000,
  maxBacklog: 500,
  maxBacklogSeconds: 3,
  retryAfterSeconds: 60,
  sessionTimeoutMs: 30_000,
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 35_000,
  autoRegister: true,
  lingerMs: 0,
  lingerMaxMs: 0,
  lingerSources: ['provisioning'],
  lingerLimitInitial: 0,
  ...overrides,
  auth: {
    mode: 'none',
    realm: 'meridian',
    defaultUsername: '',
    defaultPassword: '',
    nonceTtlMs: 300_000,
    maxFailuresPerDevice: 10,
    maxFailuresPerAddress: 100,
    failureWindowMs: 300_000,
    ...overrides.auth,
  },
});
