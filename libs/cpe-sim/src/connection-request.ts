import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { digestChallenge, newNonce, verifyDigest } from './http/auth';

export interface ConnectionRequestTarget {
  /** ManagementServer.ConnectionRequestUsername/Password as stored (not as read back). */
  credentials(): { username: string; password: string };
  /** Starts a session with "6 CONNECTION REQUEST" (TR-069 3.2.2). */
  connectionRequest(): void;
}

const REALM = 'Meridian CPE simulator';
const NONCE_LIFETIME_MS = 5 * 60_000;

/**
 * One HTTP listener for the connection requests of every simulated device; a device's
 * ConnectionRequestURL is http://host:port/<serial>. Requests are authenticated with HTTP Digest
 * against that device's credentials (TR-069 3.2.2, 3.4.5).
 */
export class ConnectionRequestServer {
  private readonly server: http.Server;
  private readonly nonces = new Map<string, number>();

  constructor(
    private readonly lookup: (serial: string) => ConnectionRequestTarget | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 1000;
  }

  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume();
    const serial = decodeURIComponent((req.url ?? '/').split('?')[0]!.slice(1));
    const target = this.lookup(serial);
    if (target === undefined || (req.method !== 'GET' && req.method !== 'POST')) {
      res.writeHead(404).end();
      return;
    }
    const { username, password } = target.credentials();
    const ok = verifyDigest(req.headers.authorization, {
      method: req.method,
      realm: REALM,
      username,
      password,
      isNonceValid: (n) => (this.nonces.get(n) ?? 0) > this.now(),
    });
    if (!ok) {
      this.pruneNonces();
      const nonce = newNonce();
      this.nonces.set(nonce, this.now() + NONCE_LIFETIME_MS);
      res
        .writeHead(401, {
          'www-authenticate': digestChallenge(REALM, nonce),
          'content-length': '0',
        })
        .end();
      return;
    }
    res.writeHead(200, { 'content-length': '0' }).end();
    target.connectionRequest();
  }

  private pruneNonces(): void {
    const now = this.now();
    for (const [n, expires] of this.nonces) if (expires <= now) this.nonces.delete(n);
  }
}
