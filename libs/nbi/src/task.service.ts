import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { KeyedLock } from '@meridian/keyed-lock';
import { BUS, type Bus, type BusMessage, type Subscription } from '@meridian/bus';
import {
  NBI_SOURCE,
  SCHEMA_VERSION,
  Topics,
  type CommandMessage,
  type ConnectionRequestMessage,
  type ResultMessage,
} from '@meridian/contracts';
import {
  STORE,
  type ConnectionRequestResult,
  type Store,
  type Task,
  type TaskOutcome,
} from '@meridian/store';
import { cancelCommand, SESSION_STORE, type SessionStore } from '@meridian/session-store';
import { endsTask, newTaskCommandIds, taskIdOf } from './command-ids';
import { ApiError, notFound, UnavailableError } from './errors';
import { downloadOfFile, NBI_FILES, type NbiFilesOptions } from './files';
import { commandsOfTask, refreshCommands, TaskValidationError, type TaskCommands } from './tasks';

export const NBI_INSTANCE_ID = Symbol('NbiInstanceId');

/** What a task does, for logs and fault channels: "SetParameterValues", "diagnostic.ipPing". */
const kindOf = (task: Pick<Task, 'rpc' | 'diagnostic'>): string =>
  task.diagnostic !== undefined ? `diagnostic.${task.diagnostic.kind}` : (task.rpc?.name ?? '');

const REFRESH_CHANNEL = 'task.refreshObject';

/**
 * Retry-After of the 503 a task gets while the command bus refuses it: a Kafka broker restart or
 * a partition leader's move takes seconds (docs/reliability.md, chaos).
 */
const BUS_RETRY_AFTER_SECONDS = 5;

/**
 * The fault channel of a task kind: "task.SetParameterValues", "task.refreshObject" (the one
 * kind of task of several commands: its record lists their commandIds).
 */
export const faultChannelOf = (task: Task): string =>
  task.commandIds !== undefined ? REFRESH_CHANNEL : `task.${kindOf(task)}`;

/** The commands to send again for a task: a refreshObject task's record holds only its first. */
function commandsOfRecord(
  channel: string,
  recorded: Pick<Task, 'rpc' | 'diagnostic'>,
): TaskCommands | null {
  const { rpc, diagnostic } = recorded;
  if (diagnostic !== undefined) return [{ diagnostic }];
  if (rpc === undefined) return null;
  return channel === REFRESH_CHANNEL && rpc.name === 'GetParameterNames'
    ? refreshCommands(rpc.parameterPath)
    : [{ rpc }];
}

function connectionRequestResultOf(message: ConnectionRequestMessage): ConnectionRequestResult {
  return {
    outcome: message.outcome,
    ...(message.method ? { method: message.method } : {}),
    attempts: message.attempts,
    ...(message.error ? { error: message.error } : {}),
    at: new Date(message.time),
  };
}

export interface TaskOptions {
  connectionRequest: boolean;
  /** How long the caller waits for the outcome; 0 returns at once. */
  timeoutMs: number;
  expiresAt?: Date;
}

const diagnosticResultOf = (result: ResultMessage) =>
  result.diagnosticResult !== undefined ? { diagnosticResult: result.diagnosticResult } : {};

function outcomeOf(result: ResultMessage): TaskOutcome {
  switch (result.outcome) {
    case 'done':
      return { status: 'done', response: result.response, ...diagnosticResultOf(result) };
    case 'fault':
      return { status: 'fault', fault: result.fault, ...diagnosticResultOf(result) };
    case 'expired':
      return {
        status: 'expired',
        ...(result.reason !== undefined ? { reason: result.reason } : {}),
      };
    case 'rejected':
      return { status: 'rejected', reason: result.reason };
    case 'cancelled':
      return { status: 'cancelled' };
  }
}

/** The tasks that may name a repository file instead of a URL. */
const DOWNLOAD_TASKS = ['download', 'scheduleDownload'];

/**
 * Tasks are commands with a record: created here, produced to cwmp.commands, ended by the
 * result from cwmp.results. Every NBI replica reads all results and connection request outcomes
 * (its own consumer groups) so a caller waiting on any replica is answered; every update is
 * idempotent, and no result makes a replica send anything.
 */
@Injectable()
export class TaskService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Tasks');
  private readonly taskLocks = new KeyedLock();
  private readonly waiters = new Map<string, Set<(task: Task) => void>>();
  private subscriptions: Subscription[] = [];

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(STORE) private readonly store: Store,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    @Inject(NBI_INSTANCE_ID) private readonly instanceId: string,
    @Optional() @Inject(NBI_FILES) private readonly files?: NbiFilesOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscriptions = [
      await this.bus.subscribe(Topics.results, `nbi-${this.instanceId}`, (m) => this.onResult(m)),
      await this.bus.subscribe(
        Topics.connectionRequests,
        `nbi-${this.instanceId}-connection-requests`,
        (m) => this.onConnectionRequest(m),
      ),
    ];
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.close()));
  }

  async create(deviceId: string, body: unknown, options: TaskOptions): Promise<Task> {
    const { body: resolved, fileName } = await this.withFile(deviceId, body);
    return this.submit(deviceId, commandsOfTask(resolved), options, fileName);
  }

  /**
   * A download (or scheduleDownload) that names a file of the repository gets its URL (signed),
   * type and size; its command carries the file's name (the firmware service expects its version).
   */
  private async withFile(
    deviceId: string,
    body: unknown,
  ): Promise<{ body: unknown; fileName?: string }> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return { body };
    const task = body as Record<string, unknown>;
    if (!DOWNLOAD_TASKS.includes(task.name as string) || task.file === undefined) return { body };
    if (typeof task.file !== 'string' || task.file === '') {
      throw new TaskValidationError('file must be the name of a file in the repository');
    }
    if (!this.files) {
      throw new TaskValidationError(
        'file needs the file server (MERIDIAN_FILES_SECRET); give url and fileType instead',
      );
    }
    const file = await this.store.files.get(task.file);
    if (!file)
      throw new TaskValidationError(
        `file ${JSON.stringify(task.file)} is not in the file repository`,
      );
    return {
      body: downloadOfFile(task, file, deviceId, this.files, Math.floor(Date.now() / 1000)),
      fileName: file.name,
    };
  }

  private async submit(
    deviceId: string,
    commands: TaskCommands,
    options: TaskOptions,
    fileName?: string,
  ): Promise<Task> {
    if (!(await this.store.devices.get(deviceId))) throw notFound(`device ${deviceId}`);
    const now = new Date();
    const { taskId, commandIds, commandTaskId } = newTaskCommandIds(commands.length);
    const task = await this.store.tasks.create({
      commandId: taskId,
      ...(commandTaskId !== undefined ? { commandIds } : {}),
      deviceId,
      ...commands[0],
      connectionRequest: options.connectionRequest,
      source: NBI_SOURCE,
      createdAt: now,
      expiresAt: options.expiresAt,
    });
    const done = options.timeoutMs > 0 ? this.waitFor(task.commandId, options.timeoutMs) : null;
    // Published in order under the device's key: the gateway queues and runs them in this order.
    for (const [i, body] of commands.entries()) {
      const command: CommandMessage = {
        schemaVersion: SCHEMA_VERSION,
        commandId: commandIds[i]!,
        ...(commandTaskId !== undefined ? { taskId: commandTaskId } : {}),
        deviceId,
        ...body,
        ...(fileName !== undefined ? { fileName } : {}),
        connectionRequest: options.connectionRequest,
        expiresAt: options.expiresAt?.toISOString(),
        source: NBI_SOURCE,
        createdAt: now.toISOString(),
      };
      try {
        await this.bus.publish(Topics.commands, deviceId, command);
      } catch (error) {
        // Nothing sent (the first command): the task ends here rather than stay pending forever.
        if (i === 0) {
          const reason = `not sent: the command bus refused it (${String(error)})`;
          await this.store.tasks.updateStatus(task.commandId, { status: 'rejected', reason }, now);
        }
        throw new UnavailableError(
          'the command bus is unavailable: the task was not sent, send it again',
          BUS_RETRY_AFTER_SECONDS,
          { commandId: task.commandId },
        );
      }
    }
    // Still pending: read again, the connection request outcome may have come meanwhile.
    return (await done) ?? (await this.store.tasks.get(task.commandId)) ?? task;
  }

  /**
   * Sends the task of a fault again and clears the fault; null when there is no such fault. A
   * download of a repository file is sent again for that file: a URL signed anew (the recorded
   * one may have expired) and the file's name, which the transfer tracking needs for its version.
   */
  async retryFault(deviceId: string, channel: string, options: TaskOptions): Promise<Task | null> {
    const fault = await this.store.faults.get(deviceId, channel);
    const detail = (fault?.detail ?? {}) as Pick<Task, 'rpc' | 'diagnostic'> & {
      fileName?: string;
    };
    const recorded = commandsOfRecord(channel, detail);
    if (!fault || !recorded) return null;
    const { commands, fileName } = await this.withRecordedFile(deviceId, recorded, detail.fileName);
    // Cleared first: the retried task records the channel's fault again if it fails again.
    await this.store.faults.delete(deviceId, channel);
    return this.submit(deviceId, commands, options, fileName);
  }

  /** A recorded Download (or ScheduleDownload) of a repository file, signed anew for the file. */
  private async withRecordedFile(
    deviceId: string,
    commands: TaskCommands,
    fileName: string | undefined,
  ): Promise<{ commands: TaskCommands; fileName?: string }> {
    const first = commands[0];
    const rpc = first !== undefined && 'rpc' in first ? first.rpc : undefined;
    if (fileName === undefined || (rpc?.name !== 'Download' && rpc?.name !== 'ScheduleDownload'))
      return { commands };
    const file = await this.store.files.get(fileName);
    if (!file) {
      throw new TaskValidationError(
        `file ${JSON.stringify(fileName)} of the failed download is no longer in the file repository`,
      );
    }
    if (!this.files) return { commands, fileName };
    const { url } = downloadOfFile({}, file, deviceId, this.files, Math.floor(Date.now() / 1000));
    return {
      commands: [{ rpc: { ...rpc, url: url as string, fileSize: file.size } }],
      fileName,
    };
  }

  /**
   * Cancels a task none of whose commands was sent yet: they leave the device's queue (or are
   * refused when they reach it), `cancelled` goes to cwmp.results, and the task ends cancelled.
   * A task whose command went to the CPE runs to its result: 409 with `state` "sent"; one that
   * ended: 409 with its status.
   */
  async cancel(taskId: string): Promise<Task> {
    const task = await this.store.tasks.get(taskId);
    if (!task) throw notFound(`task ${taskId}`);
    const ended = (state: string): ApiError =>
      new ApiError(409, 'not_pending', `task ${taskId} has ended (${state})`, undefined, { state });
    if (task.status !== 'pending') throw ended(task.status);
    const now = new Date();
    const requests = (task.commandIds ?? [taskId]).map((commandId) => ({
      deviceId: task.deviceId,
      commandId,
      ...(task.commandIds !== undefined ? { taskId } : {}),
      source: NBI_SOURCE,
    }));
    // A refresh whose names step finished may still have its values step to cancel.
    for (const [i, request] of requests.entries()) {
      const found = await cancelCommand(this.sessions, this.bus, request, now);
      if (found.outcome === 'sent') {
        throw new ApiError(
          409,
          'in_flight',
          `task ${taskId} was sent to the device: it cannot be cancelled, its result will end it`,
          undefined,
          { state: 'sent' },
        );
      }
      if (found.outcome === 'cancelled') {
        for (const later of requests.slice(i + 1)) {
          await cancelCommand(this.sessions, this.bus, later, now);
        }
        // Recorded now as well as from the result, so the answer and a GET agree at once.
        const cancelled = await this.taskLocks.run(taskId, () =>
          this.store.tasks.updateStatus(taskId, { status: 'cancelled' }, now),
        );
        return cancelled ?? (await this.store.tasks.get(taskId)) ?? task;
      }
    }
    throw ended((await this.store.tasks.get(taskId))?.status ?? 'finished');
  }

  /** The connection request outcome on each known task it was sent for (the last one wins). */
  async onConnectionRequest({
    value: message,
  }: BusMessage<'cwmp.connection-requests'>): Promise<void> {
    const result = connectionRequestResultOf(message);
    // Gateways that predate taskId name only the commands: each was then a task of its own.
    for (const taskId of new Set(message.taskIds ?? message.commandIds)) {
      await this.taskLocks.run(taskId, () =>
        this.store.tasks.recordConnectionRequest(taskId, result),
      );
    }
  }

  async onResult({ value: result }: BusMessage<'cwmp.results'>): Promise<void> {
    if (result.source !== NBI_SOURCE) return;
    // One writer per task in this replica: a store without atomic updates (FerretDB) would
    // otherwise lose the outcome to a connection request report landing at the same time.
    await this.taskLocks.run(taskIdOf(result), () => this.endTask(result));
  }

  private async endTask(result: ResultMessage): Promise<void> {
    const at = new Date(result.time);
    const taskId = taskIdOf(result);
    const outcome = outcomeOf(result);
    // A step before the last that succeeded (a refresh's names): the next one, queued behind it,
    // carries the task on.
    if (outcome.status === 'done' && !endsTask(result)) return;
    const task = await this.store.tasks.updateStatus(taskId, outcome, at);
    if (task?.status === 'fault' && task.fault) {
      // Listed under the device's faults until retried or dismissed; one channel per task kind.
      await this.store.faults.record({
        deviceId: task.deviceId,
        channel: faultChannelOf(task),
        code: String(task.fault.faultCode),
        message: task.fault.faultString,
        detail: JSON.parse(
          JSON.stringify({
            commandId: task.commandId,
            rpc: task.rpc,
            // A download of a repository file: retried for that file (see retryFault).
            fileName: result.fileName,
            diagnostic: task.diagnostic,
            fault: task.fault,
          }),
        ),
        timestamp: at,
      });
    }
    // The parameter cache is provisioning's: it reads every result, this one included.
    if (task) {
      this.logger.log(`task ${task.commandId} ${kindOf(task)} on ${task.deviceId}: ${task.status}`);
    }
    const ended = task ?? (await this.store.tasks.get(taskId));
    if (ended) this.waiters.get(taskId)?.forEach((wake) => wake(ended));
  }

  /** The task once it has ended, or null after timeoutMs. */
  private waitFor(commandId: string, timeoutMs: number): Promise<Task | null> {
    return new Promise((resolve) => {
      const set = this.waiters.get(commandId) ?? new Set();
      this.waiters.set(commandId, set);
      const finish = (task: Task | null): void => {
        clearTimeout(timer);
        set.delete(wake);
        if (set.size === 0) this.waiters.delete(commandId);
        resolve(task);
      };
      const wake = (task: Task): void => finish(task);
      const timer = setTimeout(() => finish(null), timeoutMs);
      set.add(wake);
    });
  }
}
