import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Bus } from '@meridian/bus';
import { SCHEMA_VERSION, Topics, type ResultMessage } from '@meridian/contracts';
import { diagnosticExpiredReason } from '@meridian/diagnostics';
import type { AwaitedCompletion, SessionStore } from '@meridian/session-store';

export interface DiagnosticDeadlinesDeps {
  bus: Bus;
  sessions: SessionStore;
  /** Called once an expired diagnostic left the queue: commands behind it may wait for a knock. */
  onReleased: (deviceId: string) => void;
  now?: () => number;
}

/** Overdue diagnostics expired per sweep at most; the next sweep takes the rest. */
const BATCH = 100;
/** How long a sweep holds a device's lease: a few session-store round trips. */
const LEASE_MS = 10_000;

/**
 * Ends `expired` the diagnostics whose CPE never reported "8 DIAGNOSTICS COMPLETE" and never
 * came back: nothing else would, since the reducer only runs when the device calls. Every
 * replica sweeps (`sweep`, run by the gateway every second); the device lease makes one of them do it, and a live session of the device is
 * left alone (its reducer expires the command itself). A replica that dies loses nothing: the
 * deadlines are in the SessionStore.
 */
export class DiagnosticDeadlines {
  private readonly logger = new Logger(DiagnosticDeadlines.name);
  private readonly now: () => number;

  constructor(private readonly deps: DiagnosticDeadlinesDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** One pass over the overdue diagnostics. */
  async sweep(): Promise<void> {
    const overdue = await this.deps.sessions.overdueCompletions(this.now(), BATCH);
    for (const awaited of overdue) await this.expire(awaited);
  }

  private async expire({ deviceId, commandId }: AwaitedCompletion): Promise<void> {
    const { sessions, bus } = this.deps;
    const holder = `deadline-${randomBytes(8).toString('hex')}`;
    if (!(await sessions.acquireLease(deviceId, holder, LEASE_MS))) return;
    let released = false;
    try {
      const head = await sessions.peek(deviceId);
      if (head?.commandId === commandId && head.diagnostic !== undefined) {
        const result: ResultMessage = {
          schemaVersion: SCHEMA_VERSION,
          commandId,
          ...(head.taskId !== undefined ? { taskId: head.taskId } : {}),
          deviceId,
          source: head.source,
          time: new Date(this.now()).toISOString(),
          outcome: 'expired',
          reason: diagnosticExpiredReason(head.diagnostic),
        };
        // Published before the removal, as in a session: a crash in between expires it again.
        await bus.publish(Topics.results, deviceId, result);
        await sessions.remove(deviceId, commandId);
        released = true;
        this.logger.log(`diagnostic ${commandId} on ${deviceId} expired`);
      }
      await sessions.clearCompletion(deviceId, commandId);
    } finally {
      await sessions.releaseLease(deviceId, holder);
    }
    if (released) this.deps.onReleased(deviceId);
  }
}
