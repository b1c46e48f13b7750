import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from '@meridian/testing';
import { sample, sessionOf, startServices, type Services } from './services-setup';

/*
 * One CPE session followed in ONE trace across Meridian as deployed: the gateway and provisioning
 * processes on the real Kafka, Redis and FerretDB export over OTLP/HTTP to a receiver of this
 * test. The CPE's bootstrap Inform goes from the gateway through cwmp.inform to provisioning,
 * whose discovery commands come back through cwmp.commands to the gateway, which sends them in
 * the same session (it lingers for them) — one of them to a subtree the CPE does not have, so the
 * trace carries a CPE fault too.
 */
jest.setTimeout(120_000);

interface ReceivedSpan {
  service: string;
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  attributes: Record<string, string | number | boolean>;
  events: string[];
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: {
      spans?: {
        name: string;
        kind: number;
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        attributes?: OtlpAttribute[];
        events?: { name: string }[];
      }[];
    }[];
  }[];
}

/** OTLP/JSON ids are hex; some exporters send them base64 (as protobuf bytes in JSON). */
const hexId = (id: string | undefined): string =>
  !id ? '' : /^[0-9a-f]+$/.test(id) ? id : Buffer.from(id, 'base64').toString('hex');

const valueOf = (value: OtlpValue): string | number | boolean =>
  value.stringValue ?? value.boolValue ?? value.doubleValue ?? Number(value.intValue);

const attributesOf = (list: OtlpAttribute[] = []) =>
  Object.fromEntries(list.map((a) => [a.key, valueOf(a.value)]));

/** An OTLP/HTTP (JSON) trace receiver: what a collector would get. */
async function startReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; server: Server }> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport;
        for (const resource of body.resourceSpans ?? []) {
          const service = String(attributesOf(resource.resource?.attributes)['service.name']);
          for (const scope of resource.scopeSpans ?? []) {
            for (const span of scope.spans ?? []) {
              spans.push({
                service,
                name: span.name,
                kind: span.kind,
                traceId: hexId(span.traceId),
                spanId: hexId(span.spanId),
                parentSpanId: hexId(span.parentSpanId),
                attributes: attributesOf(span.attributes),
                events: (span.events ?? []).map((e) => e.name),
              });
            }
          }
        }
      }
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, spans, server };
}

// OTLP span kinds.
const SERVER = 2;
const PRODUCER = 4;
const CONSUMER = 5;

describe('one CPE session in one trace across the services', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let services: Services;

  beforeAll(async () => {
    receiver = await startReceiver();
    services = await startServices({
      name: 'trace',
      devices: 1,
      nbi: false,
      env: { MERIDIAN_OTLP_ENDPOINT: receiver.url },
      // The bootstrap session waits for provisioning's discovery instead of ending first.
      gatewayEnv: { MERIDIAN_CWMP_LINGER_MS: '5000' },
      // NoSuchObject.: a subtree the simulator lacks, answered with a CPE fault.
      provisioningEnv: { MERIDIAN_DISCOVERY_PATHS: 'ManagementServer.,NoSuchObject.' },
    });
  });

  afterAll(async () => {
    await services?.stop();
    await new Promise((done) => receiver?.server.close(done));
  });

  it('follows the bootstrap session from the gateway through provisioning back to command delivery', async () => {
    const [cpe] = services.sim.devices;
    const deviceId = services.deviceIdOf(cpe!);
    const boot = await sessionOf(cpe!, 0, (r) => r.events.includes('0 BOOTSTRAP'));
    expect(boot.error).toBeUndefined();
    // Discovery ran inside the bootstrap session.
    expect(boot.rpcs).toEqual(expect.arrayContaining(['GetParameterValues']));

    const { spans } = receiver;
    const byName = (name: string, service: string, traceId?: string) =>
      spans.filter(
        (s) =>
          s.name === name &&
          s.service === service &&
          (traceId === undefined || s.traceId === traceId),
      );
    // Spans are exported in batches (every 5 s): wait for the session span, emitted at its end.
    let session: ReceivedSpan | undefined;
    await eventually(() => {
      session = byName('cwmp.session', 'cwmp-gateway').find(
        (s) => s.attributes['cwmp.device_id'] === deviceId,
      );
      return session !== undefined;
    }, 30_000);
    const traceId = session!.traceId;
    const parentOf = (span: ReceivedSpan) =>
      spans.find((s) => s.traceId === traceId && s.spanId === span.parentSpanId);
    // ... and the batches of the other spans of its trace (exported as they end, in any order).
    await eventually(
      () => spans.every((s) => s.traceId !== traceId || s === session || parentOf(s) !== undefined),
      15_000,
    ).catch(() => undefined);
    const inTrace = (name: string, service: string) => byName(name, service, traceId);

    // The session span: the root, with what an SRE filters on.
    expect(session!.kind).toBe(SERVER);
    expect(session!.parentSpanId).toBe('');
    const sessionId = session!.attributes['cwmp.session_id'];
    expect(sessionId).toEqual(expect.stringMatching(/.+/));
    expect(session!.attributes['cwmp.gateway_id']).toEqual(expect.stringMatching(/^trace-/));

    // The Inform's request span, child of the session span.
    const [inform] = inTrace('cwmp Inform', 'cwmp-gateway');
    expect(inform).toBeDefined();
    expect(inform!.parentSpanId).toBe(session!.spanId);
    expect(inform!.attributes).toMatchObject({
      'cwmp.method': 'Inform',
      'cwmp.device_id': deviceId,
      'cwmp.session_id': sessionId,
    });

    // gateway -> Kafka: the Inform published inside the Inform's span...
    // Spans name the logical topic (without MERIDIAN_KAFKA_TOPIC_PREFIX).
    const informTopic = 'cwmp.inform';
    const [published] = inTrace(`${informTopic} publish`, 'cwmp-gateway');
    expect(published).toMatchObject({
      kind: PRODUCER,
      parentSpanId: inform!.spanId,
      attributes: { 'messaging.destination.name': informTopic },
    });
    // ... -> provisioning: consumed in a child of that publish span.
    const [consumed] = inTrace(`${informTopic} process`, 'provisioning');
    expect(consumed).toMatchObject({
      kind: CONSUMER,
      parentSpanId: published!.spanId,
      attributes: { 'cwmp.device_id': deviceId, 'messaging.kafka.message.key': deviceId },
    });
    // Provisioning's store calls are in the trace too: events on the span that made them.
    expect(consumed!.events).toEqual(expect.arrayContaining(['store.devices.upsertFromInform']));

    // provisioning -> Kafka -> gateway: commands published under the consumed Inform (discovery)
    // or under a consumed result (its next wave), and taken in by the gateway's command intake.
    const commandsTopic = 'cwmp.commands';
    const resultsTopic = 'cwmp.results';
    const resultsConsumed = inTrace(`${resultsTopic} process`, 'provisioning');
    const commandPublishes = inTrace(`${commandsTopic} publish`, 'provisioning');
    expect(commandPublishes.map((p) => p.parentSpanId)).toContain(consumed!.spanId);
    for (const publish of commandPublishes) {
      expect(publish.kind).toBe(PRODUCER);
      expect([consumed!, ...resultsConsumed].map((s) => s.spanId)).toContain(publish.parentSpanId);
    }
    const intakes = inTrace(`${commandsTopic} process`, 'cwmp-gateway');
    expect(intakes.length).toBe(commandPublishes.length);
    const commandIds = new Set<unknown>();
    for (const intake of intakes) {
      expect(intake.kind).toBe(CONSUMER);
      expect(commandPublishes.map((p) => p.spanId)).toContain(intake.parentSpanId);
      // Commands (and cancels) are named; other messages of the topic are not.
      if (intake.attributes['cwmp.command_id'] === undefined) continue;
      expect(intake.attributes['cwmp.device_id']).toBe(deviceId);
      commandIds.add(intake.attributes['cwmp.command_id']);
    }
    expect(commandIds.size).toBeGreaterThanOrEqual(3);

    // Back at the gateway: each command sent to the CPE in a request span of the same session,
    // and its answer (or fault) in the next one, both children of the session span.
    const steps = spans.filter((s) => s.traceId === traceId && s.parentSpanId === session!.spanId);
    const sent = steps.filter((s) => commandIds.has(s.attributes['cwmp.sent_command_id']));
    expect(sent.length).toBe(commandIds.size);
    for (const step of sent) {
      expect(step.attributes).toMatchObject({
        'cwmp.session_id': sessionId,
        'cwmp.device_id': deviceId,
        'cwmp.sent_rpc': expect.stringMatching(/^Get/),
      });
    }
    const answered = steps.filter((s) => commandIds.has(s.attributes['cwmp.answered_command_id']));
    expect(answered.length).toBe(commandIds.size);
    // The CPE's fault on the subtree it lacks: code and RPC on the span of the Fault it sent.
    const faulted = answered.find((s) => s.attributes['cwmp.method'] === 'Fault');
    expect(faulted?.attributes).toMatchObject({
      'cwmp.fault_code': 9005,
      'cwmp.answered_rpc': expect.stringMatching(/^Get/),
    });
    // The result of each answered command goes back to provisioning in the same trace, consumed
    // under the gateway's publish in the span of the CPE's answer.
    expect(new Set(resultsConsumed.map((r) => r.attributes['cwmp.command_id']))).toEqual(
      commandIds,
    );
    for (const result of resultsConsumed) {
      const publish = parentOf(result);
      expect(publish).toMatchObject({ name: `${resultsTopic} publish`, service: 'cwmp-gateway' });
      expect(answered.map((s) => s.spanId)).toContain(publish!.parentSpanId);
    }
    // No broken link: every span of the trace but the session span has its parent in the trace.
    const orphans = spans.filter(
      (s) => s.traceId === traceId && s !== session && parentOf(s) === undefined,
    );
    expect(orphans.map((s) => `${s.service} ${s.name}`)).toEqual([]);
  });

  it('counts the same session in the metrics of both services, with bounded labels', async () => {
    const gateway = await services.scrape('cwmp-gateway');
    expect(sample(gateway, 'meridian_cwmp_informs_total{event="0 BOOTSTRAP"}')).toBe(1);
    expect(
      sample(gateway, 'meridian_cwmp_rpc_faults_total{rpc="GetParameterNames",code="9005"}'),
    ).toBe(1);
    expect(
      sample(
        gateway,
        'meridian_kafka_produce_duration_seconds_count{topic="cwmp.inform",outcome="ok"}',
      ),
    ).toBe(1);
    expect(
      sample(
        gateway,
        'meridian_datastore_call_duration_seconds_count{system="redis",operation="enqueue",outcome="ok"}',
      ),
    ).toBeGreaterThanOrEqual(3);
    const provisioning = await services.scrape('provisioning');
    expect(
      sample(provisioning, 'meridian_provisioning_plans_total{trigger="inform"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(provisioning, 'meridian_provisioning_commands_total')).toBeGreaterThanOrEqual(3);
    expect(
      sample(
        provisioning,
        'meridian_kafka_produce_duration_seconds_count{topic="cwmp.commands",outcome="ok"}',
      ),
    ).toBeGreaterThanOrEqual(3);
    expect(
      sample(
        provisioning,
        'meridian_datastore_call_duration_seconds_count{system="mongodb",operation="devices.upsertFromInform",outcome="ok"}',
      ),
    ).toBe(1);
    expect(provisioning).toMatch(
      /^meridian_kafka_consumer_lag_messages\{topic="cwmp.results",group="[^"]+"\} 0$/m,
    );
    const serial = services.sim.devices[0]!.serialNumber;
    expect(gateway).not.toContain(serial);
    expect(provisioning).not.toContain(serial);
  });
});
