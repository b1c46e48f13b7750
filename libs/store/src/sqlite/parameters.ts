import type Database from 'better-sqlite3';
import type { XsdType } from '@meridian/cwmp';
import type { ParameterRepository } from '../ports';
import { prefixUpperBound, splitPath, subtreeRange } from '../rules';
import type { CachedParameter, ParameterInput, ParameterSelector } from '../types';
import { fromJson, toJson } from './codec';

/**
 * One cached path in its object's row (`parameter_objects.entries`, keyed by its name there):
 * [value, type, writable, updatedAt in epoch ms], null for a field never told. An array, not an
 * object of named fields: a discovery writes ~735 of them per device, and the field names cost
 * a third of the row.
 */
type Entry = [value: string | null, type: XsdType | null, writable: boolean | null, at: number];

/** An object's entries by name ("" for the object itself). */
type Entries = Record<string, Entry>;

interface EntryRow {
  i: number;
  entry: string;
}

interface ObjectRow {
  path: string;
  entries: string;
}

/** The SQL function that merges a write's entries into a row's (the upsert's conflict case). */
const MERGE = 'merge_parameter_entries';

/**
 * `told`'s entries merged into `cached`'s (both `entries` JSON): a field told replaces the
 * cached one, a null keeps it.
 */
export function mergeEntries(cached: string, told: string): string {
  const entries = fromJson<Entries>(cached);
  for (const [name, entry] of Object.entries(fromJson<Entries>(told))) {
    const before = entries[name];
    if (before === undefined) entries[name] = entry;
    else entry.forEach((field, i) => field !== null && (before[i] = field));
  }
  return toJson(entries);
}

/**
 * The JSON path of `name`'s entry (or of its value) in its object's `entries`. Names are
 * TR-106 names (letters, digits, "_", "-"), never a quote, so the label needs no escape.
 */
const entryPath = (name: string, field?: 'value'): string =>
  field === undefined ? `$."${name}"` : `$."${name}"[0]`;

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
    params: [object, entryPath(name, 'value'), value],
  };
}

function toParameter(deviceId: string, path: string, entry: Entry): CachedParameter {
  const [value, type, writable, at] = entry;
  const parameter: CachedParameter = { deviceId, path, updatedAt: new Date(at) };
  if (value !== null) parameter.value = value;
  if (type !== null) parameter.type = type;
  if (writable !== null) parameter.writable = writable;
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
    const before = entries[name];
    entries[name] = [
      value ?? before?.[0] ?? null,
      type ?? before?.[1] ?? null,
      writable ?? before?.[2] ?? null,
      updatedAt.getTime(),
    ];
  }
  return objects;
}

/**
 * The entries asked for (JSON of [object, entry's JSON path] each; then the deviceId), read out
 * of their rows in SQL, not by parsing their whole rows in JS (1.8× the CPU, measured). CROSS
 * JOIN keeps the list outside: left to the planner, it scanned the device's objects instead.
 */
export const SELECT_ENTRIES = `SELECT w.key AS i, o.entries -> (w.value ->> 1) AS entry
  FROM json_each(?) w CROSS JOIN parameter_objects o ON o.device_id = ? AND o.path = w.value ->> 0
  WHERE entry IS NOT NULL`;

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
  private readonly selectEntries: Database.Statement<[string, string], EntryRow>;
  private readonly selectRange: Database.Statement<[string, string, string, string], ObjectRow>;
  private readonly selectAll: Database.Statement<[string], ObjectRow>;
  private readonly deleteRange: Database.Statement<[string, string, string], ObjectRow>;
  private readonly removeEntry: Database.Statement<[string, string, string, string]>;
  private readonly deleteEmpty: Database.Statement<[string, string]>;

  constructor(private readonly db: Database.Database) {
    db.function(MERGE, { deterministic: true }, (cached, told) =>
      mergeEntries(cached as string, told as string),
    );
    const columns = 'SELECT path, entries FROM parameter_objects WHERE device_id = ?';
    this.selectEntries = db.prepare(SELECT_ENTRIES);
    // An object's rows under a prefix, and the object whose leaves may start with it.
    this.selectRange = db.prepare(`${columns} AND (path = ? OR (path >= ? AND path < ?))`);
    this.selectAll = db.prepare(columns);
    this.deleteRange = db.prepare(
      `DELETE FROM parameter_objects WHERE device_id = ? AND path >= ? AND path < ?
       RETURNING path, entries`,
    );
    this.removeEntry = db.prepare(
      `UPDATE parameter_objects SET entries = json_remove(entries, ?)
       WHERE device_id = ? AND path = ? AND json_type(entries, ?) IS NOT NULL`,
    );
    this.deleteEmpty = db.prepare(
      `DELETE FROM parameter_objects WHERE device_id = ? AND path = ? AND entries = '{}'`,
    );
    // An entry's fields left out are "not told": the merge keeps the cached ones.
    this.upsert = db.prepare(
      `INSERT INTO parameter_objects (device_id, path, entries) VALUES (?, ?, ?)
       ON CONFLICT (device_id, path) DO UPDATE SET entries = ${MERGE}(entries, excluded.entries)`,
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
      const wanted = paths.map((path) => {
        const { object, name } = splitPath(path);
        return [object, entryPath(name)];
      });
      return this.selectEntries
        .all(toJson(wanted), deviceId)
        .map((row) => toParameter(deviceId, paths[row.i] as string, fromJson<Entry>(row.entry)))
        .sort(byPath);
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
