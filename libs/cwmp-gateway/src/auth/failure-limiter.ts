/** At most `maxFailures` failed authentications per key in a window of `windowMs`; 0: no limit. */
export interface FailureLimit {
  maxFailures: number;
  windowMs: number;
}

export type LimitCheck = { blocked: false } | { blocked: true; retryAfterSeconds: number };

interface Window {
  startedAtMs: number;
  failures: number;
}

/**
 * Slows password guessing: counts failed authentications per key (a deviceId, a remote address)
 * in fixed windows; a key at the limit is blocked until its window ends. Pure: the clock comes
 * in. Held per replica, so N replicas allow up to N times the limit.
 */
export class FailureLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: FailureLimit,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  check(key: string): LimitCheck {
    const window = this.current(key);
    if (window === undefined || this.limit.maxFailures === 0) return { blocked: false };
    if (window.failures < this.limit.maxFailures) return { blocked: false };
    const remainingMs = window.startedAtMs + this.limit.windowMs - this.now();
    return { blocked: true, retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
  }

  /** Counts a failure; true when it is the one that reaches the limit (once per window). */
  fail(key: string): boolean {
    if (this.limit.maxFailures === 0) return false;
    const window = this.current(key) ?? this.open(key);
    window.failures += 1;
    return window.failures === this.limit.maxFailures;
  }

  /** The key authenticated: its failures are forgiven. */
  succeed(key: string): void {
    this.windows.delete(key);
  }

  private current(key: string): Window | undefined {
    const window = this.windows.get(key);
    if (window === undefined) return undefined;
    if (this.now() < window.startedAtMs + this.limit.windowMs) return window;
    this.windows.delete(key);
    return undefined;
  }

  private open(key: string): Window {
    if (this.windows.size >= this.maxKeys) this.prune();
    // Still full of live windows: forgetting the oldest only lets that key start over.
    if (this.windows.size >= this.maxKeys) {
      const oldest = this.windows.keys().next().value;
      if (oldest !== undefined) this.windows.delete(oldest);
    }
    const window = { startedAtMs: this.now(), failures: 0 };
    this.windows.set(key, window);
    return window;
  }

  private prune(): void {
    const now = this.now();
    for (const [key, window] of this.windows) {
      if (now >= window.startedAtMs + this.limit.windowMs) this.windows.delete(key);
    }
  }
}
