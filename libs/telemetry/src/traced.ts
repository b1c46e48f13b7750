import { SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { adapterInstruments } from './metrics';
import { tracingOn } from './recording';

export interface TracedOptions {
  tracerName: string;
  /** Span name prefix: spans are "<prefix>.<method>". */
  spanPrefix: string;
  /** db.* attributes of every span (db.system.name, db.namespace, …). */
  attributes: Attributes;
}

/**
 * Wraps every async method of a client (a repository, a session store) in a CLIENT span
 * "<prefix>.<method>": no driver instrumentation is installed, so these are the database spans.
 * Each call's duration also goes to meridian_datastore_call_duration_seconds (labels: the
 * `db.system.name` attribute, the method, ok/error). With tracing off (tracingOn) the call goes
 * straight to the client, timed for the histogram only; the histogram costs nothing when no
 * MeterProvider is registered.
 */
export function traced<T extends object>(client: T, options: TracedOptions): T {
  const tracer = trace.getTracer(options.tracerName);
  const system = String(options.attributes['db.system.name'] ?? 'unknown');
  const collection = options.attributes['db.collection.name'];
  // One wrapper per method, made on first use.
  const wrappers = new Map<string, (...args: unknown[]) => unknown>();
  return new Proxy(client, {
    get(object, property, receiver) {
      const member: unknown = Reflect.get(object, property, receiver);
      if (typeof member !== 'function' || typeof property !== 'string') return member;
      const known = wrappers.get(property);
      if (known) return known;
      const operation = collection ? `${String(collection)}.${property}` : property;
      // Made once per method: a call allocates no attribute objects of its own.
      const labels = {
        ok: { system, operation, outcome: 'ok' },
        error: { system, operation, outcome: 'error' },
      };
      const spanName = `${options.spanPrefix}.${property}`;
      const spanOptions = {
        kind: SpanKind.CLIENT,
        attributes: { ...options.attributes, 'db.operation.name': property },
      };
      const record = (started: number, outcome: keyof typeof labels) =>
        adapterInstruments().datastoreCallDuration.record(
          (performance.now() - started) / 1000,
          labels[outcome],
        );
      const wrapper = (...args: unknown[]): unknown => {
        if (!tracingOn()) {
          const started = performance.now();
          return (member as (...a: unknown[]) => Promise<unknown>).apply(object, args).then(
            (value) => {
              record(started, 'ok');
              return value;
            },
            (error: unknown) => {
              record(started, 'error');
              throw error;
            },
          );
        }
        return tracer.startActiveSpan(spanName, spanOptions, async (span) => {
          const started = performance.now();
          let outcome: keyof typeof labels = 'ok';
          try {
            return await (member as (...a: unknown[]) => Promise<unknown>).apply(object, args);
          } catch (error) {
            outcome = 'error';
            span.recordException(error instanceof Error ? error : String(error));
            span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
            throw error;
          } finally {
            span.end();
            record(started, outcome);
          }
        });
      };
      wrappers.set(property, wrapper);
      return wrapper;
    },
  });
}
