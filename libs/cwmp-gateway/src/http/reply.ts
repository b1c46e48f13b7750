import type { ServerResponse } from 'node:http';

/** What the gateway answers to one HTTP request: a value, written to the socket by `writeReply`. */
export interface HttpReply {
  status: number;
  headers: Record<string, string | string[]>;
  body?: string;
}

export const XML_CONTENT_TYPE = 'text/xml; charset="utf-8"';

export const textReply = (
  status: number,
  text: string,
  headers: HttpReply['headers'] = {},
): HttpReply => ({
  status,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers },
  body: `${text}\n`,
});

export const retryLater = (retryAfterSeconds: number, why: string): HttpReply =>
  textReply(503, why, { 'Retry-After': String(retryAfterSeconds) });

export function writeReply(response: ServerResponse, reply: HttpReply): void {
  // RFC 9110 §8.6: no Content-Length on a 204.
  if (reply.status === 204) {
    response.writeHead(204, reply.headers);
    response.end();
    return;
  }
  // A string body goes out with the head in one write (node:http joins them); a Buffer would
  // take a second one (writev).
  const body = reply.body ?? '';
  response.writeHead(reply.status, {
    ...reply.headers,
    'Content-Length': String(Buffer.byteLength(body, 'utf8')),
  });
  response.end(body, 'utf8');
}
