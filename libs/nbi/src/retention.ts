import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { STORE, type Store } from '@meridian/store';

/** How long each history is kept; 0 keeps all of it. */
export interface RetentionPeriods {
  /** Ended tasks, by their creation. */
  taskMs: number;
  /** Audit entries, by when they were made. */
  auditMs: number;
  /** Ended (completed or aborted) firmware campaigns with their device records, by their end. */
  campaignMs: number;
  /** Firmware transfers that ended and whose outcome was published, by their creation. */
  transferMs: number;
}

/** How long the history is kept, and how often what is past it is deleted. */
export interface RetentionOptions extends RetentionPeriods {
  intervalMs?: number;
  now?: () => number;
}

export const RETENTION = Symbol('RETENTION');

/** Records deleted per store call: a backlog goes in bounded steps, not one long write. */
const BATCH = 1000;
const HOUR_MS = 3_600_000;

/** One kind of history: what it is called in the log, its retention, its store call. */
interface History {
  what: string;
  retentionMs: number;
  deleteBefore: (before: Date, limit: number) => Promise<number>;
}

/**
 * Deletes the history past its retention, hourly (and once at start), so that what a fleet
 * accumulates does not grow without end: ended tasks (a pending task stays whatever its age),
 * audit entries, ended firmware campaigns with their devices' records, and ended transfers (a
 * Download's record, the device's firmware history; one still waiting or whose outcome the
 * firmware service has still to publish stays). Every NBI replica sweeps: the deletes are
 * idempotent.
 */
@Injectable()
export class Retention implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Retention');
  private readonly histories: History[];
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;

  constructor(
    @Inject(STORE) store: Store,
    @Inject(RETENTION) private readonly options: RetentionOptions,
  ) {
    const histories: History[] = [
      {
        what: 'ended task(s) created',
        retentionMs: options.taskMs,
        deleteBefore: (before, limit) => store.tasks.deleteEndedBefore(before, limit),
      },
      {
        what: 'audit entr(ies) made',
        retentionMs: options.auditMs,
        deleteBefore: (before, limit) => store.audit.deleteBefore(before, limit),
      },
      {
        what: 'record(s) of campaigns and their devices, ended',
        retentionMs: options.campaignMs,
        deleteBefore: (before, limit) => store.campaigns.deleteEndedBefore(before, limit),
      },
      {
        what: 'ended transfer(s) created',
        retentionMs: options.transferMs,
        deleteBefore: (before, limit) => store.transfers.deleteEndedBefore(before, limit),
      },
    ];
    this.histories = histories.filter((history) => history.retentionMs > 0);
  }

  onModuleInit(): void {
    if (this.histories.length === 0) return;
    const run = (): void => void this.sweep();
    this.timer = setInterval(run, this.options.intervalMs ?? HOUR_MS);
    this.timer.unref();
    run();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** One sweep (one at a time): how many records it deleted. */
  sweep(): Promise<number> {
    this.sweeping ??= this.deleteExpired().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async deleteExpired(): Promise<number> {
    const now = (this.options.now ?? Date.now)();
    let total = 0;
    for (const { what, retentionMs, deleteBefore } of this.histories) {
      const before = new Date(now - retentionMs);
      let deleted = 0;
      try {
        for (;;) {
          const batch = await deleteBefore(before, BATCH);
          deleted += batch;
          if (batch < BATCH) break;
        }
      } catch (error) {
        this.logger.warn(
          `${what} before ${before.toISOString()}: ${(error as Error).message} (again in the next sweep)`,
        );
      }
      if (deleted > 0) this.logger.log(`deleted ${deleted} ${what} before ${before.toISOString()}`);
      total += deleted;
    }
    return total;
  }
}
