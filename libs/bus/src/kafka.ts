/**
 * The Kafka adapter (kafkajs 2.2.4, brokers 3.9). Publishing: an idempotent producer, messages
 * keyed by deviceId, each call resolved on the broker's ack (acks=all); the messages published
 * while a produce request is in flight go together in the next one (ProduceBatcher). Consuming: one
 * kafkajs consumer per subscription, messages of a partition handled one at a time, and the
 * offset committed only after the handler resolved (or the message was dead-lettered): a crash
 * in between redelivers it (at-least-once).
 */
import {
  Kafka,
  logLevel as KafkaLogLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type IHeaders,
  type KafkaConfig,
  type KafkaMessage,
  type logCreator,
  type Producer,
  type RetryOptions,
} from 'kafkajs';
import { deadLetterTopic, Topics, type Topic, type TopicMessages } from '@meridian/contracts';
import { adapterInstruments } from '@meridian/telemetry';
import type { Bus, BusHandler, BusHeaders, BusTopic, SubscribeOptions, Subscription } from './bus';
import {
  deliver,
  deliverRaw,
  publishChecked,
  toDeadLetter,
  type DeadLetter,
  type DeadLetterBus,
  type DeliveryOutcome,
  type RawRecord,
} from './delivery';
import { stderrLogger, type Logger, type LogLevel } from './logger';
import { ProduceBatcher, type Outgoing } from './produce-batcher';
import { defaultRetryPolicy, type RetryPolicy } from './retry';

/**
 * How a Kafka client reaches brokers that are secured: TLS (`ssl`: true for Node's CAs, or the
 * CA, client certificate and key) and SASL authentication, as kafkajs takes them. Every client of
 * a service (bus, lag reader, USP MTP, health check) connects with the same.
 */
export type KafkaSecurity = Pick<KafkaConfig, 'ssl' | 'sasl'>;

export interface KafkaBusConfig {
  brokers: string[];
  security?: KafkaSecurity;
  clientId: string;
  /** Partition count of the topics ensureTopics creates. */
  partitions: number;
  /** Prepended to every topic name (isolates test runs sharing a broker); default none. */
  topicPrefix?: string;
  /** Create the topics and their dead-letter topics on connect (default true). */
  ensureTopics?: boolean;
  /**
   * Where a group without a committed offset starts: true (default) reads what the topic
   * retains, so messages published while a new group first joins are not skipped.
   */
  fromBeginning?: boolean;
  /** Retries of a failing handler. */
  retry?: Partial<RetryPolicy>;
  /** kafkajs' own reconnect/request retries. */
  clientRetry?: RetryOptions;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** Longest time a fetch waits on the broker for data. */
  maxWaitTimeMs?: number;
  /** How long subscribe waits for the consumer to join its group (default 30 s). */
  joinTimeoutMs?: number;
  logger?: Logger;
  /** Least severe kafkajs log entry passed to the logger (default warn). */
  clientLogLevel?: LogLevel;
}

const KAFKAJS_LEVELS: Record<LogLevel, KafkaLogLevel> = {
  debug: KafkaLogLevel.DEBUG,
  info: KafkaLogLevel.INFO,
  warn: KafkaLogLevel.WARN,
  error: KafkaLogLevel.ERROR,
};

/** Routes kafkajs' log entries to `logger`, one call per entry. */
export function kafkaLogCreator(logger: Logger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, ...fields } = log;
      // Our own way of leaving a message unconsumed on close, which kafkajs reports as an error.
      const aborted =
        typeof fields.stack === 'string' && fields.stack.startsWith('DeliveryAborted');
      const at: LogLevel = aborted
        ? 'debug'
        : level === KafkaLogLevel.ERROR
          ? 'error'
          : level === KafkaLogLevel.WARN
            ? 'warn'
            : level === KafkaLogLevel.INFO
              ? 'info'
              : 'debug';
      logger[at](`kafkajs ${namespace}: ${message}`, fields);
    };
}

/** Every topic of ARCHITECTURE.md "Contracts" and its dead-letter topic, prefixed. */
export function busTopicNames(prefix = ''): string[] {
  return Object.values(Topics).flatMap((topic: Topic) => [
    `${prefix}${topic}`,
    `${prefix}${deadLetterTopic(topic)}`,
  ]);
}

/**
 * Creates the topics that do not exist yet and waits until every partition has a leader; true
 * when it created any.
 */
export async function ensureTopics(
  admin: Admin,
  partitions: number,
  prefix = '',
  replicationFactor = 1,
  timeoutMs = 30_000,
): Promise<boolean> {
  const topics = busTopicNames(prefix);
  // Only the missing ones: asking for an existing topic makes kafkajs log an error.
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((topic) => !existing.has(topic));
  const created =
    missing.length > 0 &&
    (await admin
      .createTopics({
        // kafkajs' own wait gives up when a KRaft broker briefly reports a new topic as unknown.
        waitForLeaders: false,
        topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor })),
      })
      .catch((error: unknown) => {
        throw new Error(`creating Kafka topics failed: ${topicErrors(error)}`, { cause: error });
      }));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ready = await admin
      .fetchTopicMetadata({ topics })
      .then((m) =>
        m.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)),
      )
      .catch(() => false);
    if (ready) return created;
    if (Date.now() > deadline)
      throw new Error(`topics have no leader after ${timeoutMs} ms: ${topics.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * What the broker said of each topic kafkajs could not create (its aggregate error only says
 * "Topic creation errors"), e.g. "Not authorized to access topics: [Topic authorization failed]
 * (18 topics: cwmp.commands, cwmp.commands.dlq, cwmp.connection-requests, …)".
 */
function topicErrors(error: unknown): string {
  const errors = (error as { errors?: { message?: string; topic?: string }[] }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return String(error);
  const byMessage = new Map<string, string[]>();
  for (const { message = 'unknown error', topic = '?' } of errors) {
    byMessage.set(message, [...(byMessage.get(message) ?? []), topic]);
  }
  return [...byMessage]
    .map(
      ([message, topics]) =>
        `${message} (${topics.length} topics: ${topics.slice(0, 3).join(', ')}${topics.length > 3 ? ', …' : ''})`,
    )
    .join('; ');
}

/** kafkajs headers (Buffer, string or arrays of them) as strings; the last value of a repeated header wins. */
export function decodeHeaders(headers: IHeaders | undefined): BusHeaders {
  const decoded: BusHeaders = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value !== undefined) decoded[name] = value.toString();
  }
  return decoded;
}

const toRecord = (message: KafkaMessage): RawRecord => ({
  key: message.key?.toString() ?? '',
  value: message.value,
  headers: decodeHeaders(message.headers),
});

type Handle = (
  record: RawRecord,
  signal: AbortSignal,
  heartbeat: () => Promise<void>,
) => Promise<DeliveryOutcome>;

/** Thrown out of eachMessage so kafkajs neither moves past nor commits the message. */
class DeliveryAborted extends Error {
  constructor() {
    super('subscription closing: message left for redelivery');
    this.name = 'DeliveryAborted';
  }
}

/*
 * A produce request's bounds: the broker's default message.max.bytes (1 MiB) is per partition's
 * record batch, so a request of 512 KiB of keys and values stays within it whatever the spread.
 */
const PRODUCE_LIMITS = { maxRecords: 500, maxBytes: 512 * 1024 };

export class KafkaBus implements Bus, DeadLetterBus {
  private readonly subscriptions = new Set<Subscription>();
  private closing = false;
  private readonly batcher = new ProduceBatcher((batch) => this.sendBatch(batch), PRODUCE_LIMITS);

  private constructor(
    private readonly kafka: Kafka,
    private readonly producer: Producer,
    private readonly config: KafkaBusConfig,
    private readonly logger: Logger,
    private readonly retry: RetryPolicy,
  ) {}

  /** Connects the producer (after creating the topics unless `ensureTopics` is false). */
  static async connect(config: KafkaBusConfig): Promise<KafkaBus> {
    const logger = config.logger ?? stderrLogger('info', 'kafka-bus');
    const kafka = new Kafka({
      clientId: config.clientId,
      brokers: config.brokers,
      ...config.security,
      logLevel: KAFKAJS_LEVELS[config.clientLogLevel ?? 'warn'],
      logCreator: kafkaLogCreator(logger),
      retry: config.clientRetry,
    });
    if (config.ensureTopics ?? true) {
      const admin = kafka.admin();
      await admin.connect();
      try {
        await ensureTopics(admin, config.partitions, config.topicPrefix);
      } finally {
        await admin.disconnect();
      }
    }
    const producer = kafka.producer({
      idempotent: true,
      // kafkajs keeps sequence numbers right only with one request in flight per connection.
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      // Unbounded retries, as idempotence requires: a publish waits out a broker restart.
      retry: { ...config.clientRetry, retries: Number.MAX_SAFE_INTEGER },
    });
    await producer.connect();
    const retry = { ...defaultRetryPolicy, ...config.retry };
    return new KafkaBus(kafka, producer, config, logger, retry);
  }

  async publish<T extends BusTopic>(
    topic: T,
    key: string,
    value: TopicMessages[T],
    headers: BusHeaders = {},
  ): Promise<void> {
    this.assertOpen();
    await publishChecked(topic, key, value, headers, (record) => this.send(topic, record));
  }

  async publishRaw(
    topic: BusTopic,
    key: string,
    value: string | Buffer,
    headers: BusHeaders = {},
  ): Promise<void> {
    this.assertOpen();
    await this.send(topic, { key, value, headers });
  }

  async subscribe<T extends BusTopic>(
    topic: T,
    groupId: string,
    handler: BusHandler<T>,
    options: SubscribeOptions<T> = {},
  ): Promise<Subscription> {
    return this.consume(topic, groupId, (record, signal, heartbeat) =>
      deliver(topic, record, handler, {
        accepts: options.accepts,
        retry: this.retry,
        logger: this.logger,
        signal,
        betweenAttempts: heartbeat,
        deadLetter: (letter) => this.send(deadLetterTopic(topic), letter),
      }),
    );
  }

  async subscribeDeadLetters(
    topic: BusTopic,
    groupId: string,
    handler: (letter: DeadLetter) => Promise<void>,
  ): Promise<Subscription> {
    return this.consume(deadLetterTopic(topic), groupId, (record, signal, heartbeat) =>
      deliverRaw(() => handler(toDeadLetter(topic, record)), {
        retry: this.retry,
        logger: this.logger,
        signal,
        betweenAttempts: heartbeat,
      }),
    );
  }

  /** Closes every subscription (waiting for running handlers), then the producer. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.producer.disconnect();
  }

  private name(topic: string): string {
    return `${this.config.topicPrefix ?? ''}${topic}`;
  }

  private async send(topic: string, record: RawRecord): Promise<void> {
    const started = performance.now();
    let outcome = 'ok';
    try {
      await this.batcher.produce(topic, record);
    } catch (error) {
      outcome = 'error';
      throw error;
    } finally {
      adapterInstruments().kafkaProduceDuration.record((performance.now() - started) / 1000, {
        topic,
        outcome,
      });
    }
  }

  private async sendBatch(batch: readonly Outgoing[]): Promise<void> {
    const byTopic = new Map<string, RawRecord[]>();
    for (const { topic, record } of batch) {
      const records = byTopic.get(topic);
      if (records) records.push(record);
      else byTopic.set(topic, [record]);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, records]) => ({
        topic: this.name(topic),
        messages: records.map(({ key, value, headers }) => ({ key, value, headers })),
      })),
    });
  }

  private async consume(topic: string, groupId: string, handle: Handle): Promise<Subscription> {
    this.assertOpen();
    const consumer = this.kafka.consumer({
      groupId,
      sessionTimeout: this.config.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: this.config.heartbeatIntervalMs ?? 3_000,
      maxWaitTimeInMs: this.config.maxWaitTimeMs ?? 1_000,
      allowAutoTopicCreation: false,
    });
    const abort = new AbortController();
    const subscription: Subscription = {
      close: async () => {
        this.subscriptions.delete(subscription);
        abort.abort();
        // Waits for the running eachMessage calls, then leaves the group.
        await consumer.disconnect();
      },
    };
    this.subscriptions.add(subscription);
    reportLag(consumer, topic, groupId);
    const joined = waitForJoin(consumer, this.config.joinTimeoutMs ?? 30_000);
    try {
      await consumer.connect();
      await consumer.subscribe({
        topics: [this.name(topic)],
        fromBeginning: this.config.fromBeginning ?? true,
      });
      await consumer.run({
        autoCommit: false,
        // Partitions are independent: handle them side by side, each one in order.
        partitionsConsumedConcurrently: this.config.partitions,
        eachMessage: async ({ topic: kafkaTopic, partition, message, heartbeat }) => {
          // A handler slower than the session timeout (a slow database) must not cost this
          // member its partitions; kafkajs throttles heartbeats to the configured interval.
          const ticker = setInterval(
            () => void heartbeat().catch(() => undefined),
            this.config.heartbeatIntervalMs ?? 3_000,
          );
          const outcome = await handle(toRecord(message), abort.signal, heartbeat).finally(() =>
            clearInterval(ticker),
          );
          if (outcome === 'aborted') throw new DeliveryAborted();
          await consumer.commitOffsets([
            { topic: kafkaTopic, partition, offset: (BigInt(message.offset) + 1n).toString() },
          ]);
        },
      });
      await joined;
    } catch (error) {
      joined.catch(() => undefined);
      await subscription.close();
      throw error;
    }
    return subscription;
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('KafkaBus is closed');
  }
}

/**
 * meridian_kafka_consumer_lag_messages of this consumer, from kafkajs' own batch events (no admin
 * request): after each batch, what is left behind the high watermark, summed over the partitions
 * this member has processed. A partition handed to another member keeps its last figure here
 * until the next rebalance clears the map.
 */
function reportLag(consumer: Consumer, topic: string, group: string): void {
  const lagByPartition = new Map<number, number>();
  const record = (): void => {
    let total = 0;
    for (const lag of lagByPartition.values()) total += lag;
    adapterInstruments().kafkaConsumerLag.record(total, { topic, group });
  };
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    lagByPartition.set(payload.partition, Math.max(0, Number(payload.offsetLag)));
    record();
  });
  consumer.on(consumer.events.GROUP_JOIN, () => {
    lagByPartition.clear();
    record();
  });
}

/** Resolves on the consumer's first group join (partitions assigned), rejects after `timeoutMs`. */
function waitForJoin(consumer: Consumer, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      removeListener();
      reject(new Error(`consumer did not join its group within ${timeoutMs} ms`));
    }, timeoutMs);
    const removeListener = consumer.on(consumer.events.GROUP_JOIN, () => {
      clearTimeout(timer);
      removeListener();
      resolve();
    });
  });
}
