import { createHmac } from 'node:crypto';

/**
 * The UDP connection request of TR-069 Annex G (G.2.1): an HTTP GET request-line and Host header
 * in one datagram, authenticated by an HMAC-SHA1 signature instead of HTTP authentication.
 * Pure functions.
 */

export interface UdpRequestFields {
  /** Seconds since the epoch: lets the CPE reject stale or replayed messages. */
  ts: number;
  /** Message id: new for each request, the same in the repeated copies of one request. */
  id: string;
  /** ConnectionRequestUsername. */
  un: string;
  /** Random cnonce. */
  cn: string;
}

/** sig: HMAC-SHA1 keyed with ConnectionRequestPassword over ts, id, un and cn concatenated, hex. */
export function udpSignature(fields: UdpRequestFields, password: string): string {
  return createHmac('sha1', password)
    .update(`${fields.ts}${fields.id}${fields.un}${fields.cn}`, 'utf8')
    .digest('hex');
}

/**
 * The datagram's text: an absolute Request-URI with an empty path, no body. `address` is
 * UDPConnectionRequestAddress as the CPE reported it (an RFC 3986 authority, port omitted only
 * when 80), so the Request-URI and Host name exactly what the CPE listens on.
 */
export function udpRequestMessage(
  address: string,
  fields: UdpRequestFields,
  password: string,
): string {
  // G.2.1: the query is application/x-www-form-urlencoded, which URLSearchParams writes.
  const query = new URLSearchParams({
    ts: String(fields.ts),
    id: fields.id,
    un: fields.un,
    cn: fields.cn,
    sig: udpSignature(fields, password),
  }).toString();
  return `GET http://${address}?${query} HTTP/1.1\r\nHost: ${address}\r\n\r\n`;
}

/**
 * Host and port of UDPConnectionRequestAddress: "host:port", "host" (port 80, as TR-181 says of
 * the short form), IPv6 literals in brackets.
 */
export function parseUdpAddress(address: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(address.trim());
  const host = match?.[1] ?? match?.[2];
  const port = match?.[3] === undefined ? 80 : Number(match[3]);
  if (host === undefined || port < 1 || port > 65535) {
    throw new Error(`invalid UDPConnectionRequestAddress "${address}"`);
  }
  return { host, port };
}
