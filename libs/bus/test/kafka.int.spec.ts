/**
 * KafkaBus against the real broker of scripts/infra (Kafka 3.9, 127.0.0.1:9092 unless
 * MERIDIAN_KAFKA_BROKERS says otherwise). Every bus gets its own topic prefix and every test
 * its own groups, so runs never see each other's messages.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { Kafka, logLevel } from 'kafkajs';
import { Headers, isCommandMessage, type CommandMessage } from '@meridian/contracts';
import { Metrics, spanTraceHeaders, startTelemetry, type Telemetry } from '@meridian/telemetry';
import { infraCommand, infraCommandSync } from '@meridian/testing';
import {
  busTopicNames,
  KafkaBus,
  silentLogger,
  type DeadLetter,
  type KafkaBusConfig,
} from '../src';
import { busContract } from './contract';
import { inform, seqOf, uniqueName, waitFor } from './fixtures';
import type { ChildReport } from './support/child-consumer';

jest.setTimeout(90_000);

const brokers = (process.env.MERIDIAN_KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

/** Tuned for a local broker: quick heartbeats and rejoins, short fetch waits, fast reconnects. */
const testConfig = (topicPrefix: string): KafkaBusConfig => ({
  brokers,
  clientId: 'bus-int-spec',
  partitions: 3,
  topicPrefix,
  retry: { initialDelayMs: 10, maxDelayMs: 50 },
  // Enough retries (about 3 minutes) to ride out the broker restart test.
  clientRetry: { initialRetryTime: 100, maxRetryTime: 1_000, retries: 200 },
  sessionTimeoutMs: 6_000,
  heartbeatIntervalMs: 500,
  maxWaitTimeMs: 200,
  logger: silentLogger,
});

const spans = new InMemorySpanExporter();
let telemetry: Telemetry;
const buses: KafkaBus[] = [];

async function newBus(prefix = `${uniqueName('t')}.`): Promise<KafkaBus> {
  const bus = await KafkaBus.connect(testConfig(prefix));
  buses.push(bus);
  return bus;
}

beforeAll(() => {
  infraCommandSync('up', ['kafka']);
  telemetry = startTelemetry({ serviceName: 'bus-int-spec', exporter: spans });
});
afterAll(async () => {
  await Promise.all(buses.map((bus) => bus.close().catch(() => undefined)));
  await telemetry.shutdown();
});

busContract('KafkaBus', {
  createBus: () => newBus(),
  spans,
  timeoutMs: 30_000,
  producerSpans: true,
});

describe('KafkaBus on a real broker', () => {
  it('creates every contract topic and its dead-letter topic with the configured partitions', async () => {
    const prefix = `${uniqueName('topics')}.`;
    await newBus(prefix);
    const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: busTopicNames(prefix) });
      expect(topics.map((t) => t.name).sort()).toEqual(
        [
          'cwmp.commands',
          'cwmp.commands.dlq',
          'cwmp.connection-requests',
          'cwmp.connection-requests.dlq',
          'cwmp.events',
          'cwmp.events.dlq',
          'cwmp.inform',
          'cwmp.inform.dlq',
          'cwmp.results',
          'cwmp.results.dlq',
          'firmware.campaigns',
          'firmware.campaigns.dlq',
          'firmware.outcomes',
          'firmware.outcomes.dlq',
          'usp.requests',
          'usp.requests.dlq',
          'usp.responses',
          'usp.responses.dlq',
        ].map((t) => prefix + t),
      );
      expect(topics.every((t) => t.partitions.length === 3)).toBe(true);
    } finally {
      await admin.disconnect();
    }
  });

  it('a consumer in another process receives the Inform in the trace of the producer', async () => {
    const prefix = `${uniqueName('child')}.`;
    const bus = await newBus(prefix);
    const child = fork(
      path.join(__dirname, 'support/child-consumer.ts'),
      [JSON.stringify({ brokers, topicPrefix: prefix, groupId: uniqueName('child-group') })],
      { execArgv: ['-r', path.join(__dirname, 'support/ts-register.js')], stdio: 'inherit' },
    );
    try {
      await nextReport(child, 'ready');
      const session = trace.getTracer('spec').startSpan('cwmp session');
      await bus.publish(
        'cwmp.inform',
        'dev-child',
        inform('dev-child', 7),
        spanTraceHeaders(session),
      );
      session.end();
      const traceId = session.spanContext().traceId;
      await telemetry.forceFlush();
      const publish = spans
        .getFinishedSpans()
        .find((s) => s.name === 'cwmp.inform publish' && s.spanContext().traceId === traceId);

      let report: Extract<ChildReport, { type: 'report' }> | undefined;
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        child.send('report');
        report = (await nextReport(child, 'report')) as Extract<ChildReport, { type: 'report' }>;
        if (report.spans.some((s) => s.name === 'cwmp.inform process')) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(report?.received.map(seqOf)).toEqual([7]);
      expect(report?.received[0]?.headers[Headers.traceparent]).toBe(
        `00-${traceId}-${publish?.spanContext().spanId}-01`,
      );
      const consume = report?.spans.find((s) => s.name === 'cwmp.inform process');
      expect(consume?.traceId).toBe(traceId);
      expect(consume?.parentSpanId).toBe(publish?.spanContext().spanId);
    } finally {
      child.send('stop');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });

  it('loses nothing when the broker restarts while messages are published', async () => {
    const bus = await newBus();
    const total = 40;
    const seen = new Map<number, number>();
    // An idempotent consumer: a message id (here the sessionId) seen before is not applied again.
    await bus.subscribe('cwmp.inform', uniqueName('restart'), async (message) => {
      const seq = seqOf(message);
      seen.set(seq, (seen.get(seq) ?? 0) + 1);
    });
    const publishAll = (async () => {
      for (let seq = 0; seq < total; seq++) {
        await bus.publish('cwmp.inform', `dev-${seq % 5}`, inform(`dev-${seq % 5}`, seq));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    await waitFor('some messages before the restart', () => seen.size >= 5, 30_000);
    const restartedAt = Date.now();
    await infraCommand('down', ['kafka']);
    await infraCommand('up', ['kafka']);
    const restartMs = Date.now() - restartedAt;
    await publishAll;
    await waitFor(`all ${total} messages`, () => seen.size === total, 60_000);
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual(
      Array.from({ length: total }, (_, i) => i),
    );
    // Closing after an outage must not hang on a client still reconnecting.
    await bus.close();
    const duplicates = [...seen.values()].reduce((sum, n) => sum + n - 1, 0);
    process.stdout.write(
      `broker restart took ${restartMs} ms: ${total} delivered, ${duplicates} duplicate deliveries suppressed\n`,
    );
  });

  it('delivers concurrent publishes in order per key, and a record the broker refuses fails alone', async () => {
    const bus = await newBus();
    const received = new Map<string, number[]>();
    await bus.subscribe('cwmp.inform', uniqueName('concurrent'), async (message) => {
      const seqs = received.get(message.value.deviceId) ?? [];
      seqs.push(seqOf(message));
      received.set(message.value.deviceId, seqs);
    });
    const total = 200;
    const published = Array.from({ length: total }, (_, seq) =>
      bus.publish('cwmp.inform', `dev-${seq % 4}`, inform(`dev-${seq % 4}`, seq)),
    );
    // Above the broker's 1 MiB message.max.bytes, published amid the others.
    const tooLarge = bus.publishRaw('cwmp.inform', 'dev-big', Buffer.alloc(2 * 1024 * 1024, 0x7b));
    published.push(
      ...Array.from({ length: total }, (_, i) =>
        bus.publish('cwmp.inform', `dev-${i % 4}`, inform(`dev-${i % 4}`, total + i)),
      ),
    );
    await expect(tooLarge).rejects.toThrow();
    await Promise.all(published);
    await waitFor(
      'every Informs',
      () => [...received.values()].flat().length === 2 * total,
      30_000,
    );
    for (let device = 0; device < 4; device++) {
      const sent = Array.from({ length: 2 * total }, (_, seq) => seq).filter(
        (seq) => seq % 4 === device,
      );
      expect(received.get(`dev-${device}`)).toEqual(sent);
    }
  });

  it('keeps its partitions through a handler slower than the session timeout', async () => {
    const bus = await newBus();
    const handled: string[] = [];
    await bus.subscribe('cwmp.inform', uniqueName('slow'), async (message) => {
      handled.push(message.value.sessionId);
      // Twice the 6 s session timeout: a member that stopped heartbeating would be evicted,
      // its commit refused and the message delivered again.
      if (handled.length === 1) await new Promise((r) => setTimeout(r, 12_000));
    });
    await bus.publish('cwmp.inform', 'dev-slow', { ...inform('dev-slow', 1), sessionId: 'slow-1' });
    await bus.publish('cwmp.inform', 'dev-slow', { ...inform('dev-slow', 2), sessionId: 'slow-2' });
    await waitFor('both Informs', () => handled.length >= 2, 40_000);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(handled).toEqual(['slow-1', 'slow-2']);
  });

  it('dead-letters malformed bytes from a foreign producer, and goes on', async () => {
    const metrics = new Metrics();
    metrics.registerGlobal();
    const prefix = `${uniqueName('raw')}.`;
    const bus = await newBus(prefix);
    const commands: CommandMessage[] = [];
    const letters: DeadLetter[] = [];
    await bus.subscribe('cwmp.commands', uniqueName('gateways'), async (message) => {
      if (isCommandMessage(message.value)) commands.push(message.value);
    });
    await bus.subscribeDeadLetters('cwmp.commands', uniqueName('ops'), async (letter) => {
      letters.push(letter);
    });

    const raw = new Kafka({ brokers, logLevel: logLevel.NOTHING }).producer();
    await raw.connect();
    const command: CommandMessage = {
      schemaVersion: 1,
      commandId: 'cmd-1',
      deviceId: 'dev-raw',
      rpc: { name: 'Reboot', commandKey: 'cmd-1' },
      connectionRequest: false,
      source: 'spec',
      createdAt: new Date().toISOString(),
    };
    try {
      await raw.send({
        topic: `${prefix}cwmp.commands`,
        messages: [
          { key: 'dev-raw', value: Buffer.from([0xff, 0xfe, 0x00, 0x7b]) },
          { key: 'dev-raw', value: null },
          { key: 'dev-raw', value: JSON.stringify({ ...command, rpc: { name: 'Inform' } }) },
          { key: 'dev-raw', value: JSON.stringify(command) },
        ],
      });
    } finally {
      await raw.disconnect();
    }
    await waitFor(
      'the valid command and 3 dead letters',
      () => commands.length === 1 && letters.length === 3,
      30_000,
    );
    expect(commands[0]?.commandId).toBe('cmd-1');
    expect(letters.map((l) => l.reason)).toEqual([
      expect.stringMatching(/^value is not JSON/),
      'empty value',
      'message.rpc.name "Inform" is not a CWMP method the ACS can call',
    ]);
    expect(letters.every((l) => l.topic === 'cwmp.commands' && l.key === 'dev-raw')).toBe(true);
    expect(await metrics.scrape()).toMatch(
      /^meridian_bus_dead_letters_total\{topic="cwmp.commands",cause="invalid"\} 3$/m,
    );
  });
});

/** The next IPC message of `type` from the child. */
function nextReport(child: ChildProcess, type: ChildReport['type']): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ChildReport) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null) =>
      reject(new Error(`child exited (${code}) before "${type}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
