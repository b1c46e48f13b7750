import * as http from 'node:http';

export interface CpeResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** True when the request went over an already used keep-alive connection. */
  reusedSocket: boolean;
}

/**
 * A minimal CWMP HTTP client: one keep-alive connection (like a CPE), a cookie jar for the
 * session cookie, and raw control over headers for the negative cases.
 */
export class CpeClient {
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  cookie: string | undefined;

  constructor(
    private readonly port: number,
    private readonly options: { keepCookie?: boolean } = {},
  ) {}

  post(body: string | Buffer, headers: http.OutgoingHttpHeaders = {}): Promise<CpeResponse> {
    const payload = typeof body === 'string' ? Buffer.from(body) : body;
    const all: http.OutgoingHttpHeaders = {
      ...(payload.length > 0 ? { 'Content-Type': 'text/xml; charset="utf-8"' } : {}),
      'Content-Length': payload.length,
      ...(this.cookie && this.options.keepCookie !== false ? { Cookie: this.cookie } : {}),
      ...headers,
    };
    return this.request('POST', payload, all);
  }

  request(
    method: string,
    payload: Buffer,
    headers: http.OutgoingHttpHeaders,
  ): Promise<CpeResponse> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: this.port, path: '/', method, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const setCookie = res.headers['set-cookie']?.[0];
            if (setCookie) this.cookie = setCookie.split(';', 1)[0];
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
              reusedSocket: req.reusedSocket,
            });
          });
          res.on('error', reject);
        },
      );
      // The server may answer (413) and close before the whole body is written.
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
