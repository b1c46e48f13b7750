import type { CommandMessage } from '@meridian/contracts';

/** What `SessionStore.cancel` found. */
export type CancelOutcome =
  /**
   * Not sent: removed from the queue (`command` is what was queued), or refused when it arrives
   * (`command` null: still on its way through the bus). Its `cancelled` result is the
   * canceller's to publish.
   */
  | { outcome: 'cancelled'; command: CommandMessage | null }
  /** Sent to the CPE (perhaps before a crash): it stays queued and ends with its own result. */
  | { outcome: 'sent' }
  /** It ran and left the queue already: its result is out. */
  | { outcome: 'finished' };

/**
 * Session state and per-device command queues, shared by every gateway replica.
 * Session records are opaque JSON here: their shape belongs to @meridian/cwmp-session.
 */
export interface SessionStore {
  /** The record as last put, as its JSON reads back; read only (the in-memory store's is frozen). */
  getSession<S>(sessionId: string): Promise<S | null>;
  /** Writes the record and (re)arms its time to live. */
  putSession<S>(sessionId: string, state: S, ttlMs: number): Promise<void>;
  deleteSession(sessionId: string): Promise<void>;
  /**
   * Ends a session: deletes its record, releases the device's lease if `sessionId` holds it,
   * then reads the device's queue (`deleteSession`, `releaseLease`, `queue` in one round trip):
   * a command queued meanwhile found the session live and asked for no connection request.
   */
  endSession(sessionId: string, deviceId: string): Promise<CommandMessage[]>;

  /**
   * At most one live session per device across replicas: true when `sessionId` now holds the
   * device's lease (newly, or already), false when another session holds it. Expires after ttlMs.
   */
  acquireLease(deviceId: string, sessionId: string, ttlMs: number): Promise<boolean>;
  /**
   * `acquireLease`, then the device's queue read under the lease in the same step (one round
   * trip): the queue, or null when another session holds the lease.
   */
  acquireLeaseWithQueue(
    deviceId: string,
    sessionId: string,
    ttlMs: number,
  ): Promise<CommandMessage[] | null>;
  /** Extends the lease if `sessionId` still holds it; false when it was lost. */
  renewLease(deviceId: string, sessionId: string, ttlMs: number): Promise<boolean>;
  /** `renewLease`, then the device's queue in the same step: null when the lease was lost. */
  renewLeaseWithQueue(
    deviceId: string,
    sessionId: string,
    ttlMs: number,
  ): Promise<CommandMessage[] | null>;
  /** Releases the lease only if `sessionId` holds it. */
  releaseLease(deviceId: string, sessionId: string): Promise<void>;
  /** The session id holding the device's lease, if any. */
  leaseHolder(deviceId: string): Promise<string | null>;

  /**
   * Appends to the device's queue; false (and no change) when the commandId is queued, or was
   * removed recently (a command Kafka redelivers after it ran must not run twice).
   */
  enqueue(command: CommandMessage): Promise<boolean>;
  /** The device's queue in order. */
  queue(deviceId: string): Promise<CommandMessage[]>;
  /** Head of the device's queue. */
  peek(deviceId: string): Promise<CommandMessage | null>;
  /** Removes one command (head or not); true when it was there. */
  remove(deviceId: string, commandId: string): Promise<boolean>;
  /**
   * Marks a queued command as sent, just before it goes to the CPE: from then on `cancel`
   * refuses it. False when it is no longer queued (cancelled meanwhile): do not send it.
   */
  markSent(deviceId: string, commandId: string): Promise<boolean>;
  /** Withdraws a command not sent yet, atomically against `markSent` of any replica. */
  cancel(deviceId: string, commandId: string): Promise<CancelOutcome>;

  /**
   * Diagnostics a CPE accepted and is running: their command stays queued (at the head) until
   * the CPE reports completion or the deadline (epoch ms) passes. Idempotent; a later call moves
   * the deadline.
   */
  awaitCompletion(deviceId: string, commandId: string, deadline: number): Promise<void>;
  /** The deadline of an awaited command; null when it is not awaited. */
  completionDeadline(deviceId: string, commandId: string): Promise<number | null>;
  /** Awaited commands of every device whose deadline is at or before `now`, earliest first. */
  overdueCompletions(now: number, limit: number): Promise<AwaitedCompletion[]>;
  /** No longer awaited (it completed, expired or left the queue). */
  clearCompletion(deviceId: string, commandId: string): Promise<void>;

  /**
   * A connection request is owed to the device from `dueAt` (epoch ms) on: written before a
   * command asking for one is queued, cleared once a gateway has made it (whatever its outcome),
   * so a gateway that dies in between leaves it to another's sweep. The later call's dueAt wins.
   */
  oweKnock(deviceId: string, dueAt: number): Promise<void>;
  /** Devices owed a connection request at or before `now`, earliest first. */
  owedKnocks(now: number, limit: number): Promise<string[]>;
  /** Nothing owed to the device any more. */
  clearKnock(deviceId: string): Promise<void>;

  /**
   * A producer (provisioning) has nothing more for the device after `after` (the commandId of
   * the result it handled, or the sessionId of the Inform): a session lingering for its next
   * wave may end. The last marker wins; it lives `ttlMs`.
   */
  markIdle(deviceId: string, after: string, ttlMs: number): Promise<void>;
  /**
   * The device's queue and its last idle marker (its `after`; null when there is none or it
   * expired), read together: what a lingering session looks at after each `queueChanged`.
   */
  queueAndIdleMarker(deviceId: string): Promise<QueueAndIdleMarker>;
  /**
   * Waits while a session lingers for the device's next command: resolves once its queue or
   * idle marker may have changed, and by `until` (epoch ms) at the latest; the caller then reads
   * them again. A store written by one process only wakes the waiter on the write itself; one
   * shared by several processes (Redis) cannot tell, and resolves after a short poll interval.
   */
  queueChanged(deviceId: string, until: number): Promise<void>;

  close(): Promise<void>;
}

export interface QueueAndIdleMarker {
  queue: CommandMessage[];
  idleAfter: string | null;
}

export interface AwaitedCompletion {
  deviceId: string;
  commandId: string;
  deadline: number;
}

export const SESSION_STORE = Symbol('SessionStore');
