/**
 * The Bus contract, run against every adapter (in-process in unit tests, Kafka in integration
 * tests). The calling spec starts telemetry with `spans` as its exporter.
 */
import { trace, type Span } from '@opentelemetry/api';
import type { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { Headers, type InformMessage } from '@meridian/contracts';
import { spanTraceHeaders } from '@meridian/telemetry';
import type { Bus, BusMessage, DeadLetter, DeadLetterBus } from '../src';
import { delay, inform, seqOf, uniqueName, waitFor } from './fixtures';

export type TestBus = Bus & DeadLetterBus;

export interface ContractOptions {
  /** A fresh bus over its own topics; its handlers retried after ~10 ms. */
  createBus: () => Promise<TestBus>;
  spans: InMemorySpanExporter;
  /** How long to wait for deliveries. */
  timeoutMs: number;
  /** Whether a publish is a producer span (Kafka) or the consumer's parent is the publisher's span. */
  producerSpans: boolean;
}

type Received = BusMessage<'cwmp.inform'>;

export function busContract(name: string, options: ContractOptions): void {
  describe(`${name}: Bus contract`, () => {
    let bus: TestBus;
    const wait = (what: string, predicate: () => boolean) =>
      waitFor(what, predicate, options.timeoutMs);

    beforeEach(async () => {
      bus = await options.createBus();
    });
    afterEach(() => bus.close());

    const collect = async (
      groupId: string,
      into: Received[],
      handler?: (m: Received, span?: Span) => Promise<void>,
    ) =>
      bus.subscribe('cwmp.inform', groupId, async (message, span) => {
        await handler?.(message, span);
        into.push(message);
      });

    it('delivers the messages of one key in the order published', async () => {
      const received: Received[] = [];
      await collect(uniqueName('order'), received);
      const devices = ['dev-a', 'dev-b', 'dev-c'];
      for (let seq = 0; seq < 30; seq++) {
        const deviceId = devices[seq % 3] ?? 'dev-a';
        await bus.publish('cwmp.inform', deviceId, inform(deviceId, seq));
      }
      await wait('30 messages', () => received.length >= 30);
      for (const deviceId of devices) {
        const seqs = received.filter((m) => m.key === deviceId).map(seqOf);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        expect(seqs).toHaveLength(10);
      }
      expect(received.find((m) => seqOf(m) === 0)?.value).toMatchObject({
        schemaVersion: 1,
        deviceId: 'dev-a',
        deviceIdStruct: { serialNumber: 'dev-a' },
      });
    });

    it('shares a group between its members, and gives every group every message', async () => {
      const groupA = uniqueName('shared');
      const first: Received[] = [];
      const second: Received[] = [];
      const other: Received[] = [];
      await collect(groupA, first);
      await collect(groupA, second);
      await collect(uniqueName('other'), other);
      const keys = Array.from({ length: 40 }, (_, i) => `dev-${i}`);
      for (const [i, key] of keys.entries()) await bus.publish('cwmp.inform', key, inform(key, i));

      await wait('every message in both groups', () => {
        const shared = new Set([...first, ...second].map(seqOf));
        return shared.size === keys.length && new Set(other.map(seqOf)).size === keys.length;
      });
      expect(first.length).toBeGreaterThan(0);
      expect(second.length).toBeGreaterThan(0);
      // One device's messages go to one member.
      const firstKeys = new Set(first.map((m) => m.key));
      expect(second.filter((m) => firstKeys.has(m.key))).toEqual([]);
    });

    it('redelivers a message whose handler failed, before the next one of that key', async () => {
      const received: Received[] = [];
      let failures = 0;
      await collect(uniqueName('retry'), received, async (message) => {
        if (seqOf(message) === 1 && failures < 2) {
          failures += 1;
          throw new Error('store unavailable');
        }
      });
      for (let seq = 1; seq <= 3; seq++)
        await bus.publish('cwmp.inform', 'dev-r', inform('dev-r', seq));
      await wait('3 messages', () => received.length >= 3);
      expect(failures).toBe(2);
      expect(received.map(seqOf)).toEqual([1, 2, 3]);
    });

    it('hands a message a closing member could not process to the member that remains', async () => {
      const groupId = uniqueName('handover');
      const byFailing: number[] = [];
      const byHealthy: number[] = [];
      const failing = await bus.subscribe('cwmp.inform', groupId, async (message) => {
        byFailing.push(seqOf(message));
        throw new Error('down');
      });
      await bus.publish('cwmp.inform', 'dev-h', inform('dev-h', 1));
      await wait('a failed attempt', () => byFailing.length > 0);
      // Not awaited first: on Kafka the new member's join needs the failing one to rejoin too.
      const healthy = bus.subscribe('cwmp.inform', groupId, async (message) => {
        byHealthy.push(seqOf(message));
      });
      await failing.close();
      await healthy;
      await wait('redelivery', () => byHealthy.length > 0);
      expect(byHealthy).toEqual([1]);
    });

    it('dead-letters a bad schemaVersion, a bad shape and non-JSON, with the reason, and goes on', async () => {
      const received: Received[] = [];
      const letters: DeadLetter[] = [];
      await collect(uniqueName('dlq'), received);
      await bus.subscribeDeadLetters('cwmp.inform', uniqueName('dlq-reader'), async (letter) => {
        letters.push(letter);
      });
      const v2 = JSON.stringify({ ...inform('dev-d', 1), schemaVersion: 2 });
      const badShape = JSON.stringify({ ...inform('dev-d', 2), events: 'BOOT' });
      await bus.publishRaw('cwmp.inform', 'dev-d', v2, { 'x-test': 'kept' });
      await bus.publishRaw('cwmp.inform', 'dev-d', badShape);
      await bus.publishRaw('cwmp.inform', 'dev-d', '{"schemaVersion":1,');
      await bus.publish('cwmp.inform', 'dev-d', inform('dev-d', 4));

      await wait(
        'the valid message and 3 dead letters',
        () => received.length >= 1 && letters.length >= 3,
      );
      expect(received.map(seqOf)).toEqual([4]);
      expect(letters.map((l) => l.reason)).toEqual([
        'unsupported schemaVersion 2 (supported: 1)',
        'message.events must be an array',
        expect.stringMatching(/^value is not JSON/),
      ]);
      expect(letters[0]).toMatchObject({ topic: 'cwmp.inform', key: 'dev-d', value: v2 });
      expect(letters[0]?.headers['x-test']).toBe('kept');
    });

    it('refuses to publish an invalid message', async () => {
      const bad = { ...inform('dev-x', 1), deviceId: '' } as InformMessage;
      await expect(bus.publish('cwmp.inform', '', bad)).rejects.toThrow(
        /deviceId must be a non-empty string/,
      );
      await expect(bus.publish('cwmp.inform', 'other', inform('dev-x', 1))).rejects.toThrow(
        /key "other" is not the message's deviceId/,
      );
      // A campaign's changes are keyed by the campaign, not a device.
      const event = {
        schemaVersion: 1,
        campaignId: 'c1',
        state: 'paused',
        stage: 0,
        change: 'paused',
        reason: 'stop rule',
        at: '2026-12-05T10:00:00Z',
      } as const;
      await expect(bus.publish('firmware.campaigns', 'dev-x', event)).rejects.toThrow(
        /key "dev-x" is not the message's campaignId/,
      );
      await expect(bus.publish('firmware.campaigns', 'c1', event)).resolves.toBeUndefined();
    });

    it("carries the publisher's trace: the handler is given a consume span of the same trace", async () => {
      const received: Received[] = [];
      let handlerSpan: { traceId: string; spanId: string } | undefined;
      await collect(uniqueName('trace'), received, async (_message, span) => {
        handlerSpan = span?.spanContext();
      });
      const root = trace.getTracer('contract').startSpan('gateway session');
      await bus.publish('cwmp.inform', 'dev-t', inform('dev-t', 1), spanTraceHeaders(root));
      root.end();
      await wait('the message', () => received.length >= 1);

      const traceId = root.spanContext().traceId;
      const traceparent = received[0]?.headers[Headers.traceparent] ?? '';
      expect(traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
      expect(handlerSpan?.traceId).toBe(traceId);
      await wait('the consume span', () =>
        options.spans
          .getFinishedSpans()
          .some((s) => s.spanContext().spanId === handlerSpan?.spanId),
      );
      const spans = options.spans.getFinishedSpans();
      const publish = spans.find(
        (s) => s.name === 'cwmp.inform publish' && s.spanContext().traceId === traceId,
      );
      const consume = spans.find((s) => s.spanContext().spanId === handlerSpan?.spanId);
      expect(consume?.name).toBe('cwmp.inform process');
      if (options.producerSpans) {
        expect(publish?.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
        expect(consume?.parentSpanContext?.spanId).toBe(publish?.spanContext().spanId);
      } else {
        expect(publish).toBeUndefined();
        expect(consume?.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
      }
    });

    it('hands a group only the messages it accepts; the others are consumed without a span', async () => {
      const received: Received[] = [];
      const group = uniqueName('accepts');
      await bus.subscribe('cwmp.inform', group, async (message) => void received.push(message), {
        accepts: (message) => message.key === 'dev-wanted',
      });
      const all: Received[] = [];
      await collect(uniqueName('all'), all);
      const root = trace.getTracer('contract').startSpan('gateway session');
      const headers = spanTraceHeaders(root);
      await bus.publish('cwmp.inform', 'dev-ignored', inform('dev-ignored', 1), headers);
      await bus.publish('cwmp.inform', 'dev-wanted', inform('dev-wanted', 2), headers);
      root.end();
      await wait('both messages in the other group', () => all.length >= 2);
      await wait('the accepted message', () => received.length >= 1);
      await delay(100);
      expect(received.map((m) => m.key)).toEqual(['dev-wanted']);
      // Each group's consumer span: two for the group taking both, one for the accepting group.
      await wait('the consume spans', () => consumeSpans().length >= 3);
      await delay(100);
      expect(consumeSpans()).toHaveLength(3);

      function consumeSpans() {
        return options.spans
          .getFinishedSpans()
          .filter(
            (s) =>
              s.name === 'cwmp.inform process' &&
              s.spanContext().traceId === root.spanContext().traceId,
          );
      }
    });

    it('waits for a running handler when a subscription closes', async () => {
      let finished = false;
      let started = false;
      const subscription = await bus.subscribe('cwmp.inform', uniqueName('close'), async () => {
        started = true;
        await delay(300);
        finished = true;
      });
      await bus.publish('cwmp.inform', 'dev-c', inform('dev-c', 1));
      await wait('the handler to start', () => started);
      await subscription.close();
      expect(finished).toBe(true);
    });
  });
}
