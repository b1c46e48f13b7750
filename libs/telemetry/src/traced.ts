import type { Attributes, Span } from '@opentelemetry/api';
import { adapterInstruments } from './metrics';
import { RecordedSpan } from './tracer';

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

/** How a traced client makes its view for one span (see withSpan). */
const ON_SPAN = Symbol('traced.onSpan');

type Method = (...args: unknown[]) => Promise<unknown>;

/** A call's event on `span`: attributes made for it alone, kept as they are by our spans. */
function addCallEvent(
  span: Span | undefined,
  name: string,
  attributes: Attributes,
  started: number,
): void {
  if (span instanceof RecordedSpan) span.addOwnEvent(name, attributes, started);
  else span?.addEvent(name, attributes, started);
}

/**
 * Wraps every async method of a client (a repository, a session store) so that each call is
 * timed into meridian_datastore_call_duration_seconds (labels: system, operation, ok/error).
 * Calls made through `withSpan(client, span)` are also an event "<prefix>.<method>" on that span,
 * at the call's start, with its duration (`meridian.duration_ms`) and, on failure, `error.type`
 * and `exception.message`. No driver instrumentation is installed, so these events are the
 * database calls of a trace. An event rather than a child span: no span ids, span processor or
 * exported span of its own, and no attribute the name already says. The span is handed over,
 * not read from an active context: no context manager is registered (startTelemetry).
 */
export function traced<T extends object>(client: T, options: TracedOptions): T {
  const { system, collection } = options;
  // Made once per method: a call allocates no label objects of its own.
  const methods = new Map<string, (span: Span | undefined, args: unknown[]) => Promise<unknown>>();
  const method = (member: Method, property: string) => {
    const known = methods.get(property);
    if (known) return known;
    const operation = collection ? `${collection}.${property}` : property;
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
    const call = (span: Span | undefined, args: unknown[]): Promise<unknown> => {
      const started = performance.now();
      // `started` is performance.now() time, which a span event takes as such.
      return member.apply(client, args).then(
        (value) => {
          const ms = record(started, 'ok');
          addCallEvent(span, eventName, { [DURATION_ATTRIBUTE]: ms }, started);
          return value;
        },
        (error: unknown) => {
          const ms = record(started, 'error');
          addCallEvent(
            span,
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
    methods.set(property, call);
    return call;
  };
  // Proxies of `client` whose calls record on `span` (undefined: the histogram only).
  const view = (span: Span | undefined): T => {
    const wrappers = new Map<string, (...args: unknown[]) => unknown>();
    return new Proxy(client, {
      get(object, property, receiver) {
        if (property === ON_SPAN) return view;
        const member: unknown = Reflect.get(object, property, receiver);
        if (typeof member !== 'function' || typeof property !== 'string') return member;
        let wrapper = wrappers.get(property);
        if (!wrapper) {
          const call = method(member as Method, property);
          wrapper = (...args: unknown[]) => call(span, args);
          wrappers.set(property, wrapper);
        }
        return wrapper;
      },
    });
  };
  return view(undefined);
}

/**
 * `client` (made by `traced`) whose calls are events on `span`; `client` itself when `span` is
 * not recorded (tracing off, trace not sampled) or the client is not traced.
 */
export function withSpan<T extends object>(client: T, span: Span | undefined): T {
  if (!span?.isRecording()) return client;
  const onSpan = (client as { [ON_SPAN]?: (span: Span) => T })[ON_SPAN];
  return onSpan ? onSpan(span) : client;
}
