import { FailureLimiter } from '../src/auth/failure-limiter';

describe('FailureLimiter', () => {
  let now = 1_000_000;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('blocks a key at the limit until its window ends, telling how long', () => {
    const limiter = new FailureLimiter({ maxFailures: 3, windowMs: 60_000 }, clock);
    expect(limiter.fail('dev')).toBe(false);
    expect(limiter.fail('dev')).toBe(false);
    expect(limiter.check('dev')).toEqual({ blocked: false });
    now += 10_000;
    // The third failure reaches the limit: reported once, for one log line per window.
    expect(limiter.fail('dev')).toBe(true);
    expect(limiter.check('dev')).toEqual({ blocked: true, retryAfterSeconds: 50 });
    expect(limiter.fail('dev')).toBe(false);
    expect(limiter.check('other')).toEqual({ blocked: false });
    now += 49_500;
    expect(limiter.check('dev')).toEqual({ blocked: true, retryAfterSeconds: 1 });
    now += 500;
    expect(limiter.check('dev')).toEqual({ blocked: false });
    // A new window counts from zero and reports reaching the limit again.
    expect(limiter.fail('dev')).toBe(false);
    expect(limiter.fail('dev')).toBe(false);
    expect(limiter.fail('dev')).toBe(true);
  });

  it('forgives the failures of a key that authenticates', () => {
    const limiter = new FailureLimiter({ maxFailures: 2, windowMs: 60_000 }, clock);
    limiter.fail('dev');
    limiter.succeed('dev');
    expect(limiter.fail('dev')).toBe(false);
    expect(limiter.check('dev')).toEqual({ blocked: false });
  });

  it('never blocks with a limit of 0', () => {
    const limiter = new FailureLimiter({ maxFailures: 0, windowMs: 60_000 }, clock);
    for (let i = 0; i < 100; i++) expect(limiter.fail('dev')).toBe(false);
    expect(limiter.check('dev')).toEqual({ blocked: false });
  });

  it('keeps at most maxKeys windows, expired ones going first', () => {
    const limiter = new FailureLimiter({ maxFailures: 1, windowMs: 1_000 }, clock, 2);
    limiter.fail('a');
    now += 2_000;
    limiter.fail('b');
    limiter.fail('c');
    expect(limiter.check('b').blocked).toBe(true);
    expect(limiter.check('c').blocked).toBe(true);
    limiter.fail('d');
    // Full of live windows: the oldest (b) was forgotten.
    expect(limiter.check('b').blocked).toBe(false);
    expect(limiter.check('d').blocked).toBe(true);
  });
});
