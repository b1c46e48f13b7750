import type Database from 'better-sqlite3';
import type { TransferRepository } from '../ports';
import type { NewTransfer, Transfer, TransferEnd, TransferState } from '../types';
import { fromMs, optional, orNull, toMs } from './codec';

interface TransferRow {
  command_id: string;
  device_id: string;
  command_key: string;
  file_name: string | null;
  file_type: string | null;
  version: string | null;
  from_version: string | null;
  state: TransferState;
  fault_code: number | null;
  fault_string: string | null;
  reported_version: string | null;
  published: number;
  deadline: number;
  created_at: number;
  updated_at: number;
}

function toTransfer(row: TransferRow): Transfer {
  const transfer: Transfer = {
    commandId: row.command_id,
    deviceId: row.device_id,
    commandKey: row.command_key,
    state: row.state,
    published: row.published === 1,
    deadline: fromMs(row.deadline),
    createdAt: fromMs(row.created_at),
    updatedAt: fromMs(row.updated_at),
  };
  const optionals = {
    fileName: optional(row.file_name),
    fileType: optional(row.file_type),
    version: optional(row.version),
    fromVersion: optional(row.from_version),
    faultCode: optional(row.fault_code),
    faultString: optional(row.fault_string),
    reportedVersion: optional(row.reported_version),
  };
  for (const [key, value] of Object.entries(optionals)) {
    if (value !== undefined) Object.assign(transfer, { [key]: value });
  }
  return transfer;
}

export class SqliteTransferRepository implements TransferRepository {
  constructor(private readonly db: Database.Database) {}

  async create(transfer: NewTransfer): Promise<{ transfer: Transfer; created: boolean }> {
    const { changes } = this.db
      .prepare(
        `INSERT INTO transfers (command_id, device_id, command_key, file_name, file_type, version,
           from_version, state, published, deadline, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting', 0, ?, ?, ?)
         ON CONFLICT (command_id) DO NOTHING`,
      )
      .run(
        transfer.commandId,
        transfer.deviceId,
        transfer.commandKey,
        orNull(transfer.fileName),
        orNull(transfer.fileType),
        orNull(transfer.version),
        orNull(transfer.fromVersion),
        toMs(transfer.deadline),
        toMs(transfer.createdAt),
        toMs(transfer.createdAt),
      );
    const stored = await this.get(transfer.commandId);
    if (stored === null) throw new Error(`transfer ${transfer.commandId} vanished on insert`);
    return { transfer: stored, created: changes > 0 };
  }

  async get(commandId: string): Promise<Transfer | null> {
    const row = this.db
      .prepare<[string], TransferRow>('SELECT * FROM transfers WHERE command_id = ?')
      .get(commandId);
    return row === undefined ? null : toTransfer(row);
  }

  async findByKey(deviceId: string, commandKey: string): Promise<Transfer | null> {
    const row = this.db
      .prepare<[string, string], TransferRow>(
        `SELECT * FROM transfers WHERE device_id = ? AND command_key = ?
         ORDER BY created_at DESC LIMIT 1`,
      )
      .get(deviceId, commandKey);
    return row === undefined ? null : toTransfer(row);
  }

  async listByDevice(deviceId: string): Promise<Transfer[]> {
    return this.db
      .prepare<
        [string],
        TransferRow
      >('SELECT * FROM transfers WHERE device_id = ? ORDER BY created_at DESC, command_id')
      .all(deviceId)
      .map(toTransfer);
  }

  async end(commandId: string, end: TransferEnd): Promise<Transfer | null> {
    const row = this.db
      .prepare<unknown[], TransferRow>(
        `UPDATE transfers SET state = ?, fault_code = ?, fault_string = ?, reported_version = ?,
           published = 0, updated_at = ?
         WHERE command_id = ? AND state = 'waiting'
         RETURNING *`,
      )
      .get(
        end.state,
        orNull(end.faultCode),
        orNull(end.faultString),
        orNull(end.reportedVersion),
        toMs(end.at),
        commandId,
      );
    return row === undefined ? null : toTransfer(row);
  }

  async markPublished(commandId: string): Promise<void> {
    this.db.prepare('UPDATE transfers SET published = 1 WHERE command_id = ?').run(commandId);
  }

  async listDue(now: Date, limit: number): Promise<Transfer[]> {
    return this.db
      .prepare<[number, number], TransferRow>(
        `SELECT * FROM transfers
         WHERE (state = 'waiting' AND deadline <= ?) OR (published = 0 AND state <> 'waiting')
         ORDER BY deadline, command_id LIMIT ?`,
      )
      .all(toMs(now), limit)
      .map(toTransfer);
  }

  async deleteEndedBefore(before: Date, limit: number): Promise<number> {
    return this.db
      .prepare(
        `DELETE FROM transfers WHERE command_id IN (SELECT command_id FROM transfers
           WHERE created_at < ? AND state <> 'waiting' AND published = 1
           ORDER BY created_at LIMIT ?)`,
      )
      .run(toMs(before), limit).changes;
  }
}
