import type { GatewayConfig } from '../config';
import { LingerLimit, waitOf, type LingerLimitConfig, type LingerSample } from './linger-limit';
import { LiveSessions } from './live-sessions';

interface Waiter {
  sessionId: string;
  settle: (admitted: boolean) => void;
  timer: NodeJS.Timeout;
}

export interface LingerAdmissionConfig extends LingerLimitConfig {
  /** A session admitted and not seen since this long no longer holds a place (its CPE left). */
  sessionTimeoutMs: number;
  /** How long a session beyond the limit is held (its Inform not yet answered) before a 503. */
  holdMs: number;
}

/**
 * The admission of a gateway whose sessions linger with config.lingerLimitInitial above 0, else
 * undefined. A session is held at most the linger's cap as the reducer computes it for the
 * default session timeout: the CPE's HTTP request then waits no longer than a linger does.
 */
export function lingerAdmissionOf(config: GatewayConfig): LingerAdmission | undefined {
  const { lingerMs, lingerMaxMs, lingerLimitInitial, sessionTimeoutMs } = config;
  if (lingerMs <= 0 || lingerLimitInitial <= 0) return undefined;
  const capMs = Math.max(lingerMs, Math.min(lingerMaxMs, Math.floor(sessionTimeoutMs / 2)));
  return new LingerAdmission(
    {
      initial: lingerLimitInitial,
      max: config.maxConcurrentSessions,
      capMs,
      sessionTimeoutMs,
      holdMs: capMs,
    },
    Date.now,
  );
}

/**
 * Admission of new sessions that will wait on provisioning under the adaptive LingerLimit. One
 * beyond the limit is held, first come first served, until a place frees (a session ends, the
 * limit grows) or `holdMs` passes, and is refused then. Holding instead of refusing at once lets
 * a burst of boot Informs that arrives before any wave was timed through on a fast store: its
 * first waves answered in time grow the limit within the hold, where a refusal would cost each
 * CPE its retry back-off.
 */
export class LingerAdmission {
  private readonly limiter: LingerLimit;
  private readonly admitted: LiveSessions;
  private readonly waiting: Waiter[] = [];
  /** The longest wait so far of each admitted session that waited. */
  private readonly slowestMs = new Map<string, number>();

  constructor(
    private readonly config: LingerAdmissionConfig,
    private readonly now: () => number,
  ) {
    this.limiter = new LingerLimit(config);
    this.admitted = new LiveSessions(Number.POSITIVE_INFINITY, config.sessionTimeoutMs);
  }

  get limit(): number {
    return this.limiter.limit;
  }

  /** Resolves true once `sessionId` holds a place under the limit, false if none came in time. */
  admit(sessionId: string): Promise<boolean> {
    if (this.waiting.length === 0 && this.hasRoom()) {
      this.admitted.touch(sessionId, this.now());
      return Promise.resolve(true);
    }
    return new Promise((settle) => {
      const waiter: Waiter = {
        sessionId,
        settle,
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          settle(false);
        }, this.config.holdMs),
      };
      this.waiting.push(waiter);
    });
  }

  /** A request of the session: an admitted one keeps its place while its CPE is active. */
  touch(sessionId: string): void {
    if (this.admitted.has(sessionId)) this.admitted.touch(sessionId, this.now());
  }

  /** The session ended; `completed` when normally, so its waits tell what a whole bootstrap costs. */
  end(sessionId: string, completed: boolean): void {
    const slowestMs = this.slowestMs.get(sessionId) ?? 0;
    this.slowestMs.delete(sessionId);
    if (!this.admitted.has(sessionId)) return;
    if (completed) this.limiter.completed(slowestMs, this.admitted.count(this.now()));
    this.admitted.end(sessionId);
    this.wake();
  }

  /** A session's wait for provisioning's next wave ended (any session's: all time provisioning). */
  observe(sessionId: string, sample: LingerSample): void {
    this.limiter.waited(sample, this.admitted.count(sample.endedAtMs));
    if (this.admitted.has(sessionId)) {
      const waitedMs = waitOf(sample, this.config.capMs);
      this.slowestMs.set(sessionId, Math.max(waitedMs, this.slowestMs.get(sessionId) ?? 0));
    } else if (this.slowestMs.size > 2 * this.admitted.size) {
      // Sessions whose CPE went away are pruned from `admitted` without an end.
      for (const id of this.slowestMs.keys()) if (!this.admitted.has(id)) this.slowestMs.delete(id);
    }
    this.wake();
  }

  private hasRoom(): boolean {
    return this.admitted.count(this.now()) < this.limiter.limit;
  }

  private wake(): void {
    while (this.waiting.length > 0 && this.hasRoom()) {
      const waiter = this.waiting.shift() as Waiter;
      clearTimeout(waiter.timer);
      this.admitted.touch(waiter.sessionId, this.now());
      waiter.settle(true);
    }
  }
}
