import type { Bus, BusHeaders } from '@meridian/bus';
import { SCHEMA_VERSION, Topics } from '@meridian/contracts';
import type { CancelOutcome, SessionStore } from './session-store';

export interface CancelRequest {
  deviceId: string;
  commandId: string;
  /** The command's task, when it is one step of several: its result names it even unqueued. */
  taskId?: string;
  /** Who cancels: the result's source when the command has not reached the queue yet. */
  source: string;
}

/**
 * Withdraws a command not sent yet and publishes its `cancelled` result, to its producer (the
 * queued command's source). Atomic against the send on any replica (`SessionStore.cancel` and
 * `markSent`); a command already sent, or finished, is left to its own result. Used by the
 * gateways for a CancelMessage, by the NBI for DELETE /tasks/{taskId} and by the USP translator
 * for Device.LocalAgent.Request.{i}.Cancel().
 */
const withTaskId = (taskId: string | undefined) => (taskId !== undefined ? { taskId } : {});

export async function cancelCommand(
  sessions: SessionStore,
  bus: Bus,
  request: CancelRequest,
  now: Date,
  headers: BusHeaders = {},
): Promise<CancelOutcome> {
  const found = await sessions.cancel(request.deviceId, request.commandId);
  if (found.outcome === 'cancelled') {
    await bus.publish(
      Topics.results,
      request.deviceId,
      {
        schemaVersion: SCHEMA_VERSION,
        commandId: request.commandId,
        ...withTaskId(found.command?.taskId ?? request.taskId),
        deviceId: request.deviceId,
        source: found.command?.source ?? request.source,
        time: now.toISOString(),
        ...(found.command?.fileName !== undefined ? { fileName: found.command.fileName } : {}),
        outcome: 'cancelled',
      },
      headers,
    );
  }
  return found;
}
