import type Database from 'better-sqlite3';
import type { FaultRepository } from '../ports';
import { normalizePaging } from '../rules';
import type { Fault, FaultInput, JsonValue, Page, Paging } from '../types';
import { fromMs, limitClause, optionalJson, toJson, toMs } from './codec';

interface FaultRow {
  device_id: string;
  channel: string;
  code: string;
  message: string;
  detail: string | null;
  failures: number;
  timestamp: number;
}

function toFault(row: FaultRow): Fault {
  const fault: Fault = {
    deviceId: row.device_id,
    channel: row.channel,
    code: row.code,
    message: row.message,
    timestamp: fromMs(row.timestamp),
    failures: row.failures,
  };
  const detail = optionalJson<JsonValue>(row.detail);
  if (detail !== undefined) fault.detail = detail;
  return fault;
}

export class SqliteFaultRepository implements FaultRepository {
  // Prepared once: provisioning clears a channel on every plan that settles it.
  private readonly deleteOne: Database.Statement<[string, string]>;

  constructor(private readonly db: Database.Database) {
    this.deleteOne = db.prepare('DELETE FROM faults WHERE device_id = ? AND channel = ?');
  }

  async record(fault: FaultInput): Promise<Fault> {
    const row = this.db
      .prepare<unknown[], FaultRow>(
        `INSERT INTO faults (device_id, channel, code, message, detail, failures, timestamp)
         VALUES (?, ?, ?, ?, ?, 1, ?)
         ON CONFLICT (device_id, channel) DO UPDATE SET
           code = excluded.code, message = excluded.message, detail = excluded.detail,
           failures = failures + 1, timestamp = excluded.timestamp
         RETURNING *`,
      )
      .get(
        fault.deviceId,
        fault.channel,
        fault.code,
        fault.message,
        fault.detail === undefined ? null : toJson(fault.detail),
        toMs(fault.timestamp),
      );
    if (row === undefined) throw new Error('INSERT … RETURNING returned no row');
    return toFault(row);
  }

  async get(deviceId: string, channel: string): Promise<Fault | null> {
    const row = this.db
      .prepare<
        [string, string],
        FaultRow
      >('SELECT * FROM faults WHERE device_id = ? AND channel = ?')
      .get(deviceId, channel);
    return row === undefined ? null : toFault(row);
  }

  async listByDevice(deviceId: string): Promise<Fault[]> {
    return this.db
      .prepare<[string], FaultRow>('SELECT * FROM faults WHERE device_id = ? ORDER BY channel')
      .all(deviceId)
      .map(toFault);
  }

  async list(paging?: Paging): Promise<Page<Fault>> {
    const { skip, limit } = normalizePaging(paging);
    const items = this.db
      .prepare<[], FaultRow>(
        `SELECT * FROM faults ORDER BY timestamp DESC, device_id, channel ${limitClause(skip, limit)}`,
      )
      .all()
      .map(toFault);
    const { total } = this.db
      .prepare<[], { total: number }>('SELECT count(*) AS total FROM faults')
      .get() ?? { total: 0 };
    return { items, total };
  }

  async delete(deviceId: string, channel: string): Promise<boolean> {
    return this.deleteOne.run(deviceId, channel).changes > 0;
  }

  async clear(deviceId: string, channels: readonly string[]): Promise<number> {
    const clearAll = this.db.transaction((all: readonly string[]) =>
      all.reduce((count, channel) => count + this.deleteOne.run(deviceId, channel).changes, 0),
    );
    return clearAll(channels);
  }
}
