import type Database from 'better-sqlite3';
import type { XsdType } from '@meridian/cwmp';
import type { ParameterRepository } from '../ports';
import { prefixUpperBound, subtreeRange } from '../rules';
import type { CachedParameter, ParameterInput, ParameterSelector } from '../types';
import { fromFlag, fromMs, optional, toFlag, toJson, toMs, Where } from './codec';

interface ParameterRow {
  device_id: string;
  path: string;
  value: string | null;
  type: XsdType | null;
  writable: number | null;
  updated_at: number;
}

function toParameter(row: ParameterRow): CachedParameter {
  const parameter: CachedParameter = {
    deviceId: row.device_id,
    path: row.path,
    updatedAt: fromMs(row.updated_at),
  };
  const value = optional(row.value);
  const type = optional(row.type);
  const writable = fromFlag(row.writable);
  if (value !== undefined) parameter.value = value;
  if (type !== undefined) parameter.type = type;
  if (writable !== undefined) parameter.writable = writable;
  return parameter;
}

/** Adds "path is under prefix" as an index range. */
function underPrefix(where: Where, prefix: string): void {
  where.add('path >= ?', prefix);
  const bound = prefixUpperBound(prefix);
  if (bound !== null) where.add('path < ?', bound);
}

export class SqliteParameterRepository implements ParameterRepository {
  private readonly upsert: Database.Statement<[ParameterRow]>;

  constructor(private readonly db: Database.Database) {
    // NULL in the new row means "not told": keep the cached field.
    this.upsert = db.prepare(
      `INSERT INTO parameters (device_id, path, value, type, writable, updated_at)
       VALUES (@device_id, @path, @value, @type, @writable, @updated_at)
       ON CONFLICT (device_id, path) DO UPDATE SET
         value = coalesce(excluded.value, value),
         type = coalesce(excluded.type, type),
         writable = coalesce(excluded.writable, writable),
         updated_at = excluded.updated_at`,
    );
  }

  async upsertMany(deviceId: string, parameters: ParameterInput[]): Promise<void> {
    this.db.transaction(() => {
      for (const parameter of parameters) {
        this.upsert.run({
          device_id: deviceId,
          path: parameter.path,
          value: parameter.value ?? null,
          type: parameter.type ?? null,
          writable: toFlag(parameter.writable),
          updated_at: toMs(parameter.updatedAt),
        });
      }
    })();
  }

  async get(deviceId: string, selector: ParameterSelector): Promise<CachedParameter[]> {
    const where = new Where();
    where.add('device_id = ?', deviceId);
    if ('paths' in selector) {
      where.add('path IN (SELECT value FROM json_each(?))', toJson(selector.paths));
    } else {
      underPrefix(where, selector.prefix);
    }
    return this.db
      .prepare<unknown[], ParameterRow>(`SELECT * FROM parameters ${where} ORDER BY path`)
      .all(...where.params)
      .map(toParameter);
  }

  async deleteSubtree(deviceId: string, path: string): Promise<number> {
    const { from, to } = subtreeRange(path);
    return this.db
      .prepare(
        'DELETE FROM parameters WHERE device_id = ? AND (path = ? OR (path >= ? AND path < ?))',
      )
      .run(deviceId, path, from, to).changes;
  }

  async findDevicesByValue(path: string, value: string): Promise<string[]> {
    return this.db
      .prepare<[string, string], { device_id: string }>(
        'SELECT device_id FROM parameters WHERE path = ? AND value = ? ORDER BY device_id',
      )
      .all(path, value)
      .map((row) => row.device_id);
  }
}
