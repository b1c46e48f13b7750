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
 * How many messages this gateway's sessions published are still waiting to be handled
 * downstream (the all-in-one: Informs and results provisioning has not consumed from the
 * in-process bus). Consulted for each new session against GatewayConfig.maxBacklog. Without
 * it (Kafka: consumer lag is not known to a gateway) only the live sessions count.
 */
export const DOWNSTREAM_BACKLOG = Symbol('DownstreamBacklog');
export type DownstreamBacklog = () => number;
