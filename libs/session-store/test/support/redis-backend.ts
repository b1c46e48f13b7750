/** Redis backends of the SessionStore contract: a key prefix of their own, deleted afterwards. */
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { REDIS_URL } from '@meridian/testing';
import { RedisSessionStore } from '../../src';
import type { Backend } from '../contract';

export const url = REDIS_URL;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A connection that reconnects quietly while Redis restarts, auto-pipelined as
 * RedisSessionStore.connect's (the production configuration).
 */
export function connection(): Redis {
  const redis = new Redis(url, {
    enableAutoPipelining: true,
    maxRetriesPerRequest: null,
    retryStrategy: () => 100,
  });
  redis.on('error', () => undefined);
  return redis;
}

export async function deleteKeys(prefix: string): Promise<void> {
  // Fails fast rather than waiting for a Redis that a failed test left down.
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

export function redisBackend(): Backend {
  const keyPrefix = `meridian-test:${randomUUID()}:`;
  const connections: Redis[] = [];
  return {
    open: async () => {
      const redis = connection();
      connections.push(redis);
      return new RedisSessionStore(redis, { keyPrefix });
    },
    advance: async (ms) => {
      await sleep(ms);
    },
    dispose: async () => {
      for (const redis of connections) redis.disconnect();
      await deleteKeys(keyPrefix);
    },
  };
}
