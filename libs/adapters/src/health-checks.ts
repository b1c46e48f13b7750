import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import type { KafkaSecurity } from '@meridian/bus';
import mongoose from 'mongoose';
import type { ConfigOf, opsSpec } from '@meridian/config';
import { Health, startOpsServer, type Metrics, type OpsServer } from '@meridian/telemetry';
import { kafkaSecurityOf, mongoTlsOf, redisTlsOf, type ClientTls } from './connections';
import type { InfrastructureEnv } from './index';

/*
 * Readiness checks with clients of their own, apart from the adapters': a probe must neither
 * queue behind the service's traffic nor wait out the adapters' long reconnect retries (the
 * Kafka producer retries forever, by design). Each fails fast and recovers by itself once its
 * server is back.
 */

export interface DependencyCheck {
  check: () => Promise<unknown>;
  close: () => Promise<void>;
}

/** Kafka: the cluster's metadata, over an admin connection that does not retry. */
export function kafkaCheck(brokers: string[], security: KafkaSecurity = {}): DependencyCheck {
  const admin = new Kafka({
    clientId: 'meridian-health',
    brokers,
    ...security,
    connectionTimeout: 1_000,
    requestTimeout: 1_500,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  }).admin();
  return {
    check: async () => {
      await admin.connect();
      await admin.describeCluster();
    },
    close: () => admin.disconnect(),
  };
}

/** Redis: PING, failing at once while disconnected (no offline queue) and reconnecting alone. */
export function redisCheck(url: string, tls: { tls?: ClientTls } = {}): DependencyCheck {
  const client = new Redis(url, {
    ...tls,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
    retryStrategy: (times) => Math.min(times * 200, 1_000),
  });
  // Connection errors are what the probe reports; without a listener ioredis logs each one.
  client.on('error', () => undefined);
  return {
    check: async () => {
      if (client.status === 'wait') await client.connect();
      await client.ping();
    },
    close: async () => {
      client.disconnect();
    },
  };
}

/** MongoDB: the ping command; the driver reconnects by itself once the server answers again. */
export function mongoCheck(url: string, tls?: ClientTls): DependencyCheck {
  const connection = mongoose.createConnection();
  return {
    check: async () => {
      if (connection.readyState === mongoose.ConnectionStates.disconnected) {
        await connection.openUri(url, {
          serverSelectionTimeoutMS: 1_500,
          ...(tls === undefined ? {} : { tls: true, ...tls }),
        });
      }
      const db = connection.db;
      if (!db) throw new Error('not connected');
      await db.admin().ping();
    },
    close: () => connection.close(),
  };
}

export interface ServiceHealth {
  health: Health;
  close(): Promise<void>;
}

/**
 * The readiness of a service: a check for each server its configuration uses among those it
 * needs (`uses`): Kafka when MERIDIAN_BUS=kafka, Redis when MERIDIAN_SESSION_STORE=redis, MongoDB
 * when MERIDIAN_STORE=mongo. The in-process and embedded adapters need no check.
 */
export function serviceHealth(
  env: InfrastructureEnv,
  uses: { bus?: boolean; sessionStore?: boolean; store?: boolean },
): ServiceHealth {
  const checks: [string, DependencyCheck][] = [];
  if (uses.bus && env.MERIDIAN_BUS === 'kafka') {
    checks.push(['kafka', kafkaCheck(env.MERIDIAN_KAFKA_BROKERS, kafkaSecurityOf(env))]);
  }
  if (uses.sessionStore && env.MERIDIAN_SESSION_STORE === 'redis') {
    checks.push(['redis', redisCheck(env.MERIDIAN_REDIS_URL, redisTlsOf(env))]);
  }
  if (uses.store && env.MERIDIAN_STORE === 'mongo') {
    checks.push(['mongodb', mongoCheck(env.MERIDIAN_MONGO_URL, mongoTlsOf(env))]);
  }
  const health = new Health();
  for (const [name, dependency] of checks) health.add(name, dependency.check);
  return {
    health,
    close: async () => {
      await Promise.allSettled(checks.map(([, dependency]) => dependency.close()));
    },
  };
}

/**
 * /metrics and /health on a listener of their own (MERIDIAN_OPS_HOST:MERIDIAN_OPS_PORT), for a
 * service whose own port faces CPEs or none: serviceHealth's checks behind /health.
 */
export async function startServiceOps(
  env: InfrastructureEnv & ConfigOf<typeof opsSpec>,
  metrics: Metrics,
  uses: Parameters<typeof serviceHealth>[1],
): Promise<ServiceHealth & { opsServer: OpsServer }> {
  const { health, close } = serviceHealth(env, uses);
  const opsServer = await startOpsServer(
    metrics,
    health,
    env.MERIDIAN_OPS_PORT,
    env.MERIDIAN_OPS_HOST,
  );
  return { health, close, opsServer };
}
