/**
 * RedisSessionStore against the real Redis of scripts/infra (127.0.0.1, MERIDIAN_REDIS_PORT or
 * 6379). Every backend gets its own key prefix and deletes its keys afterwards, so runs and
 * other suites sharing the server never see each other's data.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Redis from 'ioredis';
import { RedisSessionStore } from '../src';
import { command, sessionStoreContract, type Backend } from './contract';

const ROOT = path.resolve(__dirname, '../../..');
const INFRA = path.join(ROOT, 'scripts/infra');
const url = `redis://127.0.0.1:${process.env.MERIDIAN_REDIS_PORT ?? '6379'}`;

const infraUpRedis = () => execFileSync(INFRA, ['up', 'redis'], { stdio: 'inherit' });
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A connection that reconnects quietly while Redis restarts. */
function connection(): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: () => 100 });
  redis.on('error', () => undefined);
  return redis;
}

async function deleteKeys(prefix: string): Promise<void> {
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

function redisBackend(): Backend {
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

beforeAll(infraUpRedis, 600_000);

sessionStoreContract('RedisSessionStore', {
  ttlMs: 500,
  createBackend: async () => redisBackend(),
});

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
