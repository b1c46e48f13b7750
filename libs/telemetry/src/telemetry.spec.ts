import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import {
  contextFromHeaders,
  endSessionSpan,
  injectTraceHeaders,
  newSessionTraceparent,
  rpcSpan,
  spanTraceHeaders,
  startTelemetry,
  traced,
  tracingOn,
  withSpan,
  type Telemetry,
} from './index';

describe('telemetry', () => {
  const exporter = new InMemorySpanExporter();
  let telemetry: Telemetry;

  beforeAll(() => {
    telemetry = startTelemetry({ serviceName: 'telemetry-spec', exporter });
  });
  afterAll(() => telemetry.shutdown());
  beforeEach(() => exporter.reset());

  it('records spans when an exporter is given', async () => {
    expect(telemetry.tracing).toBe(true);
    trace.getTracer('spec').startSpan('x').end();
    await telemetry.forceFlush();
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['x']);
  });

  it('carries the active span through headers and back', () => {
    const span = trace.getTracer('spec').startSpan('producer');
    const headers = injectTraceHeaders(trace.setSpan(ROOT_CONTEXT, span));
    span.end();
    const { traceId, spanId } = span.spanContext();
    expect(headers.traceparent).toBe(`00-${traceId}-${spanId}-01`);

    const remote = trace.getSpanContext(contextFromHeaders(headers));
    expect(remote).toMatchObject({ traceId, spanId, isRemote: true });
  });

  it('injects nothing without a span, and ignores a malformed traceparent', () => {
    expect(injectTraceHeaders(ROOT_CONTEXT)).toEqual({});
    expect(trace.getSpanContext(contextFromHeaders({ traceparent: 'garbage' }))).toBeUndefined();
  });

  it('reads a W3C traceparent as the Trace Context spec says, and refuses what it does not', () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const spanId = '00f067aa0ba902b7';
    const parentOf = (headers: Record<string, string>) =>
      trace.getSpanContext(contextFromHeaders(headers));
    expect(parentOf({ traceparent: `00-${traceId}-${spanId}-01` })).toEqual({
      traceId,
      spanId,
      traceFlags: 1,
      isRemote: true,
    });
    expect(parentOf({ traceparent: ` 00-${traceId}-${spanId}-00 ` })?.traceFlags).toBe(0);
    // A later version may append fields; version 00 may not.
    expect(parentOf({ traceparent: `cc-${traceId}-${spanId}-01-what-the-future-holds` })).toEqual(
      expect.objectContaining({ traceId, spanId }),
    );
    for (const malformed of [
      `00-${traceId}-${spanId}-01-extra`,
      `ff-${traceId}-${spanId}-01`,
      `00-${'0'.repeat(32)}-${spanId}-01`,
      `00-${traceId}-${'0'.repeat(16)}-01`,
      `00-${traceId.toUpperCase()}-${spanId}-01`,
      `00-${traceId}-${spanId}-1`,
      `00_${traceId}_${spanId}_01`,
    ]) {
      expect(parentOf({ traceparent: malformed })).toBeUndefined();
    }
    const withState = parentOf({
      traceparent: `00-${traceId}-${spanId}-01`,
      tracestate: 'vendor=abc',
    });
    expect(withState?.traceState?.get('vendor')).toBe('abc');
    // …and writes it back as it came, state included.
    expect(spanTraceHeaders(trace.wrapSpanContext(withState!))).toEqual({
      traceparent: `00-${traceId}-${spanId}-01`,
      tracestate: 'vendor=abc',
    });
  });

  it('emits the session span with the id its RPC spans (recorded earlier) used as parent', async () => {
    const traceparent = newSessionTraceparent();
    const [, traceId, sessionSpanId] = traceparent.split('-');
    const startTime = new Date(Date.now() - 5_000);

    // Two HTTP requests of the session, each with one RPC, possibly on different replicas.
    await rpcSpan(traceparent, 'cwmp.Inform', async () => undefined);
    const headersInside = await rpcSpan(traceparent, 'cwmp.GetParameterValues', async (span) =>
      spanTraceHeaders(span),
    );
    await expect(
      rpcSpan(traceparent, 'cwmp.Reboot', async () => {
        throw new Error('9002 Internal error');
      }),
    ).rejects.toThrow('9002');
    endSessionSpan({ traceparent, startTime, attributes: () => ({ 'cwmp.device_id': 'OUI-SN' }) });
    await telemetry.forceFlush();

    const spans = exporter.getFinishedSpans();
    const session = spans.find((s) => s.name === 'cwmp.session');
    const rpcs = spans.filter((s) => s.name.startsWith('cwmp.') && s !== session);
    expect(session?.spanContext()).toMatchObject({ traceId, spanId: sessionSpanId });
    expect(session?.parentSpanContext).toBeUndefined();
    expect(session?.kind).toBe(SpanKind.SERVER);
    expect(session?.startTime[0]).toBe(Math.floor(startTime.getTime() / 1000));
    expect(session?.attributes['cwmp.device_id']).toBe('OUI-SN');
    expect(rpcs.map((s) => s.name)).toEqual([
      'cwmp.Inform',
      'cwmp.GetParameterValues',
      'cwmp.Reboot',
    ]);
    for (const rpc of rpcs) {
      expect(rpc.spanContext().traceId).toBe(traceId);
      expect(rpc.parentSpanContext?.spanId).toBe(sessionSpanId);
    }
    expect(rpcs[2]?.status).toMatchObject({
      code: SpanStatusCode.ERROR,
      message: '9002 Internal error',
    });
    // A bus message published inside an RPC is a child of that RPC span.
    expect(headersInside.traceparent).toBe(`00-${traceId}-${rpcs[1]?.spanContext().spanId}-01`);
  });

  it('tracks no active context: what records under a span is handed it, and links to it', async () => {
    const traceparent = newSessionTraceparent();
    const client = traced(
      { get: async (key: string) => key },
      { prefix: 'store.things', system: 'sqlite' },
    );
    const seen = await rpcSpan(traceparent, 'cwmp Inform', async (span) => {
      await withSpan(client, span).get('a');
      // Called without the span: timed only, no event.
      await client.get('b');
      return { active: trace.getActiveSpan(), headers: spanTraceHeaders(span) };
    });
    // A context manager would make the span active (and hook every promise of the process).
    expect(seen.active).toBeUndefined();
    const outer = trace.getTracer('spec').startSpan('outer');
    expect(context.with(trace.setSpan(ROOT_CONTEXT, outer), () => trace.getActiveSpan())).toBe(
      undefined,
    );
    outer.end();
    await telemetry.forceFlush();
    const rpc = exporter.getFinishedSpans().find((s) => s.name === 'cwmp Inform');
    expect(rpc?.parentSpanContext?.spanId).toBe(traceparent.split('-')[2]);
    expect(rpc?.events.map((e) => e.name)).toEqual(['store.things.get']);
    // What a publish inside would carry: the RPC span as parent.
    expect(seen.headers.traceparent).toBe(
      `00-${rpc?.spanContext().traceId}-${rpc?.spanContext().spanId}-01`,
    );
  });

  it('hands out fresh ids outside endSessionSpan', () => {
    const a = trace.getTracer('spec').startSpan('a');
    const b = trace.getTracer('spec').startSpan('b');
    a.end();
    b.end();
    expect(a.spanContext().traceId).not.toBe(b.spanContext().traceId);
  });

  it('refuses a malformed session traceparent', () => {
    expect(() => endSessionSpan({ traceparent: '00-zz', startTime: Date.now() })).toThrow(
      /invalid session traceparent/,
    );
  });
});

describe('telemetry off', () => {
  it('records nothing but still runs RPC functions and keeps the session trace', async () => {
    const telemetry = startTelemetry({ serviceName: 'off' });
    expect(telemetry.tracing).toBe(false);
    expect(tracingOn()).toBe(false);
    const traceparent = newSessionTraceparent();
    const headers = await rpcSpan(traceparent, 'cwmp.Inform', (span) => spanTraceHeaders(span));
    // No SDK: the non-recording span passes the session's context through unchanged.
    expect(headers.traceparent).toBe(traceparent);
    // Nothing tracks the active context across awaits: it costs nothing.
    const active = await rpcSpan(traceparent, 'cwmp.Inform', async () => {
      await Promise.resolve();
      return trace.getActiveSpan();
    });
    expect(active).toBeUndefined();
    await telemetry.shutdown();
  });

  it('hands on a traceparent not in the form it makes as W3C formats it, and a malformed one not at all', async () => {
    const telemetry = startTelemetry({ serviceName: 'off' });
    const ids = `${'a1'.repeat(16)}-${'b2'.repeat(8)}`;
    const passed = (traceparent: string) =>
      rpcSpan(traceparent, 'cwmp Inform', (span) => spanTraceHeaders(span));
    // Other flags than sampled: formatted again, as the propagator writes them.
    expect(await passed(`00-${ids}-03`)).toEqual({ traceparent: `00-${ids}-03` });
    expect(await passed(` 00-${ids}-01`)).toEqual({ traceparent: `00-${ids}-01` });
    expect(await passed(`00-${'0'.repeat(32)}-${'b2'.repeat(8)}-01`)).toEqual({});
    expect(await passed('00-zz')).toEqual({});
    // The span's ids are those of the session's traceparent.
    const context = await rpcSpan(`00-${ids}-01`, 'cwmp empty', (span) => span.spanContext());
    expect(context).toMatchObject({ traceId: 'a1'.repeat(16), spanId: 'b2'.repeat(8) });
    await telemetry.shutdown();
  });
});

describe('sampled sessions', () => {
  it('records a session whole or not at all, and passes the decision on in its traceparent', async () => {
    const exporter = new InMemorySpanExporter();
    const none = startTelemetry({ serviceName: 'sampled-0', exporter, samplePercent: 0 });
    const skipped = newSessionTraceparent();
    expect(skipped).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    const headers = await rpcSpan(skipped, 'cwmp Inform', async (span) => {
      // What the gateway publishes: the session's ids, not sampled, so consumers record nothing.
      const passed = spanTraceHeaders(span);
      const consumer = trace
        .getTracer('spec')
        .startSpan('cwmp.inform process', { kind: SpanKind.CONSUMER }, contextFromHeaders(passed));
      consumer.end();
      return passed;
    });
    expect(headers.traceparent).toBe(skipped);
    endSessionSpan({ traceparent: skipped, startTime: Date.now() });
    await none.forceFlush();
    expect(exporter.getFinishedSpans()).toEqual([]);
    await none.shutdown();

    const recording = new InMemorySpanExporter();
    const all = startTelemetry({
      serviceName: 'sampled-100',
      exporter: recording,
      samplePercent: 100,
    });
    const recorded = newSessionTraceparent();
    expect(recorded).toMatch(/-01$/);
    await rpcSpan(recorded, 'cwmp Inform', async () => undefined);
    endSessionSpan({ traceparent: recorded, startTime: Date.now() });
    await all.forceFlush();
    expect(recording.getFinishedSpans().map((s) => s.name)).toEqual([
      'cwmp Inform',
      'cwmp.session',
    ]);
    await all.shutdown();
  });
});
