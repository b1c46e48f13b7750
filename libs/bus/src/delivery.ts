/**
 * What both adapters do around the transport: check and trace what is published; on consume,
 * decode and check the message, dead-letter what is not valid, and run the handler in a consumer
 * span with retries. The adapters only move records and offsets.
 */
import {
  context,
  INVALID_SPAN_CONTEXT,
  ROOT_CONTEXT,
  SpanKind,
  trace,
  type Span,
} from '@opentelemetry/api';
import { Headers, validateMessage, type TopicMessages, type Validation } from '@meridian/contracts';
import {
  contextFromHeaders,
  injectTraceHeaders,
  recordError,
  tracingOn,
} from '@meridian/telemetry';
import type { BusHandler, BusHeaders, BusMessage, BusTopic, Subscription } from './bus';
import type { Logger } from './logger';
import { backoffDelay, sleep, type RetryPolicy } from './retry';

const TRACER = '@meridian/bus';

/** A message as the transport carries it. */
export interface RawRecord {
  key: string;
  value: Buffer | string | null;
  headers: BusHeaders;
  /**
   * Set by publishChecked: the value passed the topic's schema and key check when it was
   * published. The in-process bus keeps the mark, so its consumers skip checking again what this
   * process checked; a record from Kafka (another process) never carries it.
   */
  checked?: true;
  /**
   * The in-process bus hands one record to every consumer group: the first delivery decodes and
   * checks it and keeps the outcome here, the others reuse it (one parse per message, not one
   * per group). The message in it is frozen, so no handler can change what another receives.
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
 * Checks the message, then sends it with the headers of a producer span (child of the
 * traceparent in `headers` if any, else of the active context). Throws InvalidMessageError
 * rather than publishing what consumers would dead-letter.
 */
export async function publishChecked<T extends BusTopic>(
  topic: T,
  key: string,
  value: TopicMessages[T],
  headers: BusHeaders,
  send: (record: RawRecord) => Promise<void>,
): Promise<void> {
  const checked = checkMessage(topic, key, value);
  if (!checked.ok) throw new InvalidMessageError(topic, checked.reason);
  // Tracing off: no span to make; the headers (an incoming traceparent) go on as they are.
  if (!tracingOn()) return send({ key, value: JSON.stringify(value), headers, checked: true });
  const parent = headers[Headers.traceparent] ? contextFromHeaders(headers) : context.active();
  const span = trace
    .getTracer(TRACER)
    .startSpan(
      `${topic} publish`,
      { kind: SpanKind.PRODUCER, attributes: messagingAttributes(topic, key) },
      parent,
    );
  try {
    await send({
      key,
      value: JSON.stringify(value),
      headers: { ...headers, ...injectTraceHeaders(trace.setSpan(parent, span)) },
      checked: true,
    });
  } catch (error) {
    recordError(span, error);
    throw error;
  } finally {
    span.end();
  }
}

const messagingAttributes = (topic: string, key: string) => ({
  'messaging.destination.name': topic,
  'messaging.kafka.message.key': key,
});

const text = (value: Buffer | string | null): string =>
  value === null ? '' : typeof value === 'string' ? value : value.toString('utf8');

/**
 * Decodes and checks a consumed record; the message is frozen (deeply): a handler reads it and
 * never changes it, on either adapter. A record checked when this process published it
 * (`checked`, in-process bus) is not checked again; one already decoded for another consumer
 * group (`decoded`, in-process bus) is not decoded again.
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
  const checked = record.checked
    ? { ok: true as const, value: parsed as TopicMessages[BusTopic] }
    : checkMessage(topic, record.key, parsed);
  if (!checked.ok) return checked;
  // The headers are copied: the in-process bus's record holds the publisher's own object.
  const message = { topic, key: record.key, value: checked.value, headers: { ...record.headers } };
  return { ok: true, value: deepFreeze(message) };
}

/** Freezes a decoded JSON value (fresh objects and arrays, no cycles) and everything in it. */
function deepFreeze<V>(value: V): V {
  if (Array.isArray(value)) {
    for (const item of value as unknown[])
      if (typeof item === 'object' && item !== null) deepFreeze(item);
  } else {
    for (const key in value) {
      const inner: unknown = value[key];
      if (typeof inner === 'object' && inner !== null) deepFreeze(inner);
    }
  }
  return Object.freeze(value);
}

export function deadLetterRecord(record: RawRecord, reason: string): RawRecord {
  return {
    key: record.key,
    value: record.value,
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
 * a failing handler is retried with backoff (at-least-once) until it succeeds, the subscription
 * closes, or the policy's maxAttempts is reached (then dead-lettered with the last error).
 */
export async function deliver<T extends BusTopic>(
  topic: T,
  record: RawRecord,
  handler: BusHandler<T>,
  options: DeliveryOptions,
): Promise<DeliveryOutcome> {
  const decoded = decodeRecord(topic, record);
  if (!decoded.ok) {
    options.logger.warn('message dead-lettered', {
      topic,
      key: record.key,
      reason: decoded.reason,
    });
    await options.deadLetter(deadLetterRecord(record, decoded.reason));
    return 'consumed';
  }
  // Tracing off: the handler runs as is (the span would be a no-op, its context unused).
  const span = tracingOn()
    ? trace
        .getTracer(TRACER)
        .startSpan(
          `${topic} process`,
          { kind: SpanKind.CONSUMER, attributes: messagingAttributes(topic, record.key) },
          contextFromHeaders(record.headers, ROOT_CONTEXT),
        )
    : trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
  try {
    const attempt = () => handler(decoded.value);
    const failure = tracingOn()
      ? await context.with(trace.setSpan(ROOT_CONTEXT, span), () =>
          withRetry(attempt, span, options),
        )
      : await withRetry(attempt, span, options);
    if (failure === 'aborted') return 'aborted';
    if (failure) {
      const reason = `handler failed ${options.retry.maxAttempts} times: ${failure.message}`;
      options.logger.error('message dead-lettered', { topic, key: record.key, reason });
      await options.deadLetter(deadLetterRecord(record, reason));
    }
    return 'consumed';
  } finally {
    span.end();
  }
}

/** Delivers a record without checks (dead letters), with the same retries. */
export async function deliverRaw(
  attempt: () => Promise<void>,
  options: Omit<DeliveryOptions, 'deadLetter'>,
): Promise<DeliveryOutcome> {
  const span = trace
    .getTracer(TRACER)
    .startSpan('dead-letter process', { kind: SpanKind.CONSUMER });
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
  span: Span,
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
        recordError(span, error);
        return error;
      }
      // An event only: the span ends well if a later attempt succeeds.
      span.recordException(error);
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
