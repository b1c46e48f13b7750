import { frozenJsonCopy, type CommandMessage } from '@meridian/contracts';
import type {
  AwaitedCompletion,
  CancelOutcome,
  QueueAndIdleMarker,
  SessionStore,
} from './session-store';

export interface InMemorySessionStoreOptions {
  /** Milliseconds since the epoch; tests inject a fake clock to expire TTLs without waiting. */
  now?: () => number;
  /**
   * How long a removed commandId is still refused by `enqueue`, so a command redelivered by
   * the bus after it was executed is not executed again. Default 24 h.
   */
  removedTtlMs?: number;
}

export const DEFAULT_REMOVED_TTL_MS = 24 * 60 * 60 * 1000;

interface Expiring<T> {
  value: T;
  expiresAt: number;
}

/** A commandId that left the queue: refused by `enqueue` until `until`. */
interface Tombstone {
  until: number;
  kind: 'finished' | 'cancelled';
}

/**
 * SessionStore of one process (the all-in-one `meridian` and unit tests). Values are stored as
 * JSON, as in Redis, so a caller mutating an object after `putSession` changes nothing stored; a
 * session record is kept as the value its JSON would parse to, frozen (`frozenJsonCopy`: no text
 * made and parsed on every request), and `getSession` returns that frozen value.
 */
export class InMemorySessionStore implements SessionStore {
  private readonly now: () => number;
  private readonly removedTtlMs: number;
  private readonly sessions = new Map<string, Expiring<unknown>>();
  private readonly leases = new Map<string, Expiring<string>>();
  /** deviceId → commandId → command JSON; a Map keeps insertion order, which is queue order. */
  private readonly queues = new Map<string, Map<string, string>>();
  /** deviceId → commandId → why and until when it is refused. */
  private readonly removed = new Map<string, Map<string, Tombstone>>();
  /** deviceId → commandIds queued and sent. */
  private readonly sent = new Map<string, Set<string>>();
  /** JSON [deviceId, commandId] → deadline. */
  private readonly awaited = new Map<string, number>();
  /** deviceId → when a connection request is owed to it. */
  private readonly knocks = new Map<string, number>();
  /** deviceId → the idle marker's `after`. */
  private readonly idle = new Map<string, Expiring<string>>();
  /** deviceId → the wake-ups of the sessions lingering for its queue (`queueChanged`). */
  private readonly lingering = new Map<string, Set<() => void>>();
  /**
   * Devices in a session whose queue or marker changed while no one waited: the session may be
   * between reading them and waiting again, so its next wait returns at once. Dropped with the
   * lease, so it never holds more than the sessions in progress.
   */
  private readonly missed = new Set<string>();

  constructor(options: InMemorySessionStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.removedTtlMs = options.removedTtlMs ?? DEFAULT_REMOVED_TTL_MS;
  }

  async getSession<S>(sessionId: string): Promise<S | null> {
    return this.live(this.sessions, sessionId) as S | null;
  }

  async putSession<S>(sessionId: string, state: S, ttlMs: number): Promise<void> {
    this.sessions.set(sessionId, { value: frozenJsonCopy(state), expiresAt: this.now() + ttlMs });
  }

  async deleteSession(sessionId: string): Promise<void> {
    this.sessions.delete(sessionId);
  }

  async endSession(sessionId: string, deviceId: string): Promise<CommandMessage[]> {
    await this.deleteSession(sessionId);
    await this.releaseLease(deviceId, sessionId);
    return this.queue(deviceId);
  }

  async acquireLeaseWithQueue(
    deviceId: string,
    sessionId: string,
    ttlMs: number,
  ): Promise<CommandMessage[] | null> {
    return (await this.acquireLease(deviceId, sessionId, ttlMs)) ? this.queue(deviceId) : null;
  }

  async renewLeaseWithQueue(
    deviceId: string,
    sessionId: string,
    ttlMs: number,
  ): Promise<CommandMessage[] | null> {
    return (await this.renewLease(deviceId, sessionId, ttlMs)) ? this.queue(deviceId) : null;
  }

  async acquireLease(deviceId: string, sessionId: string, ttlMs: number): Promise<boolean> {
    const holder = this.live(this.leases, deviceId);
    if (holder !== null && holder !== sessionId) return false;
    this.leases.set(deviceId, { value: sessionId, expiresAt: this.now() + ttlMs });
    return true;
  }

  async renewLease(deviceId: string, sessionId: string, ttlMs: number): Promise<boolean> {
    if (this.live(this.leases, deviceId) !== sessionId) return false;
    this.leases.set(deviceId, { value: sessionId, expiresAt: this.now() + ttlMs });
    return true;
  }

  async releaseLease(deviceId: string, sessionId: string): Promise<void> {
    if (this.live(this.leases, deviceId) !== sessionId) return;
    this.leases.delete(deviceId);
    this.missed.delete(deviceId);
  }

  async leaseHolder(deviceId: string): Promise<string | null> {
    return this.live(this.leases, deviceId);
  }

  async enqueue(command: CommandMessage): Promise<boolean> {
    const { deviceId, commandId } = command;
    const queue = this.queues.get(deviceId) ?? new Map<string, string>();
    if (queue.has(commandId) || this.tombstone(deviceId, commandId) !== null) return false;
    queue.set(commandId, JSON.stringify(command));
    this.queues.set(deviceId, queue);
    this.wake(deviceId);
    return true;
  }

  async queue(deviceId: string): Promise<CommandMessage[]> {
    const queue = this.queues.get(deviceId);
    return queue ? [...queue.values()].map(parseCommand) : [];
  }

  async peek(deviceId: string): Promise<CommandMessage | null> {
    const head = this.queues.get(deviceId)?.values().next();
    return head && !head.done ? parseCommand(head.value) : null;
  }

  async remove(deviceId: string, commandId: string): Promise<boolean> {
    if (!this.dequeue(deviceId, commandId)) return false;
    this.bury(deviceId, commandId, 'finished');
    return true;
  }

  async markSent(deviceId: string, commandId: string): Promise<boolean> {
    if (!this.queues.get(deviceId)?.has(commandId)) return false;
    const sent = this.sent.get(deviceId) ?? new Set<string>();
    sent.add(commandId);
    this.sent.set(deviceId, sent);
    return true;
  }

  async cancel(deviceId: string, commandId: string): Promise<CancelOutcome> {
    if (this.sent.get(deviceId)?.has(commandId)) return { outcome: 'sent' };
    if (this.tombstone(deviceId, commandId)?.kind === 'finished') return { outcome: 'finished' };
    const json = this.queues.get(deviceId)?.get(commandId);
    this.dequeue(deviceId, commandId);
    this.bury(deviceId, commandId, 'cancelled');
    return { outcome: 'cancelled', command: json === undefined ? null : parseCommand(json) };
  }

  async awaitCompletion(deviceId: string, commandId: string, deadline: number): Promise<void> {
    this.awaited.set(JSON.stringify([deviceId, commandId]), deadline);
  }

  async completionDeadline(deviceId: string, commandId: string): Promise<number | null> {
    return this.awaited.get(JSON.stringify([deviceId, commandId])) ?? null;
  }

  async overdueCompletions(now: number, limit: number): Promise<AwaitedCompletion[]> {
    return [...this.awaited]
      .filter(([, deadline]) => deadline <= now)
      .sort(([, a], [, b]) => a - b)
      .slice(0, limit)
      .map(([key, deadline]) => {
        const [deviceId, commandId] = JSON.parse(key) as [string, string];
        return { deviceId, commandId, deadline };
      });
  }

  async clearCompletion(deviceId: string, commandId: string): Promise<void> {
    this.awaited.delete(JSON.stringify([deviceId, commandId]));
  }

  async oweKnock(deviceId: string, dueAt: number): Promise<void> {
    this.knocks.set(deviceId, dueAt);
  }

  async owedKnocks(now: number, limit: number): Promise<string[]> {
    return [...this.knocks]
      .filter(([, dueAt]) => dueAt <= now)
      .sort(([, a], [, b]) => a - b)
      .slice(0, limit)
      .map(([deviceId]) => deviceId);
  }

  async clearKnock(deviceId: string): Promise<void> {
    this.knocks.delete(deviceId);
  }

  async close(): Promise<void> {
    // Nothing to release: the data lives as long as the object.
  }

  async markIdle(deviceId: string, after: string, ttlMs: number): Promise<void> {
    this.idle.set(deviceId, { value: after, expiresAt: this.now() + ttlMs });
    this.wake(deviceId);
  }

  async queueChanged(deviceId: string, until: number): Promise<void> {
    const ms = until - this.now();
    if (this.missed.delete(deviceId) || ms <= 0) return;
    await new Promise<void>((resolve) => {
      const waiters = this.lingering.get(deviceId) ?? new Set<() => void>();
      const wake = (): void => {
        clearTimeout(timer);
        waiters.delete(wake);
        if (waiters.size === 0 && this.lingering.get(deviceId) === waiters) {
          this.lingering.delete(deviceId);
        }
        resolve();
      };
      const timer = setTimeout(wake, ms);
      waiters.add(wake);
      this.lingering.set(deviceId, waiters);
    });
  }

  async queueAndIdleMarker(deviceId: string): Promise<QueueAndIdleMarker> {
    return { queue: await this.queue(deviceId), idleAfter: this.live(this.idle, deviceId) };
  }

  private wake(deviceId: string): void {
    const waiters = this.lingering.get(deviceId);
    if (waiters) for (const wake of [...waiters]) wake();
    else if (this.live(this.leases, deviceId) !== null) this.missed.add(deviceId);
  }

  /** The value if not expired; drops it when it is. */
  private live<T>(map: Map<string, Expiring<T>>, key: string): T | null {
    const entry = map.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.now()) {
      map.delete(key);
      return null;
    }
    return entry.value;
  }

  private dequeue(deviceId: string, commandId: string): boolean {
    const queue = this.queues.get(deviceId);
    if (!queue?.delete(commandId)) return false;
    if (queue.size === 0) this.queues.delete(deviceId);
    const sent = this.sent.get(deviceId);
    sent?.delete(commandId);
    if (sent?.size === 0) this.sent.delete(deviceId);
    return true;
  }

  private bury(deviceId: string, commandId: string, kind: Tombstone['kind']): void {
    const now = this.now();
    const removed = this.removed.get(deviceId) ?? new Map<string, Tombstone>();
    // Forget the device's expired tombstones here, so they do not pile up over the process's life.
    // They go in in time order with one TTL, so the expired ones are the oldest, at the front: a
    // device that gets a command a second keeps a day of them, and a scan of all of them on every
    // removal made each command's cost grow with the device's history.
    for (const [id, { until }] of removed) {
      if (until > now) break;
      removed.delete(id);
    }
    removed.delete(commandId);
    removed.set(commandId, { until: now + this.removedTtlMs, kind });
    this.removed.set(deviceId, removed);
  }

  private tombstone(deviceId: string, commandId: string): Tombstone | null {
    const removed = this.removed.get(deviceId);
    const tombstone = removed?.get(commandId);
    if (tombstone === undefined) return null;
    if (tombstone.until > this.now()) return tombstone;
    removed?.delete(commandId);
    return null;
  }
}

function parseCommand(json: string): CommandMessage {
  return JSON.parse(json) as CommandMessage;
}
