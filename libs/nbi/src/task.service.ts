import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { BUS, type Bus, type BusMessage, type Subscription } from '@meridian/bus';
import {
  SCHEMA_VERSION,
  Topics,
  type CommandMessage,
  type ResultMessage,
} from '@meridian/contracts';
import type { CpeMethodRequest } from '@meridian/cwmp';
import { STORE, type Store, type Task, type TaskOutcome } from '@meridian/store';
import { cacheUpdateOf } from './cache';
import { notFound } from './errors';
import { rpcOfTask } from './tasks';

export const NBI_INSTANCE_ID = Symbol('NbiInstanceId');

/** The fault channel of a task kind: "task.SetParameterValues". */
export const faultChannelOf = (method: CpeMethodRequest['name']): string => `task.${method}`;

export interface TaskOptions {
  connectionRequest: boolean;
  /** How long the caller waits for the outcome; 0 returns at once. */
  timeoutMs: number;
  expiresAt?: Date;
}

function outcomeOf(result: ResultMessage): TaskOutcome {
  switch (result.outcome) {
    case 'done':
      return { status: 'done', response: result.response };
    case 'fault':
      return { status: 'fault', fault: result.fault };
    case 'expired':
      return { status: 'expired' };
    case 'rejected':
      return { status: 'rejected', reason: result.reason };
  }
}

/**
 * Tasks are commands with a record: created here, produced to cwmp.commands, ended by the
 * result from cwmp.results. Every NBI replica reads all results (its own consumer group) so a
 * caller waiting on any replica is answered; the task update is idempotent.
 */
@Injectable()
export class TaskService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Tasks');
  private readonly waiters = new Map<string, Set<(task: Task) => void>>();
  private subscription?: Subscription;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(STORE) private readonly store: Store,
    @Inject(NBI_INSTANCE_ID) private readonly instanceId: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.bus.subscribe(Topics.results, `nbi-${this.instanceId}`, (m) =>
      this.onResult(m),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
  }

  async create(deviceId: string, body: unknown, options: TaskOptions): Promise<Task> {
    return this.submit(deviceId, rpcOfTask(body), options);
  }

  private async submit(
    deviceId: string,
    rpc: CpeMethodRequest,
    options: TaskOptions,
  ): Promise<Task> {
    if (!(await this.store.devices.get(deviceId))) throw notFound(`device ${deviceId}`);
    const now = new Date();
    const task = await this.store.tasks.create({
      // 32 hex digits: the commandId travels as ParameterKey/CommandKey, at most 32 characters (A.3.2).
      commandId: randomUUID().replace(/-/g, ''),
      deviceId,
      rpc,
      connectionRequest: options.connectionRequest,
      source: 'nbi',
      createdAt: now,
      expiresAt: options.expiresAt,
    });
    const done = options.timeoutMs > 0 ? this.waitFor(task.commandId, options.timeoutMs) : null;
    const command: CommandMessage = {
      schemaVersion: SCHEMA_VERSION,
      commandId: task.commandId,
      deviceId,
      rpc,
      connectionRequest: options.connectionRequest,
      expiresAt: options.expiresAt?.toISOString(),
      source: 'nbi',
      createdAt: now.toISOString(),
    };
    await this.bus.publish(Topics.commands, deviceId, command);
    return (await done) ?? task;
  }

  /** Sends the task of a fault again and clears the fault; null when there is no such fault. */
  async retryFault(deviceId: string, channel: string, options: TaskOptions): Promise<Task | null> {
    const fault = await this.store.faults.get(deviceId, channel);
    const rpc = (fault?.detail as { rpc?: CpeMethodRequest } | undefined)?.rpc;
    if (!fault || !rpc) return null;
    // Cleared first: the retried task records the channel's fault again if it fails again.
    await this.store.faults.delete(deviceId, channel);
    return this.submit(deviceId, rpc, options);
  }

  async onResult({ value: result }: BusMessage<'cwmp.results'>): Promise<void> {
    if (result.source !== 'nbi') return;
    const at = new Date(result.time);
    const task = await this.store.tasks.updateStatus(result.commandId, outcomeOf(result), at);
    if (task?.status === 'fault' && task.fault) {
      // Listed under the device's faults until retried or dismissed; one channel per task kind.
      await this.store.faults.record({
        deviceId: task.deviceId,
        channel: faultChannelOf(task.rpc.name),
        code: String(task.fault.faultCode),
        message: task.fault.faultString,
        detail: JSON.parse(
          JSON.stringify({ commandId: task.commandId, rpc: task.rpc, fault: task.fault }),
        ),
        timestamp: at,
      });
    }
    if (task) {
      const update = cacheUpdateOf(task.rpc, result, at);
      if (update.deleteSubtree)
        await this.store.parameters.deleteSubtree(task.deviceId, update.deleteSubtree);
      if (update.upsert.length > 0)
        await this.store.parameters.upsertMany(task.deviceId, update.upsert);
      this.logger.log(
        `task ${task.commandId} ${task.rpc.name} on ${task.deviceId}: ${task.status}`,
      );
    }
    const ended = task ?? (await this.store.tasks.get(result.commandId));
    if (ended) this.waiters.get(result.commandId)?.forEach((wake) => wake(ended));
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
