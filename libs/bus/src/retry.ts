/** How a failing handler is retried: exponential backoff with jitter, capped. */
export interface RetryPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  /** After this many failed attempts the message is dead-lettered; Infinity retries until closed. */
  maxAttempts: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  initialDelayMs: 100,
  maxDelayMs: 10_000,
  maxAttempts: Infinity,
};

/** Delay before attempt `attempt + 1` (attempt counts from 1): full doubling, then 50-100 % jitter. */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

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
