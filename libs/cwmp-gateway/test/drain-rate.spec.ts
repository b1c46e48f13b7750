import { DrainRate, refusal } from '../src/session/live-sessions';

const limits = { maxBacklog: 500, maxBacklogSeconds: 3 };

describe('overload control on the downstream backlog', () => {
  it('knows no drain time until a window with a backlog has been measured', () => {
    const rate = new DrainRate();
    rate.observe({ pending: 100, handled: 0, atMs: 0 });
    rate.observe({ pending: 100, handled: 10, atMs: 1_000 });
    expect(rate.drainSeconds(100)).toBeUndefined();
    rate.observe({ pending: 100, handled: 200, atMs: 2_000 });
    // 200 handled in 2 s: 100/s, so 100 waiting take 1 s.
    expect(rate.drainSeconds(100)).toBe(1);
  });

  it('measures only while the backlog lasts: what a consumer that keeps up handles is what arrives', () => {
    const rate = new DrainRate();
    rate.observe({ pending: 5, handled: 0, atMs: 0 });
    rate.observe({ pending: 0, handled: 5, atMs: 2_000 });
    rate.observe({ pending: 3, handled: 6, atMs: 4_000 });
    expect(rate.drainSeconds(3)).toBeUndefined();
  });

  it('averages successive windows, so one slow window moves the figure without deciding it', () => {
    const rate = new DrainRate();
    rate.observe({ pending: 400, handled: 0, atMs: 0 });
    rate.observe({ pending: 400, handled: 400, atMs: 2_000 }); // 200/s
    rate.observe({ pending: 400, handled: 400, atMs: 4_000 }); // 0/s: (200 + 0) / 2
    expect(rate.drainSeconds(400)).toBe(4);
  });

  it('assumes at least one message a second, so a stalled consumer with a few messages waits, not forever', () => {
    const rate = new DrainRate();
    rate.observe({ pending: 2, handled: 0, atMs: 0 });
    rate.observe({ pending: 2, handled: 0, atMs: 2_000 });
    expect(rate.drainSeconds(2)).toBe(2);
    expect(refusal({ sessions: true, backlog: 2, drainSeconds: 2 }, limits)).toBeNull();
    expect(refusal({ sessions: true, backlog: 4, drainSeconds: 4 }, limits)).toContain(
      'provisioning is behind',
    );
  });

  it('starts over when the counter goes back (a reader restarted)', () => {
    const rate = new DrainRate();
    rate.observe({ pending: 10, handled: 1_000, atMs: 0 });
    rate.observe({ pending: 10, handled: 0, atMs: 2_000 });
    expect(rate.drainSeconds(10)).toBeUndefined();
  });

  it('refuses at the count limit, or over the drain time, and admits otherwise', () => {
    expect(refusal({ sessions: true, backlog: 500, drainSeconds: undefined }, limits)).toContain(
      'provisioning is behind',
    );
    expect(refusal({ sessions: true, backlog: 100, drainSeconds: 3.5 }, limits)).toContain(
      'provisioning is behind',
    );
    expect(refusal({ sessions: true, backlog: 100, drainSeconds: 2.5 }, limits)).toBeNull();
    expect(refusal({ sessions: false, backlog: 0, drainSeconds: undefined }, limits)).toContain(
      'too many sessions',
    );
    expect(
      refusal({ sessions: true, backlog: undefined, drainSeconds: undefined }, limits),
    ).toBeNull();
  });
});
