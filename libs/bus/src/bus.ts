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
  ): Promise<Subscription>;
  close(): Promise<void>;
}

export const BUS = Symbol('Bus');
