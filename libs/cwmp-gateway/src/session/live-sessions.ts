import type { DownstreamLoad } from '../tokens';

/** Why a new session is refused (503 + Retry-After), or null when it is admitted. */
export function refusal(
  room: { sessions: boolean; backlog: number | undefined; drainSeconds: number | undefined },
  limits: { maxBacklog: number; maxBacklogSeconds: number },
): string | null {
  if (!room.sessions) return 'too many sessions, retry later';
  const { backlog, drainSeconds } = room;
  if (
    backlog !== undefined &&
    (backlog >= limits.maxBacklog ||
      (drainSeconds !== undefined && drainSeconds > limits.maxBacklogSeconds))
  ) {
    return 'provisioning is behind, retry later';
  }
  return null;
}

/** Readings at least this far apart give a rate (a Kafka lag is read once a second). */
const RATE_WINDOW_MS = 2_000;

/**
 * How fast downstream drains its backlog, from successive DownstreamLoad readings. Only a window
 * in which the backlog never emptied counts: while downstream keeps up, what it handles is what
 * arrives, not what it could handle. Successive windows are averaged (half each), so one slow
 * window moves the figure without deciding it. Until a window is measured, nothing is known and
 * only the count limit applies.
 */
export class DrainRate {
  private from: DownstreamLoad | undefined;
  private perSecond: number | undefined;

  observe(load: DownstreamLoad): void {
    if (load.pending === 0) {
      this.from = undefined;
      return;
    }
    if (this.from === undefined || load.handled < this.from.handled) {
      this.from = load;
      return;
    }
    const elapsedMs = load.atMs - this.from.atMs;
    if (elapsedMs < RATE_WINDOW_MS) return;
    const measured = ((load.handled - this.from.handled) * 1000) / elapsedMs;
    this.perSecond = this.perSecond === undefined ? measured : (this.perSecond + measured) / 2;
    this.from = load;
  }

  /**
   * Seconds `pending` messages take at the measured rate (at least one message a second is
   * assumed, so a stalled consumer with a few messages is not an infinite wait), or undefined.
   */
  drainSeconds(pending: number): number | undefined {
    return this.perSecond === undefined ? undefined : pending / Math.max(1, this.perSecond);
  }
}

/**
 * The sessions this replica has admitted and not yet seen end, for overload control. A session
 * idle for longer than the session timeout no longer counts (its CPE went away).
 */
export class LiveSessions {
  private readonly lastSeen = new Map<string, number>();

  constructor(
    private readonly max: number,
    private readonly timeoutMs: number,
  ) {}

  /** Room for one more new session? */
  hasRoom(nowMs: number): boolean {
    if (this.lastSeen.size < this.max) return true;
    this.prune(nowMs);
    return this.lastSeen.size < this.max;
  }

  touch(sessionId: string, nowMs: number): void {
    // Re-insert so the map stays ordered by last activity and pruning can stop early.
    this.lastSeen.delete(sessionId);
    this.lastSeen.set(sessionId, nowMs);
  }

  end(sessionId: string): void {
    this.lastSeen.delete(sessionId);
  }

  has(sessionId: string): boolean {
    return this.lastSeen.has(sessionId);
  }

  get size(): number {
    return this.lastSeen.size;
  }

  /** Sessions still live at `nowMs` (idle ones past the timeout dropped). */
  count(nowMs: number): number {
    this.prune(nowMs);
    return this.lastSeen.size;
  }

  private prune(nowMs: number): void {
    for (const [sessionId, seenAt] of this.lastSeen) {
      if (nowMs - seenAt < this.timeoutMs) return;
      this.lastSeen.delete(sessionId);
    }
  }
}
