/** Why a new session is refused (503 + Retry-After), or null when it is admitted. */
export function refusal(
  room: { sessions: boolean; backlog: number | undefined },
  maxBacklog: number,
): string | null {
  if (!room.sessions) return 'too many sessions, retry later';
  if (room.backlog !== undefined && room.backlog >= maxBacklog) {
    return 'provisioning is behind, retry later';
  }
  return null;
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
