import { backoffDelay, retry, type RetryPolicy } from '../src';
import { recordingClock } from './support';

const policy: RetryPolicy = { maxAttempts: 5, initialDelayMs: 100, maxDelayMs: 500 };

describe('backoff', () => {
  it('doubles from the initial delay up to the cap, jittered to 50-100 %', () => {
    const ceilings = [1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, () => 0.999999));
    expect(ceilings).toEqual([100, 200, 400, 500, 500]);
    expect([1, 2, 3].map((n) => backoffDelay(policy, n, () => 0))).toEqual([50, 100, 200]);
  });
});

describe('retry', () => {
  it('retries retriable failures up to maxAttempts, sleeping the backoff between them', async () => {
    const clock = recordingClock();
    const seen: number[] = [];
    await expect(
      retry(
        async (n) => {
          seen.push(n);
          throw new Error(`failure ${n}`);
        },
        { policy, clock, random: () => 0.5, isRetriable: () => true },
      ),
    ).rejects.toThrow('failure 5');
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(clock.sleeps).toEqual([75, 150, 300, 375]);
  });

  it('stops at the first failure that is not retriable, and returns the first success', async () => {
    const clock = recordingClock();
    await expect(
      retry(
        async () => {
          throw new Error('final');
        },
        { policy, clock, random: () => 0.5, isRetriable: () => false },
      ),
    ).rejects.toThrow('final');
    expect(clock.sleeps).toEqual([]);
    await expect(
      retry(async (n) => (n < 3 ? Promise.reject(new Error('again')) : n), {
        policy,
        clock,
        random: () => 0.5,
        isRetriable: () => true,
      }),
    ).resolves.toBe(3);
  });
});
