import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  endSessionSpan,
  newSessionTraceparent,
  rpcSpan,
  startTelemetry,
  traced,
  tracer,
  withSpan,
  type Telemetry,
} from './index';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { createTestPki } from '@meridian/testing';
import {
  OTLP_EXPORT_WARNING,
  OtlpJsonSpanProcessor,
  otlpHeadersFromEnv,
  otlpTlsFromEnv,
  unixNanos,
} from './otlp-json';

interface OtlpValue {
  stringValue?: string;
  intValue?: number;
  doubleValue?: number;
  boolValue?: boolean;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes?: OtlpAttribute[];
  events?: { name: string; timeUnixNano: string; attributes?: OtlpAttribute[] }[];
  status?: { code: number; message?: string };
}
interface OtlpRequest {
  resourceSpans: {
    resource: { attributes: OtlpAttribute[] };
    scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[];
  }[];
}

const attributesOf = (list: OtlpAttribute[] = []) =>
  Object.fromEntries(list.map((a) => [a.key, Object.values(a.value)[0] as unknown]));

/** What a collector's OTLP/HTTP JSON receiver gets: every request body, parsed. */
async function receiver(): Promise<{
  url: string;
  bodies: OtlpRequest[];
  headers: IncomingMessage['headers'][];
  server: Server;
  refuse: boolean;
}> {
  const bodies: OtlpRequest[] = [];
  const headers: IncomingMessage['headers'][] = [];
  const sink = { url: '', bodies, headers, server: createServer(), refuse: false };
  sink.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      expect(request.url).toBe('/v1/traces');
      expect(request.headers['content-type']).toBe('application/json');
      if (sink.refuse) {
        response.writeHead(503).end();
        return;
      }
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpRequest);
      headers.push(request.headers);
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((done) => sink.server.listen(0, '127.0.0.1', done));
  sink.url = `http://127.0.0.1:${(sink.server.address() as AddressInfo).port}`;
  return sink;
}

describe('OTLP/HTTP JSON export', () => {
  let sink: Awaited<ReturnType<typeof receiver>>;
  let telemetry: Telemetry;

  beforeAll(async () => {
    sink = await receiver();
    // A collector's credentials, as OpenTelemetry's exporters take them.
    process.env.OTEL_EXPORTER_OTLP_HEADERS =
      'authorization=Bearer%20t0k3n, x-scope-orgid=carrier-1';
    telemetry = startTelemetry({ serviceName: 'otlp-json-spec', otlpEndpoint: `${sink.url}/` });
  });
  afterAll(async () => {
    delete process.env.OTEL_EXPORTER_OTLP_HEADERS;
    await telemetry.shutdown();
    sink.server.close();
  });

  it('sends the collector credentials of OTEL_EXPORTER_OTLP_HEADERS with every batch', async () => {
    await rpcSpan(newSessionTraceparent(), 'cwmp Inform', async () => undefined);
    await telemetry.forceFlush();
    expect(sink.headers.length).toBeGreaterThan(0);
    for (const headers of sink.headers) {
      expect(headers).toMatchObject({
        authorization: 'Bearer t0k3n',
        'x-scope-orgid': 'carrier-1',
      });
    }
  });

  it('sends a session as a collector reads it: one trace, RPC spans under the session span, store calls as events', async () => {
    const traceparent = newSessionTraceparent();
    const [, traceId, sessionSpanId] = traceparent.split('-');
    const startTime = Date.now() - 2_000;
    const store = traced(
      { get: async (id: string) => ({ id }) },
      { prefix: 'store.devices', system: 'sqlite' },
    );
    await rpcSpan(
      traceparent,
      'cwmp Inform',
      async (span) => {
        await withSpan(store, span).get('dev-1');
        span.setAttribute('cwmp.device_id', 'dev-1');
      },
      { 'cwmp.session_id': 's-1', 'cwmp.method': 'Inform' },
    );
    await expect(
      rpcSpan(traceparent, 'cwmp empty', () => Promise.reject(new Error('store "down"'))),
    ).rejects.toThrow();
    endSessionSpan({
      traceparent,
      startTime,
      endTime: Date.now(),
      attributes: () => ({ 'cwmp.session_id': 's-1', 'cwmp.device_id': 'dev-1' }),
    });
    await telemetry.forceFlush();

    const resources = sink.bodies.flatMap((body) => body.resourceSpans);
    expect(attributesOf(resources[0]?.resource.attributes)['service.name']).toBe('otlp-json-spec');
    const spans = resources
      .flatMap((r) => r.scopeSpans)
      .filter((s) => s.scope.name === '@meridian/telemetry')
      .flatMap((s) => s.spans)
      .filter((s) => s.traceId === traceId);
    const byName = new Map(spans.map((s) => [s.name, s]));
    expect([...byName.keys()].sort()).toEqual(['cwmp Inform', 'cwmp empty', 'cwmp.session']);

    const session = byName.get('cwmp.session')!;
    expect(session).toMatchObject({ spanId: sessionSpanId, kind: 2 }); // SERVER
    expect(session.parentSpanId).toBeUndefined();
    expect(attributesOf(session.attributes)).toEqual({
      'cwmp.session_id': 's-1',
      'cwmp.device_id': 'dev-1',
    });
    expect(BigInt(session.endTimeUnixNano) - BigInt(session.startTimeUnixNano)).toBeGreaterThan(
      1_000_000_000n,
    );

    const inform = byName.get('cwmp Inform')!;
    expect(inform).toMatchObject({ parentSpanId: sessionSpanId, kind: 1 }); // INTERNAL
    expect(attributesOf(inform.attributes)).toEqual({
      'cwmp.session_id': 's-1',
      'cwmp.method': 'Inform',
      'cwmp.device_id': 'dev-1',
    });
    expect(inform.status).toBeUndefined(); // unset: not an error
    const call = inform.events?.[0];
    expect(call?.name).toBe('store.devices.get');
    if (!call) return;
    expect(typeof attributesOf(call.attributes)['meridian.duration_ms']).toBe('number');
    expect(BigInt(call.timeUnixNano)).toBeGreaterThanOrEqual(BigInt(inform.startTimeUnixNano));
    expect(BigInt(call.timeUnixNano)).toBeLessThanOrEqual(BigInt(inform.endTimeUnixNano));

    const failed = byName.get('cwmp empty')!;
    expect(failed.parentSpanId).toBe(sessionSpanId);
    expect(failed.status).toEqual({ code: 2, message: 'store "down"' }); // ERROR
    expect(failed.events?.map((e) => e.name)).toEqual(['exception']);
  });

  it('drops a batch the receiver refuses, and sends the next one when it is back', async () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    sink.refuse = true;
    endSessionSpan({ traceparent: newSessionTraceparent(), startTime: Date.now() });
    await telemetry.forceFlush(); // resolves: a refused batch is dropped, not retried or thrown
    endSessionSpan({ traceparent: newSessionTraceparent(), startTime: Date.now() });
    await telemetry.forceFlush();
    // One warning for the outage, not one per batch.
    expect(warn.mock.calls).toEqual([
      [expect.stringMatching(/503.*spans are dropped/), { code: OTLP_EXPORT_WARNING }],
    ]);
    warn.mockRestore();
    sink.refuse = false;
    const before = sink.bodies.length;
    const traceparent = newSessionTraceparent();
    endSessionSpan({ traceparent, startTime: Date.now() });
    await telemetry.forceFlush();
    const sent = sink.bodies
      .slice(before)
      .flatMap((body) => body.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
    expect(sent.map((s) => s.spanId)).toEqual([traceparent.split('-')[2]]);
  });

  it('sends a batch of several scopes, past its first buffer, with text outside ASCII intact', async () => {
    await telemetry.forceFlush();
    const before = sink.bodies.length;
    // Two UTF-8 bytes per character: more than the first buffer holds, and than twice it.
    const label = 'naïve "quoted" \\ 📡 ' + 'é'.repeat(20_000);
    for (let n = 0; n < 60; n++) {
      tracer(n % 2 === 0 ? 'scope-a' : 'scope-b')
        .startSpan(`span ${n}`, { attributes: { label, n } })
        .end();
    }
    await telemetry.forceFlush();
    const scopes = sink.bodies
      .slice(before)
      .flatMap((body) => body.resourceSpans.flatMap((r) => r.scopeSpans));
    const spansOf = (scope: string) =>
      scopes.filter((s) => s.scope.name === scope).flatMap((s) => s.spans);
    expect(spansOf('scope-a').map((s) => s.name)).toEqual(
      Array.from({ length: 30 }, (_, i) => `span ${2 * i}`),
    );
    expect(spansOf('scope-b')).toHaveLength(30);
    for (const span of [...spansOf('scope-a'), ...spansOf('scope-b')]) {
      expect(attributesOf(span.attributes).label).toBe(label);
    }
  });

  it('sends a batch again on a new socket when the receiver closed the kept-alive one', async () => {
    // The receiver answers one request per connection and closes it on the next, as one whose
    // idle timeout ends just as a batch is written.
    const served = new WeakSet<object>();
    const received: string[] = [];
    const closing = createServer((request, response) => {
      if (served.has(request.socket)) {
        request.socket.destroy();
        return;
      }
      served.add(request.socket);
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((done) => closing.listen(0, '127.0.0.1', done));
    const { port } = closing.address() as AddressInfo;
    const processor = new OtlpJsonSpanProcessor({
      url: `http://127.0.0.1:${port}/v1/traces`,
      resource: resourceFromAttributes({}),
    });
    const provider = new BasicTracerProvider({ spanProcessors: [processor] });
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      for (const name of ['first batch', 'second batch']) {
        provider.getTracer('spec').startSpan(name).end();
        await processor.forceFlush();
      }
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      await provider.shutdown();
      closing.close();
    }
    expect(
      received.map(
        (body) => (JSON.parse(body) as OtlpRequest).resourceSpans[0]?.scopeSpans[0]?.spans[0]?.name,
      ),
    ).toEqual(['first batch', 'second batch']);
  });

  it('sends to an https:// collector that requires a client certificate, with the files of OTEL_EXPORTER_OTLP_*CERTIFICATE', async () => {
    const pki = createTestPki();
    const client = pki.files(pki.client('meridian-exporter'), 'client');
    const ca = pki.files(pki.ca, 'ca');
    const received: string[] = [];
    const collector = createHttpsServer(
      { ...pki.server, ca: pki.ca.cert, requestCert: true, rejectUnauthorized: true },
      (request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          received.push(Buffer.concat(chunks).toString('utf8'));
          response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
        });
      },
    );
    await new Promise<void>((done) => collector.listen(0, '127.0.0.1', done));
    const { port } = collector.address() as AddressInfo;
    const export1 = async (tls: ReturnType<typeof otlpTlsFromEnv>, name: string) => {
      const processor = new OtlpJsonSpanProcessor({
        url: `https://127.0.0.1:${port}/v1/traces`,
        resource: resourceFromAttributes({}),
        tls,
      });
      const provider = new BasicTracerProvider({ spanProcessors: [processor] });
      provider.getTracer('spec').startSpan(name).end();
      await processor.forceFlush();
      await provider.shutdown();
    };
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      await export1(
        otlpTlsFromEnv({
          OTEL_EXPORTER_OTLP_CERTIFICATE: ca.cert,
          OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE: client.cert,
          OTEL_EXPORTER_OTLP_CLIENT_KEY: client.key,
        }),
        'with its certificate',
      );
      expect(warn).not.toHaveBeenCalled();
      // Without the client certificate the collector refuses the handshake: dropped, said once.
      await export1(otlpTlsFromEnv({ OTEL_EXPORTER_OTLP_CERTIFICATE: ca.cert }), 'without');
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
      collector.close();
      pki.dispose();
    }
    expect(
      received.map(
        (body) => (JSON.parse(body) as OtlpRequest).resourceSpans[0]?.scopeSpans[0]?.spans[0]?.name,
      ),
    ).toEqual(['with its certificate']);
  });

  it('writes span times as OTLP nanosecond strings', () => {
    expect(unixNanos(1_796_605_415, 722_019_740)).toBe('1796605415722019740');
    expect(unixNanos(1_796_605_415, 5)).toBe('1796605415000000005');
    expect(unixNanos(0, 42)).toBe('42');
  });

  it('reads the traces-only headers before the general ones, and skips a pair without a value', () => {
    expect(
      otlpHeadersFromEnv({
        OTEL_EXPORTER_OTLP_HEADERS: 'api-key=general',
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'api-key=a%3Db,broken',
      }),
    ).toEqual({ 'api-key': 'a=b' });
    expect(otlpHeadersFromEnv({})).toEqual({});
  });
});
