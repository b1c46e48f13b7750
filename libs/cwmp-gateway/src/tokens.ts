export const GATEWAY_CONFIG = Symbol('GatewayConfig');

/**
 * Asks a CPE to open a session now (TR-069 §3.2.2: HTTP connection request, or UDP, Annex G):
 * `createConnectionRequester` of @meridian/connection-request. Resolves with the method and the
 * attempts it took; rejects with a ConnectionRequestError (method, attempts, detail). Without
 * one, queued commands wait for the CPE's next periodic Inform.
 */
export const CONNECTION_REQUESTER = Symbol('ConnectionRequester');
export type { ConnectionRequestDelivery, ConnectionRequester } from '@meridian/connection-request';

/**
 * Whether the device registry knows a device; consulted on each new session when
 * auto-registration is off (GatewayConfig.autoRegister false), and only then.
 */
export const KNOWN_DEVICE = Symbol('KnownDevice');
export type KnownDevice = (deviceId: string) => Promise<boolean>;

/**
 * The messages this gateway's sessions published that are still waiting to be handled
 * downstream (the all-in-one: Informs and results provisioning has not consumed from the
 * in-process bus; split services: provisioning's lag on cwmp.inform, read from Kafka).
 * Consulted for each new session against GatewayConfig.maxBacklog and maxBacklogSeconds.
 * Without it only the live sessions count.
 */
export const DOWNSTREAM_BACKLOG = Symbol('DownstreamBacklog');
export type DownstreamBacklog = () => DownstreamLoad;

/** What a downstream backlog source read, and when. */
export interface DownstreamLoad {
  /** Messages published and not yet handled. */
  pending: number;
  /** Messages handled so far (a counter that only grows): its rate is how fast the backlog drains. */
  handled: number;
  /** When these figures were read (ms since the epoch). */
  atMs: number;
}
