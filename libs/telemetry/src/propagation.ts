import { ROOT_CONTEXT, trace, type Context, type Span } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { UntracedSessionSpan } from './session-span';
import { parseTraceparent } from './traceparent';

/*
 * W3C Trace Context (traceparent, tracestate), done here rather than through the global
 * propagator: bus headers must carry `traceparent` even in a process that never started the SDK.
 * Not through `W3CTraceContextPropagator` either (`parseTraceparent`: bench/results.md, issue 16).
 */

type Headers = Record<string, string | undefined>;

/**
 * `traceparent` (and `tracestate` when set) of `span`: no context manager carries an active span
 * across awaits, so a span is handed on as such. With tracing off a non-recording span still
 * holds the context it was started in (its parent's ids), which this passes on. Empty when its
 * ids are invalid (a malformed traceparent was all there was).
 */
export function spanTraceHeaders(span: Span): Record<string, string> {
  const stored = span instanceof UntracedSessionSpan ? span.traceHeaders() : null;
  if (stored) return stored;
  const { traceId, spanId, traceFlags, traceState } = span.spanContext();
  // A recorded span's ids are valid: made by the tracer (ours or the SDK's), never parsed.
  if (!span.isRecording() && !trace.isSpanContextValid({ traceId, spanId, traceFlags })) return {};
  const headers: Record<string, string> = {
    traceparent: `00-${traceId}-${spanId}-${(traceFlags & 0xff).toString(16).padStart(2, '0')}`,
  };
  const state = traceState?.serialize();
  if (state) headers.tracestate = state;
  return headers;
}

/** `traceparent` (and `tracestate` when set) of the span in `ctx`; empty without one. */
export function injectTraceHeaders(ctx: Context): Record<string, string> {
  const span = trace.getSpan(ctx);
  return span ? spanTraceHeaders(span) : {};
}

/** `base` with the remote span of `headers` as parent; `base` itself when there is none or it is malformed. */
export function contextFromHeaders(headers: Headers, base: Context = ROOT_CONTEXT): Context {
  const traceparent = headers.traceparent;
  const parent = traceparent === undefined ? undefined : parseTraceparent(traceparent);
  if (parent === undefined) return base;
  const state = headers.tracestate;
  if (state) parent.traceState = new TraceState(state);
  return trace.setSpanContext(base, parent);
}
