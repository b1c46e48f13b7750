import { Inject, Injectable } from '@nestjs/common';
import { STORE, type Store, type Task, type TaskStatus } from '@meridian/store';
import { AuditLog } from './audit';
import type { AuthenticatedRequest } from './auth.guard';
import { badRequest, notFound } from './errors';
import { intQuery, pagingQuery, type QueryParams } from './query';
import { TaskService, type TaskOptions } from './task.service';

const TASK_STATUSES: readonly TaskStatus[] = [
  'pending',
  'done',
  'fault',
  'expired',
  'rejected',
  'cancelled',
];
const MAX_WAIT_MS = 120_000;

const onOff = (value: string | undefined): boolean => value === 'true' || value === '1';

/** `?connectionRequest=&timeout=` (and `expiresIn=` for a new task) of the task routes. */
export function taskOptionsOf(q: QueryParams): TaskOptions {
  const expiresInMs = q.expiresIn
    ? intQuery(q.expiresIn, 'expiresIn', 0, 30 * 86_400_000)
    : undefined;
  return {
    connectionRequest: onOff(q.connectionRequest),
    timeoutMs: intQuery(q.timeout, 'timeout', 0, MAX_WAIT_MS),
    expiresAt: expiresInMs === undefined ? undefined : new Date(Date.now() + expiresInMs),
  };
}

/** A task and the HTTP status it is answered with: 200 once ended, 202 while pending. */
export interface TaskReply {
  status: 200 | 202;
  task: Task;
}

export const replyOf = (task: Task): TaskReply => ({
  status: task.status === 'pending' ? 202 : 200,
  task,
});

/** What the NBI's task routes do with TaskService and the store; changes are audited. */
@Injectable()
export class TaskRequests {
  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly tasks: TaskService,
    private readonly audit: AuditLog,
  ) {}

  async create(
    req: AuthenticatedRequest,
    deviceId: string,
    body: unknown,
    q: QueryParams,
  ): Promise<TaskReply> {
    const reply = replyOf(await this.tasks.create(deviceId, body, taskOptionsOf(q)));
    // The task kind only: arguments may hold secrets (download/upload passwords).
    const kind = (body as { name: string }).name;
    await this.audit.record(req, reply.status, {
      deviceId,
      target: reply.task.commandId,
      detail: { kind },
    });
    return reply;
  }

  async list(q: QueryParams) {
    if (q.status && !TASK_STATUSES.includes(q.status as TaskStatus)) {
      throw badRequest(`status must be one of ${TASK_STATUSES.join(', ')}`);
    }
    return this.store.tasks.list(
      { deviceId: q.deviceId, status: q.status as TaskStatus | undefined },
      pagingQuery(q),
    );
  }

  async get(taskId: string): Promise<Task> {
    const task = await this.store.tasks.get(taskId);
    if (!task) throw notFound(`task ${taskId}`);
    return task;
  }

  async cancel(req: AuthenticatedRequest, taskId: string): Promise<void> {
    const task = await this.tasks.cancel(taskId);
    await this.audit.record(req, 204, { deviceId: task.deviceId, target: taskId });
  }
}
