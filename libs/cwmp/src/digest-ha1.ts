import { createHash } from 'node:crypto';

/**
 * HTTP Digest's HA1 = MD5(username ":" realm ":" password) (RFC 7616 §3.4.2, algorithm MD5, what
 * TR-069 §3.4.4 CPEs implement). What the ACS keeps of a CPE's password: Digest needs nothing
 * more, and Basic is checked by computing it from the offered password.
 */
export const digestHa1 = (username: string, realm: string, password: string): string =>
  createHash('md5').update(`${username}:${realm}:${password}`, 'utf8').digest('hex');
