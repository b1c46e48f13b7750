import type { Model, mongo } from 'mongoose';
import type { ParameterRepository } from '../ports';
import { definedOnly, subtreeRange } from '../rules';
import type { CachedParameter, ParameterInput, ParameterSelector } from '../types';
import { childId, childRange } from './keys';
import type { ParameterEntry, ParameterGroupDoc } from './schemas';

/**
 * Updates per bulkWrite. FerretDB 1.24 (SQLite backend) never answers an update command of 100
 * or more statements that modify existing documents (measured: 99 pass, 100 hang), so batches
 * stay well below that. A statement writes one object's parameters.
 */
const BULK_CHUNK = 50;

/**
 * Where a cached path lives: the document of its object (the path up to its last "."), under
 * its own name (a leaf), or as the object's own entry (`self`, a path ending with ".").
 */
export function locate(path: string): { object: string; field: string } {
  if (path.endsWith('.')) return { object: path, field: 'self' };
  const cut = path.lastIndexOf('.') + 1;
  return { object: path.slice(0, cut), field: `p.${leafKey(path.slice(cut))}` };
}

/** A leaf name as a field name: "$" would be an operator and "%" is the escape ("." never occurs). */
const leafKey = (name: string): string => name.replaceAll('%', '%25').replaceAll('$', '%24');
const leafName = (key: string): string => key.replaceAll('%24', '$').replaceAll('%25', '%');

/** The filter of the parameter documents where `path` holds `value`. */
export function valueFilter(path: string, value: string): Record<string, string> {
  const { object, field } = locate(path);
  return { path: object, [`${field}.value`]: value };
}

/** A group document's entries as cached parameters, unsorted. */
function entriesOf(doc: ParameterGroupDoc): CachedParameter[] {
  const of = (path: string, entry: ParameterEntry): CachedParameter => ({
    deviceId: doc.deviceId,
    path,
    ...entry,
  });
  const out: CachedParameter[] = doc.self === undefined ? [] : [of(doc.path, doc.self)];
  for (const [key, entry] of Object.entries(doc.p ?? {})) {
    out.push(of(`${doc.path}${leafName(key)}`, entry));
  }
  return out;
}

const byPath = (a: CachedParameter, b: CachedParameter): number =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0;

/**
 * The parameter cache, one document per device and object (`_id` = deviceId/objectPath, see
 * libs/store/README.md): an object's leaves are read and written together, so an Inform's
 * handful of objects is a handful of point reads, and a discovery of 490 parameters about 60
 * upserts. The driver's collection is used directly: entries are plain fields, nothing to cast.
 */
export class MongoParameterRepository implements ParameterRepository {
  private readonly groups: mongo.Collection<ParameterGroupDoc>;
  /** The last bulk write in flight, when they run one at a time. */
  private bulkTail: Promise<unknown> = Promise.resolve();

  /**
   * `oneBulkWriteAtATime`: FerretDB 1.24 (SQLite backend) leaves concurrent upserting update
   * commands on one collection unanswered for good (seen 2026-12-05 in bench/stored.mjs with
   * the driver's command monitoring: 9 discovery bulk writes of 20 devices booting at once,
   * no reply after minutes, the server idle) — so there they are sent one at a time. MongoDB 7
   * takes them concurrently.
   */
  constructor(
    parameters: Model<ParameterGroupDoc>,
    private readonly oneBulkWriteAtATime = false,
  ) {
    this.groups = parameters.collection as unknown as mongo.Collection<ParameterGroupDoc>;
  }

  async upsertMany(deviceId: string, parameters: ParameterInput[]): Promise<void> {
    if (!this.oneBulkWriteAtATime) return this.write(deviceId, parameters);
    const run = this.bulkTail.then(() => this.write(deviceId, parameters));
    this.bulkTail = run.catch(() => undefined);
    return run;
  }

  private async write(deviceId: string, parameters: ParameterInput[]): Promise<void> {
    // Fields left out are "not told": $set only what is given, field by field.
    const sets = new Map<string, Record<string, unknown>>();
    for (const { path, value, type, writable, updatedAt } of parameters) {
      const { object, field } = locate(path);
      const set = sets.get(object) ?? {};
      for (const [name, v] of Object.entries(definedOnly({ value, type, writable, updatedAt }))) {
        set[`${field}.${name}`] = v;
      }
      sets.set(object, set);
    }
    const operations: mongo.AnyBulkWriteOperation<ParameterGroupDoc>[] = [...sets].map(
      ([object, set]) => ({
        updateOne: {
          filter: { _id: childId(deviceId, object) },
          update: { $set: set, $setOnInsert: { deviceId, path: object } },
          upsert: true,
        },
      }),
    );
    for (let start = 0; start < operations.length; start += BULK_CHUNK) {
      await this.groups.bulkWrite(operations.slice(start, start + BULK_CHUNK), { ordered: false });
    }
  }

  async get(deviceId: string, selector: ParameterSelector): Promise<CachedParameter[]> {
    if ('paths' in selector) {
      // One point read per object, sent together: FerretDB 1.24 serves `_id` equality from its
      // index but scans the collection for `_id: { $in }` (measured: 6 ms against 112 ms at
      // 1,000 documents); MongoDB 7 answers each from the _id index as well.
      const wanted = new Set(selector.paths);
      const objects = new Set(selector.paths.map((path) => locate(path).object));
      const docs = await Promise.all(
        [...objects].map((object) => this.groups.findOne({ _id: childId(deviceId, object) })),
      );
      return docs
        .flatMap((doc) => (doc === null ? [] : entriesOf(doc)))
        .filter((entry) => wanted.has(entry.path))
        .sort(byPath);
    }
    const { prefix } = selector;
    // The objects under the prefix, and the one object whose leaves may start with it.
    const { object } = locate(prefix);
    const [range, partial] = await Promise.all([
      this.groups.find({ _id: childRange(deviceId, prefix) }).toArray(),
      object === prefix ? null : this.groups.findOne({ _id: childId(deviceId, object) }),
    ]);
    return [...range, ...(partial === null ? [] : [partial])]
      .flatMap(entriesOf)
      .filter((entry) => entry.path.startsWith(prefix))
      .sort(byPath);
  }

  async deleteSubtree(deviceId: string, path: string): Promise<number> {
    const { from, to } = subtreeRange(path);
    const under = { _id: { $gte: childId(deviceId, from), $lt: childId(deviceId, to) } };
    let deleted = (await this.groups.find(under).toArray()).flatMap(entriesOf).length;
    await this.groups.deleteMany(under);
    if (!path.endsWith('.')) {
      // A leaf: its entry in its object's document.
      const { object, field } = locate(path);
      const { modifiedCount } = await this.groups.updateOne(
        { _id: childId(deviceId, object) },
        { $unset: { [field]: '' } },
      );
      deleted += modifiedCount;
    }
    return deleted;
  }

  async findDevicesByValue(path: string, value: string): Promise<string[]> {
    const deviceIds = (await this.groups.distinct(
      'deviceId',
      valueFilter(path, value),
    )) as string[];
    return deviceIds.sort();
  }
}
