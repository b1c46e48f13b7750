/**
 * RedisSessionStore against the real Redis of scripts/infra (MERIDIAN_REDIS_URL, else
 * 127.0.0.1:6379). Every backend gets its own key prefix and deletes its keys afterwards, so runs and
 * other suites sharing the server never see each other's data.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { checkInfraTarget, infraCommandSync } from '@meridian/testing';
import { RedisSessionStore } from '../src';
import { command } from './contract';
import { connection, deleteKeys, redisBackend, url } from './support/redis-backend';

const infraUpRedis = () => infraCommandSync('up', ['redis']);

beforeAll(infraUpRedis, 600_000);

// The SessionStore contract on Redis runs in redis-contract.int.spec.ts.

describe('RedisSessionStore', () => {
  it('prefixes every key it writes', async () => {
    const keyPrefix = `meridian-test:${randomUUID()}:`;
    const redis = connection();
    const store = new RedisSessionStore(redis, { keyPrefix });
    try {
      await store.putSession('s1', { phase: 'inform' }, 60_000);
      await store.acquireLease('dev', 's1', 60_000);
      await store.enqueue(command('dev', 'c1'));
      await store.enqueue(command('dev', 'c2'));
      await store.remove('dev', 'c2');

      const keys = (await redis.keys(`${keyPrefix}*`)).sort();
      expect(keys).toEqual(
        ['commands:{dev}', 'lease:{dev}', 'queue:{dev}', 'removed:{dev}:c2', 'session:s1'].map(
          (key) => keyPrefix + key,
        ),
      );
    } finally {
      redis.disconnect();
      await deleteKeys(keyPrefix);
    }
  });

  it('rejects a TTL that Redis cannot take', async () => {
    const backend = redisBackend();
    const store = await backend.open();
    try {
      await expect(store.putSession('s1', {}, 0)).rejects.toThrow(RangeError);
    } finally {
      await backend.dispose();
    }
  });

  it('runs its scripts once Redis forgot them (as after a restart), in a pipeline or alone', async () => {
    const keyPrefix = `meridian-test:${randomUUID()}:`;
    const redis = connection();
    const store = new RedisSessionStore(redis, { keyPrefix });
    try {
      await store.acquireLease('dev', 's1', 60_000);
      await store.endSession('s1', 'dev');
      await store.putSession('s2', {}, 60_000);
      await store.acquireLease('dev', 's2', 60_000);
      await redis.script('FLUSH');

      await store.endSession('s2', 'dev');
      expect(await store.leaseHolder('dev')).toBeNull();
      expect(await store.getSession('s2')).toBeNull();
      // A script alone, as auto-pipelining sends it, after another flush.
      await redis.script('FLUSH');
      expect(await store.acquireLeaseWithQueue('dev', 's3', 60_000)).toEqual([]);
      expect(await store.leaseHolder('dev')).toBe('s3');
    } finally {
      redis.disconnect();
      await deleteKeys(keyPrefix);
    }
  });

  it('closes the connection it opened itself', async () => {
    const store = RedisSessionStore.connect(url, { keyPrefix: `meridian-test:${randomUUID()}:` });
    expect(await store.getSession('none')).toBeNull();
    await store.close();
    await expect(store.getSession('none')).rejects.toThrow();
  });
});

// Last: it restarts the shared Redis, and leaves it running whatever happens.
describe('RedisSessionStore across a Redis restart', () => {
  afterAll(infraUpRedis, 120_000);

  it('keeps queued commands, removals and session state (AOF)', async () => {
    const backend = redisBackend();
    const store = await backend.open();
    try {
      for (const id of ['c1', 'c2', 'c3']) await store.enqueue(command('dev-restart', id));
      await store.remove('dev-restart', 'c2');
      await store.putSession('s-restart', { phase: 'inFlight', commandId: 'c1' }, 600_000);

      checkInfraTarget(['redis']);
      execFileSync('redis-cli', ['-u', url, 'shutdown'], { stdio: 'ignore' });
      infraUpRedis();

      // The same connection reconnects; a new one (another gateway) sees the same data.
      const fresh = await backend.open();
      for (const replica of [store, fresh]) {
        expect((await replica.queue('dev-restart')).map((c) => c.commandId)).toEqual(['c1', 'c3']);
        expect(await replica.enqueue(command('dev-restart', 'c2'))).toBe(false);
        expect(await replica.getSession('s-restart')).toEqual({
          phase: 'inFlight',
          commandId: 'c1',
        });
      }
    } finally {
      await backend.dispose();
    }
  }, 120_000);
});
