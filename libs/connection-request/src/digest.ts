import { createHash } from 'node:crypto';

/**
 * HTTP authentication for connection requests (TR-069 §3.2.2: the CPE authenticates the ACS):
 * parsing WWW-Authenticate and computing Authorization. Pure functions; RFC 7616 (Digest,
 * obsoletes RFC 2617) and RFC 7617 (Basic).
 */

export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';
export type DigestQop = 'auth' | 'auth-int';

export interface DigestChallenge {
  scheme: 'Digest';
  realm: string;
  nonce: string;
  opaque?: string;
  /** Upper-cased as in the challenge; may be one we cannot compute. */
  algorithm: string;
  /** The qop options offered; empty for an RFC 2069 style challenge. */
  qop: string[];
  /** The nonce expired but the credentials were right: answer again with the new nonce. */
  stale: boolean;
}

export interface BasicChallenge {
  scheme: 'Basic';
  realm?: string;
}

/** A challenge of a scheme we do not speak, kept so the failure can say what was asked. */
export interface OtherChallenge {
  scheme: string;
}

export type Challenge = DigestChallenge | BasicChallenge | OtherChallenge;

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;
const SPACE = /[ \t]*/y;
const SEPARATORS = /[ \t,]*/y;

function matchAt(pattern: RegExp, text: string, at: number): string {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0] ?? '';
}

/** Reads a quoted-string (with backslash escapes) or a token at `at`. */
function readValue(text: string, at: number): { value: string; end: number } {
  if (text[at] !== '"') {
    const token = matchAt(TOKEN, text, at);
    return { value: token, end: at + token.length };
  }
  let value = '';
  let i = at + 1;
  while (i < text.length && text[i] !== '"') {
    if (text[i] === '\\' && i + 1 < text.length) i++;
    value += text[i];
    i++;
  }
  return { value, end: i + 1 };
}

/**
 * Splits WWW-Authenticate values into challenges. One value may hold several challenges
 * (`Digest realm="a", nonce="b", Basic realm="a"`), and quoted values may hold commas.
 */
export function parseChallenges(headerValues: readonly string[]): Challenge[] {
  const raw: { scheme: string; params: Map<string, string> }[] = [];
  for (const text of headerValues) {
    let current: { scheme: string; params: Map<string, string> } | undefined;
    let i = matchAt(SEPARATORS, text, 0).length;
    while (i < text.length) {
      const token = matchAt(TOKEN, text, i);
      if (!token) {
        i++; // not HTTP syntax: skip the character rather than give up on the whole header
      } else {
        const afterToken = i + token.length;
        const equals = afterToken + matchAt(SPACE, text, afterToken).length;
        if (current && text[equals] === '=' && text[equals + 1] !== '=') {
          const valueAt = equals + 1 + matchAt(SPACE, text, equals + 1).length;
          const { value, end } = readValue(text, valueAt);
          current.params.set(token.toLowerCase(), value);
          i = end;
        } else {
          current = { scheme: token, params: new Map() };
          raw.push(current);
          i = afterToken;
        }
      }
      i += matchAt(SEPARATORS, text, i).length;
    }
  }
  return raw.map(({ scheme, params }) => toChallenge(scheme, params));
}

function toChallenge(scheme: string, params: Map<string, string>): Challenge {
  switch (scheme.toLowerCase()) {
    case 'digest': {
      const realm = params.get('realm');
      const nonce = params.get('nonce');
      if (realm === undefined || nonce === undefined) return { scheme };
      const opaque = params.get('opaque');
      return {
        scheme: 'Digest',
        realm,
        nonce,
        ...(opaque === undefined ? {} : { opaque }),
        algorithm: (params.get('algorithm') ?? 'MD5').toUpperCase(),
        qop: (params.get('qop') ?? '')
          .split(',')
          .map((option) => option.trim().toLowerCase())
          .filter((option) => option !== ''),
        stale: params.get('stale')?.toLowerCase() === 'true',
      };
    }
    case 'basic': {
      const realm = params.get('realm');
      return realm === undefined ? { scheme: 'Basic' } : { scheme: 'Basic', realm };
    }
    default:
      return { scheme };
  }
}

const ALGORITHMS: Record<string, DigestAlgorithm> = {
  MD5: 'MD5',
  'MD5-SESS': 'MD5-sess',
  'SHA-256': 'SHA-256',
  'SHA-256-SESS': 'SHA-256-sess',
};

export function isDigest(challenge: Challenge): challenge is DigestChallenge {
  return challenge.scheme === 'Digest' && 'nonce' in challenge;
}

/** The qop to answer with: `auth` when offered, else `auth-int`; none for RFC 2069 challenges. */
export function chooseQop(challenge: DigestChallenge): DigestQop | null | undefined {
  if (challenge.qop.length === 0) return null;
  if (challenge.qop.includes('auth')) return 'auth';
  if (challenge.qop.includes('auth-int')) return 'auth-int';
  return undefined;
}

/** Whether we can answer this Digest challenge (known algorithm and qop). */
export function isAnswerable(challenge: DigestChallenge): boolean {
  return challenge.algorithm in ALGORITHMS && chooseQop(challenge) !== undefined;
}

/**
 * The challenge to answer: Digest before Basic (Basic sends the password in clear), and among
 * Digest challenges SHA-256 before MD5, as RFC 7616 §3.7 asks of clients.
 */
export function chooseChallenge(challenges: readonly Challenge[]): Challenge | undefined {
  const digests = challenges.filter(isDigest).filter(isAnswerable);
  return (
    digests.find((challenge) => challenge.algorithm.startsWith('SHA-256')) ??
    digests[0] ??
    challenges.find((challenge) => challenge.scheme === 'Basic')
  );
}

export interface DigestInput {
  algorithm: DigestAlgorithm;
  username: string;
  password: string;
  realm: string;
  nonce: string;
  method: string;
  /** The request-target as sent: path and query. */
  uri: string;
  /** null: RFC 2069 compatibility, no qop, nc or cnonce. */
  qop: DigestQop | null;
  /** Nonce count, 8 hex digits. */
  nc: string;
  cnonce: string;
}

function hasher(algorithm: DigestAlgorithm): (text: string) => string {
  const name = algorithm.startsWith('SHA-256') ? 'sha256' : 'md5';
  return (text) => createHash(name).update(text, 'utf8').digest('hex');
}

/** The `response` value: RFC 7616 §3.4.1 (and RFC 2617 §3.2.2.1 for MD5). */
export function digestResponse(input: DigestInput): string {
  const hash = hasher(input.algorithm);
  const secret = hash(`${input.username}:${input.realm}:${input.password}`);
  const ha1 = input.algorithm.endsWith('-sess')
    ? hash(`${secret}:${input.nonce}:${input.cnonce}`)
    : secret;
  // A GET carries no body, so auth-int hashes the empty entity.
  const ha2 =
    input.qop === 'auth-int'
      ? hash(`${input.method}:${input.uri}:${hash('')}`)
      : hash(`${input.method}:${input.uri}`);
  return input.qop === null
    ? hash(`${ha1}:${input.nonce}:${ha2}`)
    : hash(`${ha1}:${input.nonce}:${input.nc}:${input.cnonce}:${input.qop}:${ha2}`);
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, (character) => `\\${character}`)}"`;
}

export interface Credentials {
  username: string;
  password: string;
}

/** The Authorization header answering `challenge` (which must be answerable) for one request. */
export function digestAuthorization(
  challenge: DigestChallenge,
  credentials: Credentials,
  request: { method: string; uri: string; cnonce: string; nc?: number },
): string {
  const algorithm = ALGORITHMS[challenge.algorithm];
  const qop = chooseQop(challenge);
  if (algorithm === undefined || qop === undefined) {
    throw new Error(`unsupported Digest challenge (algorithm ${challenge.algorithm})`);
  }
  const nc = (request.nc ?? 1).toString(16).padStart(8, '0');
  const response = digestResponse({
    algorithm,
    ...credentials,
    realm: challenge.realm,
    nonce: challenge.nonce,
    method: request.method,
    uri: request.uri,
    qop,
    nc,
    cnonce: request.cnonce,
  });
  const fields = [
    `username=${quote(credentials.username)}`,
    `realm=${quote(challenge.realm)}`,
    `nonce=${quote(challenge.nonce)}`,
    `uri=${quote(request.uri)}`,
    `algorithm=${algorithm}`,
    `response=${quote(response)}`,
    ...(challenge.opaque === undefined ? [] : [`opaque=${quote(challenge.opaque)}`]),
    ...(qop === null ? [] : [`qop=${qop}`, `nc=${nc}`, `cnonce=${quote(request.cnonce)}`]),
  ];
  return `Digest ${fields.join(', ')}`;
}

/** RFC 7617 Basic credentials, UTF-8. */
export function basicAuthorization(credentials: Credentials): string {
  const token = Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8');
  return `Basic ${token.toString('base64')}`;
}
