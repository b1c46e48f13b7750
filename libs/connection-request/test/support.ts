import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock, Logger, Random } from '../src';

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** A clock whose sleeps return at once and are recorded, so backoff is checked without waiting. */
export function recordingClock(nowMs = 1_764_100_000_000): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => nowMs,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
}

/** Jitter pinned to `fraction`; hex values from the system (they must differ between requests). */
export function pinnedRandom(fraction: number): Random {
  return { next: () => fraction, hex: (n) => randomBytes(n).toString('hex') };
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/** key=value and key="value" pairs of an Authorization header (no escaped quotes in our tests). */
function authParams(header: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const match of header.matchAll(/([a-z-]+)=(?:"([^"]*)"|([^,\s]+))/gi)) {
    params.set((match[1] ?? '').toLowerCase(), match[2] ?? match[3] ?? '');
  }
  return params;
}

export interface CpeOptions {
  scheme: 'Digest' | 'Basic';
  username: string;
  password: string;
  /** Answer the first correct Digest response with stale=true and a new nonce. */
  staleOnce?: boolean;
  /** Answer every request with this status instead. */
  fixedStatus?: number;
  /** Never answer. */
  silent?: boolean;
  /** Close the connection after each challenge, as some CPEs do. */
  closeAfterChallenge?: boolean;
}

export interface SeenRequest {
  /** Remote port: which TCP connection carried the request. */
  port: number;
  method: string;
  url: string;
  authorization: string | undefined;
  /** Whether this request's credentials were checked and found right. */
  verified: boolean;
}

export interface TestCpe {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A CPE's connection request listener on 127.0.0.1: challenges like a CPE, and checks the Digest
 * response by the RFC 2617 formula (MD5, qop=auth) with its own nonce.
 */
export async function startCpe(options: CpeOptions): Promise<TestCpe> {
  const realm = 'cpe@meridian.test';
  const opaque = 'opaque-5ccc069c';
  let nonce = randomBytes(12).toString('hex');
  let staleSent = false;
  const requests: SeenRequest[] = [];

  function challenge(res: ServerResponse, stale = false): void {
    const header =
      options.scheme === 'Digest'
        ? `Digest realm="${realm}", qop="auth", nonce="${nonce}", opaque="${opaque}"` +
          (stale ? ', stale=TRUE' : '')
        : `Basic realm="${realm}"`;
    res
      .writeHead(401, {
        'WWW-Authenticate': header,
        'Content-Length': '0',
        ...(options.closeAfterChallenge ? { Connection: 'close' } : {}),
      })
      .end();
  }

  function verifyDigest(req: IncomingMessage, header: string): boolean {
    const p = authParams(header);
    const ha1 = md5(`${options.username}:${realm}:${options.password}`);
    const ha2 = md5(`GET:${req.url}`);
    const expected = md5(`${ha1}:${nonce}:${p.get('nc')}:${p.get('cnonce')}:auth:${ha2}`);
    return (
      header.startsWith('Digest ') &&
      p.get('username') === options.username &&
      p.get('realm') === realm &&
      p.get('nonce') === nonce &&
      p.get('uri') === req.url &&
      p.get('qop') === 'auth' &&
      p.get('nc') === '00000001' &&
      (p.get('cnonce') ?? '').length >= 8 &&
      p.get('opaque') === opaque &&
      p.get('response') === expected
    );
  }

  function verifyBasic(header: string): boolean {
    const expected = Buffer.from(`${options.username}:${options.password}`).toString('base64');
    return header === `Basic ${expected}`;
  }

  const server: Server = createServer((req, res) => {
    const authorization = req.headers.authorization;
    const seen: SeenRequest = {
      port: req.socket.remotePort ?? 0,
      method: req.method ?? '',
      url: req.url ?? '',
      authorization,
      verified: false,
    };
    requests.push(seen);
    if (options.silent) return;
    if (options.fixedStatus !== undefined) {
      res.writeHead(options.fixedStatus, { 'Content-Length': '0' }).end();
      return;
    }
    if (authorization === undefined) return challenge(res);
    seen.verified =
      options.scheme === 'Digest' ? verifyDigest(req, authorization) : verifyBasic(authorization);
    if (!seen.verified) return challenge(res);
    if (options.staleOnce && !staleSent) {
      staleSent = true;
      nonce = randomBytes(12).toString('hex');
      return challenge(res, true);
    }
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/cr/abc?x=1`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port with nothing listening: taken from a server that is then closed. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
