let recording = false;

/**
 * True while startTelemetry's spans are recorded. When false, the API's tracer is a no-op and no
 * context manager is registered: wrappers (traced, rpcSpan, the bus) skip the span machinery
 * altogether.
 */
export const tracingOn = (): boolean => recording;

/** Set by startTelemetry and its shutdown only. */
export function setTracing(on: boolean): void {
  recording = on;
}
