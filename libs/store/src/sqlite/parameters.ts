import type Database from 'better-sqlite3';
import type { XsdType } from '@meridian/cwmp';
import type { ParameterRepository } from '../ports';
import { prefixUpperBound, splitPath, subtreeRange } from '../rules';
import type { CachedParameter, ParameterInput, ParameterSelector } from '../types';
import { fromJson, toJson } from './codec';

/**
 * One cached path in its object's row (`parameter_objects.entries`, keyed by its name there):
 * [value, type, writable], null for a field never told, and its updatedAt in epoch ms when that
 * is not the row's `updated_at` (the time of the row's last merged write). An array without the time
 * it mostly shares with its row: a discovery writes ~735 entries per device at one time, and
 * named fields, then a time on each entry, made the file 1.28× and 1.07× as large
 * (bench/results.md, issue 16).
 */
type Entry = [value: string | null, type: XsdType | null, writable: boolean | null, at?: number];

/** setEntry's parameters. */
interface SetEntry {
  entry: string;
  value: string | null;
  valuePath: string;
  type: XsdType | null;
  typePath: string;
  writable: string | null;
  writablePath: string;
  at: number;
  deviceId: string;
  path: string;
}

/** An object's entries by name ("" for the object itself). */
type Entries = Record<string, Entry>;

interface ObjectRow {
  path: string;
  updated_at: number;
  entries: string;
}

/** A write's entries of one object, with the time of the row. */
interface ObjectWrite {
  at: number;
  entries: Entries;
  /** Its one entry's name, null once it has several (without listing a row's ~50 names). */
  only: string | null;
}

/**
 * The SQL function that merges a write's entries into a row's (the upsert's conflict case),
 * registered on the store's connection: SQLite's json_patch replaces arrays whole and cannot
 * move the row's time onto the entries it does not write. It parses and rewrites the row: a
 * changed value cost ~40 µs more to write than as a row of its own (bench/results.md, issue 16).
 */
const MERGE = 'merge_parameter_entries';

/**
 * A row's `entries` parsed, without a prototype: a name is only ever a key. A CPE names its
 * parameters, and "constructor" or "__proto__" read from or set on a plain object reach
 * Object.prototype (a merge then wrote `Object[0]` and threw; a read of the path threw).
 */
const parseEntries = (text: string): Entries =>
  Object.setPrototypeOf(fromJson<Entries>(text), null) as Entries;

/** Sets `entry`'s own time: none when it is its row's. */
function stamp(entry: Entry, at: number, rowAt: number): void {
  if (at === rowAt) entry.length = 3;
  else entry[3] = at;
}

/** Whether `told`, merged over `cached`, leaves nothing of it: every field is told or unknown. */
const replaces = (told: Entry | undefined, cached: Entry): boolean =>
  told !== undefined &&
  (told[0] !== null || cached[0] === null) &&
  (told[1] !== null || cached[1] === null) &&
  (told[2] !== null || cached[2] === null);

/**
 * The entries of a row written at `cachedAt` (its `entries` JSON) once a write at `toldAt` merged
 * in its own (`told`, its JSON `toldText`; not changed), for the row's new time `toldAt`: a field
 * told replaces the cached one, a null keeps it; an entry not written keeps its time.
 */
function mergeEntries(
  cached: string,
  cachedAt: number,
  told: Entries,
  toldText: string,
  toldAt: number,
): string {
  const entries = parseEntries(cached);
  // A discovery tells all of what the device's Inform cached a moment before (~11 rows of a new
  // device, ~220 of its ~735 entries): the written entries are then the row as they are.
  let kept = false;
  for (const name in entries) {
    if (!replaces(told[name], entries[name]!)) {
      kept = true;
      break;
    }
  }
  if (!kept) return toldText;
  for (const entry of Object.values(entries)) stamp(entry, entry[3] ?? cachedAt, toldAt);
  for (const [name, entry] of Object.entries(told)) {
    const before = entries[name];
    if (before === undefined) {
      entries[name] = entry;
      continue;
    }
    before[0] = entry[0] ?? before[0];
    before[1] = entry[1] ?? before[1];
    before[2] = entry[2] ?? before[2];
    stamp(before, entry[3] ?? toldAt, toldAt);
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

function toParameter(deviceId: string, path: string, entry: Entry, rowAt: number): CachedParameter {
  const [value, type, writable, at = rowAt] = entry;
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
      if (path.startsWith(prefix)) out.push(toParameter(deviceId, path, entry, row.updated_at));
    }
  }
  return out;
}

/**
 * The entries `parameters` write, by object: what each tells, later inputs over earlier ones;
 * the row's time is its first input's.
 */
function entriesByObject(parameters: ParameterInput[]): Map<string, ObjectWrite> {
  const objects = new Map<string, ObjectWrite>();
  for (const { path, value, type, writable, updatedAt } of parameters) {
    const { object, name } = splitPath(path);
    const at = updatedAt.getTime();
    let write = objects.get(object);
    if (write === undefined) {
      // No prototype: a name is only ever a key.
      write = { at, entries: Object.create(null) as Entries, only: name };
      objects.set(object, write);
    }
    const before = write.entries[name];
    if (before === undefined && write.only !== name) write.only = null;
    const entry: Entry = [
      value ?? before?.[0] ?? null,
      type ?? before?.[1] ?? null,
      writable ?? before?.[2] ?? null,
    ];
    if (at !== write.at) entry[3] = at;
    write.entries[name] = entry;
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
  private readonly upsert: Database.Statement<[string, string, number, string]>;
  // Prepared once: a periodic Inform reads the cache with these, and preparing costs more than
  // the point reads themselves.
  private readonly selectObjects: Database.Statement<[string, string], ObjectRow>;
  private readonly selectRange: Database.Statement<[string, string, string, string], ObjectRow>;
  private readonly selectAll: Database.Statement<[string], ObjectRow>;
  private readonly deleteRange: Database.Statement<[string, string, string], { entries: string }>;
  private readonly removeEntry: Database.Statement<[string, string, string, string]>;
  private readonly deleteEmpty: Database.Statement<[string, string]>;
  private readonly setEntry: Database.Statement<[SetEntry]>;
  /**
   * The entries upsert is writing, with their JSON: the merge (called within that statement's
   * run) takes them as they are instead of parsing the text it was just handed.
   */
  private writing: { text: string; entries: Entries } | null = null;

  constructor(private readonly db: Database.Database) {
    db.function(MERGE, { deterministic: true }, (cached, cachedAt, told, toldAt) => {
      const entries =
        this.writing !== null && told === this.writing.text
          ? this.writing.entries
          : parseEntries(told as string);
      return mergeEntries(
        cached as string,
        cachedAt as number,
        entries,
        told as string,
        toldAt as number,
      );
    });
    const columns = 'SELECT path, updated_at, entries FROM parameter_objects WHERE device_id = ?';
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
    // One entry of a row that holds it already (a periodic Inform's UpTime) set in place by
    // SQLite, with its own time; the row's time and its other entries stay as they are. The
    // merge below parses and rewrites the row in JavaScript: ~40 µs more per such write.
    this.setEntry = db.prepare(
      `UPDATE parameter_objects SET entries = json_set(entries, :entry, json_array(
         coalesce(:value, entries ->> :valuePath),
         coalesce(:type, entries ->> :typePath),
         CASE WHEN :writable IS NULL THEN entries -> :writablePath ELSE json(:writable) END,
         :at))
       WHERE device_id = :deviceId AND path = :path AND json_type(entries, :entry) IS NOT NULL`,
    );
    // An entry's fields left out are "not told": the merge keeps the cached ones.
    this.upsert = db.prepare(
      `INSERT INTO parameter_objects (device_id, path, updated_at, entries) VALUES (?, ?, ?, ?)
       ON CONFLICT (device_id, path) DO UPDATE SET
         entries = ${MERGE}(entries, updated_at, excluded.entries, excluded.updated_at),
         updated_at = excluded.updated_at`,
    );
  }

  /** One statement per object. */
  async upsertMany(deviceId: string, parameters: ParameterInput[]): Promise<void> {
    const objects = entriesByObject(parameters);
    const write = (): void => {
      for (const [object, { at, entries, only }] of objects) {
        if (only !== null && this.setOne(deviceId, object, only, entries, at)) continue;
        const text = toJson(entries);
        this.writing = { text, entries };
        try {
          this.upsert.run(deviceId, object, at, text);
        } finally {
          this.writing = null;
        }
      }
    };
    // One statement is atomic by itself: a savepoint (a transaction within the group commit's)
    // is needed only to undo the rows already written when a later one fails.
    if (objects.size === 1) write();
    else this.db.transaction(write)();
  }

  /** setEntry, for a leaf's entry (not the object's own, ""); false when its row lacks it. */
  private setOne(deviceId: string, object: string, name: string, entries: Entries, at: number) {
    if (name === '') return false;
    const [value, type, writable] = entries[name]!;
    const entry = entryPath(name);
    return (
      this.setEntry.run({
        entry,
        value,
        valuePath: `${entry}[0]`,
        type,
        typePath: `${entry}[1]`,
        writable: writable === null ? null : String(writable),
        writablePath: `${entry}[2]`,
        at,
        deviceId,
        path: object,
      }).changes === 1
    );
  }

  async get(deviceId: string, selector: ParameterSelector): Promise<CachedParameter[]> {
    if ('paths' in selector) {
      const paths = [...new Set(selector.paths)];
      if (paths.length === 0) return [];
      // Each object's row read and parsed once: an Inform's ~20 paths lie in a few objects.
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
          entries = parseEntries(row.entries);
          parsed.set(object, entries);
        }
        const entry = entries[name];
        if (entry !== undefined) out.push(toParameter(deviceId, path, entry, row.updated_at));
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
