import { randomUUID } from 'node:crypto';

/*
 * A commandId travels as the ParameterKey/CommandKey of its RPC: at most 32 characters (TR-069
 * A.3.2.1). A task of one command has 32 hex digits. A refreshObject task runs two commands,
 * queued together: GetParameterNames under "r" + 31 hex digits (the task's own id) and
 * GetParameterValues under "v" + the same digits. So a result of either maps back to its task
 * without a lookup, and no id of one kind can equal an id of another (r and v are not hex).
 */

const REFRESH_TASK = /^r[0-9a-f]{31}$/;
const REFRESH_VALUES = /^v[0-9a-f]{31}$/;

const randomHex = (): string => randomUUID().replace(/-/g, '');

/** The commandId of a one-command task. */
export const newCommandId = (): string => randomHex();

/** The commandIds of a refreshObject task's two commands; the first is the task's id. */
export function newRefreshCommandIds(): [names: string, values: string] {
  const digits = randomHex().slice(1);
  return [`r${digits}`, `v${digits}`];
}

export const isRefreshTaskId = (commandId: string): boolean => REFRESH_TASK.test(commandId);

/** The commandIds of a task, in the order they run: itself, or a refresh's names then values. */
export const commandIdsOfTask = (taskId: string): string[] =>
  isRefreshTaskId(taskId) ? [taskId, `v${taskId.slice(1)}`] : [taskId];

/** The task a command belongs to: itself, or the refreshObject task of its values step. */
export const taskIdOf = (commandId: string): string =>
  REFRESH_VALUES.test(commandId) ? `r${commandId.slice(1)}` : commandId;

/**
 * Whether this command's outcome ends its task whatever it is. The names step of a refresh ends
 * the task only when it fails: on success the values step, queued behind it, ends the task.
 */
export const isLastCommandOfTask = (commandId: string): boolean => !isRefreshTaskId(commandId);
