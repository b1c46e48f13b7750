/** Jittered exponential backoff between attempts, shared by every retry loop of the project. */
export interface RetryPolicy {
  /** Attempts in all, the first included; Infinity retries until stopped. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

/** Delay after failed attempt `attempt` (from 1), unjittered: doubling from `initialDelayMs`, capped at `maxDelayMs`. */
export function backoffCeiling(
  policy: Pick<RetryPolicy, 'initialDelayMs' | 'maxDelayMs'>,
  attempt: number,
): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
}

/**
 * Delay after failed attempt `attempt` (from 1): the backoffCeiling, then 50-100 % of it so
 * that many clients retrying at once spread out.
 */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  return Math.round(backoffCeiling(policy, attempt) * (0.5 + random() / 2));
}
