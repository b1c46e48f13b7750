import type Database from 'better-sqlite3';
import type { UspRequestRepository } from '../ports';
import type { UspRequest } from '../types';

interface UspRequestRow {
  device_id: string;
  instance: number;
  command_id: string;
  listed: number;
  params: string;
  inputs: string;
  deadline: number;
}

const toRequest = (row: UspRequestRow): UspRequest => ({
  deviceId: row.device_id,
  instance: row.instance,
  commandId: row.command_id,
  listed: row.listed === 1,
  params: JSON.parse(row.params) as Record<string, string>,
  inputs: JSON.parse(row.inputs) as Record<string, string>,
  deadline: new Date(row.deadline),
});

export class SqliteUspRequestRepository implements UspRequestRepository {
  private readonly selectAll: Database.Statement<[string], UspRequestRow>;
  private readonly selectMax: Database.Statement<[string], { top: number | null }>;
  private readonly insert: Database.Statement<[UspRequestRow]>;
  private readonly change: Database.Statement<[string, string, number]>;
  private readonly remove: Database.Statement<[string, number]>;
  private readonly selectOverdue: Database.Statement<[number, number], UspRequestRow>;

  constructor(private readonly db: Database.Database) {
    this.selectAll = db.prepare('SELECT * FROM usp_requests WHERE device_id = ? ORDER BY instance');
    this.selectMax = db.prepare(
      'SELECT MAX(instance) AS top FROM usp_requests WHERE device_id = ?',
    );
    this.insert = db.prepare(
      `INSERT INTO usp_requests (device_id, instance, command_id, listed, params, inputs, deadline)
       VALUES (@device_id, @instance, @command_id, @listed, @params, @inputs, @deadline)`,
    );
    this.change = db.prepare(
      'UPDATE usp_requests SET params = ? WHERE device_id = ? AND instance = ?',
    );
    this.remove = db.prepare('DELETE FROM usp_requests WHERE device_id = ? AND instance = ?');
    this.selectOverdue = db.prepare(
      'SELECT * FROM usp_requests WHERE deadline <= ? ORDER BY deadline, device_id, instance LIMIT ?',
    );
  }

  async list(deviceId: string): Promise<UspRequest[]> {
    return this.selectAll.all(deviceId).map(toRequest);
  }

  async create(
    deviceId: string,
    build: (instance: number) => Omit<UspRequest, 'deviceId' | 'instance'>,
  ): Promise<UspRequest> {
    return this.db.transaction(() => {
      const instance = (this.selectMax.get(deviceId)?.top ?? 0) + 1;
      const request = { deviceId, instance, ...build(instance) };
      this.insert.run({
        device_id: deviceId,
        instance,
        command_id: request.commandId,
        listed: request.listed ? 1 : 0,
        params: JSON.stringify(request.params),
        inputs: JSON.stringify(request.inputs),
        deadline: request.deadline.getTime(),
      });
      return {
        ...request,
        params: { ...request.params },
        inputs: { ...request.inputs },
        deadline: new Date(request.deadline),
      };
    })();
  }

  async update(
    deviceId: string,
    instance: number,
    params: Record<string, string>,
  ): Promise<boolean> {
    return this.change.run(JSON.stringify(params), deviceId, instance).changes > 0;
  }

  async delete(deviceId: string, instance: number): Promise<boolean> {
    return this.remove.run(deviceId, instance).changes > 0;
  }

  async overdue(now: Date, limit: number): Promise<UspRequest[]> {
    return this.selectOverdue.all(now.getTime(), limit).map(toRequest);
  }
}
