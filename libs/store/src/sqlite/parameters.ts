import type Database from 'better-sqlite3';
import type { XsdType } from '@meridian/cwmp';
import type { ParameterRepository } from '../ports';
import { prefixUpperBound, splitPath, subtreeRange } from '../rules';
import type { CachedParameter, ParameterInput, ParameterSelector } from '../types';
import { fromJson, toJson } from './codec';

/**
 * One cached path in its object's row (`parameter_objects.entries`, keyed by its name there):
 * the fields told so far (v value, t type, w writable) and u, the time of its last write in epoch
 * ms. Named fields, so that a write is a JSON merge patch of the row (json_patch, in SQLite):
 * a field left out keeps its cached value.
 */
interface Entry {
  v?: string;
  t?: XsdType;
  w?: boolean;
  u: number;
}

/** An object's entries by name ("" for the object itself). */
type Entries = Record<string, Entry>;

interface ObjectRow {
  path: string;
  entries: string;
}

/**
 * The JSON path of `name`'s entry (or of its value) in its object's `entries`. Names are
 * TR-106 names (letters, digits, "_", "-"), never a quote, so the label needs no escape.
 */
const entryPath = (name: string, field?: 'v'): string =>
  field === undefined ? `$."${name}"` : `$."${name}".${field}`;

/**
 * The SQL condition that the cached `path` holds `value`, on the row `alias` of
 * parameter_objects, and its parameters: the object's row, its entry's value read from the
 * JSON. The NBI's parameter filter and findDevicesByValue share it.
 */
export function valueCondition(
  alias: string,
  path: string,
  value: string,
): { sql: string; params: string[] } {
  const { object, name } = splitPath(path);
  return {
    sql: `${alias}.path = ? AND ${alias}.entries ->> ? = ?`,
    params: [object, entryPath(name, 'v'), value],
  };
}

function toParameter(deviceId: string, path: string, entry: Entry): CachedParameter {
  const parameter: CachedParameter = { deviceId, path, updatedAt: new Date(entry.u) };
  if (entry.v !== undefined) parameter.value = entry.v;
  if (entry.t !== undefined) parameter.type = entry.t;
  if (entry.w !== undefined) parameter.writable = entry.w;
  return parameter;
}

/** The entries of `rows` whose path starts with `prefix`, unsorted. */
function entriesUnder(deviceId: string, rows: ObjectRow[], prefix: string): CachedParameter[] {
  const out: CachedParameter[] = [];
  for (const row of rows) {
    for (const [name, entry] of Object.entries(fromJson<Entries>(row.entries))) {
      const path = row.path + name;
      if (path.startsWith(prefix)) out.push(toParameter(deviceId, path, entry));
    }
  }
  return out;
}

/** The entries `parameters` write, by object: what each tells, later inputs over earlier ones. */
function entriesByObject(parameters: ParameterInput[]): Map<string, Entries> {
  const objects = new Map<string, Entries>();
  for (const { path, value, type, writable, updatedAt } of parameters) {
    const { object, name } = splitPath(path);
    let entries = objects.get(object);
    if (entries === undefined) {
      // No prototype: a name is only ever a key.
      entries = Object.create(null) as Entries;
      objects.set(object, entries);
    }
    let entry = entries[name];
    if (entry === undefined) {
      entry = { u: updatedAt.getTime() };
      entries[name] = entry;
    } else entry.u = updatedAt.getTime();
    if (value !== undefined) entry.v = value;
    if (type !== undefined) entry.t = type;
    if (writable !== undefined) entry.w = writable;
  }
  return objects;
}

const byPath = (a: CachedParameter, b: CachedParameter): number =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0;

/**
 * The parameter cache, one row per device and object (schema 17): its own entry and its
 * leaves' as one JSON object. A discovery of ~735 paths writes ~105 rows, an Inform's handful
 * of changed values a handful; the Mongo store keeps the same grouping (ParameterGroupDoc).
 */
export class SqliteParameterRepository implements ParameterRepository {
  private readonly upsert: Database.Statement<[string, string, string]>;
  // Prepared once: a periodic Inform reads the cache with these, and preparing costs more than
  // the point reads themselves.
  private readonly selectObjects: Database.Statement<[string, string], ObjectRow>;
  private readonly selectRange: Database.Statement<[string, string, string, string], ObjectRow>;
  private readonly selectAll: Database.Statement<[string], ObjectRow>;
  private readonly deleteRange: Database.Statement<[string, string, string], { entries: string }>;
  private readonly removeEntry: Database.Statement<[string, string, string, string]>;
  private readonly deleteEmpty: Database.Statement<[string, string]>;

  constructor(private readonly db: Database.Database) {
    const columns = 'SELECT path, entries FROM parameter_objects WHERE device_id = ?';
    this.selectObjects = db.prepare(`${columns} AND path IN (SELECT value FROM json_each(?))`);
    // An object's rows under a prefix, and the object whose leaves may start with it.
    this.selectRange = db.prepare(`${columns} AND (path = ? OR (path >= ? AND path < ?))`);
    this.selectAll = db.prepare(columns);
    this.deleteRange = db.prepare(
      `DELETE FROM parameter_objects WHERE device_id = ? AND path >= ? AND path < ?
       RETURNING entries`,
    );
    this.removeEntry = db.prepare(
      `UPDATE parameter_objects SET entries = json_remove(entries, ?)
       WHERE device_id = ? AND path = ? AND json_type(entries, ?) IS NOT NULL`,
    );
    this.deleteEmpty = db.prepare(
      `DELETE FROM parameter_objects WHERE device_id = ? AND path = ? AND entries = '{}'`,
    );
    // An entry's fields left out are "not told": the merge patch keeps the cached ones.
    this.upsert = db.prepare(
      `INSERT INTO parameter_objects (device_id, path, entries) VALUES (?, ?, ?)
       ON CONFLICT (device_id, path) DO UPDATE SET entries = json_patch(entries, excluded.entries)`,
    );
  }

  /** One statement per object. */
  async upsertMany(deviceId: string, parameters: ParameterInput[]): Promise<void> {
    const objects = entriesByObject(parameters);
    const write = (): void => {
      for (const [object, entries] of objects) this.upsert.run(deviceId, object, toJson(entries));
    };
    // One statement is atomic by itself: a savepoint (a transaction within the group commit's)
    // is needed only to undo the rows already written when a later one fails.
    if (objects.size === 1) write();
    else this.db.transaction(write)();
  }

  async get(deviceId: string, selector: ParameterSelector): Promise<CachedParameter[]> {
    if ('paths' in selector) {
      const paths = [...new Set(selector.paths)];
      if (paths.length === 0) return [];
      const objects = new Set(paths.map((path) => splitPath(path).object));
      const rows = new Map(
        this.selectObjects.all(deviceId, toJson([...objects])).map((row) => [row.path, row]),
      );
      const out: CachedParameter[] = [];
      const parsed = new Map<string, Entries>();
      for (const path of paths) {
        const { object, name } = splitPath(path);
        const row = rows.get(object);
        if (row === undefined) continue;
        let entries = parsed.get(object);
        if (entries === undefined) {
          entries = fromJson<Entries>(row.entries);
          parsed.set(object, entries);
        }
        const entry = entries[name];
        if (entry !== undefined) out.push(toParameter(deviceId, path, entry));
      }
      return out.sort(byPath);
    }
    const { prefix } = selector;
    const bound = prefixUpperBound(prefix);
    const rows =
      bound === null
        ? this.selectAll.all(deviceId)
        : this.selectRange.all(deviceId, splitPath(prefix).object, prefix, bound);
    return entriesUnder(deviceId, rows, prefix).sort(byPath);
  }

  async deleteSubtree(deviceId: string, path: string): Promise<number> {
    const { from, to } = subtreeRange(path);
    let deleted = 0;
    for (const row of this.deleteRange.all(deviceId, from, to)) {
      deleted += Object.keys(fromJson<Entries>(row.entries)).length;
    }
    if (!path.endsWith('.')) {
      // A leaf: its entry in its object's row, and the row once it holds nothing.
      const { object, name } = splitPath(path);
      const at = entryPath(name);
      deleted += this.removeEntry.run(at, deviceId, object, at).changes;
      this.deleteEmpty.run(deviceId, object);
    }
    return deleted;
  }

  /** A scan of the objects' rows (no index on values: schema versions 10 and 17). */
  async findDevicesByValue(path: string, value: string): Promise<string[]> {
    const condition = valueCondition('p', path, value);
    return this.db
      .prepare<string[], { device_id: string }>(
        `SELECT device_id FROM parameter_objects p WHERE ${condition.sql} ORDER BY device_id`,
      )
      .all(...condition.params)
      .map((row) => row.device_id);
  }
}
