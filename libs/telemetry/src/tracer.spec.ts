import {
  ROOT_CONTEXT,
  SamplingDecision,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Tracer,
} from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  ParentBasedSampler,
  RandomIdGenerator,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { encodeSpan } from './otlp-json';
import { contextFromHeaders } from './propagation';
import { ratioSampler, SpanTracerProvider } from './tracer';

/*
 * Our tracer against the SDK's BasicTracerProvider (parent-based, every trace): the same calls
 * must give the same exported spans, as a collector reads them (OTLP/JSON), ids aside.
 */

const T0 = 1_700_000_000_000;
const REMOTE = { trace: '4bf92f3577b34da6a3ce929d0e0e4736', span: '00f067aa0ba902b7' };
const failure = Object.assign(new Error('store "down"'), { name: 'StoreError' });
const coded = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });

/** Spans of every kind of call the gateway, the bus and the stores make, and some they do not. */
function record(tracer: Tracer): { notSampled: boolean[] } {
  const root = tracer.startSpan('cwmp.session', {
    kind: SpanKind.SERVER,
    startTime: T0 + 0.5,
    attributes: {
      'cwmp.session_id': 's-1',
      count: 3,
      ratio: 0.25,
      ok: true,
      list: ['a', 'b'],
      missing: undefined,
      mixed: [1, 'x'] as unknown as string[],
      '': 'no key',
    },
  });
  const child = tracer.startSpan(
    'cwmp.inform process',
    {
      kind: SpanKind.CONSUMER,
      startTime: new Date(T0 + 10),
      links: [{ context: root.spanContext(), attributes: { why: 'retry', bad: {} as string } }],
    },
    trace.setSpan(ROOT_CONTEXT, root),
  );
  child.addEvent('store.devices.get', { 'meridian.duration_ms': 1.5 }, T0 + 11);
  child.addEvent('at an HrTime', [1_700_000_000, 20_000_001]);
  child.addEvent('at a Date', new Date(T0 + 21));
  child.setAttribute('cwmp.device_id', 'dev-1');
  child.setAttributes({ later: 'x', none: null as unknown as string });
  child.recordException(failure, T0 + 30);
  child.recordException(coded, T0 + 31);
  child.recordException('plain text', T0 + 32);
  child.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
  child.updateName('cwmp.inform handled');
  child.end(T0 + 40);
  child.setAttribute('after end', 1);
  child.addEvent('after end', T0 + 41);
  child.end(T0 + 50);

  const remote = contextFromHeaders({
    traceparent: `00-${REMOTE.trace}-${REMOTE.span}-01`,
    tracestate: 'vendor=1,other=two',
  });
  const consumer = tracer.startSpan(
    'cwmp.inform publish',
    { kind: SpanKind.PRODUCER, startTime: T0 + 55 },
    remote,
  );
  consumer.setStatus({ code: SpanStatusCode.OK });
  consumer.setStatus({ code: SpanStatusCode.ERROR, message: 'ignored: OK is final' });
  consumer.end(new Date(T0 + 60));

  const many = tracer.startSpan('limits', { startTime: T0 }, ROOT_CONTEXT);
  const attributes: Attributes = {};
  for (let n = 0; n < 140; n++) attributes[`a${n}`] = n;
  many.setAttributes(attributes);
  many.addEvent('many attributes', attributes, T0);
  for (let n = 0; n < 140; n++) many.addEvent(`e${n}`, { n }, T0 + n);
  many.setStatus({ code: SpanStatusCode.ERROR, message: 42 as unknown as string });
  many.end(T0 - 5); // before its start: ends at its start

  // A parent not sampled: no span recorded, the decision and the trace id passed on.
  const skipped = contextFromHeaders({ traceparent: `00-${REMOTE.trace}-${REMOTE.span}-00` });
  const notRecorded = tracer.startSpan('not sampled', {}, skipped);
  notRecorded.end();
  const rooted = tracer.startSpan('root despite parent', { root: true, startTime: T0 }, skipped);
  rooted.end(T0 + 1);
  root.end([1_700_000_001, 0]);
  return {
    notSampled: [
      notRecorded.isRecording(),
      notRecorded.spanContext().traceFlags === 0,
      notRecorded.spanContext().traceId === REMOTE.trace,
    ],
  };
}

/** The spans' OTLP/JSON, ids replaced by their order of first appearance (the remote one kept). */
function exported(spans: ReadableSpan[]): unknown[] {
  const seen = new Map<string, string>();
  return spans.map((span) => ({
    scope: span.instrumentationScope.name,
    service: span.resource.attributes['service.name'],
    ended: span.ended,
    duration: span.duration,
    json: JSON.parse(
      encodeSpan(span).replace(/"([0-9a-f]{16}|[0-9a-f]{32})"/g, (_, id: string) => {
        if (id === REMOTE.trace || id === REMOTE.span) return `"${id}"`;
        if (!seen.has(id)) seen.set(id, `id${seen.size}`);
        return `"${seen.get(id)}"`;
      }),
    ) as unknown,
  }));
}

function run(make: (exporter: InMemorySpanExporter) => { getTracer(name: string): Tracer }) {
  const exporter = new InMemorySpanExporter();
  const result = record(make(exporter).getTracer('@meridian/bus'));
  return { ...result, spans: exported(exporter.getFinishedSpans()) };
}

describe('SpanTracer', () => {
  const resource = resourceFromAttributes({ 'service.name': 'tracer-spec' });

  it('exports what the SDK exports for the same calls', () => {
    const ours = run(
      (exporter) =>
        new SpanTracerProvider(resource, [new SimpleSpanProcessor(exporter)], () => true),
    );
    const sdk = run(
      (exporter) =>
        new BasicTracerProvider({
          resource,
          spanProcessors: [new SimpleSpanProcessor(exporter)],
          sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(1) }),
        }),
    );
    expect(ours.spans).toHaveLength(5);
    expect(ours).toEqual(sdk);
    expect(ours.notSampled).toEqual([false, true, true]);
  });

  it('converts a performance.now() time as the SDK does, onto the wall clock', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new SpanTracerProvider(
      resource,
      [new SimpleSpanProcessor(exporter)],
      () => true,
    );
    const span = provider.getTracer('spec').startSpan('timed');
    span.addEvent('call', { 'meridian.duration_ms': 1 }, performance.now());
    span.end();
    const [done] = exporter.getFinishedSpans();
    const ms = ([s, ns]: [number, number]) => s * 1000 + ns / 1e6;
    expect(Math.abs(ms(done!.events[0]!.time) - Date.now())).toBeLessThan(1000);
    expect(ms(done!.endTime)).toBeGreaterThanOrEqual(ms(done!.startTime));
  });

  it('samples the trace ids the SDK samples, at any share', () => {
    const ids = new RandomIdGenerator();
    const traceIds = Array.from({ length: 2_000 }, () => ids.generateTraceId());
    for (const share of [0, 0.01, 0.1, 0.5, 1]) {
      const sdk = new TraceIdRatioBasedSampler(share);
      const ours = ratioSampler(share);
      const expected = traceIds.map(
        (id) => sdk.shouldSample(ROOT_CONTEXT, id).decision === SamplingDecision.RECORD_AND_SAMPLED,
      );
      expect(traceIds.map(ours)).toEqual(expected);
    }
    // A new root span at 10 %: recorded exactly when its trace id is sampled.
    const exporter = new InMemorySpanExporter();
    const tenth = ratioSampler(0.1);
    const tracer = new SpanTracerProvider(
      resource,
      [new SimpleSpanProcessor(exporter)],
      tenth,
    ).getTracer('spec');
    const roots = Array.from({ length: 500 }, () => tracer.startSpan('root'));
    for (const span of roots) span.end();
    const sampled = roots.filter((span) => tenth(span.spanContext().traceId));
    expect(sampled.length).toBeGreaterThan(0);
    expect(exporter.getFinishedSpans().map((s) => s.spanContext().spanId)).toEqual(
      sampled.map((s) => s.spanContext().spanId),
    );
  });
});
