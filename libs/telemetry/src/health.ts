/** Resolves when a dependency answers, rejects (or times out) when it does not. */
export type HealthCheck = () => Promise<unknown>;

export interface Readiness {
  ready: boolean;
  /** "ok", "draining", or why a dependency is not reachable. */
  checks: Record<string, string>;
}

/**
 * Liveness and readiness of one service. Ready while every dependency check (Kafka, Redis, the
 * store) passes within `timeoutMs` and the service is not draining; live while the process can
 * answer at all (a dependency outage must not get the process restarted).
 */
export class Health {
  private readonly checks = new Map<string, HealthCheck>();
  private draining = false;

  constructor(private readonly timeoutMs = 2_000) {}

  /** Adds a dependency checked on every readiness probe. */
  add(name: string, check: HealthCheck): this {
    this.checks.set(name, check);
    return this;
  }

  /** From now on not ready: the load balancer stops sending new work. */
  startDraining(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  async readiness(): Promise<Readiness> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await this.run(check)] as const),
    );
    const checks: Record<string, string> = Object.fromEntries(entries);
    if (this.draining) checks.drain = 'draining';
    return { ready: Object.values(checks).every((state) => state === 'ok'), checks };
  }

  private async run(check: HealthCheck): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    try {
      await Promise.race([check(), timeout]);
      return 'ok';
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(timer);
    }
  }
}
