export const GATEWAY_CONFIG = Symbol('GatewayConfig');
export const CONNECTION_REQUESTER = Symbol('ConnectionRequester');

/**
 * Asks a CPE to open a session now (TR-069 §3.2.2: HTTP connection request, or UDP/XMPP). Another
 * issue implements it; without one, queued commands wait for the CPE's next periodic Inform.
 */
export interface ConnectionRequester {
  /** Resolves once the request was sent; rejects when the CPE could not be reached. */
  request(deviceId: string): Promise<void>;
}
