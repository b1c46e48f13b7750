import { INVALID_SPANID, INVALID_TRACEID, type SpanContext } from '@opentelemetry/api';

/*
 * W3C Trace Context's `traceparent`, read here rather than by the SDK's
 * `W3CTraceContextPropagator`: its regex (lookaheads, optional spaces) and the context it builds
 * around each value cost more than the rest of a span's start, up to four times per CWMP session
 * (bench/results.md, issue 16).
 */

const LENGTH = 55;
const DASH = 0x2d;

/** Whether `value` is lowercase hex (as W3C requires) from `from` to `to`: no regex run (issue 16). */
function isHex(value: string, from: number, to: number): boolean {
  for (let at = from; at < to; at++) {
    const c = value.charCodeAt(at);
    if ((c < 0x30 || c > 0x39) && (c < 0x61 || c > 0x66)) return false;
  }
  return true;
}

/** Version, trace id, parent id, flags: `vv-<32 hex>-<16 hex>-ff`. */
const wellFormed = (head: string): boolean =>
  head.length === LENGTH &&
  head.charCodeAt(2) === DASH &&
  head.charCodeAt(35) === DASH &&
  head.charCodeAt(52) === DASH &&
  isHex(head, 0, 2) &&
  isHex(head, 3, 35) &&
  isHex(head, 36, 52) &&
  isHex(head, 53, LENGTH);

/**
 * The remote span context of a W3C `traceparent`, or undefined when it is malformed: invalid
 * version (ff), all-zero ids, or a version 00 value with anything after its flags (a later
 * version may add fields after a `-`, which are ignored).
 */
export function parseTraceparent(value: string): SpanContext | undefined {
  let head = value.trim();
  if (head.length > LENGTH) {
    if (head.startsWith('00') || head.charCodeAt(LENGTH) !== DASH) return undefined;
    head = head.slice(0, LENGTH);
  }
  if (!wellFormed(head) || head.startsWith('ff')) return undefined;
  const traceId = head.slice(3, 35);
  const spanId = head.slice(36, 52);
  if (traceId === INVALID_TRACEID || spanId === INVALID_SPANID) return undefined;
  return { traceId, spanId, traceFlags: parseInt(head.slice(53), 16), isRemote: true };
}
