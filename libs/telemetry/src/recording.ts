import { ROOT_CONTEXT, SamplingDecision, SpanKind } from '@opentelemetry/api';
import { AlwaysOnSampler, type Sampler } from '@opentelemetry/sdk-trace-base';

let recording = false;
let roots: Sampler = new AlwaysOnSampler();

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
  roots.shouldSample(ROOT_CONTEXT, traceId, 'root', SpanKind.SERVER, {}, []).decision ===
  SamplingDecision.RECORD_AND_SAMPLED;

/** Set by startTelemetry and its shutdown only. */
export function setTracing(on: boolean, rootSampler: Sampler = new AlwaysOnSampler()): void {
  recording = on;
  roots = rootSampler;
}
