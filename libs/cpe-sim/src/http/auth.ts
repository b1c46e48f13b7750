import { createHash, randomBytes } from 'node:crypto';

/** A parsed WWW-Authenticate or Authorization header (RFC 7235, RFC 7616). */
export interface AuthHeader {
  scheme: string;
  params: Record<string, string>;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** Parses `Digest realm="x", nonce="y", qop="auth"`; quoted values may hold commas. */
export function parseAuthHeader(header: string): AuthHeader {
  const space = header.indexOf(' ');
  const scheme = (space === -1 ? header : header.slice(0, space)).trim();
  const params: Record<string, string> = {};
  const re = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  const rest = space === -1 ? '' : header.slice(space + 1);
  for (let m = re.exec(rest); m !== null; m = re.exec(rest)) {
    params[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  }
  return { scheme, params };
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

export interface DigestInput {
  username: string;
  password: string;
  method: string;
  uri: string;
  challenge: Record<string, string>;
  /** Request counter for this nonce, from 1. */
  nc: number;
  cnonce: string;
}

/** The Authorization header answering a Digest challenge (RFC 7616, MD5, qop auth or none). */
export function digestAuthorization(d: DigestInput): string {
  const { realm = '', nonce = '', opaque, algorithm } = d.challenge;
  const qop = d.challenge.qop
    ?.split(',')
    .map((q) => q.trim())
    .includes('auth')
    ? 'auth'
    : undefined;
  const ha1 = md5(`${d.username}:${realm}:${d.password}`);
  const ha2 = md5(`${d.method}:${d.uri}`);
  const nc = d.nc.toString(16).padStart(8, '0');
  const response = qop
    ? md5(`${ha1}:${nonce}:${nc}:${d.cnonce}:${qop}:${ha2}`)
    : md5(`${ha1}:${nonce}:${ha2}`);
  const parts = [
    `username="${d.username}"`,
    `realm="${realm}"`,
    `nonce="${nonce}"`,
    `uri="${d.uri}"`,
    `response="${response}"`,
  ];
  if (algorithm) parts.push(`algorithm=${algorithm}`);
  if (opaque !== undefined) parts.push(`opaque="${opaque}"`);
  if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce="${d.cnonce}"`);
  return `Digest ${parts.join(', ')}`;
}

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Answers the challenges of one server over several requests: Basic when asked, Digest with a
 * growing nonce count (so requests after the first carry credentials without a new 401).
 */
export class ClientAuth {
  private challenge: AuthHeader | undefined;
  private nc = 0;

  constructor(
    private readonly username: string,
    private readonly password: string,
  ) {}

  /** Takes the server's WWW-Authenticate; false when no supported scheme is offered. */
  accept(wwwAuthenticate: string | string[] | undefined): boolean {
    const offers = (Array.isArray(wwwAuthenticate) ? wwwAuthenticate : [wwwAuthenticate ?? ''])
      .filter((h) => h !== '')
      .map(parseAuthHeader);
    const chosen =
      offers.find((o) => o.scheme.toLowerCase() === 'digest') ??
      offers.find((o) => o.scheme.toLowerCase() === 'basic');
    if (chosen === undefined) return false;
    this.challenge = chosen;
    this.nc = 0;
    return true;
  }

  /** The Authorization header for the next request, or undefined before any challenge. */
  header(method: string, uri: string): string | undefined {
    const c = this.challenge;
    if (c === undefined) return undefined;
    if (c.scheme.toLowerCase() === 'basic') return basicAuthorization(this.username, this.password);
    this.nc += 1;
    return digestAuthorization({
      username: this.username,
      password: this.password,
      method,
      uri,
      challenge: c.params,
      nc: this.nc,
      cnonce: newNonce(),
    });
  }
}

/** Server side (connection requests): the challenge to send with a 401. */
export function digestChallenge(realm: string, nonce: string): string {
  return `Digest realm="${realm}", qop="auth", nonce="${nonce}", algorithm=MD5`;
}

/**
 * Whether an Authorization header is a valid Digest answer for these credentials and one of the
 * nonces this server issued.
 */
export function verifyDigest(
  authorization: string | undefined,
  expected: {
    method: string;
    realm: string;
    username: string;
    password: string;
    isNonceValid: (n: string) => boolean;
  },
): boolean {
  if (authorization === undefined) return false;
  const { scheme, params } = parseAuthHeader(authorization);
  if (scheme.toLowerCase() !== 'digest') return false;
  const { username, realm, nonce, uri, response, qop, nc, cnonce } = params;
  if (username !== expected.username || realm !== expected.realm) return false;
  if (
    nonce === undefined ||
    uri === undefined ||
    response === undefined ||
    !expected.isNonceValid(nonce)
  ) {
    return false;
  }
  const ha1 = md5(`${expected.username}:${expected.realm}:${expected.password}`);
  const ha2 = md5(`${expected.method}:${uri}`);
  const want = qop
    ? md5(`${ha1}:${nonce}:${nc ?? ''}:${cnonce ?? ''}:${qop}:${ha2}`)
    : md5(`${ha1}:${nonce}:${ha2}`);
  return want === response;
}
