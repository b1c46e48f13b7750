import { randomBytes } from 'node:crypto';
import type { Logger } from '@meridian/bus';
import type { SessionStore } from '@meridian/session-store';
import {
  DEFAULT_SESSION_CONTEXT_CONFIG,
  disconnectRecord,
  receiveSessionRecord,
  sendSessionRecords,
  sessionContextOfStored,
  sessionContextRecord,
  storedSessionContext,
  type RecordAddress,
  type SessionContextConfig,
  type SessionContextFields,
  type SessionContextState,
  type StoredSessionContext,
} from '@meridian/usp';

export interface SessionContextsOptions {
  /** An idle context is forgotten after this (Controller.{i}.E2ESession.SessionExpiration). */
  expirationMs: number;
  /**
   * The largest Record the MTP carries to the Controller (E2ESession.MaxUSPRecordSize): a
   * larger answer goes in segments (TR-369 SAR). Default: no limit.
   */
  maxRecordBytes?: number;
  config?: SessionContextConfig;
  logger: Logger;
}

/** How long one replica may hold a context's lock (a read, the pure step and a write). */
const LOCK_TTL_MS = 5_000;
const LOCK_WAIT_MS = 10_000;

/**
 * The Agent side of E2E Session Contexts (TR-369 "Exchange of USP Records within an E2E Session
 * Context"), one per (Agent, Controller) pair (R-E2E.5), kept in the session store (Redis for
 * the service, memory in the all-in-one) so that any replica continues a context another one
 * began. Each read-modify-write of a context holds the store's lease on its key, so two
 * replicas given consecutive Records of one context never lose each other's step; the Msgs are
 * carried out between the two steps, without the lease.
 */
export class SessionContexts {
  constructor(
    private readonly sessions: SessionStore,
    private readonly options: SessionContextsOptions,
  ) {}

  /**
   * The Records answering one session_context Record from the Controller `back.toId` to the
   * Agent `back.fromId`: the Records it asked to be sent again, then one Record per Msg it
   * delivered (in order) that `answer` answers; a Disconnect 7105 when the context fails
   * (R-E2E.21, R-E2E.6b: the Controller starts a new one).
   */
  async receive(
    back: RecordAddress,
    fields: SessionContextFields,
    answer: (payload: Uint8Array) => Promise<Uint8Array | undefined>,
  ): Promise<Uint8Array[]> {
    const key = contextKey(back);
    const step = await this.locked(key, async () => {
      const outcome = receiveSessionRecord(await this.load(key), fields, this.config());
      if (outcome.state === undefined) {
        await this.sessions.deleteSession(key);
        return { terminate: outcome.terminate } as const;
      }
      await this.save(key, outcome.state);
      return outcome;
    });
    if ('terminate' in step) {
      this.options.logger.warn('USP Session Context terminated', {
        agent: back.fromId,
        controller: back.toId,
        reason: step.terminate,
      });
      return [disconnectRecord(back, 7105, step.terminate)];
    }
    const out = step.retransmit.map((r) => sessionContextRecord(back, r));
    for (const payload of step.deliver) {
      const msg = await answer(payload);
      if (msg === undefined) continue;
      out.push(...(await this.send(back, fields.sessionId, msg)));
    }
    return out;
  }

  /** Forgets the context of a pair (the Controller sent a Disconnect, R-MTP.7). */
  async forget(back: RecordAddress): Promise<void> {
    await this.sessions.deleteSession(contextKey(back));
  }

  /**
   * The next Records of the context carrying `payload` (one, or its segments); none when the
   * context was restarted.
   */
  private async send(
    back: RecordAddress,
    sessionId: number,
    payload: Uint8Array,
  ): Promise<Uint8Array[]> {
    const key = contextKey(back);
    return this.locked(key, async () => {
      const state = await this.load(key);
      if (state?.sessionId !== sessionId) {
        this.options.logger.warn('USP answer dropped: its Session Context was restarted', {
          agent: back.fromId,
          controller: back.toId,
          sessionId,
        });
        return [];
      }
      const sent = sendSessionRecords(state, payload, this.maxPayloadBytes(back));
      await this.save(key, sent.state);
      return sent.fields.map((fields) => sessionContextRecord(back, fields));
    });
  }

  /** What fits of a Msg in one Record to `back`: the limit less the Record's own fields. */
  private maxPayloadBytes(back: RecordAddress): number {
    const limit = this.options.maxRecordBytes;
    if (limit === undefined) return Infinity;
    const empty = sessionContextRecord(back, {
      sessionId: Number.MAX_SAFE_INTEGER,
      sequenceId: Number.MAX_SAFE_INTEGER,
      expectedId: Number.MAX_SAFE_INTEGER,
      retransmitId: 0,
      payload: new Uint8Array(1),
      segment: 'inProcess',
    });
    // The payload field's tag and length take at most 6 bytes more than for 1 byte.
    return limit - empty.length - 6;
  }

  private config(): SessionContextConfig {
    return this.options.config ?? DEFAULT_SESSION_CONTEXT_CONFIG;
  }

  private async load(key: string): Promise<SessionContextState | undefined> {
    const stored = await this.sessions.getSession<StoredSessionContext>(key);
    return stored === null ? undefined : sessionContextOfStored(stored);
  }

  private async save(key: string, state: SessionContextState): Promise<void> {
    await this.sessions.putSession(key, storedSessionContext(state), this.options.expirationMs);
  }

  /** Runs `work` holding the store's lease on `key` (waits for another holder to finish). */
  private async locked<T>(key: string, work: () => Promise<T>): Promise<T> {
    const owner = randomBytes(8).toString('hex');
    const deadline = Date.now() + LOCK_WAIT_MS;
    while (!(await this.sessions.acquireLease(key, owner, LOCK_TTL_MS))) {
      if (Date.now() > deadline) throw new Error(`USP Session Context ${key} stays locked`);
      await new Promise((r) => setTimeout(r, 5));
    }
    try {
      return await work();
    } finally {
      await this.sessions.releaseLease(key, owner);
    }
  }
}

/** One context per Agent and Controller (R-E2E.5). */
function contextKey(back: RecordAddress): string {
  return `usp-e2e:${back.fromId}|${back.toId}`;
}
