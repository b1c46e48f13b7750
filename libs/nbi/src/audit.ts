import { Inject, Injectable, Logger } from '@nestjs/common';
import { STORE, type AuditEntryInput, type JsonValue, type Store } from '@meridian/store';
import type { AuthenticatedRequest } from './auth.guard';
import { dateQuery, pagingQuery, type QueryParams } from './query';

/** What a change acted on, besides who made it and through which route. */
export interface AuditFacts {
  deviceId?: string;
  /** A task's id (taskId), a preset's name, a fault channel, a tag. */
  target?: string;
  /** Never a secret (no passwords, no keys). */
  detail?: JsonValue;
}

/** "<METHOD> <route pattern>", e.g. "POST /devices/:deviceId/tasks". */
export function actionOf(req: AuthenticatedRequest): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  return `${req.method} ${typeof route === 'string' ? route : req.path}`;
}

/** Every change made through the NBI: a log line and a queryable entry in the store. */
@Injectable()
export class AuditLog {
  private readonly logger = new Logger('Audit');

  constructor(@Inject(STORE) private readonly store: Store) {}

  async record(req: AuthenticatedRequest, status: number, facts: AuditFacts): Promise<void> {
    const entry: AuditEntryInput = {
      at: new Date(),
      actor: req.apiKey.name,
      role: req.apiKey.role,
      action: actionOf(req),
      status,
      ...facts,
    };
    // The line comes first and cannot fail, so the change is on record even if the store is not.
    this.logger.log(JSON.stringify(entry));
    try {
      await this.store.audit.append(entry);
    } catch (error) {
      // The change is made: failing the request now would make the caller retry it.
      this.logger.error(
        `audit entry not stored: ${error instanceof Error ? error.message : error}`,
      );
    }
  }

  /** Entries filtered by `deviceId`, `actor` (API key name), `from` and `to`, newest first. */
  async list(q: QueryParams) {
    return this.store.audit.list(
      {
        deviceId: q.deviceId || undefined,
        actor: q.actor || undefined,
        from: dateQuery(q.from, 'from'),
        to: dateQuery(q.to, 'to'),
      },
      pagingQuery(q),
    );
  }
}
