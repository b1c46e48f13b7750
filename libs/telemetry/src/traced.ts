import { trace } from '@opentelemetry/api';
import { adapterInstruments } from './metrics';
import { tracingOn } from './recording';

export interface TracedOptions {
  /** Event name prefix: a call is the event "<prefix>.<method>" (e.g. "store.devices.get"). */
  prefix: string;
  /** The histogram's `system` label: "redis", "mongodb", "sqlite". */
  system: string;
  /** Prefixed to the method in the histogram's `operation` label ("devices.get"). */
  collection?: string;
}

/** Attribute of a call's event: how long the call took, in milliseconds. */
export const DURATION_ATTRIBUTE = 'meridian.duration_ms';

/**
 * Wraps every async method of a client (a repository, a session store) so that each call is
 * timed: into meridian_datastore_call_duration_seconds (labels: system, operation, ok/error),
 * and, with tracing on, as an event "<prefix>.<method>" on the caller's span (the span active
 * when the call is made), at the call's start, with its duration (`meridian.duration_ms`) and,
 * on failure, `error.type` and `exception.message`. No driver instrumentation is installed, so
 * these events are the database calls of a trace. An event rather than a child span: no span
 * ids, context switch, span processor or exported span of its own (three of the nine spans of
 * an Inform-only session were store calls), and no attribute the name already says. A call
 * made outside any span (a timer, start-up) is timed for the histogram only, which costs
 * nothing when no MeterProvider is registered.
 */
export function traced<T extends object>(client: T, options: TracedOptions): T {
  const { system, collection } = options;
  // One wrapper per method, made on first use.
  const wrappers = new Map<string, (...args: unknown[]) => unknown>();
  return new Proxy(client, {
    get(object, property, receiver) {
      const member: unknown = Reflect.get(object, property, receiver);
      if (typeof member !== 'function' || typeof property !== 'string') return member;
      const known = wrappers.get(property);
      if (known) return known;
      const operation = collection ? `${collection}.${property}` : property;
      // Made once per method: a call allocates no label objects of its own.
      const labels = {
        ok: { system, operation, outcome: 'ok' },
        error: { system, operation, outcome: 'error' },
      };
      const eventName = `${options.prefix}.${property}`;
      const record = (started: number, outcome: keyof typeof labels): number => {
        const ms = performance.now() - started;
        adapterInstruments().datastoreCallDuration.record(ms / 1000, labels[outcome]);
        return ms;
      };
      const wrapper = (...args: unknown[]): unknown => {
        const active = tracingOn() ? trace.getActiveSpan() : undefined;
        const span = active?.isRecording() ? active : undefined;
        const started = performance.now();
        // `started` is performance.now() time, which a span event takes as such.
        return (member as (...a: unknown[]) => Promise<unknown>).apply(object, args).then(
          (value) => {
            const ms = record(started, 'ok');
            span?.addEvent(eventName, { [DURATION_ATTRIBUTE]: ms }, started);
            return value;
          },
          (error: unknown) => {
            const ms = record(started, 'error');
            span?.addEvent(
              eventName,
              {
                [DURATION_ATTRIBUTE]: ms,
                'error.type': error instanceof Error ? error.name : typeof error,
                'exception.message': error instanceof Error ? error.message : String(error),
              },
              started,
            );
            throw error;
          },
        );
      };
      wrappers.set(property, wrapper);
      return wrapper;
    },
  });
}
