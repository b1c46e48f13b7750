import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { Metrics, startTelemetry, type Telemetry } from '@meridian/telemetry';
import { backoffDelay, InProcessBus, partitionOf, silentLogger, type DeadLetter } from '../src';
import { busContract } from './contract';
import { delay, inform, seqOf, waitFor } from './fixtures';

const spans = new InMemorySpanExporter();
let telemetry: Telemetry;
beforeAll(() => {
  telemetry = startTelemetry({ serviceName: 'bus-spec', exporter: spans });
});
afterAll(() => telemetry.shutdown());

busContract('InProcessBus', {
  createBus: async () => new InProcessBus({ retry: { initialDelayMs: 10, maxDelayMs: 50 } }),
  spans,
  timeoutMs: 5_000,
  producerSpans: false,
});

describe('InProcessBus', () => {
  it('counts what the slowest group has not consumed, and holds publishers at maxPending', async () => {
    const bus = new InProcessBus({ partitions: 2, maxPending: 3 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const handled: number[] = [];
    await bus.subscribe('cwmp.inform', 'slow', async (message) => {
      await gate;
      handled.push(seqOf(message));
    });
    await bus.subscribe('cwmp.inform', 'fast', async () => undefined);
    for (let seq = 1; seq <= 3; seq++)
      await bus.publish('cwmp.inform', `d${seq}`, inform(`d${seq}`, seq));
    expect(bus.pending('cwmp.inform')).toBe(3);
    expect(bus.pending('cwmp.results')).toBe(0);
    // The fast group has handled them all; the slow one, whose count it is, none.
    expect(bus.handled('cwmp.inform')).toBe(0);

    // A fourth waits until the slow group makes room; nothing is dropped.
    let published = false;
    const fourth = bus.publish('cwmp.inform', 'd4', inform('d4', 4)).then(() => (published = true));
    await delay(50);
    expect(published).toBe(false);
    release();
    await fourth;
    await waitFor('every message', () => handled.length === 4);
    expect(handled.sort()).toEqual([1, 2, 3, 4]);
    await waitFor('all committed', () => bus.pending('cwmp.inform') === 0);
    expect(bus.handled('cwmp.inform')).toBe(4);
    await bus.close();
  });

  it('lets a publisher waiting for room go when the bus closes', async () => {
    const bus = new InProcessBus({ maxPending: 1 });
    await bus.subscribe('cwmp.inform', 'stuck', () => new Promise(() => undefined));
    await bus.publish('cwmp.inform', 'd1', inform('d1', 1));
    const waiting = bus.publish('cwmp.inform', 'd2', inform('d2', 2)).catch((e: Error) => e);
    await delay(20);
    const closing = bus.close();
    await expect(waiting).resolves.toBeInstanceOf(Error);
    void closing;
  });

  it('dead-letters a message whose handler keeps failing, when maxAttempts is set', async () => {
    const metrics = new Metrics();
    metrics.registerGlobal();
    const bus = new InProcessBus({ retry: { initialDelayMs: 1, maxDelayMs: 1, maxAttempts: 3 } });
    let attempts = 0;
    const after: number[] = [];
    const letters: DeadLetter[] = [];
    await bus.subscribe('cwmp.inform', 'g', async (message) => {
      if (seqOf(message) === 1) {
        attempts += 1;
        throw new Error('poison');
      }
      after.push(seqOf(message));
    });
    await bus.subscribeDeadLetters('cwmp.inform', 'ops', async (letter) => {
      letters.push(letter);
    });
    const poison = inform('d', 1);
    await bus.publish('cwmp.inform', 'd', poison);
    await bus.publish('cwmp.inform', 'd', inform('d', 2));
    await waitFor('the next message', () => after.length === 1 && letters.length === 1);
    expect(attempts).toBe(3);
    expect(letters[0]?.reason).toBe('handler failed 3 times: poison');
    // The message as its JSON text, as on Kafka, though the in-process bus carried no text.
    expect(JSON.parse(letters[0]?.value ?? '')).toEqual(poison);
    expect(after).toEqual([2]);
    expect(await metrics.scrape()).toMatch(
      /^meridian_bus_dead_letters_total\{topic="cwmp.inform",cause="failed"\} 1$/m,
    );
    await bus.close();
  });

  it('delivers a message as its JSON reads back, as a consumer on Kafka gets it', async () => {
    const bus = new InProcessBus();
    const received: unknown[] = [];
    await bus.subscribe('cwmp.inform', 'g', async (m) => {
      received.push(m.value);
    });
    // Extra fields are tolerated by the schema: a Date, an undefined one, a NaN.
    const published = inform('d', 1);
    const message = { ...published, at: new Date(0), gone: undefined, odd: NaN };
    await bus.publish('cwmp.inform', 'd', message);
    await waitFor('the message', () => received.length === 1);
    expect(received[0]).toEqual({ ...published, at: '1970-01-01T00:00:00.000Z', odd: null });
    expect(Object.keys(received[0] as object)).not.toContain('gone');
    await bus.close();
  });

  it('gives a group that joins late what was published before it', async () => {
    const bus = new InProcessBus();
    await bus.publish('cwmp.inform', 'd', inform('d', 1));
    const received: number[] = [];
    await bus.subscribe('cwmp.inform', 'late', async (m) => {
      received.push(seqOf(m));
    });
    await waitFor('the early message', () => received.length === 1);
    await bus.close();
  });

  it('gives every group the message as published, which no handler can change', async () => {
    const bus = new InProcessBus();
    const seen: string[][] = [];
    const refused: unknown[] = [];
    const handler =
      (group: number) => async (m: { value: { parameterList: { name: string }[] } }) => {
        seen[group] = m.value.parameterList.map((p) => p.name);
        try {
          m.value.parameterList.length = 0;
        } catch (error) {
          refused[group] = error;
        }
      };
    await bus.subscribe('cwmp.inform', 'one', handler(0));
    await bus.subscribe('cwmp.inform', 'two', handler(1));
    const message = {
      ...inform('d', 1),
      parameterList: [
        { name: 'Device.DeviceInfo.UpTime', value: '42', type: 'xsd:unsignedInt' as const },
      ],
    };
    const names = ['Device.DeviceInfo.UpTime'];
    await bus.publish('cwmp.inform', 'd', message);
    message.parameterList.length = 0;
    await waitFor('both groups', () => seen.length === 2 && seen.every(Boolean));
    expect(seen).toEqual([names, names]);
    expect(refused).toEqual([expect.any(TypeError), expect.any(TypeError)]);
    await bus.close();
  });

  it('drops the oldest records beyond maxRetained, even unconsumed, and says so', async () => {
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (message: string) => warnings.push(message) };
    const bus = new InProcessBus({ partitions: 1, maxRetained: 2, logger });
    const stopped = await bus.subscribe('cwmp.inform', 'g', async () => {
      throw new Error('never consumes');
    });
    await stopped.close();
    for (let seq = 0; seq < 10; seq++) await bus.publish('cwmp.inform', 'd', inform('d', seq));
    const received: number[] = [];
    await bus.subscribe('cwmp.inform', 'g', async (m) => {
      received.push(seqOf(m));
    });
    await waitFor('the last message', () => received.includes(9));
    expect(received.length).toBeLessThanOrEqual(3);
    expect(received.slice(-2)).toEqual([8, 9]);
    expect(warnings).toContain('retention dropped unconsumed records');
    await bus.close();
  });

  it('counts the records retention dropped as handled by a group that never got to them', async () => {
    const bus = new InProcessBus({ partitions: 1, maxRetained: 2, maxPending: 100 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await bus.subscribe('cwmp.inform', 'stuck', () => gate);
    for (let seq = 0; seq < 10; seq++) await bus.publish('cwmp.inform', 'd', inform('d', seq));
    // Retention keeps the last two (it drops in chunks of maxRetained): the other eight are
    // gone, so the stuck group is two behind, not ten.
    expect(bus.pending('cwmp.inform')).toBe(2);
    expect(bus.handled('cwmp.inform')).toBe(8);
    release();
    await waitFor('all committed', () => bus.pending('cwmp.inform') === 0);
    expect(bus.handled('cwmp.inform')).toBe(10);
    await bus.close();
  });

  it('keeps no memory per message once it is consumed (idle partitions do not pile up waiters)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heapAfterGc = (): number => {
      spans.reset(); // this spec's exporter keeps every span
      gc();
      return process.memoryUsage().heapUsed;
    };
    const bus = new InProcessBus({ partitions: 16 });
    let consumed = 0;
    await bus.subscribe('cwmp.inform', 'g', async () => {
      consumed++;
    });
    const publish = async (count: number): Promise<void> => {
      const target = consumed + count;
      for (let seq = 0; seq < count; seq++) await bus.publish('cwmp.inform', 'd', inform('d', seq));
      await waitFor('every message consumed', () => consumed === target);
    };
    await publish(500);
    const before = heapAfterGc();
    await publish(10_000);
    const grown = heapAfterGc() - before;
    // Leaking one wait per idle partition per message was ~20 MB here; the records are dropped.
    expect(grown).toBeLessThan(2 * 1024 * 1024);
    await bus.close();
    // 10,000 messages: a few seconds on a loaded machine (CI runs suites in parallel).
  }, 30_000);

  it('waits for running handlers on close and refuses to publish after', async () => {
    const bus = new InProcessBus();
    let finished = false;
    await bus.subscribe('cwmp.inform', 'g', async () => {
      await delay(100);
      finished = true;
    });
    await bus.publish('cwmp.inform', 'd', inform('d', 1));
    await delay(10);
    await bus.close();
    expect(finished).toBe(true);
    await expect(bus.publish('cwmp.inform', 'd', inform('d', 2))).rejects.toThrow(/closed/);
  });

  it('maps a key to one partition, spreading keys', () => {
    expect(partitionOf('dev-1', 4)).toBe(partitionOf('dev-1', 4));
    const used = new Set(Array.from({ length: 50 }, (_, i) => partitionOf(`dev-${i}`, 4)));
    expect(used.size).toBe(4);
  });
});

describe('backoffDelay', () => {
  const policy = { initialDelayMs: 100, maxDelayMs: 1_000, maxAttempts: Infinity };
  it('doubles from the initial delay, with jitter between half and all of it, up to the cap', () => {
    expect(backoffDelay(policy, 1, () => 1)).toBe(100);
    expect(backoffDelay(policy, 3, () => 1)).toBe(400);
    expect(backoffDelay(policy, 3, () => 0)).toBe(200);
    expect(backoffDelay(policy, 20, () => 1)).toBe(1_000);
  });
});
