import type { RetryPolicy } from '@meridian/backoff';

export { backoffDelay, type RetryPolicy } from '@meridian/backoff';

/** How a failing handler is retried: maxAttempts Infinity retries until the bus is closed. */
export const defaultRetryPolicy: RetryPolicy = {
  initialDelayMs: 100,
  maxDelayMs: 10_000,
  maxAttempts: Infinity,
};

/** Resolves after `ms`, or as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
