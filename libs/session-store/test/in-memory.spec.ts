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
  it('gives a session record back as its JSON reads (as Redis does), unchanged by later edits', async () => {
    const store = new InMemorySessionStore();
    const record = { state: { step: 1, list: ['a'] }, at: new Date(0), gone: undefined };
    await store.putSession('s1', record, 60_000);
    record.state.list.push('b');
    const back = await store.getSession<Record<string, unknown>>('s1');
    expect(back).toEqual({ state: { step: 1, list: ['a'] }, at: '1970-01-01T00:00:00.000Z' });
    expect(back).not.toHaveProperty('gone');
    expect(await store.getSession('s2')).toBeNull();
  });

  it("ends a lingering session's wait when a command is queued or the device is marked idle", async () => {
    const now = 1_700_000_000_000;
    const store = new InMemorySessionStore({ now: () => now });
    const until = now + 3_600_000;
    let woken = 0;
    const wait = () => store.queueChanged('dev', until).then(() => void woken++);

    const forCommand = wait();
    await Promise.resolve();
    expect(woken).toBe(0);
    await store.enqueue(command('dev', 'c1'));
    await forCommand;
    expect(woken).toBe(1);

    const forMarker = wait();
    await store.enqueue(command('other', 'c2'));
    await Promise.resolve();
    expect(woken).toBe(1);
    await store.markIdle('dev', 'c1', 60_000);
    await forMarker;
    expect(woken).toBe(2);
  });

  it('ends the next wait at once after a change no one waited for, while the device is in a session', async () => {
    const now = 1_700_000_000_000;
    const store = new InMemorySessionStore({ now: () => now });
    await store.acquireLease('dev', 's1', 60_000);
    // The session read the queue and has not yet waited again when the command comes.
    await store.enqueue(command('dev', 'c1'));
    await store.queueChanged('dev', now + 3_600_000);
    expect(await store.queue('dev')).toHaveLength(1);
  });

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

  it('forgets expired tombstones only: a command removed later, or removed again, is still refused', async () => {
    let now = 0;
    const store = new InMemorySessionStore({ now: () => now, removedTtlMs: 60_000 });
    await store.enqueue(command('dev', 'c1'));
    await store.enqueue(command('dev', 'c2'));
    await store.remove('dev', 'c1');
    now = 30_000;
    await store.remove('dev', 'c2');
    now = 60_000;
    expect(await store.enqueue(command('dev', 'c1'))).toBe(true);
    await store.remove('dev', 'c1');
    now = 90_000;
    // Removing c3 forgets what expired by now (c2), not c1's second tombstone.
    await store.enqueue(command('dev', 'c3'));
    await store.remove('dev', 'c3');
    expect(await store.enqueue(command('dev', 'c1'))).toBe(false);
    expect(await store.enqueue(command('dev', 'c3'))).toBe(false);
    expect(await store.enqueue(command('dev', 'c2'))).toBe(true);
  });
});
