import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { digestHa1 } from '@meridian/cwmp';

/**
 * HTTP Digest authentication, RFC 7616 with algorithm MD5 and qop=auth (what TR-069 CPEs
 * implement, TR-069 §3.4.4). Pure functions: time, randomness and the nonce key come in.
 */

export interface DigestAuthorization {
  username: string;
  realm: string;
  nonce: string;
  uri: string;
  response: string;
  qop?: string;
  nc?: string;
  cnonce?: string;
  opaque?: string;
  algorithm?: string;
}

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

/** Parses `Digest k=v, k="v", …`; null when it is not a Digest header or lacks a required field. */
export function parseDigestAuthorization(header: string): DigestAuthorization | null {
  const match = /^\s*Digest\s+/i.exec(header);
  if (!match) return null;
  const fields = parseAuthParams(header.slice(match[0].length));
  const { username, realm, nonce, uri, response } = fields;
  if (!username || realm === undefined || !nonce || !uri || !response) return null;
  return {
    username,
    realm,
    nonce,
    uri,
    response,
    qop: fields.qop,
    nc: fields.nc,
    cnonce: fields.cnonce,
    opaque: fields.opaque,
    algorithm: fields.algorithm,
  };
}

/** RFC 7235 auth-param list: token=token or token=quoted-string, comma separated. */
function parseAuthParams(text: string): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  const re = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m[0].length > 0) {
    const key = (m[1] ?? '').toLowerCase();
    out[key] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  }
  return out;
}

interface DigestRequestFields {
  method: string;
  uri: string;
  nonce: string;
  nc: string;
  cnonce: string;
  qop: 'auth';
}

/** The `response` value a client computes (RFC 7616 §3.4.1, qop=auth). */
export const digestResponse = (
  p: DigestRequestFields & { username: string; realm: string; password: string },
): string => digestResponseOfHa1({ ...p, ha1: digestHa1(p.username, p.realm, p.password) });

/** The same from HA1, which is all the ACS keeps of a password. */
function digestResponseOfHa1(p: DigestRequestFields & { ha1: string }): string {
  const ha2 = md5(`${p.method}:${p.uri}`);
  return md5(`${p.ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`);
}

const NONCE_TIME_BYTES = 8;
const NONCE_RANDOM_BYTES = 12;
const NONCE_MAC_BYTES = 16;

const nonceMac = (secret: string, head: Buffer): Buffer =>
  createHmac('sha256', secret).update(head).digest().subarray(0, NONCE_MAC_BYTES);

/**
 * A stateless nonce: expiry time, randomness and an HMAC over both, so any replica holding the
 * secret can check it without shared storage.
 */
export function createNonce(secret: string, expiresAtMs: number, random: Buffer): string {
  const head = Buffer.alloc(NONCE_TIME_BYTES + NONCE_RANDOM_BYTES);
  head.writeBigUInt64BE(BigInt(Math.floor(expiresAtMs)), 0);
  random.copy(head, NONCE_TIME_BYTES, 0, NONCE_RANDOM_BYTES);
  return Buffer.concat([head, nonceMac(secret, head)]).toString('base64url');
}

export type NonceCheck = { status: 'valid'; expiresAtMs: number } | { status: 'stale' | 'invalid' };

export function checkNonce(secret: string, nonce: string, nowMs: number): NonceCheck {
  const raw = Buffer.from(nonce, 'base64url');
  if (raw.length !== NONCE_TIME_BYTES + NONCE_RANDOM_BYTES + NONCE_MAC_BYTES) {
    return { status: 'invalid' };
  }
  const head = raw.subarray(0, NONCE_TIME_BYTES + NONCE_RANDOM_BYTES);
  if (!timingSafeEqual(nonceMac(secret, head), raw.subarray(head.length))) {
    return { status: 'invalid' };
  }
  const expiresAtMs = Number(head.readBigUInt64BE(0));
  return expiresAtMs > nowMs ? { status: 'valid', expiresAtMs } : { status: 'stale' };
}

export function digestChallenge(p: {
  realm: string;
  nonce: string;
  opaque: string;
  stale?: boolean;
}): string {
  const stale = p.stale ? ', stale=true' : '';
  return `Digest realm="${quote(p.realm)}", qop="auth", algorithm=MD5, nonce="${p.nonce}", opaque="${p.opaque}"${stale}`;
}

const quote = (text: string): string => text.replace(/(["\\])/g, '\\$1');

export type DigestVerdict = 'ok' | 'stale' | 'denied';

/**
 * Checks a Digest Authorization against the expected credentials. `lastNonceCount` is the highest
 * nc this replica already accepted for the nonce (0 if none): an nc not above it is a replay.
 */
export function verifyDigest(p: {
  authorization: DigestAuthorization;
  method: string;
  requestUri: string;
  realm: string;
  username: string;
  /** HA1 of the expected credentials (`digestHa1`). */
  ha1: string;
  nonce: NonceCheck;
  lastNonceCount: number;
}): DigestVerdict {
  const a = p.authorization;
  if (a.qop !== 'auth' || a.nc === undefined || a.cnonce === undefined) return 'denied';
  if (a.algorithm !== undefined && a.algorithm.toUpperCase() !== 'MD5') return 'denied';
  if (a.username !== p.username || a.realm !== p.realm) return 'denied';
  if (!sameRequestTarget(a.uri, p.requestUri)) return 'denied';
  const nc = parseNonceCount(a.nc);
  if (nc === null || nc <= p.lastNonceCount) return 'denied';
  const expected = digestResponseOfHa1({
    ha1: p.ha1,
    method: p.method,
    uri: a.uri,
    nonce: a.nonce,
    nc: a.nc,
    cnonce: a.cnonce,
    qop: 'auth',
  });
  if (!safeEqual(expected, a.response.toLowerCase())) return 'denied';
  // A correct response on an expired nonce: RFC 7616 §3.3 says challenge again with stale=true.
  if (p.nonce.status === 'stale') return 'stale';
  return p.nonce.status === 'valid' ? 'ok' : 'denied';
}

/**
 * The Digest `uri` names the request's target (RFC 7616 §3.4.6). Some CPEs put the absolute URL
 * there: its path and query must then be the target.
 */
function sameRequestTarget(digestUri: string, requestUri: string): boolean {
  if (digestUri === requestUri) return true;
  if (!/^https?:\/\//i.test(digestUri)) return false;
  try {
    const url = new URL(digestUri);
    return url.pathname + url.search === requestUri;
  } catch {
    return false;
  }
}

/** nc is exactly 8 hex digits (RFC 7616 §3.4). */
export function parseNonceCount(nc: string): number | null {
  return /^[0-9a-fA-F]{8}$/.test(nc) ? parseInt(nc, 16) : null;
}

export const safeEqual = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
