import { randomBytes } from 'node:crypto';
import type { Producer } from 'kafkajs';
import {
  SCHEMA_VERSION,
  type CommandMessage,
  type EventMessage,
  type ResultMessage,
} from '@meridian/contracts';
import type { TopicTap } from '@meridian/testing';
import {
  startKafkaService,
  startServices,
  type KafkaService,
  type Services,
} from './services-setup';

/*
 * Diagnostics on Meridian as deployed (gateway, provisioning and NBI processes on the real Kafka,
 * Redis and FerretDB): the awaited test's deadline lives in Redis, the CPE calls back in a
 * session of its own. The simulated CPEs report 3 s after the test, so the short timeout of
 * the last case passes first and the gateway's sweep expires it.
 */
jest.setTimeout(90_000);

const SOURCE = 'e2e-diagnostics-service';
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

describe('diagnostics on the services with simulated CPEs', () => {
  let services: Services;
  let kafka: KafkaService;
  let producer: Producer;
  let results: TopicTap<ResultMessage>;
  let events: TopicTap<EventMessage>;

  beforeAll(async () => {
    services = await startServices({
      name: 'diag',
      devices: 2,
      nbi: true,
      simulator: { diagnostics: { delayMs: 3000 } },
    });
    kafka = await startKafkaService(services, SOURCE);
    ({ producer, results, events } = kafka);
  }, 150_000);

  afterAll(async () => {
    await kafka?.close();
    await services?.stop();
  }, 60_000);

  const idOf = (i: number) => services.deviceIdOf(services.sim.devices[i]!);

  it('a ping from the NBI ends done with its results, and cwmp.events says 8 DIAGNOSTICS COMPLETE', async () => {
    const { status, json } = await services.call(
      'POST',
      `/devices/${idOf(0)}/tasks?connectionRequest=true&timeout=30000`,
      { name: 'diagnostic', kind: 'ipPing', inputs: { Host: '127.0.0.1', NumberOfRepetitions: 2 } },
    );

    expect(status).toBe(200);
    expect(json).toMatchObject({
      status: 'done',
      diagnosticResult: {
        kind: 'ipPing',
        diagnosticsState: 'Complete',
        results: { SuccessCount: 2 },
      },
    });
    const event = await events.next(
      (e) => e.deviceId === idOf(0) && e.rpc.name === 'DiagnosticsComplete',
    );
    expect(event.value.rpc).toEqual({ name: 'DiagnosticsComplete', commandId: json.commandId });
    const listed = await services.call('GET', `/devices/${idOf(0)}/diagnostics`);
    expect(listed.json.items[0]).toMatchObject({
      commandId: json.commandId,
      results: { SuccessCount: 2 },
    });
  });

  it('a diagnostic command straight through Kafka that the CPE does not report in time ends expired', async () => {
    const command: CommandMessage = {
      schemaVersion: SCHEMA_VERSION,
      commandId: hex(16),
      deviceId: idOf(1),
      diagnostic: { kind: 'traceRoute', inputs: { Host: '127.0.0.1' }, timeoutMs: 500 },
      connectionRequest: true,
      source: SOURCE,
      createdAt: new Date().toISOString(),
    };
    await producer.send({
      topic: `${services.kafkaPrefix}cwmp.commands`,
      acks: -1,
      messages: [{ key: command.deviceId, value: JSON.stringify(command) }],
    });

    const result = await results.next((r) => r.commandId === command.commandId);
    expect(result.value).toMatchObject({
      outcome: 'expired',
      source: SOURCE,
      reason: expect.stringContaining(
        'traceRoute: the CPE did not report 8 DIAGNOSTICS COMPLETE within 500 ms',
      ),
    });
  });
});
