import { randomBytes } from 'node:crypto';

/**
 * Ids of audit entries: 12 hex digits of the entry's time in ms, 4 of a sequence within that
 * millisecond, 8 random. Sorting ids sorts entries by time (and by append order within one
 * process and millisecond); the random part keeps ids of several processes apart.
 */
export class AuditIdGenerator {
  private lastMs = -1;
  private sequence = 0;

  constructor(private readonly random: () => string = () => randomBytes(4).toString('hex')) {}

  next(at: Date): string {
    const ms = at.getTime();
    this.sequence = ms === this.lastMs ? (this.sequence + 1) & 0xffff : 0;
    this.lastMs = ms;
    return (
      ms.toString(16).padStart(12, '0') +
      this.sequence.toString(16).padStart(4, '0') +
      this.random()
    );
  }
}
