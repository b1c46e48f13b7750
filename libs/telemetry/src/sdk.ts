import { trace } from '@opentelemetry/api';
import {
  defaultResource,
  detectResources,
  envDetector,
  hostDetector,
  processDetector,
  resourceFromAttributes,
  type Resource,
} from '@opentelemetry/resources';
import {
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { OtlpJsonSpanProcessor, otlpHeadersFromEnv, otlpTlsFromEnv } from './otlp-json';
import { setTracing, tracingOn } from './recording';
import { ratioSampler, SpanTracerProvider } from './tracer';

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
   * recorded, so tracing costs nothing); an incoming traceparent is still passed on to what this
   * process publishes. On or off, the trace context goes only where it is handed on explicitly
   * (a span argument, bus headers): no async context is tracked.
   */
  readonly tracing: boolean;
  /** Exports the spans ended so far. */
  forceFlush(): Promise<void>;
  /** Exports what is pending and unregisters the SDK (a later startTelemetry may follow). */
  shutdown(): Promise<void>;
}

function spanProcessors(options: TelemetryOptions, resource: Resource): SpanProcessor[] {
  const processors: SpanProcessor[] = [];
  if (options.exporter) processors.push(new SimpleSpanProcessor(options.exporter));
  if (options.otlpEndpoint) {
    const url = `${options.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`;
    processors.push(
      new OtlpJsonSpanProcessor({
        url,
        resource,
        headers: otlpHeadersFromEnv(process.env),
        tls: otlpTlsFromEnv(process.env),
      }),
    );
  }
  return processors;
}

export { tracingOn };

/**
 * Starts OpenTelemetry tracing for this process: a tracer provider only (ours, tracer.ts: the SDK's
 * span code cost more than what it records). Of the OTEL_* variables for exporters only the OTLP
 * headers and TLS files are read (a collector's credentials): metrics and logs stay off here, so an
 * unset collector never gets connection attempts. No context manager is registered, so
 * `context.with` and `startActiveSpan` make nothing active: the AsyncLocalStorage one (promise
 * hooks on every await of the process, sampled session or not) cost more than the spans themselves
 * (bench/results.md); a span is passed to what records under it instead (rpcSpan's and a bus
 * handler's `span`, `withSpan`). Without an endpoint or exporter nothing is started.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  if (!options.exporter && !options.otlpEndpoint) {
    return { tracing: false, forceFlush: async () => undefined, shutdown: async () => undefined };
  }
  const samplePercent = options.samplePercent ?? 100;
  const every = samplePercent >= 100;
  const roots = every ? () => true : ratioSampler(samplePercent / 100);
  // The resource NodeSDK made: defaults, OTEL_RESOURCE_ATTRIBUTES, process and host.
  const resource = defaultResource()
    .merge(detectResources({ detectors: [envDetector, processDetector, hostDetector] }))
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }));
  const processors = spanProcessors(options, resource);
  const provider = new SpanTracerProvider(resource, processors, roots);
  trace.setGlobalTracerProvider(provider);
  setTracing(provider, every ? undefined : roots);
  return {
    tracing: true,
    forceFlush: () => provider.forceFlush(),
    shutdown: async () => {
      setTracing(undefined);
      await provider.shutdown();
      trace.disable();
    },
  };
}
