import type { LingerEnd } from './session-metrics';

/** One wait of a session for provisioning's next wave (awaitCommands), as it ended. */
export interface LingerSample {
  ended: LingerEnd;
  startedAtMs: number;
  endedAtMs: number;
}

export interface LingerLimitConfig {
  /** New sessions that will wait on provisioning admitted at once before any wave was timed. */
  initial: number;
  /** Never above this (the replica's session limit). */
  max: number;
  /** The linger's cap: a wave answered later than this costs the device a connection request. */
  capMs: number;
}

/**
 * How many new sessions that wait on provisioning (0 BOOTSTRAP) one replica runs at once, adapted
 * to how fast provisioning answers their waves, with no rate window needed first. By Little's law
 * a wave's wait grows with the sessions waiting, so the limit keeps the waits in a band below the
 * cap. It shrinks as soon as one wave's wait passes half the cap, by the share it overshot (halved
 * at the cap). It grows by one per session that ended with every wait within a quarter of the cap
 * (doubling per round of sessions, as TCP's slow start, while provisioning keeps up: a fast store
 * is not held back), and after the first shrink by one per round (1/limit per session, as TCP's
 * congestion avoidance). Growth waits for a whole session because a bootstrap's waves differ in
 * cost: the Inform's and discovery's first answers are light, storing the discovered tree is
 * heavy, and light waves answered fast said nothing of the heavy ones that followed (measured on
 * FerretDB: 3 s waits while the limit doubled to 63, then every heavy wave past the cap).
 *
 * One shrink per round: a wait that began before the last shrink, or that ends while more
 * sessions are admitted than the limit (those above it are still finishing), tells of a load
 * the last shrink already answered. The limit never goes below 1, so a slow store still makes
 * progress, and grows only while at least half of it is in use (an idle replica learns nothing).
 */
export class LingerLimit {
  private value: number;
  private lastShrinkAtMs = Number.NEGATIVE_INFINITY;
  private slowStart = true;

  constructor(private readonly config: LingerLimitConfig) {
    this.value = clamp(config.initial, config.max);
  }

  /** Sessions that may wait on provisioning at once: an integer, at least 1. */
  get limit(): number {
    return Math.floor(this.value);
  }

  /** Within a quarter of the cap: the waits under which the limit may grow. */
  get fastMs(): number {
    return this.config.capMs / 4;
  }

  /** A wait ended while `admitted` sessions held a place under the limit. */
  waited(sample: LingerSample, admitted: number): void {
    if (sample.ended === 'caught_up') return; // no wave was awaited: nothing timed
    const { capMs, max } = this.config;
    const targetMs = capMs / 2;
    const waitedMs = waitOf(sample, capMs);
    if (waitedMs <= targetMs) return;
    if (sample.startedAtMs < this.lastShrinkAtMs || admitted > this.limit) return;
    // From what is in use when less is: a limit far above the load would shrink for nothing.
    const base = Math.min(this.value, Math.max(1, admitted));
    this.value = clamp(base * Math.max(0.5, targetMs / waitedMs), max);
    this.lastShrinkAtMs = sample.endedAtMs;
    this.slowStart = false;
  }

  /**
   * A session admitted under the limit ended normally, its longest wait `slowestMs`, while
   * `admitted` sessions (itself included) held a place.
   */
  completed(slowestMs: number, admitted: number): void {
    if (slowestMs > this.fastMs || admitted * 2 < this.limit) return;
    this.value = clamp(this.value + (this.slowStart ? 1 : 1 / this.value), this.config.max);
  }
}

/** How long a wave took: at least the cap when the wait ended on it. */
export const waitOf = (sample: LingerSample, capMs: number): number =>
  Math.max(sample.endedAtMs - sample.startedAtMs, sample.ended === 'cap' ? capMs : 0);

const clamp = (value: number, max: number): number => Math.max(1, Math.min(max, value));
