import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeEnvelope, encodeEnvelope } from '@meridian/cwmp';
import type { CpeMethodRequest, CwmpBody, CwmpEnvelope } from '@meridian/cwmp';
import { digestChallenge, newNonce, verifyDigest } from '../src/http/auth';

export interface FakeAcsMessage {
  body: CwmpBody;
  cwmpVersion: CwmpEnvelope['cwmpVersion'];
  cookie: string | undefined;
}

/**
 * A tiny ACS for tests: Digest auth, a session cookie, and a script of RPCs sent one per empty
 * POST or response. Records every message the CPE sends.
 */
export class FakeAcs {
  readonly received: FakeAcsMessage[] = [];
  readonly script: CpeMethodRequest[] = [];
  /** Files served on GET /files/<name>, with Basic auth user "files" / "files-pw". */
  readonly files = new Map<string, Buffer>();
  readonly uploads = new Map<string, string>();
  unauthorized = 0;
  private readonly server = http.createServer((req, res) =>
    this.handle(req, res).catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    }),
  );
  private readonly nonces = new Set<string>();
  private nextId = 1;
  private lastVersion: CwmpEnvelope['cwmpVersion'] = '1-2';
  private listeners: ((m: FakeAcsMessage) => void)[] = [];

  constructor(
    private readonly username: string,
    private readonly password: string,
  ) {}

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/acs`;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves with the first message received from now on that matches. */
  waitFor(match: (m: FakeAcsMessage) => boolean, timeoutMs = 10_000): Promise<FakeAcsMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('FakeAcs: timed out waiting for a message')),
        timeoutMs,
      );
      const listener = (m: FakeAcsMessage) => {
        if (!match(m)) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve(m);
      };
      this.listeners.push(listener);
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    if (req.url?.startsWith('/files/')) return this.serveFile(req, res, body);
    const authorized = verifyDigest(req.headers.authorization, {
      method: req.method ?? 'POST',
      realm: 'fake-acs',
      username: this.username,
      password: this.password,
      isNonceValid: (n) => this.nonces.has(n),
    });
    if (!authorized) {
      this.unauthorized++;
      const nonce = newNonce();
      this.nonces.add(nonce);
      res
        .writeHead(401, {
          'www-authenticate': digestChallenge('fake-acs', nonce),
          'content-length': '0',
        })
        .end();
      return;
    }
    const cookie = req.headers.cookie;
    if (body.length === 0) return this.sendNext(res, this.lastVersion);
    const env = decodeEnvelope(body);
    this.lastVersion = env.cwmpVersion;
    const message = { body: env.body, cwmpVersion: env.cwmpVersion, cookie };
    this.received.push(message);
    for (const l of [...this.listeners]) l(message);
    if (env.body.name === 'Inform') {
      const reply = encodeEnvelope({
        cwmpVersion: env.cwmpVersion,
        header: { id: env.header.id },
        body: { name: 'InformResponse', maxEnvelopes: 1 },
      });
      res
        .writeHead(200, {
          'content-type': 'text/xml',
          'set-cookie': `session=${this.nextId++}; Path=/; HttpOnly`,
        })
        .end(reply);
      return;
    }
    if (env.body.name === 'TransferComplete' || env.body.name === 'DUStateChangeComplete') {
      const name = `${env.body.name}Response` as const;
      res.writeHead(200, { 'content-type': 'text/xml' }).end(
        encodeEnvelope({
          cwmpVersion: env.cwmpVersion,
          header: { id: env.header.id },
          body: { name },
        }),
      );
      return;
    }
    this.sendNext(res, env.cwmpVersion);
  }

  private sendNext(res: http.ServerResponse, cwmpVersion: CwmpEnvelope['cwmpVersion']): void {
    const next = this.script.shift();
    if (next === undefined) {
      res.writeHead(204).end();
      return;
    }
    const xml = encodeEnvelope({ cwmpVersion, header: { id: `acs-${this.nextId++}` }, body: next });
    res.writeHead(200, { 'content-type': 'text/xml' }).end(xml);
  }

  private serveFile(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
    const expected = `Basic ${Buffer.from('files:files-pw').toString('base64')}`;
    if (req.headers.authorization !== expected) {
      res
        .writeHead(401, { 'www-authenticate': 'Basic realm="files"', 'content-length': '0' })
        .end();
      return;
    }
    const name = req.url!.slice('/files/'.length);
    if (req.method === 'PUT') {
      this.uploads.set(name, body.toString('utf8'));
      res.writeHead(201, { 'content-length': '0' }).end();
      return;
    }
    const file = this.files.get(name);
    if (file === undefined) res.writeHead(404, { 'content-length': '0' }).end();
    else res.writeHead(200, { 'content-length': String(file.length) }).end(file);
  }
}
