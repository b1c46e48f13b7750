import type Database from 'better-sqlite3';
import type { UspRequestRepository } from '../ports';
import type { UspRequest } from '../types';
import { SqliteInstances } from './instances';

interface UspRequestRow {
  device_id: string;
  instance: number;
  command_id: string;
  listed: number;
  params: string;
  inputs: string;
  deadline: number;
}

export class SqliteUspRequestRepository
  extends SqliteInstances<UspRequest, UspRequestRow>
  implements UspRequestRepository
{
  private readonly selectOverdue: Database.Statement<[number, number], UspRequestRow>;

  constructor(db: Database.Database) {
    super(
      db,
      'usp_requests',
      ['device_id', 'instance', 'command_id', 'listed', 'params', 'inputs', 'deadline'],
      (row) => ({
        deviceId: row.device_id,
        instance: row.instance,
        commandId: row.command_id,
        listed: row.listed === 1,
        params: JSON.parse(row.params) as Record<string, string>,
        inputs: JSON.parse(row.inputs) as Record<string, string>,
        deadline: new Date(row.deadline),
      }),
      (request) => ({
        device_id: request.deviceId,
        instance: request.instance,
        command_id: request.commandId,
        listed: request.listed ? 1 : 0,
        params: JSON.stringify(request.params),
        inputs: JSON.stringify(request.inputs),
        deadline: request.deadline.getTime(),
      }),
    );
    this.selectOverdue = db.prepare(
      'SELECT * FROM usp_requests WHERE deadline <= ? ORDER BY deadline, device_id, instance LIMIT ?',
    );
  }

  async overdue(now: Date, limit: number): Promise<UspRequest[]> {
    return this.selectOverdue.all(now.getTime(), limit).map(this.fromRow);
  }
}
