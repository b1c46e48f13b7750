import { Inject, Injectable, Optional, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { METRICS, Metrics } from '@meridian/telemetry';

/** What Express adds to a request that matched a route: its template, e.g. /devices/:deviceId. */
type RoutedRequest = IncomingMessage & { route?: { path?: unknown }; baseUrl?: string };

/**
 * meridian_nbi_requests_total and meridian_nbi_request_duration_seconds, labelled by the route
 * template (never the path itself: it holds deviceIds) and the status code.
 */
@Injectable()
export class NbiMetricsMiddleware implements NestMiddleware {
  constructor(
    // Without one (module tests), a registry nobody reads.
    @Optional() @Inject(METRICS) private readonly metrics: Metrics = new Metrics(),
  ) {}

  use(request: RoutedRequest, response: ServerResponse, next: () => void): void {
    const started = performance.now();
    response.once('finish', () => {
      const template = request.route?.path;
      const route =
        typeof template === 'string' ? `${request.baseUrl ?? ''}${template}` : 'unmatched';
      const method = request.method ?? 'GET';
      this.metrics.nbiRequests.add(1, { method, route, status: String(response.statusCode) });
      this.metrics.nbiRequestDuration.record((performance.now() - started) / 1000, {
        method,
        route,
      });
    });
    next();
  }
}
