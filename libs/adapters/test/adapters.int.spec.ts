import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { readConfig, infrastructureSpec } from '@meridian/config';
import { startTelemetry } from '@meridian/telemetry';
import { createSessionStore } from '../src';

/* The adapter set chosen by configuration, on the real Redis of scripts/infra. */
describe('createSessionStore on Redis', () => {
  it('returns the Redis adapter, with a client span per call', async () => {
    const exporter = new InMemorySpanExporter();
    const telemetry = startTelemetry({ serviceName: 'adapters-test', exporter });
    const env = readConfig(infrastructureSpec, {
      MERIDIAN_SESSION_STORE: 'redis',
      MERIDIAN_REDIS_URL: process.env.MERIDIAN_REDIS_URL ?? 'redis://127.0.0.1:6379',
    });
    const store = createSessionStore(env);
    let spans: unknown[][] = [];
    try {
      const deviceId = `00D09E-HGW-ADAPTERS${Date.now()}`;
      expect(await store.acquireLease(deviceId, 's1', 1000)).toBe(true);
      expect(await store.leaseHolder(deviceId)).toBe('s1');
      await store.releaseLease(deviceId, 's1');
      // Read before shutdown: shutting the exporter down empties it.
      spans = exporter.getFinishedSpans().map((s) => [s.name, s.attributes['db.system.name']]);
    } finally {
      await store.close();
      await telemetry.shutdown();
    }
    expect(spans).toEqual(
      expect.arrayContaining([
        ['redis.acquireLease', 'redis'],
        ['redis.leaseHolder', 'redis'],
        ['redis.releaseLease', 'redis'],
      ]),
    );
  });

  it('refuses a bad adapter name with a message naming the variable', () => {
    expect(() => readConfig(infrastructureSpec, { MERIDIAN_SESSION_STORE: 'memcached' })).toThrow(
      'MERIDIAN_SESSION_STORE="memcached" is not one of memory, redis',
    );
  });
});
