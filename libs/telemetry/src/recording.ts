import { trace, type Tracer } from '@opentelemetry/api';
import type { SpanTracer, SpanTracerProvider } from './tracer';

let provider: SpanTracerProvider | undefined;
/** Undefined: every new trace is recorded (no sampler asked, once per session). */
let roots: ((traceId: string) => boolean) | undefined;
/** The provider's tracers by name: asking it for one per span costs a key and a lookup. */
const tracers = new Map<string, SpanTracer>();

/**
 * True while startTelemetry's spans are recorded. When false, the API's tracer is a no-op and no
 * context manager is registered: wrappers (traced, rpcSpan, the bus) skip the span machinery
 * altogether.
 */
export const tracingOn = (): boolean => provider !== undefined;

/**
 * Whether a new trace with this id is recorded: the root sampler startTelemetry installed (a
 * share of the trace ids), the decision every service's root spans take for that id.
 */
export const sampledRoot = (traceId: string): boolean => roots === undefined || roots(traceId);

/** startTelemetry's tracer `name`; only while tracing is on. */
export function spanTracer(name: string): SpanTracer {
  let known = tracers.get(name);
  if (!known) {
    if (!provider) throw new Error('tracing is off');
    known = provider.getTracer(name);
    tracers.set(name, known);
  }
  return known;
}

/** The tracer `name` of the provider startTelemetry registered (the API's no-op one before). */
export function tracer(name: string): Tracer {
  return provider ? spanTracer(name) : trace.getTracer(name);
}

/**
 * Set by startTelemetry (its provider, and its root sampler: undefined when every trace is
 * recorded) and by its shutdown (nothing: tracing off).
 */
export function setTracing(
  on?: SpanTracerProvider,
  rootSampler?: (traceId: string) => boolean,
): void {
  provider = on;
  roots = rootSampler;
  tracers.clear();
}
