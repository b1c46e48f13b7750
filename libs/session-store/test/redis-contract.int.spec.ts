/**
 * The SessionStore contract against the real Redis of scripts/infra (MERIDIAN_REDIS_URL,
 * else 127.0.0.1:6379), each backend under a key prefix of its own. The tests that
 * restart Redis live in redis.int.spec.ts.
 */
import { sessionStoreContract } from './contract';
import { redisBackend } from './support/redis-backend';

sessionStoreContract('RedisSessionStore', {
  ttlMs: 500,
  createBackend: async () => redisBackend(),
});
