import { isDeadLetterBus, type Bus, type DeadLetterBus } from '@meridian/bus';
import { deadLetterTopic } from '@meridian/contracts';
import { ConfigError } from '@meridian/config';

/** Kafka's own rule for topic names (and a prefix is part of one). */
const KAFKA_NAME = /^[A-Za-z0-9._-]*$/;
const PREFIX_VARIABLE = 'MERIDIAN_KAFKA_TOPIC_PREFIX';

/** The prefix itself, or a ConfigError naming the variable when Kafka would refuse the topics. */
export function checkedKafkaPrefix(prefix: string): string {
  if (!KAFKA_NAME.test(prefix) || prefix.length > 200) {
    throw new ConfigError([
      `${PREFIX_VARIABLE}=${JSON.stringify(prefix)} may hold only letters, digits, ".", "_" and "-" (at most 200)`,
    ]);
  }
  return prefix;
}

/**
 * The Kafka consumer group of each subscription: `prefix` + the group id, and a group of its own
 * per topic when one group id is given several topics.
 *
 * Why both: Kafka rebalances every member of a group id together whatever they subscribe to, and
 * kafkajs' assigner hands a member partitions of topics it never subscribed to, which it then
 * drops with a warning ("received unsubscribed topics"). So two deployments sharing a group id,
 * or one service consuming two topics under one group id (one kafkajs consumer per subscription),
 * would leave partitions unread. The first topic keeps the plain name, so the groups of services
 * consuming a single topic stay as named in code; a later topic gets `<group>.<topic>`.
 */
export function withKafkaGroups(bus: Bus, prefix: string): Bus & Partial<DeadLetterBus> {
  const firstTopic = new Map<string, string>();
  const groupOf = (topic: string, groupId: string): string => {
    const first = firstTopic.get(groupId) ?? topic;
    firstTopic.set(groupId, first);
    return first === topic ? `${prefix}${groupId}` : `${prefix}${groupId}.${topic}`;
  };
  const wrapped: Bus = {
    publish: (topic, key, value, headers) => bus.publish(topic, key, value, headers),
    subscribe: (topic, groupId, handler, options) =>
      bus.subscribe(topic, groupOf(topic, groupId), handler, options),
    close: () => bus.close(),
  };
  if (!isDeadLetterBus(bus)) return wrapped;
  return {
    ...wrapped,
    publishRaw: (topic, key, value, headers) => bus.publishRaw(topic, key, value, headers),
    subscribeDeadLetters: (topic, groupId, handler) =>
      bus.subscribeDeadLetters(topic, groupOf(deadLetterTopic(topic), groupId), handler),
  };
}
