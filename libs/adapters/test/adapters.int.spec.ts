import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { readConfig, infrastructureSpec } from '@meridian/config';
import { startTelemetry, withSpan } from '@meridian/telemetry';
import { createSessionStore } from '../src';

/* The adapter set chosen by configuration, on the real Redis of scripts/infra. */
describe('createSessionStore on Redis', () => {
  it('returns the Redis adapter, each call an event on the calling span', async () => {
    const exporter = new InMemorySpanExporter();
    const telemetry = startTelemetry({ serviceName: 'adapters-test', exporter });
    const env = readConfig(infrastructureSpec, {
      MERIDIAN_SESSION_STORE: 'redis',
      MERIDIAN_REDIS_URL: process.env.MERIDIAN_REDIS_URL ?? 'redis://127.0.0.1:6379',
    });
    const store = createSessionStore(env);
    let events: string[] = [];
    try {
      const deviceId = `00D09E-HGW-ADAPTERS${Date.now()}`;
      const caller = trace.getTracer('spec').startSpan('cwmp Inform');
      const traced = withSpan(store, caller);
      expect(await traced.acquireLease(deviceId, 's1', 1000)).toBe(true);
      expect(await traced.leaseHolder(deviceId)).toBe('s1');
      await traced.releaseLease(deviceId, 's1');
      caller.end();
      await telemetry.forceFlush();
      // Read before shutdown: shutting the exporter down empties it.
      events = exporter.getFinishedSpans().flatMap((s) => s.events.map((e) => e.name));
    } finally {
      await store.close();
      await telemetry.shutdown();
    }
    expect(events).toEqual(['redis.acquireLease', 'redis.leaseHolder', 'redis.releaseLease']);
  });

  it('refuses a bad adapter name with a message naming the variable', () => {
    expect(() => readConfig(infrastructureSpec, { MERIDIAN_SESSION_STORE: 'memcached' })).toThrow(
      'MERIDIAN_SESSION_STORE="memcached" is not one of memory, redis',
    );
  });
});
