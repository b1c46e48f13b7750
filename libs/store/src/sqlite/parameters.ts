import type Database from 'better-sqlite3';
import type { XsdType } from '@meridian/cwmp';
import type { ParameterRepository } from '../ports';
import { prefixUpperBound, subtreeRange } from '../rules';
import type { CachedParameter, ParameterInput, ParameterSelector } from '../types';
import { fromFlag, fromMs, optional, toFlag, toJson, toMs } from './codec';

interface ParameterRow {
  device_id: string;
  path: string;
  value: string | null;
  type: XsdType | null;
  writable: number | null;
  updated_at: number;
}

/** An upsert's values by position (named ones cost an object and a lookup per row). */
type UpsertRow = [
  deviceId: string,
  path: string,
  value: string | null,
  type: XsdType | null,
  writable: number | null,
  updatedAt: number,
];

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

export class SqliteParameterRepository implements ParameterRepository {
  private readonly upsert: Database.Statement<UpsertRow>;
  // Prepared once: a periodic Inform reads the cache with these, and preparing costs more than
  // the point reads themselves.
  private readonly selectPaths: Database.Statement<[string, string], ParameterRow>;
  private readonly selectRange: Database.Statement<[string, string, string], ParameterRow>;
  private readonly selectFrom: Database.Statement<[string, string], ParameterRow>;
  private readonly deleteRange: Database.Statement<[string, string, string, string]>;

  constructor(private readonly db: Database.Database) {
    this.selectPaths = db.prepare(
      `SELECT * FROM parameters WHERE device_id = ?
       AND path IN (SELECT value FROM json_each(?)) ORDER BY path`,
    );
    this.selectRange = db.prepare(
      'SELECT * FROM parameters WHERE device_id = ? AND path >= ? AND path < ? ORDER BY path',
    );
    this.selectFrom = db.prepare(
      'SELECT * FROM parameters WHERE device_id = ? AND path >= ? ORDER BY path',
    );
    this.deleteRange = db.prepare(
      'DELETE FROM parameters WHERE device_id = ? AND (path = ? OR (path >= ? AND path < ?))',
    );
    // NULL in the new row means "not told": keep the cached field.
    this.upsert = db.prepare(
      `INSERT INTO parameters (device_id, path, value, type, writable, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (device_id, path) DO UPDATE SET
         value = coalesce(excluded.value, value),
         type = coalesce(excluded.type, type),
         writable = coalesce(excluded.writable, writable),
         updated_at = excluded.updated_at`,
    );
  }

  async upsertMany(deviceId: string, parameters: ParameterInput[]): Promise<void> {
    const write = (parameter: ParameterInput): void => {
      this.upsert.run(
        deviceId,
        parameter.path,
        parameter.value ?? null,
        parameter.type ?? null,
        toFlag(parameter.writable),
        toMs(parameter.updatedAt),
      );
    };
    // One statement is atomic by itself: a savepoint (a transaction within the group commit's)
    // is needed only to undo the rows already written when a later one fails.
    const [only] = parameters;
    if (parameters.length === 1 && only !== undefined) write(only);
    else this.db.transaction(() => parameters.forEach(write))();
  }

  async get(deviceId: string, selector: ParameterSelector): Promise<CachedParameter[]> {
    if ('paths' in selector) {
      if (selector.paths.length === 0) return [];
      return this.selectPaths.all(deviceId, toJson(selector.paths)).map(toParameter);
    }
    // "Under prefix" as an index range.
    const bound = prefixUpperBound(selector.prefix);
    const rows =
      bound === null
        ? this.selectFrom.all(deviceId, selector.prefix)
        : this.selectRange.all(deviceId, selector.prefix, bound);
    return rows.map(toParameter);
  }

  async deleteSubtree(deviceId: string, path: string): Promise<number> {
    const { from, to } = subtreeRange(path);
    return this.deleteRange.run(deviceId, path, from, to).changes;
  }

  /** A scan of the whole cache (no (path, value) index: schema version 10). */
  async findDevicesByValue(path: string, value: string): Promise<string[]> {
    return this.db
      .prepare<[string, string], { device_id: string }>(
        'SELECT device_id FROM parameters WHERE path = ? AND value = ? ORDER BY device_id',
      )
      .all(path, value)
      .map((row) => row.device_id);
  }
}
