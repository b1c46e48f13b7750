/**
 * Highest Digest nonce count accepted per nonce, for replay protection (RFC 7616 §3.3). Held per
 * replica: a nonce first seen on another replica starts from 0 here, so a replay across replicas
 * is caught only by the nonce's expiry. Entries leave when their nonce expires.
 */
export class NonceCounts {
  private readonly counts = new Map<string, { nc: number; expiresAtMs: number }>();

  constructor(private readonly maxEntries = 100_000) {}

  last(nonce: string): number {
    return this.counts.get(nonce)?.nc ?? 0;
  }

  record(nonce: string, nc: number, expiresAtMs: number, nowMs: number): void {
    if (this.counts.size >= this.maxEntries) this.prune(nowMs);
    // Still full of live nonces: forgetting the oldest only weakens replay protection to expiry.
    if (this.counts.size >= this.maxEntries) {
      const oldest = this.counts.keys().next().value;
      if (oldest !== undefined) this.counts.delete(oldest);
    }
    this.counts.set(nonce, { nc, expiresAtMs });
  }

  private prune(nowMs: number): void {
    for (const [nonce, entry] of this.counts) {
      if (entry.expiresAtMs <= nowMs) this.counts.delete(nonce);
    }
  }
}
