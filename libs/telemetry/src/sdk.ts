import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { setTracing, tracingOn } from './recording';
import { PresetIdGenerator } from './session-span';

export interface TelemetryOptions {
  serviceName: string;
  /** Base URL of an OTLP/HTTP receiver (e.g. http://localhost:4318); spans go to `<url>/v1/traces`. */
  otlpEndpoint?: string;
  /** An exporter of your own, spans exported one by one as they end (tests: InMemorySpanExporter). */
  exporter?: SpanExporter;
  /**
   * Share of traces recorded, in percent (default 100): a CWMP session (or any other trace
   * started here) is recorded or not as a whole, decided by its trace id, and the decision
   * travels in the traceparent's sampled flag, which every span of the trace, in any service,
   * follows. A session not recorded costs no span, event or export, only its ids.
   */
  samplePercent?: number;
}

export interface Telemetry {
  /**
   * False when neither an endpoint nor an exporter was given: nothing is started (no span is
   * recorded, no async context is tracked, so tracing costs nothing), and the trace context goes
   * only where it is handed on explicitly (an incoming traceparent is still passed on to what
   * this process publishes).
   */
  readonly tracing: boolean;
  /** Exports the spans ended so far. */
  forceFlush(): Promise<void>;
  /** Exports what is pending and unregisters the SDK (a later startTelemetry may follow). */
  shutdown(): Promise<void>;
}

function spanProcessors(options: TelemetryOptions): SpanProcessor[] {
  const processors: SpanProcessor[] = [];
  if (options.exporter) processors.push(new SimpleSpanProcessor(options.exporter));
  if (options.otlpEndpoint) {
    const url = `${options.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`;
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url })));
  }
  return processors;
}

export { tracingOn };

/**
 * Starts OpenTelemetry tracing for this process. Nothing is read from OTEL_* variables for
 * exporters: metrics and logs stay off here, so an unset collector never gets connection attempts.
 * Without an endpoint or exporter nothing is started: the SDK's async context manager (async
 * hooks on every promise) would cost the whole process about a quarter of its CPU for spans
 * nobody records.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  const processors = spanProcessors(options);
  if (processors.length === 0) {
    return { tracing: false, forceFlush: async () => undefined, shutdown: async () => undefined };
  }
  const roots = new TraceIdRatioBasedSampler((options.samplePercent ?? 100) / 100);
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    spanProcessors: processors,
    sampler: new ParentBasedSampler({ root: roots }),
    idGenerator: new PresetIdGenerator(),
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [],
  });
  sdk.start();
  setTracing(true, roots);
  return {
    tracing: true,
    forceFlush: async () => {
      await Promise.all(processors.map((p) => p.forceFlush()));
    },
    shutdown: async () => {
      setTracing(false);
      await sdk.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
