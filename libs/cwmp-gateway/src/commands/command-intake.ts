import { Logger } from '@nestjs/common';
import type { Span } from '@opentelemetry/api';
import type { Bus, BusHeaders, BusMessage, DeadLetter } from '@meridian/bus';
import { ConnectionRequestError } from '@meridian/connection-request';
import {
  NBI_SOURCE,
  SCHEMA_VERSION,
  Topics,
  isCancelMessage,
  isIdleMessage,
  validateMessage,
  type CancelMessage,
  type IdleMessage,
  type CommandMessage,
  type ConnectionRequestMessage,
} from '@meridian/contracts';
import { DeviceIdError, parseDeviceId } from '@meridian/cwmp';
import { commandProblem } from '@meridian/cwmp-session';
import { cancelCommand, type SessionStore } from '@meridian/session-store';
import { withSpan, type Metrics } from '@meridian/telemetry';
import type { ConnectionRequester } from '../tokens';

export interface CommandIntakeDeps {
  bus: Bus;
  sessions: SessionStore;
  connectionRequester: ConnectionRequester | undefined;
  /** Names this replica in ConnectionRequestMessage.gatewayId. */
  gatewayId: string;
  metrics: Metrics;
  /** How long an idle marker is kept: it matters only to a session in progress. */
  idleTtlMs: number;
  now?: () => number;
}

/**
 * How long the gateway that queued a command asking for a connection request has to make it
 * (the requester's attempts take seconds) before another replica's sweep makes it instead.
 */
export const OWED_KNOCK_MS = 60_000;
/** Owed connection requests taken per sweep at most; the next sweep takes the rest. */
const OWED_KNOCKS_PER_SWEEP = 100;

/** The gateways share one consumer group on cwmp.commands: each command reaches one of them. */
export const COMMANDS_GROUP = 'cwmp-gateway';
/** The gateways also read cwmp.commands.dlq, to answer what the bus refused as `rejected`. */
export const REJECTS_GROUP = 'cwmp-gateway-rejects';

/**
 * Takes commands off the bus into the device queues (ARCHITECTURE.md "Delivery guarantees" 1).
 * The handler resolves only once the command is queued, so the bus commits its offset only then;
 * a redelivered command is dropped by the queue's commandId dedup.
 */
export class CommandIntake {
  private readonly logger = new Logger(CommandIntake.name);
  private readonly bus: Bus;
  private readonly sessions: SessionStore;
  private readonly now: () => number;
  /** Devices with a connection request under way on this replica: one series at a time. */
  private readonly requesting = new Set<string>();
  /**
   * Devices whose session ended while a request for them was under way: that request may have
   * seen the session's lease and sent nothing, so the knock is repeated once it is done.
   */
  private readonly knockedMeanwhile = new Set<string>();

  constructor(private readonly deps: CommandIntakeDeps) {
    this.bus = deps.bus;
    this.sessions = deps.sessions;
    this.now = deps.now ?? Date.now;
  }

  /** `span`: the bus's consumer span when recorded; the session store's calls are its events. */
  readonly handle = async (message: BusMessage<'cwmp.commands'>, span?: Span): Promise<void> => {
    const sessions = withSpan(this.sessions, span);
    const checked = checkCommand(message.value);
    if (!checked.ok) {
      await this.reject(message, checked.reason);
      return;
    }
    const command = checked.value;
    if (isIdleMessage(command)) {
      await sessions.markIdle(command.deviceId, command.after, this.deps.idleTtlMs);
      return;
    }
    if (isCancelMessage(command)) {
      annotateSpan(span, command);
      const found = await cancelCommand(
        sessions,
        this.bus,
        command,
        new Date(this.now()),
        message.headers,
      );
      if (found.outcome !== 'cancelled') {
        this.logger.log(
          `cancel of ${command.commandId} on ${command.deviceId} by ${command.source}: ${found.outcome}, it ends with its own result`,
        );
      }
      return;
    }
    annotateSpan(span, command);
    // Owed before the command is queued: a gateway that dies before its knock below leaves the
    // debt to another's sweep (`knockOwed`), not the command to the CPE's next periodic Inform.
    if (command.connectionRequest && this.deps.connectionRequester) {
      await sessions.oweKnock(command.deviceId, this.now() + OWED_KNOCK_MS);
    }
    // Refused when queued already, run, or cancelled before it arrived: each has its answer.
    await sessions.enqueue(command);
    // Not awaited: the command is safe in the queue, and a slow or unreachable CPE (retries take
    // seconds) must not hold up the commands of the other devices on this partition.
    if (command.connectionRequest) void this.requestConnection(command.deviceId, message.headers);
  };

  /**
   * After a session ended normally: a command queued between the session's last look at the
   * queue and the release of its lease found the session live and asked for no connection
   * request. Knocking now keeps it from waiting for the next periodic Inform. `queue`: the
   * device's queue as read after the lease was released, when the caller has it.
   */
  readonly knockIfWaiting = (deviceId: string, queue?: readonly CommandMessage[]): void => {
    this.knockWaiting(deviceId, 'session ended', queue).catch((error: unknown) => {
      this.logger.warn(`queue of ${deviceId} after its session: ${String(error)}`);
    });
  };

  /**
   * The connection requests owed past their time (`OWED_KNOCK_MS`): their gateway died between
   * queuing the command and knocking, or lost the session store meanwhile. Each is owed again
   * later first, so the other replicas' sweeps leave it while this one knocks.
   */
  readonly knockOwed = async (limit = OWED_KNOCKS_PER_SWEEP): Promise<void> => {
    const now = this.now();
    for (const deviceId of await this.sessions.owedKnocks(now, limit)) {
      await this.sessions.oweKnock(deviceId, now + OWED_KNOCK_MS);
      if (await this.knockWaiting(deviceId, 'owed')) {
        this.logger.log(`connection request to ${deviceId} owed by another gateway: knocking`);
      } else {
        await this.sessions.clearKnock(deviceId);
      }
    }
  };

  /** Knocks when the queue holds a command asking for it; false when there is none to knock for. */
  private async knockWaiting(
    deviceId: string,
    cause: 'session ended' | 'owed',
    read?: readonly CommandMessage[],
  ): Promise<boolean> {
    const queue = read ?? (await this.sessions.queue(deviceId));
    // A diagnostic the CPE runs: it calls back by itself with "8 DIAGNOSTICS COMPLETE".
    const head = queue[0];
    if (
      head?.diagnostic !== undefined &&
      (await this.sessions.completionDeadline(deviceId, head.commandId)) !== null
    ) {
      return false;
    }
    if (!queue.some((command) => command.connectionRequest)) return false;
    void this.requestConnection(deviceId, {}, cause);
    return true;
  }

  private reject(message: BusMessage<'cwmp.commands'>, reason: string): Promise<void> {
    return this.answerRejected(message.value, message.key, message.headers, reason);
  }

  /**
   * A command the bus itself refused (not JSON, wrong shape: it went to cwmp.commands.dlq) is
   * answered too, when it names a commandId: its producer is waiting for an outcome.
   */
  readonly rejectDeadLetter = async (letter: DeadLetter): Promise<void> => {
    let raw: unknown;
    try {
      raw = JSON.parse(letter.value);
    } catch {
      raw = undefined;
    }
    await this.answerRejected(raw, letter.key, letter.headers, letter.reason);
  };

  private async answerRejected(
    value: unknown,
    key: string,
    headers: BusHeaders,
    reason: string,
  ): Promise<void> {
    const raw: Partial<Record<keyof CommandMessage | keyof CancelMessage, unknown>> =
      typeof value === 'object' && value !== null ? value : {};
    const text = (field: unknown): string => (typeof field === 'string' ? field : '');
    const commandId = text(raw.commandId);
    if (raw.action === 'cancel') {
      // A `rejected` result would end the command it names: a bad cancel changes nothing.
      this.logger.warn(
        `dropped a cancel of ${commandId || '(no commandId)'} (key ${key}): ${reason}`,
      );
      return;
    }
    if (!commandId) {
      // Nobody could match a result without a commandId: leave a trace for operators instead.
      this.logger.warn(`dropped a command without commandId (key ${key}): ${reason}`);
      return;
    }
    const deviceId = text(raw.deviceId) || key;
    const taskId = text(raw.taskId);
    await this.bus.publish(
      Topics.results,
      deviceId,
      {
        schemaVersion: SCHEMA_VERSION,
        commandId,
        ...(taskId ? { taskId } : {}),
        deviceId,
        source: text(raw.source),
        time: new Date(this.now()).toISOString(),
        outcome: 'rejected',
        reason,
      },
      headers,
    );
  }

  /**
   * Only when no session of the device is live: a live session will pick the command up. How it
   * went goes to cwmp.connection-requests, naming the commands queued when it began or ended
   * (those that arrive during a series are covered by it: one series per device at a time).
   */
  private async requestConnection(
    deviceId: string,
    headers: BusHeaders,
    cause: 'queued' | 'session ended' | 'owed' = 'queued',
  ): Promise<void> {
    const requester = this.deps.connectionRequester;
    if (!requester) return;
    if (this.requesting.has(deviceId)) {
      if (cause === 'session ended') this.knockedMeanwhile.add(deviceId);
      return;
    }
    this.requesting.add(deviceId);
    let holding = true;
    const release = (): void => {
      if (!holding) return;
      holding = false;
      this.requesting.delete(deviceId);
      if (this.knockedMeanwhile.delete(deviceId)) this.knockIfWaiting(deviceId);
    };
    try {
      // A live session picks the command up (and knocks when it ends: knockIfWaiting).
      if ((await this.sessions.leaseHolder(deviceId)) !== null) {
        await this.sessions.clearKnock(deviceId);
        return;
      }
      // Read before as well as after: a quick CPE may run (and dequeue) a command before the
      // series is reported, and commands queued during the series are covered by it.
      const waiting = await this.sessions.queue(deviceId);
      const outcome = await requester
        .request(deviceId)
        .then(
          ({ method, attempts }): Outcome => ({ outcome: 'sent', method, attempts }),
          failedOutcome,
        )
        // A command queued from here on may need a series of its own: the CPE may be done.
        .finally(release);
      // Made, sent or failed: a failed one leaves the command to the CPE's next Inform, as ever.
      await this.sessions.clearKnock(deviceId);
      this.deps.metrics.connectionRequests.add(1, {
        method: outcome.method ?? 'none',
        outcome: outcome.outcome,
      });
      if (outcome.outcome === 'failed') {
        this.logger.warn(`connection request to ${deviceId} failed: ${outcome.error}`);
      }
      const queued = [...waiting, ...(await this.sessions.queue(deviceId))];
      const message: ConnectionRequestMessage = {
        schemaVersion: SCHEMA_VERSION,
        deviceId,
        commandIds: [...new Set(queued.map((command) => command.commandId))],
        // Only the NBI's commands are tasks: the others' outcomes have no task to be stored on.
        taskIds: [
          ...new Set(
            queued
              .filter((command) => command.source === NBI_SOURCE)
              .map((command) => command.taskId ?? command.commandId),
          ),
        ],
        ...outcome,
        gatewayId: this.deps.gatewayId,
        time: new Date(this.now()).toISOString(),
      };
      await this.bus.publish(Topics.connectionRequests, deviceId, message, headers);
    } catch (error) {
      // The command stays queued for the CPE's next Inform; failing here would redeliver it.
      this.logger.warn(`connection request to ${deviceId}: ${String(error)}`);
    } finally {
      release();
    }
  }
}

type Outcome = Pick<ConnectionRequestMessage, 'outcome' | 'method' | 'attempts' | 'error'>;

/** A rejection of the requester, in the message's terms. */
function failedOutcome(error: unknown): Outcome {
  if (error instanceof ConnectionRequestError) {
    return {
      outcome: 'failed',
      ...(error.method ? { method: error.method } : {}),
      attempts: error.attempts,
      error: error.detail,
    };
  }
  return {
    outcome: 'failed',
    attempts: 0,
    error: error instanceof Error ? error.message : String(error),
  };
}

export type CommandCheck =
  | { ok: true; value: CommandMessage | CancelMessage | IdleMessage }
  | { ok: false; reason: string };

/** The contract's shape check, then what the gateway itself relies on. */
export function checkCommand(value: unknown): CommandCheck {
  const shape = validateMessage(Topics.commands, value);
  if (!shape.ok) return shape;
  const command = shape.value;
  if (!isIdleMessage(command) && command.commandId.trim() === '') {
    return { ok: false, reason: 'commandId is empty' };
  }
  try {
    // Only the canonical spelling: another spelling would queue for a device that never informs.
    parseDeviceId(command.deviceId);
  } catch (error) {
    if (error instanceof DeviceIdError) return { ok: false, reason: error.message };
    throw error;
  }
  if (isCancelMessage(command) || isIdleMessage(command)) return { ok: true, value: command };
  // What no CPE could take is answered now; what depends on the device, when it is sent.
  const problem = commandProblem(command);
  if (problem !== undefined) return { ok: false, reason: problem };
  return { ok: true, value: command };
}

/** On the bus's `cwmp.commands process` span: what an SRE looks a command (or its cancel) up by. */
function annotateSpan(
  span: Span | undefined,
  command: { deviceId: string; commandId: string },
): void {
  span?.setAttributes({
    'cwmp.device_id': command.deviceId,
    'cwmp.command_id': command.commandId,
  });
}
