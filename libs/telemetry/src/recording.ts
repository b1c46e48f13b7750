import { ROOT_CONTEXT, SamplingDecision, SpanKind, trace, type Tracer } from '@opentelemetry/api';
import type { Sampler } from '@opentelemetry/sdk-trace-base';

let recording = false;
/** Undefined: every new trace is recorded (no sampler asked, once per session). */
let roots: Sampler | undefined;
/** The provider's tracers by name: asking the API for one per span costs a key and a lookup. */
const tracers = new Map<string, Tracer>();

/**
 * True while startTelemetry's spans are recorded. When false, the API's tracer is a no-op and no
 * context manager is registered: wrappers (traced, rpcSpan, the bus) skip the span machinery
 * altogether.
 */
export const tracingOn = (): boolean => recording;

/**
 * Whether a new trace with this id is recorded: the root sampler startTelemetry installed (a
 * share of the trace ids), the decision every service's root spans take for that id.
 */
export const sampledRoot = (traceId: string): boolean =>
  roots === undefined ||
  roots.shouldSample(ROOT_CONTEXT, traceId, 'root', SpanKind.SERVER, {}, []).decision ===
    SamplingDecision.RECORD_AND_SAMPLED;

/** The tracer `name` of the provider startTelemetry registered (the API's no-op one before). */
export function tracer(name: string): Tracer {
  let known = tracers.get(name);
  if (!known) {
    known = trace.getTracer(name);
    tracers.set(name, known);
  }
  return known;
}

/** Set by startTelemetry and its shutdown only. `rootSampler` undefined: every trace recorded. */
export function setTracing(on: boolean, rootSampler?: Sampler): void {
  recording = on;
  roots = rootSampler;
  tracers.clear();
}
