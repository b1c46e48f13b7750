import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
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
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    spanProcessors: processors,
    idGenerator: new PresetIdGenerator(),
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [],
  });
  sdk.start();
  setTracing(true);
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
