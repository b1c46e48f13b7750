import type { Span } from '@opentelemetry/api';
import { Headers, type TopicMessages } from '@meridian/contracts';
import { spanTraceHeaders } from '@meridian/telemetry';

export type BusTopic = keyof TopicMessages;

export type BusHeaders = Record<string, string>;

export interface BusMessage<T extends BusTopic> {
  topic: T;
  /** deviceId: one device's messages stay in order. */
  key: string;
  value: TopicMessages[T];
  headers: BusHeaders;
}

/**
 * `span`: the message's consumer span when it is recorded (tracing on, trace sampled), else
 * undefined. Nothing is made active while the handler runs (no context manager): what it records
 * under the span (store events: `storeWithSpan`, attributes) or publishes in the same trace
 * (`handedOnHeaders`) takes it from here.
 */
export type BusHandler<T extends BusTopic> = (message: BusMessage<T>, span?: Span) => Promise<void>;

/**
 * Headers for what a handler publishes, so that it stays in the message's trace: the consumer
 * span's traceparent when recorded, else the message's own (tracing off, not sampled); none
 * when the message had none.
 */
export function handedOnHeaders(message: BusMessage<BusTopic>, span?: Span): BusHeaders {
  if (span) return spanTraceHeaders(span);
  const traceparent = message.headers[Headers.traceparent];
  return traceparent ? { [Headers.traceparent]: traceparent } : {};
}

export interface SubscribeOptions<T extends BusTopic> {
  /**
   * The messages this group handles. The others are consumed (committed) without calling the
   * handler and without a consumer span: a group that ignores most of a topic (firmware and the
   * Informs that report no transfer) adds nothing to their traces.
   */
  accepts?: (message: BusMessage<T>) => boolean;
}

export interface Subscription {
  close(): Promise<void>;
}

/**
 * The event bus port. Delivery is at-least-once: a handler's message counts as consumed only
 * after its promise resolves, so handlers must be idempotent.
 */
export interface Bus {
  /** Resolves once the message is durably accepted (broker ack for Kafka). */
  publish<T extends BusTopic>(
    topic: T,
    key: string,
    value: TopicMessages[T],
    headers?: BusHeaders,
  ): Promise<void>;
  /** Joins consumer group `groupId`: each message goes to one member of each group. */
  subscribe<T extends BusTopic>(
    topic: T,
    groupId: string,
    handler: BusHandler<T>,
    options?: SubscribeOptions<T>,
  ): Promise<Subscription>;
  close(): Promise<void>;
}

export const BUS = Symbol('Bus');
