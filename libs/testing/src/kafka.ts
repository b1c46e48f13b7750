import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  Kafka,
  logLevel,
  ResourcePatternTypes,
  type Consumer,
} from 'kafkajs';
import { BROKERS } from './servers';

/** Kafka helpers for tests that talk to the broker as another service would. */

const kafka = (clientId: string): Kafka =>
  new Kafka({ clientId, brokers: BROKERS, logLevel: logLevel.NOTHING });

/**
 * A topic and group prefix of its own for one test file (MERIDIAN_KAFKA_TOPIC_PREFIX), so files
 * running side by side on one broker never share a topic or a consumer group.
 */
export const uniqueKafkaPrefix = (name: string): string =>
  `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.`;

/**
 * The ACLs the services need on a cluster with an authorizer, as helm/meridian/README.md lists
 * them: on the topics and the consumer groups whose names start with their
 * MERIDIAN_KAFKA_TOPIC_PREFIX, nothing on the cluster.
 */
export const SERVICE_KAFKA_ACLS = [
  {
    resourceType: AclResourceTypes.TOPIC,
    operations: [
      AclOperationTypes.CREATE,
      AclOperationTypes.DESCRIBE,
      AclOperationTypes.READ,
      AclOperationTypes.WRITE,
    ],
  },
  {
    resourceType: AclResourceTypes.GROUP,
    operations: [AclOperationTypes.DESCRIBE, AclOperationTypes.READ],
  },
];

/**
 * Grants `principal` (`User:<name>`) SERVICE_KAFKA_ACLS on the names starting with `prefix`,
 * as the plaintext listener's client (a super user of scripts/infra's broker).
 */
export async function grantKafkaAcls(principal: string, prefix: string): Promise<void> {
  const admin = kafka('testing-acls').admin();
  await admin.connect();
  try {
    await admin.createAcls({
      acl: SERVICE_KAFKA_ACLS.flatMap(({ resourceType, operations }) =>
        operations.map((operation) => ({
          resourceType,
          resourceName: prefix,
          resourcePatternType: ResourcePatternTypes.PREFIXED,
          principal,
          host: '*',
          operation,
          permissionType: AclPermissionTypes.ALLOW,
        })),
      ),
    });
  } finally {
    await admin.disconnect();
  }
}

/** Deletes every topic whose name starts with `prefix` (what a test file's services created). */
export async function deleteKafkaTopics(prefix: string): Promise<void> {
  const admin = kafka('testing-cleanup').admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

/** One consumed message, its value parsed as JSON. */
export interface TappedMessage<T> {
  key: string;
  value: T;
  headers: Record<string, string>;
}

/** Everything a topic carried since the tap joined its group, in arrival order. */
export interface TopicTap<T> {
  readonly messages: readonly TappedMessage<T>[];
  /** The first message (already received or still to come) that `match` accepts. */
  next(match: (value: T) => boolean, timeoutMs?: number): Promise<TappedMessage<T>>;
  close(): Promise<void>;
}

/**
 * Consumes `topic` from its beginning in consumer group `groupId` (give each tap its own), and
 * resolves once the group is joined, so nothing published afterwards is missed.
 */
export async function tapTopic<T>(topic: string, groupId: string): Promise<TopicTap<T>> {
  const consumer: Consumer = kafka(groupId).consumer({
    groupId,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
    maxWaitTimeInMs: 100,
  });
  const messages: TappedMessage<T>[] = [];
  const waiters = new Set<() => void>();
  const joined = new Promise<void>((resolve) => {
    const off = consumer.on(consumer.events.GROUP_JOIN, () => {
      off();
      resolve();
    });
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers: Record<string, string> = {};
      for (const [name, raw] of Object.entries(message.headers ?? {})) {
        if (raw !== undefined) headers[name] = String(Array.isArray(raw) ? raw.at(-1) : raw);
      }
      messages.push({
        key: message.key?.toString() ?? '',
        value: JSON.parse(message.value?.toString() ?? 'null') as T,
        headers,
      });
      waiters.forEach((wake) => wake());
    },
  });
  await joined;
  return {
    messages,
    next: (match, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = messages.find((m) => match(m.value));
          if (found === undefined) return false;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(found);
          return true;
        };
        const wake = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no matching message on ${topic} within ${timeoutMs} ms`));
        }, timeoutMs);
        if (!check()) waiters.add(wake);
      }),
    close: () => consumer.disconnect(),
  };
}
