import {
  INVALID_SPANID,
  INVALID_TRACEID,
  ROOT_CONTEXT,
  trace,
  type Context,
  type Span,
  type SpanContext,
} from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';

/*
 * W3C Trace Context (traceparent, tracestate), done here rather than through the global
 * propagator: bus headers must carry `traceparent` even in a process that never started the SDK.
 * Not through `W3CTraceContextPropagator` either: its regex (lookaheads, optional spaces) and the
 * context it builds around each value cost more than the rest of a span's start, four times per
 * CWMP session (bench/results.md, issue 16).
 */

type Headers = Record<string, string | undefined>;

/** Version, trace id, parent id, flags: lowercase hex, as W3C requires. */
const TRACEPARENT = /^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/;
const LENGTH = 55;

/**
 * The remote span context of a W3C `traceparent`, or undefined when it is malformed: invalid
 * version (ff), all-zero ids, or a version 00 value with anything after its flags (a later
 * version may add fields after a `-`, which are ignored).
 */
export function parseTraceparent(value: string): SpanContext | undefined {
  let head = value.trim();
  if (head.length > LENGTH) {
    if (head.startsWith('00') || head.charCodeAt(LENGTH) !== 0x2d) return undefined;
    head = head.slice(0, LENGTH);
  }
  if (!TRACEPARENT.test(head) || head.startsWith('ff')) return undefined;
  const traceId = head.slice(3, 35);
  const spanId = head.slice(36, 52);
  if (traceId === INVALID_TRACEID || spanId === INVALID_SPANID) return undefined;
  return { traceId, spanId, traceFlags: parseInt(head.slice(53), 16), isRemote: true };
}

/**
 * `traceparent` (and `tracestate` when set) of `span`: no context manager carries an active span
 * across awaits, so a span is handed on as such. With tracing off a non-recording span still
 * holds the context it was started in (its parent's ids), which this passes on. Empty when its
 * ids are invalid (a malformed traceparent was all there was).
 */
export function spanTraceHeaders(span: Span): Record<string, string> {
  const { traceId, spanId, traceFlags, traceState } = span.spanContext();
  if (!trace.isSpanContextValid({ traceId, spanId, traceFlags })) return {};
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
