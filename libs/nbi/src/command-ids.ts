import { randomUUID } from 'node:crypto';

/*
 * A commandId travels as the ParameterKey/CommandKey of its RPC: 32 hex digits fit the 32
 * characters TR-069 allows there (A.3.2.1). A task of one command is known by its commandId.
 * A task of several commands (refreshObject) is known by its taskId, which each of its commands
 * carries (CommandMessage.taskId, echoed in their results): the commandId of its last command.
 * Nothing is read out of an id.
 */

/** A new commandId: 32 hex digits. */
const newCommandId = (): string => randomUUID().replace(/-/g, '');

/** How the commands of a task are addressed on cwmp.commands. */
export interface TaskCommandIds {
  /** The task's id: its one command's commandId, or the commandId of its last command. */
  taskId: string;
  commandIds: string[];
  /** Set on each command of a task of several, absent on a task of one. */
  commandTaskId: string | undefined;
}

/** New ids for a task of `count` commands, in the order they run. */
export function newTaskCommandIds(count: number): TaskCommandIds {
  const commandIds = Array.from({ length: Math.max(1, count) }, newCommandId);
  const taskId = commandIds[commandIds.length - 1]!;
  return { taskId, commandIds, commandTaskId: commandIds.length > 1 ? taskId : undefined };
}

/** The task of a command or its result: its taskId, or itself when it is a task of its own. */
export const taskIdOf = (command: { commandId: string; taskId?: string }): string =>
  command.taskId ?? command.commandId;

/**
 * Whether a result ends its task whatever its outcome: a task's last command does (its commandId
 * is the taskId). An earlier step ends it only when it does not end done.
 */
export const endsTask = (result: { commandId: string; taskId?: string }): boolean =>
  taskIdOf(result) === result.commandId;
