import http from 'node:http';
import https from 'node:https';
import { ClientAuth } from './auth';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface HttpRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  agent?: http.Agent;
  timeoutMs?: number;
}

/** One HTTP exchange; the body is read whole (CWMP envelopes and test files are small). */
export function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const lib = req.url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const r = lib.request(
      req.url,
      {
        method: req.method,
        headers: req.headers,
        agent: req.agent,
        timeout: req.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error(`HTTP ${req.method} ${req.url.href} timed out`)));
    r.on('error', reject);
    if (req.body !== undefined) r.end(req.body);
    else r.end();
  });
}

/**
 * A request that answers the server's 401 once with Basic or Digest credentials. The same
 * ClientAuth can be kept across requests to send credentials up front after the first challenge.
 */
export async function authenticatedRequest(
  req: HttpRequest,
  auth: ClientAuth | undefined,
): Promise<HttpResponse> {
  const uri = req.url.pathname + req.url.search;
  const withAuth = (): HttpRequest => {
    const header = auth?.header(req.method, uri);
    return header ? { ...req, headers: { ...req.headers, authorization: header } } : req;
  };
  const first = await httpRequest(withAuth());
  if (first.status !== 401 || auth === undefined || !auth.accept(first.headers['www-authenticate']))
    return first;
  return httpRequest(withAuth());
}
