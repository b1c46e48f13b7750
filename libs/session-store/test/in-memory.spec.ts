import { InMemorySessionStore } from '../src';
import { command, sessionStoreContract } from './contract';

// One process holds one in-memory store; its "replicas" share it. A fake clock drives TTLs.
sessionStoreContract('InMemorySessionStore', {
  ttlMs: 1_000,
  createBackend: async () => {
    let now = 1_700_000_000_000;
    const store = new InMemorySessionStore({ now: () => now });
    return {
      open: async () => store,
      advance: async (ms) => {
        now += ms;
      },
      dispose: () => store.close(),
    };
  },
});

describe('InMemorySessionStore', () => {
  it('accepts a removed commandId again once removedTtlMs has passed', async () => {
    let now = 0;
    const store = new InMemorySessionStore({ now: () => now, removedTtlMs: 60_000 });
    await store.enqueue(command('dev', 'c1'));
    await store.remove('dev', 'c1');
    now += 59_999;
    expect(await store.enqueue(command('dev', 'c1'))).toBe(false);
    now += 1;
    expect(await store.enqueue(command('dev', 'c1'))).toBe(true);
  });
});
