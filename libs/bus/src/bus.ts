import type { TopicMessages } from '@meridian/contracts';

export type BusTopic = keyof TopicMessages;

export type BusHeaders = Record<string, string>;

export interface BusMessage<T extends BusTopic> {
  topic: T;
  /** deviceId: one device's messages stay in order. */
  key: string;
  value: TopicMessages[T];
  headers: BusHeaders;
}

export type BusHandler<T extends BusTopic> = (message: BusMessage<T>) => Promise<void>;

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
