import { backoffDelay, type RetryPolicy } from '@meridian/backoff';
import type { Clock } from './types';

export { backoffDelay, type RetryPolicy } from '@meridian/backoff';

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 3,
  initialDelayMs: 1_000,
  maxDelayMs: 10_000,
};

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
