import { ROOT_CONTEXT, trace, type Context, type Span } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { UntracedSessionSpan } from './session-span';

/**
 * W3C Trace Context only, used directly rather than through the global propagator: bus headers
 * must carry `traceparent` even in a process that never started the SDK.
 */
const w3c = new W3CTraceContextPropagator();

type Headers = Record<string, string | undefined>;

const setter = {
  set(carrier: Record<string, string>, key: string, value: string): void {
    carrier[key] = value;
  },
};

const getter = {
  get: (carrier: Headers, key: string): string | undefined => carrier[key],
  keys: (carrier: Headers): string[] => Object.keys(carrier),
};

/** `traceparent` (and `tracestate` when set) of the span in `ctx`; empty without one. */
export function injectTraceHeaders(ctx: Context): Record<string, string> {
  const headers: Record<string, string> = {};
  w3c.inject(ctx, headers, setter);
  return headers;
}

/**
 * `traceparent` of `span`: no context manager carries an active span across awaits, so a span
 * is handed on as such. With tracing off a non-recording span still holds the context it was
 * started in (its parent's ids), which this passes on.
 */
export function spanTraceHeaders(span: Span): Record<string, string> {
  const stored = span instanceof UntracedSessionSpan ? span.traceHeaders() : null;
  return stored ?? injectTraceHeaders(trace.setSpan(ROOT_CONTEXT, span));
}

/** `base` with the remote span of `headers` as parent; `base` itself when there is none or it is malformed. */
export function contextFromHeaders(headers: Headers, base: Context = ROOT_CONTEXT): Context {
  return w3c.extract(base, headers, getter);
}
