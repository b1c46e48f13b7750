import { LingerLimit, type LingerSample } from '../src/session/linger-limit';
import type { LingerEnd } from '../src/session/session-metrics';

/*
 * The adaptive limit of new sessions that wait on provisioning, as an SRE reads it off
 * meridian_cwmp_linger_limit: it grows while whole bootstraps come back fast, shrinks as soon as
 * one wave comes back near or at the linger's cap, recovers, and never leaves [1, max].
 */
const CAP_MS = 15_000;
const FAST_MS = 1_000;
const limitOf = (initial = 32, max = 10_000) => new LingerLimit({ initial, max, capMs: CAP_MS });

let clock = 0;
/** A wait that began now and lasted `waitedMs`; the clock moves past it. */
function wait(ended: LingerEnd, waitedMs: number): LingerSample {
  const sample = { ended, startedAtMs: clock, endedAtMs: clock + waitedMs };
  clock += waitedMs + 1;
  return sample;
}

describe('LingerLimit', () => {
  beforeEach(() => (clock = 0));

  it('starts at the initial limit', () => {
    expect(limitOf(32).limit).toBe(32);
  });

  it('grows by one per session whose waits all came back well within the cap', () => {
    const limit = limitOf(32);
    for (let i = 0; i < 32; i++) limit.completed(FAST_MS, 32);
    // One round of fast sessions doubles it (slow start): a fast store is not held back.
    expect(limit.limit).toBe(64);
  });

  it('does not grow on waves alone, however fast: a heavier wave may follow', () => {
    const limit = limitOf(32);
    for (let i = 0; i < 100; i++) limit.waited(wait('command', 100), 32);
    expect(limit.limit).toBe(32);
  });

  it('does not grow from a session that waited more than a quarter of the cap', () => {
    const limit = limitOf(32);
    for (let i = 0; i < 10; i++) limit.completed(CAP_MS * 0.4, 32);
    expect(limit.limit).toBe(32);
  });

  it('does not grow while most of it is unused', () => {
    const limit = limitOf(32);
    for (let i = 0; i < 100; i++) limit.completed(FAST_MS, 10);
    expect(limit.limit).toBe(32);
  });

  it('holds while waves stay within half the cap', () => {
    const limit = limitOf(32);
    for (let i = 0; i < 10; i++) limit.waited(wait('command', CAP_MS * 0.4), 32);
    expect(limit.limit).toBe(32);
  });

  it('halves when a wait ends on the cap', () => {
    const limit = limitOf(32);
    limit.waited(wait('cap', CAP_MS), 32);
    expect(limit.limit).toBe(16);
  });

  it('shrinks by the share a wave overshot half the cap', () => {
    const limit = limitOf(40);
    // 10 s against a 7.5 s target: three quarters.
    limit.waited(wait('command', 10_000), 40);
    expect(limit.limit).toBe(30);
  });

  it('shrinks once for a round of waits that began before the shrink', () => {
    const limit = limitOf(32);
    for (let i = 0; i < 32; i++) {
      limit.waited({ ended: 'cap', startedAtMs: 0, endedAtMs: CAP_MS + i }, 32);
    }
    expect(limit.limit).toBe(16);
  });

  it('does not shrink again while more sessions are admitted than the new limit', () => {
    const limit = limitOf(32);
    limit.waited(wait('cap', CAP_MS), 32);
    limit.waited(wait('cap', CAP_MS), 30);
    expect(limit.limit).toBe(16);
    limit.waited(wait('cap', CAP_MS), 16);
    expect(limit.limit).toBe(8);
  });

  it('shrinks from what is in use when that is below the limit', () => {
    const limit = limitOf(1_000);
    limit.waited(wait('cap', CAP_MS), 20);
    expect(limit.limit).toBe(10);
  });

  it('never goes below 1, and recovers once sessions are fast again', () => {
    const limit = limitOf(4);
    for (let i = 0; i < 20; i++) limit.waited(wait('cap', CAP_MS), 1);
    expect(limit.limit).toBe(1);
    for (let i = 0; i < 200; i++) limit.completed(FAST_MS, limit.limit);
    expect(limit.limit).toBeGreaterThanOrEqual(10);
  });

  it('after a shrink, grows by about one per round of sessions instead of doubling', () => {
    const limit = limitOf(32);
    limit.waited(wait('cap', CAP_MS), 32);
    expect(limit.limit).toBe(16);
    for (let i = 0; i < 16; i++) limit.completed(FAST_MS, 16);
    expect(limit.limit).toBeGreaterThanOrEqual(16);
    expect(limit.limit).toBeLessThanOrEqual(17);
  });

  it('never grows past its maximum', () => {
    const limit = limitOf(8, 10);
    for (let i = 0; i < 50; i++) limit.completed(FAST_MS, 10);
    expect(limit.limit).toBe(10);
    expect(limitOf(50, 10).limit).toBe(10);
  });

  it('learns nothing from a wait that ended with provisioning caught up', () => {
    const limit = limitOf(32);
    limit.waited(wait('caught_up', CAP_MS), 32);
    expect(limit.limit).toBe(32);
  });
});
