import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { KafkaBus, type BusMessage } from '@meridian/bus';
import { Topics, type ResultMessage } from '@meridian/contracts';
import { decodeEnvelope } from '@meridian/cwmp';
import { RedisSessionStore } from '@meridian/session-store';
import { startTelemetry, type Telemetry } from '@meridian/telemetry';
import { CpeClient } from './support/cpe-client';
import { envelope, inform } from './support/envelopes';
import { eventually } from './support/gateway-harness';
import {
  BROKERS,
  REDIS_URL,
  assertBuilt,
  freePort,
  clusterGatewayEnv,
  commandOf,
  startGatewayProcess,
  stop,
} from './support/processes';

/*
 * Two gateway PROCESSES (the built apps/cwmp-gateway entry point) on the real Kafka and Redis
 * of scripts/infra: a session whose requests alternate between them completes, a second
 * session of the same device is refused, and the Inform reaches a Kafka consumer in this
 * process with a traceparent that puts its span in the gateway's session trace (the gateways
 * export their spans over OTLP/HTTP to a collector stub here).
 */

jest.setTimeout(120_000);

interface OtlpSpan {
  traceId: string;
  spanId: string;
  name: string;
}

/** The OTLP/HTTP JSON the gateways' exporters post, flattened to spans. */
function otlpCollector(): Promise<{ port: number; spans: OtlpSpan[]; close(): Promise<void> }> {
  const spans: OtlpSpan[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans?: { scopeSpans?: { spans?: OtlpSpan[] }[] }[];
      };
      for (const rs of body.resourceSpans ?? [])
        for (const ss of rs.scopeSpans ?? []) spans.push(...(ss.spans ?? []));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () =>
      done({
        port: (server.address() as net.AddressInfo).port,
        spans,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  );
}

describe('two gateway processes on Kafka and Redis', () => {
  const serial = `CL${Date.now()}`;
  const device = { manufacturer: 'Acme', oui: '00D09E', productClass: 'HGW', serialNumber: serial };
  const deviceId = `00D09E-HGW-${serial}`;
  const commandId = `cmd${Date.now()}`;
  const exporter = new InMemorySpanExporter();
  let telemetry: Telemetry;
  let collector: Awaited<ReturnType<typeof otlpCollector>>;
  let bus: KafkaBus;
  let redis: RedisSessionStore;
  let dataDir: string;
  const gateways: ChildProcess[] = [];
  const ports: number[] = [];
  const informs: BusMessage<'cwmp.inform'>[] = [];
  const results: ResultMessage[] = [];

  beforeAll(async () => {
    assertBuilt();
    telemetry = startTelemetry({ serviceName: 'cluster-test', exporter });
    collector = await otlpCollector();
    dataDir = mkdtempSync(join(tmpdir(), 'meridian-cluster-'));
    bus = await KafkaBus.connect({ brokers: BROKERS, clientId: 'cluster-test', partitions: 3 });
    redis = RedisSessionStore.connect(REDIS_URL);
    await bus.subscribe(Topics.inform, `cluster-inform-${serial}`, async (m) => {
      if (m.value.deviceId === deviceId) informs.push(m);
    });
    await bus.subscribe(Topics.results, `cluster-results-${serial}`, async (m) => {
      if (m.value.deviceId === deviceId) results.push(m.value);
    });
    for (const name of ['gw-a', 'gw-b']) {
      const port = await freePort();
      ports.push(port);
      gateways.push(
        await startGatewayProcess(
          name,
          clusterGatewayEnv(name, dataDir, port, {
            MERIDIAN_OTLP_ENDPOINT: `http://127.0.0.1:${collector.port}`,
          }),
        ),
      );
    }
  });

  afterAll(async () => {
    await Promise.all(gateways.map(stop));
    await bus?.close();
    await redis?.remove(deviceId, commandId);
    await redis?.close();
    await collector?.close();
    await telemetry?.shutdown();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs one session across both processes, refuses a twin session, and traces the Inform to its consumer', async () => {
    // A command for the device, through Kafka to whichever gateway consumes it, into Redis.
    await bus.publish(Topics.commands, deviceId, commandOf(commandId, deviceId, 'cluster-test'));
    await eventually(async () => (await redis.peek(deviceId))?.commandId === commandId, 60_000);

    const onA = new CpeClient(ports[0]!);
    const onB = new CpeClient(ports[1]!);
    const twin = new CpeClient(ports[1]!);
    try {
      const informed = await onA.post(inform(device));
      expect(informed.status).toBe(200);
      expect(decodeEnvelope(informed.body).body.name).toBe('InformResponse');

      // The same device informing again elsewhere while its session is live: refused.
      const refused = await twin.post(inform(device, 'twin'));
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBeDefined();

      // The session goes on at B with A's cookie: B sends the queued command.
      onB.cookie = onA.cookie;
      const request = await onB.post('');
      expect(request.status).toBe(200);
      const gpv = decodeEnvelope(request.body);
      expect(gpv.body.name).toBe('GetParameterValues');

      // The response goes to A again; the session ends.
      const done = await onA.post(
        envelope(
          {
            name: 'GetParameterValuesResponse',
            parameterList: [
              { name: 'Device.DeviceInfo.UpTime', value: '77', type: 'xsd:unsignedInt' },
            ],
          },
          { id: gpv.header.id },
        ),
      );
      expect(done.status).toBe(204);
    } finally {
      [onA, onB, twin].forEach((c) => c.close());
    }

    await eventually(() => results.length > 0, 30_000);
    expect(results[0]).toMatchObject({ commandId, outcome: 'done', source: 'cluster-test' });
    expect(await redis.peek(deviceId)).toBeNull();

    await eventually(() => informs.length > 0, 30_000);
    const traceparent = informs[0]!.headers.traceparent;
    expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    const traceId = traceparent!.split('-')[1];
    const consumed = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    expect(consumed.length).toBeGreaterThan(0);

    // Stopping the gateways flushes their span exporters.
    await Promise.all(gateways.map(stop));
    const sessionSpan = collector.spans.find(
      (s) => s.name === 'cwmp.session' && s.traceId === traceId,
    );
    expect(sessionSpan).toBeDefined();
  });
});
