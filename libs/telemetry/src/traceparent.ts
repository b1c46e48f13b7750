import { INVALID_SPANID, INVALID_TRACEID, type SpanContext } from '@opentelemetry/api';

/*
 * W3C Trace Context's `traceparent`, read here rather than by the SDK's
 * `W3CTraceContextPropagator`: its regex (lookaheads, optional spaces) and the context it builds
 * around each value cost more than the rest of a span's start, up to four times per CWMP session
 * (bench/results.md, issue 16).
 */

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
