import type Database from 'better-sqlite3';
import type { CpeMethodRequest, CpeMethodResponse } from '@meridian/cwmp';
import type { CommandFault, DiagnosticRequest, DiagnosticResult } from '@meridian/contracts';
import { DuplicateKeyError } from '../errors';
import type { TaskRepository } from '../ports';
import { normalizePaging } from '../rules';
import type {
  ConnectionRequestResult,
  NewTask,
  Page,
  Paging,
  Task,
  TaskFilter,
  TaskOutcome,
  TaskStatus,
} from '../types';
import {
  fromJson,
  fromMs,
  isUniqueViolation,
  limitClause,
  optional,
  optionalDate,
  optionalJson,
  optionalMs,
  toJson,
  toMs,
  Where,
} from './codec';

interface TaskRow {
  seq: number;
  command_id: string;
  command_ids: string | null;
  device_id: string;
  status: TaskStatus;
  source: string;
  connection_request: number;
  rpc: string;
  created_at: number;
  updated_at: number;
  expires_at: number | null;
  response: string | null;
  fault: string | null;
  reason: string | null;
  connection_request_result: string | null;
  diagnostic: string | null;
  diagnostic_result: string | null;
}

/** A ConnectionRequestResult as stored: JSON with its time in epoch ms. */
type StoredConnectionRequestResult = Omit<ConnectionRequestResult, 'at'> & { at: number };

const fromStoredResult = (stored: StoredConnectionRequestResult): ConnectionRequestResult => ({
  ...stored,
  at: fromMs(stored.at),
});

function toTask(row: TaskRow): Task {
  const task: Task = {
    commandId: row.command_id,
    deviceId: row.device_id,
    connectionRequest: row.connection_request === 1,
    source: row.source,
    createdAt: fromMs(row.created_at),
    status: row.status,
    updatedAt: fromMs(row.updated_at),
  };
  const commandIds = optionalJson<string[]>(row.command_ids);
  if (commandIds !== undefined) task.commandIds = commandIds;
  const rpc = fromJson<CpeMethodRequest | null>(row.rpc);
  const diagnostic = optionalJson<DiagnosticRequest>(row.diagnostic);
  const diagnosticResult = optionalJson<DiagnosticResult>(row.diagnostic_result);
  if (rpc !== null) task.rpc = rpc;
  if (diagnostic !== undefined) task.diagnostic = diagnostic;
  if (diagnosticResult !== undefined) task.diagnosticResult = diagnosticResult;
  const expiresAt = optionalDate(row.expires_at);
  const response = optionalJson<CpeMethodResponse>(row.response);
  const fault = optionalJson<CommandFault>(row.fault);
  const reason = optional(row.reason);
  if (expiresAt !== undefined) task.expiresAt = expiresAt;
  if (response !== undefined) task.response = response;
  if (fault !== undefined) task.fault = fault;
  if (reason !== undefined) task.reason = reason;
  const result = optionalJson<StoredConnectionRequestResult>(row.connection_request_result);
  if (result !== undefined) task.connectionRequestResult = fromStoredResult(result);
  return task;
}

export class SqliteTaskRepository implements TaskRepository {
  private readonly selectOne: Database.Statement<[string], TaskRow>;
  private readonly recordResult: Database.Statement<[string, string], TaskRow>;

  constructor(private readonly db: Database.Database) {
    this.selectOne = db.prepare('SELECT * FROM tasks WHERE command_id = ?');
    // Prepared once: every connection request is recorded (a boot storm's by the hundred).
    this.recordResult = db.prepare(
      'UPDATE tasks SET connection_request_result = ? WHERE command_id = ? RETURNING *',
    );
  }

  async create(task: NewTask): Promise<Task> {
    try {
      this.db
        .prepare(
          `INSERT INTO tasks (command_id, command_ids, device_id, status, source,
             connection_request, rpc, diagnostic, created_at, updated_at, expires_at)
           VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          task.commandId,
          task.commandIds === undefined ? null : toJson(task.commandIds),
          task.deviceId,
          task.source,
          task.connectionRequest ? 1 : 0,
          toJson(task.rpc ?? null),
          task.diagnostic === undefined ? null : toJson(task.diagnostic),
          toMs(task.createdAt),
          toMs(task.createdAt),
          optionalMs(task.expiresAt),
        );
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DuplicateKeyError('tasks', task.commandId, { cause: error });
      throw error;
    }
    return { ...task, status: 'pending', updatedAt: task.createdAt };
  }

  async get(commandId: string): Promise<Task | null> {
    const row = this.selectOne.get(commandId);
    return row === undefined ? null : toTask(row);
  }

  async listByDevice(deviceId: string, status?: TaskStatus): Promise<Task[]> {
    const where = new Where();
    where.add('device_id = ?', deviceId);
    if (status !== undefined) where.add('status = ?', status);
    return this.db
      .prepare<unknown[], TaskRow>(`SELECT * FROM tasks ${where} ORDER BY created_at, seq`)
      .all(...where.params)
      .map(toTask);
  }

  async list(filter: TaskFilter, paging?: Paging): Promise<Page<Task>> {
    const { skip, limit } = normalizePaging(paging);
    const where = new Where();
    if (filter.deviceId !== undefined) where.add('device_id = ?', filter.deviceId);
    if (filter.status !== undefined) where.add('status = ?', filter.status);
    if (filter.source !== undefined) where.add('source = ?', filter.source);
    const items = this.db
      .prepare<unknown[], TaskRow>(
        `SELECT * FROM tasks ${where} ORDER BY created_at DESC, seq DESC ${limitClause(skip, limit)}`,
      )
      .all(...where.params)
      .map(toTask);
    const { total } = this.db
      .prepare<unknown[], { total: number }>(`SELECT count(*) AS total FROM tasks ${where}`)
      .get(...where.params) ?? { total: 0 };
    return { items, total };
  }

  async updateStatus(commandId: string, outcome: TaskOutcome, at: Date): Promise<Task | null> {
    const changes = this.db
      .prepare(
        `UPDATE tasks SET status = ?, updated_at = ?, response = ?, fault = ?, reason = ?,
           diagnostic_result = ?
         WHERE command_id = ? AND status = 'pending'`,
      )
      .run(
        outcome.status,
        toMs(at),
        outcome.status === 'done' ? toJson(outcome.response) : null,
        outcome.status === 'fault' ? toJson(outcome.fault) : null,
        'reason' in outcome ? (outcome.reason ?? null) : null,
        'diagnosticResult' in outcome && outcome.diagnosticResult !== undefined
          ? toJson(outcome.diagnosticResult)
          : null,
        commandId,
      ).changes;
    return changes === 0 ? null : this.get(commandId);
  }

  async cancel(commandId: string, at: Date): Promise<boolean> {
    return (await this.updateStatus(commandId, { status: 'cancelled' }, at)) !== null;
  }

  async recordConnectionRequest(
    commandId: string,
    result: ConnectionRequestResult,
  ): Promise<Task | null> {
    const stored: StoredConnectionRequestResult = { ...result, at: toMs(result.at) };
    const row = this.recordResult.get(toJson(stored), commandId);
    return row === undefined ? null : toTask(row);
  }

  async deleteEndedBefore(before: Date, limit: number): Promise<number> {
    // By the created_at index, oldest first; a pending task stays whatever its age.
    return this.db
      .prepare(
        `DELETE FROM tasks WHERE seq IN (SELECT seq FROM tasks
           WHERE created_at < ? AND status != 'pending' ORDER BY created_at LIMIT ?)`,
      )
      .run(toMs(before), limit).changes;
  }
}
