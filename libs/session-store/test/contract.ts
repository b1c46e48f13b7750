/**
 * The SessionStore contract, run against every adapter (in-memory in unit tests, Redis in
 * integration tests). Two stores opened on one backend play two gateway replicas.
 */
import { SCHEMA_VERSION, type CommandMessage } from '@meridian/contracts';
import type { SessionStore } from '../src';

export interface Backend {
  /** Another store over the same data, as a second gateway would open it. */
  open(): Promise<SessionStore>;
  /** Lets `ms` of time pass for TTLs (a fake clock, or a real wait). */
  advance(ms: number): Promise<void>;
  /** Closes what `open` opened and deletes the backend's data. */
  dispose(): Promise<void>;
}

export interface ContractOptions {
  /** A fresh, empty backend for each test. */
  createBackend: () => Promise<Backend>;
  /** A TTL long enough to outlast a few round trips and short enough to wait for. */
  ttlMs: number;
}

let counter = 0;
const unique = (what: string) => `${what}-${process.pid}-${++counter}`;

export function command(
  deviceId: string,
  commandId: string,
  parameter = 'Device.',
): CommandMessage {
  return {
    schemaVersion: SCHEMA_VERSION,
    commandId,
    deviceId,
    rpc: { name: 'GetParameterValues', parameterNames: [parameter] },
    connectionRequest: true,
    expiresAt: '2030-01-01T00:00:00.000Z',
    source: 'contract-test',
    createdAt: '2026-11-25T12:00:00.000Z',
  };
}

const ids = (commands: CommandMessage[]) => commands.map((c) => c.commandId);

export function sessionStoreContract(name: string, options: ContractOptions): void {
  describe(`${name}: SessionStore contract`, () => {
    const { ttlMs } = options;
    let backend: Backend;
    let store: SessionStore;
    let other: SessionStore;
    let deviceId: string;

    beforeEach(async () => {
      backend = await options.createBackend();
      store = await backend.open();
      other = await backend.open();
      deviceId = unique('00259E-IGD-SN');
    });
    afterEach(() => backend.dispose());

    describe('session state', () => {
      it('returns what was put, from another replica too, until deleted', async () => {
        const sessionId = unique('session');
        const state = { phase: 'inform', inFlight: { commandId: 'c1' }, retries: [1, 2] };
        await store.putSession(sessionId, state, ttlMs * 10);

        expect(await other.getSession(sessionId)).toEqual(state);
        await other.deleteSession(sessionId);
        expect(await store.getSession(sessionId)).toBeNull();
      });

      it('keeps a copy: changing the object after put changes nothing stored', async () => {
        const sessionId = unique('session');
        const state = { phase: 'inform' };
        await store.putSession(sessionId, state, ttlMs * 10);
        state.phase = 'changed';

        expect(await store.getSession(sessionId)).toEqual({ phase: 'inform' });
      });

      it("ends a session: its record is gone and its device's lease free, never another's", async () => {
        await store.putSession('session-a', { n: 1 }, ttlMs * 10);
        await store.acquireLease(deviceId, 'session-a', ttlMs * 10);
        await store.enqueue(command(deviceId, 'c1'));
        expect(await other.endSession('session-a', deviceId)).toEqual([command(deviceId, 'c1')]);

        expect(await store.getSession('session-a')).toBeNull();
        expect(await store.leaseHolder(deviceId)).toBeNull();

        await store.putSession('session-b', { n: 1 }, ttlMs * 10);
        await store.acquireLease(deviceId, 'session-c', ttlMs * 10);
        await other.endSession('session-b', deviceId);
        expect(await store.getSession('session-b')).toBeNull();
        expect(await store.leaseHolder(deviceId)).toBe('session-c');
      });

      it('returns null for an unknown session', async () => {
        expect(await store.getSession(unique('nobody'))).toBeNull();
      });

      it('forgets a session once its TTL has passed, and each put re-arms the TTL', async () => {
        const kept = unique('session');
        const dropped = unique('session');
        await store.putSession(kept, { n: 1 }, ttlMs);
        await store.putSession(dropped, { n: 1 }, ttlMs);
        await backend.advance(ttlMs / 2);
        await store.putSession(kept, { n: 2 }, ttlMs);
        await backend.advance(ttlMs * 0.75);

        expect(await store.getSession(dropped)).toBeNull();
        expect(await store.getSession(kept)).toEqual({ n: 2 });
      });
    });

    describe('device lease', () => {
      it('is held by one session at a time across replicas', async () => {
        expect(await store.acquireLease(deviceId, 'session-a', ttlMs * 10)).toBe(true);
        expect(await store.acquireLease(deviceId, 'session-a', ttlMs * 10)).toBe(true);
        expect(await other.acquireLease(deviceId, 'session-b', ttlMs * 10)).toBe(false);
        expect(await other.leaseHolder(deviceId)).toBe('session-a');
      });

      it('grants exactly one of many simultaneous acquisitions from two replicas', async () => {
        const sessions = Array.from({ length: 20 }, (_, i) => `session-${i}`);
        const granted = await Promise.all(
          sessions.map((s, i) => (i % 2 ? other : store).acquireLease(deviceId, s, ttlMs * 10)),
        );

        expect(granted.filter(Boolean)).toHaveLength(1);
        expect(await store.leaseHolder(deviceId)).toBe(sessions[granted.indexOf(true)]);
      });

      it('is released or renewed only by its holder', async () => {
        await store.acquireLease(deviceId, 'session-a', ttlMs * 10);

        await other.releaseLease(deviceId, 'session-b');
        expect(await other.renewLease(deviceId, 'session-b', ttlMs * 10)).toBe(false);
        expect(await store.leaseHolder(deviceId)).toBe('session-a');

        expect(await store.renewLease(deviceId, 'session-a', ttlMs * 10)).toBe(true);
        await store.releaseLease(deviceId, 'session-a');
        expect(await store.leaseHolder(deviceId)).toBeNull();
        expect(await other.acquireLease(deviceId, 'session-b', ttlMs * 10)).toBe(true);
      });

      it('expires, so a dead gateway does not lock its device out, and is then lost', async () => {
        await store.acquireLease(deviceId, 'session-a', ttlMs);
        await backend.advance(ttlMs * 1.5);

        expect(await store.leaseHolder(deviceId)).toBeNull();
        expect(await other.acquireLease(deviceId, 'session-b', ttlMs * 10)).toBe(true);
        expect(await store.renewLease(deviceId, 'session-a', ttlMs)).toBe(false);
        expect(await store.leaseHolder(deviceId)).toBe('session-b');
      });

      it('is taken with the queue, or refused (null) while another session holds it', async () => {
        expect(await store.acquireLeaseWithQueue(deviceId, 'session-a', ttlMs * 10)).toEqual([]);
        await other.releaseLease(deviceId, 'session-a');
        for (const id of ['c1', 'c2']) await other.enqueue(command(deviceId, id));

        const queue = await store.acquireLeaseWithQueue(deviceId, 'session-a', ttlMs * 10);
        expect(queue).toEqual([command(deviceId, 'c1'), command(deviceId, 'c2')]);
        expect(await other.acquireLeaseWithQueue(deviceId, 'session-b', ttlMs * 10)).toBeNull();
        expect(await other.leaseHolder(deviceId)).toBe('session-a');
      });

      it('is renewed with the queue by its holder only (null once lost)', async () => {
        await store.acquireLease(deviceId, 'session-a', ttlMs);
        await other.enqueue(command(deviceId, 'c1'));
        await backend.advance(ttlMs * 0.6);

        expect(ids((await store.renewLeaseWithQueue(deviceId, 'session-a', ttlMs)) ?? [])).toEqual([
          'c1',
        ]);
        expect(await other.renewLeaseWithQueue(deviceId, 'session-b', ttlMs)).toBeNull();
        await backend.advance(ttlMs * 0.6);
        expect(await other.leaseHolder(deviceId)).toBe('session-a');

        await backend.advance(ttlMs);
        expect(await store.renewLeaseWithQueue(deviceId, 'session-a', ttlMs)).toBeNull();
        expect(await other.leaseHolder(deviceId)).toBeNull();
      });

      it('lives on while renewed', async () => {
        await store.acquireLease(deviceId, 'session-a', ttlMs);
        await backend.advance(ttlMs * 0.6);
        expect(await store.renewLease(deviceId, 'session-a', ttlMs)).toBe(true);
        await backend.advance(ttlMs * 0.6);

        expect(await other.acquireLease(deviceId, 'session-b', ttlMs)).toBe(false);
        expect(await other.leaseHolder(deviceId)).toBe('session-a');
      });
    });

    describe('command queue', () => {
      it('returns the commands of a device in the order enqueued, head first', async () => {
        for (const id of ['c1', 'c2', 'c3']) await store.enqueue(command(deviceId, id));

        expect(ids(await other.queue(deviceId))).toEqual(['c1', 'c2', 'c3']);
        expect((await other.peek(deviceId))?.commandId).toBe('c1');
      });

      it('returns each command as it was enqueued', async () => {
        const sent = command(deviceId, 'c1', 'Device.DeviceInfo.');
        await store.enqueue(sent);

        expect(await other.peek(deviceId)).toEqual(sent);
        expect(await other.queue(deviceId)).toEqual([sent]);
      });

      it('suppresses a duplicate commandId and keeps the first payload', async () => {
        expect(await store.enqueue(command(deviceId, 'c1', 'Device.A.'))).toBe(true);
        expect(await store.enqueue(command(deviceId, 'c2'))).toBe(true);
        expect(await other.enqueue(command(deviceId, 'c1', 'Device.B.'))).toBe(false);

        const queue = await store.queue(deviceId);
        expect(ids(queue)).toEqual(['c1', 'c2']);
        expect(queue[0]?.rpc).toEqual({
          name: 'GetParameterValues',
          parameterNames: ['Device.A.'],
        });
      });

      it('queues a command once when two replicas enqueue it at the same time', async () => {
        const added = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            (i % 2 ? other : store).enqueue(command(deviceId, 'c1')),
          ),
        );

        expect(added.filter(Boolean)).toHaveLength(1);
        expect(ids(await store.queue(deviceId))).toEqual(['c1']);
      });

      it('removes the head or any other command, once', async () => {
        for (const id of ['c1', 'c2', 'c3', 'c4']) await store.enqueue(command(deviceId, id));

        expect(await other.remove(deviceId, 'c3')).toBe(true);
        expect(await other.remove(deviceId, 'c1')).toBe(true);
        expect(await store.remove(deviceId, 'c1')).toBe(false);
        expect(await store.remove(deviceId, 'never-queued')).toBe(false);

        expect(ids(await store.queue(deviceId))).toEqual(['c2', 'c4']);
        expect((await store.peek(deviceId))?.commandId).toBe('c2');
      });

      it('refuses a removed commandId again, so a redelivered command does not run twice', async () => {
        await store.enqueue(command(deviceId, 'c1'));
        await store.remove(deviceId, 'c1');

        expect(await other.enqueue(command(deviceId, 'c1'))).toBe(false);
        expect(await store.queue(deviceId)).toEqual([]);
      });

      it('keeps the queues of devices apart', async () => {
        const second = unique('00259E-IGD-SN');
        await store.enqueue(command(deviceId, 'c1'));
        await store.enqueue(command(second, 'c1'));
        await store.enqueue(command(second, 'c2'));
        await store.remove(second, 'c1');

        expect(ids(await store.queue(deviceId))).toEqual(['c1']);
        expect(ids(await store.queue(second))).toEqual(['c2']);
      });

      it('is empty for a device without commands', async () => {
        expect(await store.queue(deviceId)).toEqual([]);
        expect(await store.peek(deviceId)).toBeNull();
      });
    });

    describe('cancel', () => {
      it('removes a command not yet sent, wherever it is in the queue, and refuses it again', async () => {
        for (const id of ['c1', 'c2', 'c3']) await store.enqueue(command(deviceId, id));

        expect(await other.cancel(deviceId, 'c2')).toEqual({
          outcome: 'cancelled',
          command: command(deviceId, 'c2'),
        });
        expect(ids(await store.queue(deviceId))).toEqual(['c1', 'c3']);
        expect(await store.enqueue(command(deviceId, 'c2'))).toBe(false);
        // Said again (a redelivered cancel): the same answer, nothing else changes.
        expect(await store.cancel(deviceId, 'c2')).toEqual({ outcome: 'cancelled', command: null });
        expect(ids(await store.queue(deviceId))).toEqual(['c1', 'c3']);
      });

      it('leaves a sent command queued and says so, until its result removes it', async () => {
        await store.enqueue(command(deviceId, 'c1'));
        expect(await store.markSent(deviceId, 'c1')).toBe(true);

        expect(await other.cancel(deviceId, 'c1')).toEqual({ outcome: 'sent' });
        expect(ids(await store.queue(deviceId))).toEqual(['c1']);
        await store.remove(deviceId, 'c1');
        expect(await other.cancel(deviceId, 'c1')).toEqual({ outcome: 'finished' });
      });

      it('refuses to mark a command sent once it was cancelled: it must not go out', async () => {
        await store.enqueue(command(deviceId, 'c1'));
        await other.cancel(deviceId, 'c1');

        expect(await store.markSent(deviceId, 'c1')).toBe(false);
      });

      it('of a command still on its way: refused when it arrives', async () => {
        expect(await store.cancel(deviceId, 'late')).toEqual({
          outcome: 'cancelled',
          command: null,
        });

        expect(await other.enqueue(command(deviceId, 'late'))).toBe(false);
        expect(await other.queue(deviceId)).toEqual([]);
      });

      it('races a send: exactly one of cancel and markSent wins', async () => {
        for (let i = 0; i < 10; i++) await store.enqueue(command(deviceId, `r${i}`));
        const outcomes = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            Promise.all([store.markSent(deviceId, `r${i}`), other.cancel(deviceId, `r${i}`)]),
          ),
        );

        for (const [marked, cancelled] of outcomes) {
          expect(marked ? 'sent' : 'cancelled').toBe(cancelled.outcome);
        }
        const sent = outcomes.flatMap(([marked], i) => (marked ? [`r${i}`] : []));
        expect(ids(await store.queue(deviceId))).toEqual(sent);
      });
    });

    describe('awaited completions (diagnostics)', () => {
      it('finds overdue commands from any replica, earliest first, until cleared', async () => {
        const second = unique('00259E-IGD-SN');
        await store.awaitCompletion(deviceId, 'c1', 2_000);
        await store.awaitCompletion(second, 'c9', 1_000);
        await store.awaitCompletion(deviceId, 'c2', 5_000);

        expect(await other.completionDeadline(deviceId, 'c1')).toBe(2_000);
        expect(await other.completionDeadline(deviceId, 'c3')).toBeNull();
        const mine = (list: { deviceId: string }[]) =>
          list.filter((c) => c.deviceId === deviceId || c.deviceId === second);
        expect(mine(await other.overdueCompletions(3_000, 100))).toEqual([
          { deviceId: second, commandId: 'c9', deadline: 1_000 },
          { deviceId, commandId: 'c1', deadline: 2_000 },
        ]);

        await other.clearCompletion(second, 'c9');
        await store.awaitCompletion(deviceId, 'c1', 9_000);
        expect(mine(await store.overdueCompletions(3_000, 100))).toEqual([]);
        expect(await store.completionDeadline(second, 'c9')).toBeNull();
      });
    });

    describe('owed connection requests', () => {
      it('lists the devices owed one by then to any replica, earliest first, until cleared', async () => {
        const second = unique('00259E-IGD-SN');
        await store.oweKnock(deviceId, 2_000);
        await other.oweKnock(second, 1_000);
        const mine = (list: string[]) => list.filter((id) => id === deviceId || id === second);
        expect(mine(await other.owedKnocks(1_500, 100))).toEqual([second]);
        expect(mine(await other.owedKnocks(3_000, 100))).toEqual([second, deviceId]);

        // Owed again later (a sweep that took it): not due before then.
        await other.oweKnock(second, 9_000);
        await store.clearKnock(deviceId);
        expect(mine(await store.owedKnocks(3_000, 100))).toEqual([]);
        expect(mine(await store.owedKnocks(9_000, 100))).toEqual([second]);
      });
    });

    describe('idle marker', () => {
      it('tells every replica the last marker of the device until it expires', async () => {
        const idleAfter = async (device: string) =>
          (await other.queueAndIdleMarker(device)).idleAfter;
        expect(await idleAfter(deviceId)).toBeNull();
        await store.markIdle(deviceId, 'c1', ttlMs);
        await store.markIdle(deviceId, 'c2', ttlMs);
        expect(await idleAfter(deviceId)).toBe('c2');
        expect(await idleAfter(unique('00259E-IGD-SN'))).toBeNull();
        await backend.advance(ttlMs + 50);
        expect(await idleAfter(deviceId)).toBeNull();
      });

      it('is read with the queue', async () => {
        await store.enqueue(command(deviceId, 'c1'));
        await store.markIdle(deviceId, 'c1', ttlMs * 10);
        await store.enqueue(command(deviceId, 'c2'));

        expect(await other.queueAndIdleMarker(deviceId)).toEqual({
          queue: [command(deviceId, 'c1'), command(deviceId, 'c2')],
          idleAfter: 'c1',
        });
      });
    });
  });
}
