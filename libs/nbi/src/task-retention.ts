import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { STORE, type Store } from '@meridian/store';

/** How long ended tasks are kept, and how often the ones past it are deleted. */
export interface TaskRetentionOptions {
  /** Ended tasks created longer ago than this are deleted; 0 keeps every task. */
  retentionMs: number;
  intervalMs?: number;
  now?: () => number;
}

export const TASK_RETENTION = Symbol('TASK_RETENTION');

/** Tasks deleted per store call: a backlog goes in bounded steps, not one long write. */
const BATCH = 1000;
const HOUR_MS = 3_600_000;

/**
 * Deletes ended tasks past the retention, hourly (and once at start), so the task history of a
 * fleet does not grow without end. A pending task stays whatever its age. Every NBI replica
 * sweeps: the deletes are idempotent.
 */
@Injectable()
export class TaskRetention implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('TaskRetention');
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;

  constructor(
    @Inject(STORE) private readonly store: Store,
    @Inject(TASK_RETENTION) private readonly options: TaskRetentionOptions,
  ) {}

  onModuleInit(): void {
    if (this.options.retentionMs <= 0) return;
    const run = (): void => void this.sweep();
    this.timer = setInterval(run, this.options.intervalMs ?? HOUR_MS);
    this.timer.unref();
    run();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** One sweep (one at a time): how many tasks it deleted. */
  sweep(): Promise<number> {
    this.sweeping ??= this.deleteExpired().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async deleteExpired(): Promise<number> {
    const before = new Date((this.options.now ?? Date.now)() - this.options.retentionMs);
    let deleted = 0;
    try {
      for (;;) {
        const batch = await this.store.tasks.deleteEndedBefore(before, BATCH);
        deleted += batch;
        if (batch < BATCH) break;
      }
    } catch (error) {
      this.logger.warn(`task retention: ${(error as Error).message} (again in the next sweep)`);
    }
    if (deleted > 0) {
      this.logger.log(`deleted ${deleted} ended task(s) created before ${before.toISOString()}`);
    }
    return deleted;
  }
}
