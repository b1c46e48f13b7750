import { Agent, request as httpRequest } from 'node:http';
import {
  basicAuthorization,
  chooseChallenge,
  type Credentials,
  digestAuthorization,
  isDigest,
  parseChallenges,
} from './digest';
import { AttemptFailure } from './errors';

export interface HttpRequestOptions {
  /** Wall-clock limit of one attempt (the first GET and the authenticated one). */
  timeoutMs: number;
}

export const defaultHttpRequestOptions: HttpRequestOptions = { timeoutMs: 5_000 };

interface Answer {
  status: number;
  challenges: string[];
}

function get(url: URL, agent: Agent, signal: AbortSignal, authorization?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'GET',
      agent,
      signal,
      headers: authorization === undefined ? {} : { authorization },
    });
    req.on('response', (res) => {
      res.resume(); // the body means nothing here; drain it so the connection can be reused
      resolve({
        status: res.statusCode ?? 0,
        challenges: res.headersDistinct['www-authenticate'] ?? [],
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function networkFailure(error: unknown, signal: AbortSignal, url: URL): AttemptFailure {
  if (signal.aborted) return new AttemptFailure('timeout', 'no answer in time', { cause: error });
  const { code, address, port } = error as NodeJS.ErrnoException & {
    address?: string;
    port?: number;
  };
  // What an operator can act on: the error code and where it happened ("ECONNREFUSED 10.0.0.7:7547").
  const where = address === undefined ? url.host : `${address}:${port ?? ''}`;
  const text =
    code === undefined ? `${(error as Error).message} (${url.host})` : `${code} ${where}`;
  if (code === 'ETIMEDOUT') return new AttemptFailure('timeout', text, { cause: error });
  return new AttemptFailure('unreachable', text, { cause: error });
}

/** TR-069 §3.2.2: the CPE answers 200 or 204 once it accepted the request. */
function isAccepted(status: number): boolean {
  return status === 200 || status === 204;
}

interface Authorization {
  scheme: 'Digest' | 'Basic';
  header: string;
}

/**
 * Answers a 401 with the Authorization to send, or fails when the CPE asks for a scheme we do
 * not speak.
 */
function authorize(
  answer: Answer,
  url: URL,
  credentials: Credentials,
  cnonce: string,
): Authorization {
  const challenge = chooseChallenge(parseChallenges(answer.challenges));
  if (challenge === undefined || !(isDigest(challenge) || challenge.scheme === 'Basic')) {
    throw new AttemptFailure('auth-failed', 'no Digest or Basic challenge we can answer', {
      status: answer.status,
      cause: answer.challenges,
    });
  }
  return isDigest(challenge)
    ? {
        scheme: 'Digest',
        header: digestAuthorization(challenge, credentials, {
          method: 'GET',
          uri: `${url.pathname}${url.search}`,
          cnonce,
        }),
      }
    : { scheme: 'Basic', header: basicAuthorization(credentials) };
}

/** A 401 that only says the nonce expired: the credentials were right, answer the new nonce. */
function isStale(answer: Answer): boolean {
  const challenge = chooseChallenge(parseChallenges(answer.challenges));
  return challenge !== undefined && isDigest(challenge) && challenge.stale;
}

/**
 * One HTTP connection request (TR-069 §3.2.2): GET the ConnectionRequestURL, answer the
 * authentication challenge, succeed on 200/204. Redirects are not followed (they are answers
 * with a bad status). Resolves when the CPE accepted; rejects with an AttemptFailure.
 */
export async function httpConnectionRequest(
  urlText: string,
  credentials: Credentials,
  options: HttpRequestOptions,
  newCnonce: () => string,
): Promise<void> {
  let url: URL;
  try {
    url = new URL(urlText);
  } catch (error) {
    throw new AttemptFailure('unreachable', `invalid ConnectionRequestURL "${urlText}"`, {
      cause: error,
    });
  }
  if (url.protocol !== 'http:') {
    throw new AttemptFailure(
      'unreachable',
      `unsupported ConnectionRequestURL scheme ${url.protocol}`,
    );
  }
  // One socket kept alive for the attempt: many CPEs expect the answer to their challenge on the
  // connection that carried it, and reconnecting is fine for those that close it.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
  try {
    let authorization: Authorization | undefined;
    let staleAnswered = false;
    for (;;) {
      const answer = await get(url, agent, timeout.signal, authorization?.header).catch(
        (error: unknown) => {
          throw networkFailure(error, timeout.signal, url);
        },
      );
      if (isAccepted(answer.status)) return;
      if (answer.status !== 401) {
        throw new AttemptFailure('bad-status', `HTTP ${answer.status}`, {
          status: answer.status,
        });
      }
      const retryStale: boolean = authorization !== undefined && !staleAnswered && isStale(answer);
      if (authorization !== undefined && !retryStale) {
        // The CPE rejected the credentials it asked for.
        throw new AttemptFailure('auth-failed', `HTTP 401 after ${authorization.scheme}`, {
          status: 401,
        });
      }
      staleAnswered ||= retryStale;
      authorization = authorize(answer, url, credentials, newCnonce());
    }
  } finally {
    clearTimeout(timer);
    agent.destroy();
  }
}
