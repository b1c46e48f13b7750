import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Health } from './health';
import { PROMETHEUS_CONTENT_TYPE, type Metrics } from './metrics';

export const OPS_PATHS = ['/metrics', '/health/live', '/health/ready'] as const;

/**
 * Serves GET /metrics, /health/live and /health/ready; calls `next` for any other request. The
 * same handler backs the gateway's and provisioning's ops listener and is mounted in front of
 * the NBI's routes (`app.use(handler)`), where it needs no API key: probes and scrapers have none.
 */
export function opsHandler(
  metrics: Metrics,
  health: Health,
): (request: http.IncomingMessage, response: http.ServerResponse, next: () => void) => void {
  const json = (response: http.ServerResponse, status: number, body: unknown): void => {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  return (request, response, next) => {
    const path = (request.url ?? '/').split('?', 1)[0];
    if (request.method !== 'GET' || !(OPS_PATHS as readonly string[]).includes(path ?? '')) {
      return next();
    }
    if (path === '/health/live') return json(response, 200, { live: true });
    if (path === '/health/ready') {
      void health
        .readiness()
        .then((readiness) => json(response, readiness.ready ? 200 : 503, readiness));
      return;
    }
    metrics.scrape().then(
      (text) => {
        response.writeHead(200, { 'Content-Type': PROMETHEUS_CONTENT_TYPE });
        response.end(text);
      },
      (error: unknown) => json(response, 500, { error: String(error) }),
    );
  };
}

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/** A listener of its own for the ops endpoints (services without an HTTP API of their own). */
export function startOpsServer(
  metrics: Metrics,
  health: Health,
  port: number,
  host: string,
): Promise<OpsServer> {
  const handle = opsHandler(metrics, health);
  const server = http.createServer((request, response) =>
    handle(request, response, () => {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('not found\n');
    }),
  );
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
