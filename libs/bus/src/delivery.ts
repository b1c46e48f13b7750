/**
 * What both adapters do around the transport: check and trace what is published; on consume,
 * decode and check the message, dead-letter what is not valid, and run the handler in a consumer
 * span with retries. The adapters only move records and offsets.
 */
import { SpanKind, trace, TraceFlags, type Context, type Span } from '@opentelemetry/api';
import {
  deepFreeze,
  frozenJsonCopy,
  Headers,
  validateMessage,
  type TopicMessages,
  type Validation,
} from '@meridian/contracts';
import {
  adapterInstruments,
  contextFromHeaders,
  injectTraceHeaders,
  recordError,
  tracer,
  tracingOn,
} from '@meridian/telemetry';
import type { BusHandler, BusHeaders, BusMessage, BusTopic, Subscription } from './bus';
import type { Logger } from './logger';
import { backoffDelay, sleep, type RetryPolicy } from './retry';

const TRACER = '@meridian/bus';

/** A message as the transport carries it. */
export interface RawRecord {
  key: string;
  /** Null for a message of the in-process bus (`decoded` holds it) and for an empty one. */
  value: Buffer | string | null;
  headers: BusHeaders;
  /**
   * The message, decoded and checked, frozen (deeply) so that no handler can change what another
   * receives: set when the in-process bus publishes it (its `value` is then null), or by the first
   * delivery of a record that came as text (`publishRaw`), which every other group reuses.
   */
  decoded?: Validation<BusMessage<BusTopic>>;
}

/** A message refused by consumers, as found on `<topic>.dlq`. */
export interface DeadLetter {
  /** The topic the message was refused on. */
  topic: BusTopic;
  key: string;
  /** The value as it was received (UTF-8 text). */
  value: string;
  reason: string;
  headers: BusHeaders;
}

/** What both adapters offer beyond the Bus port: the dead-letter side, for operators and tests. */
export interface DeadLetterBus {
  /** Publishes bytes as they are, unchecked (replaying a dead letter after a fix, tests). */
  publishRaw(
    topic: BusTopic,
    key: string,
    value: string | Buffer,
    headers?: BusHeaders,
  ): Promise<void>;
  /** Consumes `<topic>.dlq` in consumer group `groupId`. */
  subscribeDeadLetters(
    topic: BusTopic,
    groupId: string,
    handler: (letter: DeadLetter) => Promise<void>,
  ): Promise<Subscription>;
}

/** Whether a bus offers the dead-letter side (both adapters do; wrappers may not). */
export function isDeadLetterBus<B extends object>(bus: B): bus is B & DeadLetterBus {
  return 'subscribeDeadLetters' in bus && 'publishRaw' in bus;
}

export class InvalidMessageError extends Error {
  constructor(
    readonly topic: BusTopic,
    readonly reason: string,
  ) {
    super(`invalid ${topic} message: ${reason}`);
    this.name = 'InvalidMessageError';
  }
}

function checkMessage<T extends BusTopic>(
  topic: T,
  key: string,
  value: unknown,
): Validation<TopicMessages[T]> {
  const checked = validateMessage(topic, value);
  // A campaign's changes are keyed by their campaign; everything else by its device.
  const keyField = topic === 'firmware.campaigns' ? 'campaignId' : 'deviceId';
  const keyValue = checked.ok ? (checked.value as Record<string, unknown>)[keyField] : key;
  if (checked.ok && keyValue !== key) {
    // The key decides the partition: a wrong key would break per-device ordering.
    return { ok: false, reason: `key ${JSON.stringify(key)} is not the message's ${keyField}` };
  }
  return checked;
}

/**
 * How a published record carries its message: as JSON text (`wire`: Kafka, another process
 * decodes and checks it again), or, on the in-process bus (`in-process`), as the checked message
 * itself, copied as JSON would and frozen (`frozenJsonCopy`), already decoded for every consumer
 * group: no text is made or parsed for a message that never leaves the process.
 */
export type RecordEncoding = 'wire' | 'in-process';

/**
 * Checks the message, then sends it. Its headers carry the trace the caller gives (a
 * traceparent in `headers`: no active context is read). With tracing on, on the wire (Kafka)
 * the message is sent in a producer span, child of that traceparent (or the root of a new
 * trace without one), whose ids the headers carry instead, so the broker's time shows in the
 * trace; the in-process bus makes none (an append to memory, nothing an SRE reads), and its
 * consumers' spans are children of the publisher's own span. A trace not sampled gets no span.
 * Throws InvalidMessageError rather than publishing what consumers would dead-letter.
 */
export async function publishChecked<T extends BusTopic>(
  topic: T,
  key: string,
  value: TopicMessages[T],
  headers: BusHeaders,
  send: (record: RawRecord) => Promise<void>,
  encoding: RecordEncoding = 'wire',
): Promise<void> {
  const checked = checkMessage(topic, key, value);
  if (!checked.ok) throw new InvalidMessageError(topic, checked.reason);
  const record = (headers: BusHeaders): RawRecord =>
    encoding === 'wire'
      ? { key, value: JSON.stringify(value), headers }
      : {
          key,
          value: null,
          headers,
          decoded: {
            ok: true,
            value: Object.freeze({
              topic,
              key,
              value: frozenJsonCopy(value),
              // Copied: the record holds the publisher's own object.
              headers: Object.freeze({ ...headers }),
            }),
          },
        };
  // No span to make: the headers (the caller's traceparent, if any) go on as they are.
  if (!tracingOn() || encoding === 'in-process') return send(record(headers));
  const parent = contextFromHeaders(headers);
  if (!recorded(parent)) return send(record(headers));
  const span = tracer(TRACER).startSpan(
    `${topic} publish`,
    { kind: SpanKind.PRODUCER, attributes: messagingAttributes(topic, key) },
    parent,
  );
  try {
    await send(record({ ...headers, ...injectTraceHeaders(trace.setSpan(parent, span)) }));
  } catch (error) {
    recordError(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Whether spans made under `parent` are recorded: its trace is sampled, or it starts one. */
function recorded(parent: Context): boolean {
  const remote = trace.getSpanContext(parent);
  return remote === undefined || (remote.traceFlags & TraceFlags.SAMPLED) !== 0;
}

const messagingAttributes = (topic: string, key: string) => ({
  'messaging.destination.name': topic,
  'messaging.kafka.message.key': key,
});

const text = (value: Buffer | string | null): string =>
  value === null ? '' : typeof value === 'string' ? value : value.toString('utf8');

/**
 * Decodes and checks a consumed record; the message is frozen (deeply): a handler reads it and
 * never changes it, on either adapter. A record of the in-process bus comes decoded (`decoded`,
 * set when it was published and checked, or by its delivery to another consumer group).
 */
export function decodeRecord<T extends BusTopic>(
  topic: T,
  record: RawRecord,
): Validation<BusMessage<T>> {
  record.decoded ??= decodeValue(topic, record);
  return record.decoded as Validation<BusMessage<T>>;
}

function decodeValue(topic: BusTopic, record: RawRecord): Validation<BusMessage<BusTopic>> {
  if (record.value === null) return { ok: false, reason: 'empty value' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text(record.value));
  } catch (error) {
    return { ok: false, reason: `value is not JSON: ${(error as Error).message}` };
  }
  const checked = checkMessage(topic, record.key, parsed);
  if (!checked.ok) return checked;
  // The headers are copied: the in-process bus's record holds the publisher's own object.
  const message = { topic, key: record.key, value: checked.value, headers: { ...record.headers } };
  return { ok: true, value: deepFreeze(message) };
}

export function deadLetterRecord(record: RawRecord, reason: string): RawRecord {
  // An in-process message has no text until it is dead-lettered: the text it would have had.
  const decoded = record.value === null && record.decoded?.ok ? record.decoded.value : undefined;
  return {
    key: record.key,
    value: decoded ? JSON.stringify(decoded.value) : record.value,
    headers: { ...record.headers, [Headers.deadLetterReason]: reason },
  };
}

export function toDeadLetter(topic: BusTopic, record: RawRecord): DeadLetter {
  const { [Headers.deadLetterReason]: reason = '', ...headers } = record.headers;
  return { topic, key: record.key, value: text(record.value), reason, headers };
}

export interface DeliveryOptions {
  retry: RetryPolicy;
  logger: Logger;
  /** Aborted when the subscription closes: retrying stops, the message stays unconsumed. */
  signal: AbortSignal;
  /** Sends a record to the dead-letter topic and resolves once it is stored. */
  deadLetter: (record: RawRecord) => Promise<void>;
  /** Called between attempts (Kafka: keeps the group membership alive during long retries). */
  betweenAttempts?: () => Promise<void>;
}

/** `consumed`: commit it. `aborted`: the subscription closed first; do not commit. */
export type DeliveryOutcome = 'consumed' | 'aborted';

/**
 * Delivers one consumed record to `handler`: invalid records are dead-lettered with the reason;
 * one the group does not accept (`accepts`) is consumed without the handler; a failing handler
 * is retried with backoff (at-least-once) until it succeeds, the subscription closes, or the
 * policy's maxAttempts is reached (then dead-lettered with the last error). With tracing on, the
 * handler is given a consumer span, child of the record's traceparent (not made active: the
 * handler records under it explicitly); a record whose trace is not sampled gets none.
 */
export async function deliver<T extends BusTopic>(
  topic: T,
  record: RawRecord,
  handler: BusHandler<T>,
  options: DeliveryOptions & { accepts?: (message: BusMessage<T>) => boolean },
): Promise<DeliveryOutcome> {
  const decoded = decodeRecord(topic, record);
  if (!decoded.ok) {
    options.logger.warn('message dead-lettered', {
      topic,
      key: record.key,
      reason: decoded.reason,
    });
    await options.deadLetter(deadLetterRecord(record, decoded.reason));
    adapterInstruments().busDeadLetters.add(1, { topic, cause: 'invalid' });
    return 'consumed';
  }
  if (options.accepts && !options.accepts(decoded.value)) return 'consumed';
  const parent = tracingOn() ? contextFromHeaders(record.headers) : undefined;
  // Tracing off or not sampled: the handler runs without a span.
  if (parent === undefined || !recorded(parent)) {
    const attempt = () => handler(decoded.value);
    return settle(await withRetry(attempt, undefined, options), topic, record, options);
  }
  const span = tracer(TRACER).startSpan(
    `${topic} process`,
    { kind: SpanKind.CONSUMER, attributes: messagingAttributes(topic, record.key) },
    parent,
  );
  try {
    const failure = await withRetry(() => handler(decoded.value, span), span, options);
    return await settle(failure, topic, record, options);
  } finally {
    span.end();
  }
}

/**
 * What a delivery's last attempt leaves: consumed, or dead-lettered after maxAttempts failures.
 * Not async: a handled message (nearly all) settles without one more promise.
 */
function settle(
  failure: undefined | 'aborted' | Error,
  topic: BusTopic,
  record: RawRecord,
  options: DeliveryOptions,
): DeliveryOutcome | Promise<DeliveryOutcome> {
  if (failure === undefined) return 'consumed';
  if (failure === 'aborted') return 'aborted';
  const reason = `handler failed ${options.retry.maxAttempts} times: ${failure.message}`;
  options.logger.error('message dead-lettered', { topic, key: record.key, reason });
  return options.deadLetter(deadLetterRecord(record, reason)).then(() => {
    adapterInstruments().busDeadLetters.add(1, { topic, cause: 'failed' });
    return 'consumed' as const;
  });
}

/** Delivers a record without checks (dead letters), with the same retries. */
export async function deliverRaw(
  attempt: () => Promise<void>,
  options: Omit<DeliveryOptions, 'deadLetter'>,
): Promise<DeliveryOutcome> {
  const span = tracer(TRACER).startSpan('dead-letter process', { kind: SpanKind.CONSUMER });
  try {
    const failure = await withRetry(attempt, span, {
      ...options,
      retry: { ...options.retry, maxAttempts: Infinity },
    });
    return failure === 'aborted' ? 'aborted' : 'consumed';
  } finally {
    span.end();
  }
}

/** Undefined on success, 'aborted' when closed first, else the last error after maxAttempts. */
async function withRetry(
  attempt: () => Promise<void>,
  span: Span | undefined,
  options: Omit<DeliveryOptions, 'deadLetter'>,
): Promise<undefined | 'aborted' | Error> {
  for (let n = 1; ; n++) {
    if (options.signal.aborted) return 'aborted';
    try {
      await attempt();
      return undefined;
    } catch (thrown) {
      const error = thrown instanceof Error ? thrown : new Error(String(thrown));
      if (n >= options.retry.maxAttempts) {
        if (span) recordError(span, error);
        return error;
      }
      // An event only: the span ends well if a later attempt succeeds.
      span?.recordException(error);
      const delayMs = backoffDelay(options.retry, n);
      options.logger.warn('handler failed, retrying', {
        attempt: n,
        delayMs,
        error: error.message,
      });
      await sleep(delayMs, options.signal);
      await options.betweenAttempts?.();
    }
  }
}
