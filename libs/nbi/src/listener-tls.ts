import { watchListenerTls } from '@meridian/adapters';
import type { Metrics } from '@meridian/telemetry';

/**
 * The NBI listener's certificate: its expiry on /metrics, and a renewal in its files applied to
 * `server` (watchListenerTls). Returns the function that stops the watch.
 */
export function watchNbiTls(
  files: { cert?: string; key?: string },
  tls: { cert: Buffer; key: Buffer },
  server: { setSecureContext(pair: { cert: Buffer; key: Buffer }): void },
  metrics: Metrics,
  logger: { log(message: string): void; warn(message: string): void },
): () => void {
  metrics.certificateInUse('nbi', tls.cert);
  return watchListenerTls(
    'MERIDIAN_NBI_TLS',
    files,
    tls,
    {
      setSecureContext: (renewed) => {
        server.setSecureContext(renewed);
        metrics.certificateInUse('nbi', renewed.cert);
      },
    },
    logger,
  );
}
