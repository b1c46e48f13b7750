/**
 * The embedded bus of the all-in-one process: Kafka's delivery model in memory. Each topic has
 * a fixed number of partitions chosen by key; each consumer group reads every partition in
 * order, one message at a time, and each partition is served by one member of the group at a
 * time (partition p → the (p mod n)-th member). Nothing survives the process.
 */
import { deadLetterTopic, type TopicMessages } from '@meridian/contracts';
import type { Bus, BusHandler, BusHeaders, BusTopic, SubscribeOptions, Subscription } from './bus';
import {
  deliver,
  deliverRaw,
  publishChecked,
  toDeadLetter,
  type DeadLetter,
  type DeadLetterBus,
  type DeliveryOptions,
  type DeliveryOutcome,
  type RawRecord,
} from './delivery';
import { silentLogger, type Logger } from './logger';
import { defaultRetryPolicy, type RetryPolicy } from './retry';

export interface InProcessBusOptions {
  /** Partitions per topic, hence the most members of one group that work at once (default 4). */
  partitions?: number;
  /**
   * Records kept per partition (default 100 000; dropped in chunks of up to 256, so a few more
   * may stay), like Kafka's retention: beyond it the oldest are dropped even if a group has not consumed them (a group whose members are all
   * gone, or a topic nobody subscribes to, must not grow memory forever).
   */
  maxRetained?: number;
  /**
   * Records of a topic not yet consumed by one of its groups beyond which `publish` waits until
   * that group catches up (default 10 000): a producer faster than its consumers is slowed down
   * instead of filling memory. `pending(topic)` tells how far behind the slowest group is.
   */
  maxPending?: number;
  retry?: Partial<RetryPolicy>;
  logger?: Logger;
}

/** FNV-1a: a stable key → partition mapping. */
export function partitionOf(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}

/**
 * Wakes every waiter at once. A wait registers synchronously, so a waiter that checked its
 * condition and then waits loses no wake-up. Waits are removed from every signal they were on
 * when one fires: racing promises of long-lived signals instead left a reaction on the signal
 * that did not fire, one per wait, for as long as that signal did not (memory growing with
 * every message on a topic whose group membership never changed).
 */
class Signal {
  private waiters = new Set<() => void>();

  notify(): void {
    // Most notifies find no one waiting (an append to a partition whose loop is busy).
    if (this.waiters.size === 0) return;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /** Resolves when any of the signals is notified. */
  static any(...signals: Signal[]): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        for (const signal of signals) signal.waiters.delete(wake);
        resolve();
      };
      for (const signal of signals) signal.waiters.add(wake);
    });
  }
}

/** One topic's records; records every group has consumed are dropped. */
class Log {
  readonly records: RawRecord[][];
  /** Offset of records[p][0]. */
  readonly base: number[];
  readonly groups = new Set<Group>();
  /** Records ever appended, over every partition: the sum of their end offsets. */
  appendedTotal = 0;
  /** Per partition: an append wakes the loops of that partition only. */
  readonly appended: Signal[];
  /** Notified whenever a group commits: a producer waiting for room looks again. */
  readonly consumed = new Signal();

  constructor(
    partitions: number,
    private readonly maxRetained: number,
  ) {
    this.records = Array.from({ length: partitions }, () => []);
    this.base = Array.from({ length: partitions }, () => 0);
    this.appended = Array.from({ length: partitions }, () => new Signal());
  }

  /** Appends; returns how many old records were dropped to stay within maxRetained. */
  append(partition: number, record: RawRecord): number {
    const records = this.records[partition] ?? [];
    records.push(record);
    this.appendedTotal++;
    this.appended[partition]?.notify();
    const excess = records.length - this.maxRetained;
    if (excess < Math.min(256, this.maxRetained)) return 0;
    const base = (this.base[partition] ?? 0) + excess;
    records.splice(0, excess);
    this.base[partition] = base;
    for (const group of this.groups) group.advance(partition, base);
    return excess;
  }

  /** Records appended and not yet consumed by the slowest group (0 without groups). */
  pending(): number {
    let most = 0;
    for (const group of this.groups) {
      most = Math.max(most, this.appendedTotal - group.committedTotal);
    }
    return most;
  }

  /** Records the slowest group has consumed so far (0 without groups): only grows. */
  handled(): number {
    let least: number | undefined;
    for (const group of this.groups) {
      least = least === undefined ? group.committedTotal : Math.min(least, group.committedTotal);
    }
    return least ?? 0;
  }

  at(partition: number, offset: number): RawRecord | undefined {
    return this.records[partition]?.[offset - (this.base[partition] ?? 0)];
  }

  trim(partition: number): void {
    const base = this.base[partition] ?? 0;
    if (this.groups.size === 0) return;
    let slowest = Infinity;
    for (const group of this.groups) {
      slowest = Math.min(slowest, group.committed[partition] ?? base);
    }
    const consumed = slowest - base;
    // Dropped in chunks: shifting an array on every commit would be quadratic.
    if (consumed >= 256 || consumed === this.records[partition]?.length) {
      this.records[partition]?.splice(0, consumed);
      this.base[partition] = base + consumed;
    }
  }
}

type Handle = (record: RawRecord, member: Member) => Promise<DeliveryOutcome>;

interface Member {
  readonly abort: AbortController;
  readonly inFlight: Set<Promise<DeliveryOutcome>>;
  readonly handle: Handle;
}

class Group {
  /** Per partition, the offset of the next record to consume; only grows (`advance`). */
  readonly committed: number[];
  /** The committed offsets summed: what pending() and handled() read, per message. */
  committedTotal: number;
  readonly members: Member[] = [];
  readonly changed = new Signal();
  private readonly loops: Promise<void>[];
  private closed = false;

  constructor(private readonly log: Log) {
    // Like auto.offset.reset=earliest: a new group sees what is still retained.
    this.committed = [...log.base];
    this.committedTotal = this.committed.reduce((sum, offset) => sum + offset, 0);
    log.groups.add(this);
    this.loops = log.records.map((_, p) => this.run(p));
  }

  /** Moves the partition's committed offset to `offset` unless it is already past it. */
  advance(partition: number, offset: number): void {
    const from = this.committed[partition] ?? 0;
    if (offset <= from) return;
    this.committed[partition] = offset;
    this.committedTotal += offset - from;
  }

  join(member: Member): void {
    this.members.push(member);
    this.changed.notify();
  }

  async leave(member: Member): Promise<void> {
    member.abort.abort();
    const index = this.members.indexOf(member);
    if (index >= 0) this.members.splice(index, 1);
    this.changed.notify();
    await Promise.all(member.inFlight);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.changed.notify();
    await Promise.all([...this.members].map((m) => this.leave(m)));
    await Promise.all(this.loops);
    this.log.groups.delete(this);
  }

  private async run(partition: number): Promise<void> {
    while (!this.closed) {
      const offset = this.committed[partition] ?? 0;
      const record = this.log.at(partition, offset);
      const member = this.members[partition % Math.max(this.members.length, 1)];
      if (!record || !member) {
        await Signal.any(this.log.appended[partition] ?? this.changed, this.changed);
        continue;
      }
      const delivery = member.handle(record, member);
      member.inFlight.add(delivery);
      const outcome = await delivery.finally(() => member.inFlight.delete(delivery));
      if (outcome === 'consumed') {
        // Retention may have moved the group past this record meanwhile.
        this.advance(partition, offset + 1);
        this.log.trim(partition);
        this.log.consumed.notify();
      }
    }
  }
}

export class InProcessBus implements Bus, DeadLetterBus {
  private readonly partitions: number;
  private readonly maxRetained: number;
  private readonly maxPending: number;
  private readonly retry: RetryPolicy;
  private readonly logger: Logger;
  private readonly logs = new Map<string, Log>();
  private readonly groups = new Map<string, Group>();
  private closing = false;
  private readonly closed = new Signal();

  constructor(options: InProcessBusOptions = {}) {
    this.partitions = options.partitions ?? 4;
    this.maxRetained = options.maxRetained ?? 100_000;
    this.maxPending = options.maxPending ?? 10_000;
    this.retry = { ...defaultRetryPolicy, ...options.retry };
    this.logger = options.logger ?? silentLogger;
  }

  async publish<T extends BusTopic>(
    topic: T,
    key: string,
    value: TopicMessages[T],
    headers: BusHeaders = {},
  ): Promise<void> {
    this.assertOpen();
    // Awaited only when full: a publish with room appends without a turn of the microtask queue.
    const log = this.log(topic);
    if (log.pending() >= this.maxPending) await this.room(log);
    await publishChecked(
      topic,
      key,
      value,
      headers,
      async (record) => this.append(topic, record),
      'in-process',
    );
  }

  /** Messages of `topic` its slowest consumer group has not yet handled. */
  pending(topic: BusTopic): number {
    return this.logs.get(topic)?.pending() ?? 0;
  }

  /** Messages of `topic` its slowest consumer group has handled so far (a growing counter). */
  handled(topic: BusTopic): number {
    return this.logs.get(topic)?.handled() ?? 0;
  }

  /** Waits while the topic's slowest group is maxPending records or more behind. */
  private async room(log: Log): Promise<void> {
    while (!this.closing && log.pending() >= this.maxPending) {
      await Signal.any(log.consumed, this.closed);
    }
    this.assertOpen();
  }

  async publishRaw(
    topic: BusTopic,
    key: string,
    value: string | Buffer,
    headers: BusHeaders = {},
  ): Promise<void> {
    this.assertOpen();
    this.append(topic, { key, value: Buffer.from(value), headers });
  }

  async subscribe<T extends BusTopic>(
    topic: T,
    groupId: string,
    handler: BusHandler<T>,
    options: SubscribeOptions<T> = {},
  ): Promise<Subscription> {
    return this.join(topic, groupId, (record, member) =>
      deliver(topic, record, handler, {
        accepts: options.accepts,
        ...this.deliveryOptions(member),
        deadLetter: async (letter) => this.append(deadLetterTopic(topic), letter),
      }),
    );
  }

  async subscribeDeadLetters(
    topic: BusTopic,
    groupId: string,
    handler: (letter: DeadLetter) => Promise<void>,
  ): Promise<Subscription> {
    return this.join(deadLetterTopic(topic), groupId, (record, member) =>
      deliverRaw(() => handler(toDeadLetter(topic, record)), this.deliveryOptions(member)),
    );
  }

  /** Stops every subscription, waiting for handlers that are running; publish fails after. */
  async close(): Promise<void> {
    this.closing = true;
    this.closed.notify();
    await Promise.all([...this.groups.values()].map((group) => group.close()));
    this.groups.clear();
  }

  private deliveryOptions(member: Member): Omit<DeliveryOptions, 'deadLetter'> {
    return { retry: this.retry, logger: this.logger, signal: member.abort.signal };
  }

  private join(topic: string, groupId: string, handle: Handle): Subscription {
    this.assertOpen();
    const name = `${topic}\u0000${groupId}`;
    let group = this.groups.get(name);
    if (!group) {
      group = new Group(this.log(topic));
      this.groups.set(name, group);
    }
    const member: Member = { abort: new AbortController(), inFlight: new Set(), handle };
    const joined = group;
    joined.join(member);
    return { close: () => joined.leave(member) };
  }

  private append(topic: string, record: RawRecord): void {
    const dropped = this.log(topic).append(partitionOf(record.key, this.partitions), record);
    if (dropped > 0) this.logger.warn('retention dropped unconsumed records', { topic, dropped });
  }

  private log(topic: string): Log {
    let log = this.logs.get(topic);
    if (!log) {
      log = new Log(this.partitions, this.maxRetained);
      this.logs.set(topic, log);
    }
    return log;
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('InProcessBus is closed');
  }
}
