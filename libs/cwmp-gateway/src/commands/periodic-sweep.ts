import { Logger } from '@nestjs/common';

/**
 * Runs `pass` every `intervalMs`, one pass at a time (a slow one is not overlapped); a failed
 * pass is logged and the next one tries again. The timer does not keep the process alive.
 */
export class PeriodicSweep {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly pass: () => Promise<void>,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    this.timer = setInterval(() => {
      this.sweeping ??= this.pass()
        .catch((error: unknown) => this.logger.warn(`${this.name}: ${String(error)}`))
        .finally(() => (this.sweeping = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for the pass under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }
}
