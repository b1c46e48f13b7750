import { join, resolve } from 'node:path';
import { InProcessBus, KafkaBus, type Bus } from '@meridian/bus';
import { withoutCredentials, type ConfigOf, type infrastructureSpec } from '@meridian/config';
import {
  InMemorySessionStore,
  RedisSessionStore,
  type SessionStore,
} from '@meridian/session-store';
import { createMongoStore, createSqliteStore, type Store } from '@meridian/store';
import { Metrics, startTelemetry, traced, type Telemetry } from '@meridian/telemetry';
import { kafkaSecurityOf, mongoTlsOf, redisTlsOf } from './connections';
import { checkedKafkaPrefix, withKafkaGroups } from './prefixed-bus';

/** The validated MERIDIAN_* infrastructure settings every service reads. */
export type InfrastructureEnv = ConfigOf<typeof infrastructureSpec>;

/**
 * A service's tracing (to MERIDIAN_OTLP_ENDPOINT, MERIDIAN_TRACE_SAMPLE_PERCENT of sessions) and
 * its metrics, registered as the process's meter.
 */
export function startServiceTelemetry(
  env: InfrastructureEnv,
  serviceName: string,
): { telemetry: Telemetry; metrics: Metrics } {
  const telemetry = startTelemetry({
    serviceName,
    otlpEndpoint: env.MERIDIAN_OTLP_ENDPOINT,
    samplePercent: env.MERIDIAN_TRACE_SAMPLE_PERCENT,
  });
  const metrics = new Metrics();
  metrics.registerGlobal();
  return { telemetry, metrics };
}

/**
 * The bus MERIDIAN_BUS names; `clientId` names this service to Kafka. On Kafka, topics and
 * consumer groups carry MERIDIAN_KAFKA_TOPIC_PREFIX.
 */
export async function createBus(env: InfrastructureEnv, clientId: string): Promise<Bus> {
  if (env.MERIDIAN_BUS === 'memory') return new InProcessBus();
  const prefix = checkedKafkaPrefix(env.MERIDIAN_KAFKA_TOPIC_PREFIX);
  const bus = await KafkaBus.connect({
    brokers: env.MERIDIAN_KAFKA_BROKERS,
    security: kafkaSecurityOf(env),
    clientId,
    partitions: env.MERIDIAN_KAFKA_PARTITIONS,
    topicPrefix: prefix,
    sessionTimeoutMs: env.MERIDIAN_KAFKA_SESSION_TIMEOUT_MS,
    // Kafka's advice: heartbeats at most a third of the session timeout.
    heartbeatIntervalMs: Math.min(3_000, Math.floor(env.MERIDIAN_KAFKA_SESSION_TIMEOUT_MS / 3)),
  });
  return withKafkaGroups(bus, prefix);
}

/** The session store MERIDIAN_SESSION_STORE names. */
export function createSessionStore(env: InfrastructureEnv): SessionStore {
  if (env.MERIDIAN_SESSION_STORE === 'memory') return new InMemorySessionStore();
  return traced(RedisSessionStore.connect(env.MERIDIAN_REDIS_URL, {}, redisTlsOf(env)), {
    prefix: 'redis',
    system: 'redis',
  });
}

const sqliteFileOf = (env: InfrastructureEnv): string =>
  env.MERIDIAN_SQLITE_FILE === undefined
    ? join(resolve(env.MERIDIAN_DATA_DIR), 'meridian.db')
    : resolve(env.MERIDIAN_SQLITE_FILE);

/** The store MERIDIAN_STORE names: SQLite (MERIDIAN_SQLITE_FILE, else under MERIDIAN_DATA_DIR), or MongoDB. */
export async function createStore(env: InfrastructureEnv): Promise<Store> {
  if (env.MERIDIAN_STORE === 'mongo') {
    const tls = mongoTlsOf(env);
    return createMongoStore(env.MERIDIAN_MONGO_URL, tls === undefined ? {} : { tls });
  }
  return createSqliteStore(sqliteFileOf(env));
}

/**
 * The store createStore opens, for a start-up line: "SQLite /data/meridian.db" or
 * "MongoDB mongodb://host:27017/meridian" (credentials left out).
 */
export function describeStore(env: InfrastructureEnv): string {
  if (env.MERIDIAN_STORE === 'sqlite') return `SQLite ${sqliteFileOf(env)}`;
  return `MongoDB ${withoutCredentials(env.MERIDIAN_MONGO_URL)}`;
}
export * from './lifecycle';
export * from './config-file';
export * from './prefixed-bus';
export * from './health-checks';
export * from './connections';
export * from './watch-changes';
