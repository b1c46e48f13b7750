import type { Clock } from './types';

/** Jittered exponential backoff between attempts. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 3,
  initialDelayMs: 1_000,
  maxDelayMs: 10_000,
};

/**
 * Delay after failed attempt `attempt` (from 1): doubling from `initialDelayMs`, capped at
 * `maxDelayMs`, then 50-100 % of it so that many gateways retrying at once spread out.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

export interface RetryOptions {
  policy: RetryPolicy;
  clock: Pick<Clock, 'sleep'>;
  random: () => number;
  isRetriable(error: unknown): boolean;
  onRetry?(error: unknown, attempt: number, delayMs: number): void;
}

/** Runs `attempt(1)`, `attempt(2)`, … until one resolves, one fails for good, or attempts run out. */
export async function retry<T>(
  attempt: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= options.policy.maxAttempts || !options.isRetriable(error)) throw error;
      const delayMs = backoffDelay(options.policy, n, options.random);
      options.onRetry?.(error, n, delayMs);
      await options.clock.sleep(delayMs);
    }
  }
}
