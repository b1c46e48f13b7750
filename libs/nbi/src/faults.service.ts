import { Inject, Injectable } from '@nestjs/common';
import { STORE, type Store } from '@meridian/store';
import { AuditLog } from './audit';
import type { AuthenticatedRequest } from './auth.guard';
import { notFound } from './errors';
import { pagingQuery, type QueryParams } from './query';
import { TaskService } from './task.service';
import { replyOf, taskOptionsOf, type TaskReply } from './task-requests';

/** Faults as the NBI lists, dismisses and retries them; changes are audited. */
@Injectable()
export class FaultsService {
  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly tasks: TaskService,
    private readonly audit: AuditLog,
  ) {}

  async list(q: QueryParams) {
    return this.store.faults.list(pagingQuery(q));
  }

  async listByDevice(deviceId: string) {
    return this.store.faults.listByDevice(deviceId);
  }

  async delete(req: AuthenticatedRequest, deviceId: string, channel: string): Promise<void> {
    if (!(await this.store.faults.delete(deviceId, channel)))
      throw notFound(`fault ${channel} of ${deviceId}`);
    await this.audit.record(req, 204, { deviceId, target: channel });
  }

  /** Sends the faulted task again (same options as a new task) and clears the fault. */
  async retry(
    req: AuthenticatedRequest,
    deviceId: string,
    channel: string,
    q: QueryParams,
  ): Promise<TaskReply> {
    const { connectionRequest, timeoutMs } = taskOptionsOf({ ...q, expiresIn: undefined });
    const task = await this.tasks.retryFault(deviceId, channel, { connectionRequest, timeoutMs });
    if (!task) throw notFound(`fault ${channel} of ${deviceId}`);
    const reply = replyOf(task);
    await this.audit.record(req, reply.status, {
      deviceId,
      target: channel,
      detail: { commandId: task.commandId },
    });
    return reply;
  }
}
