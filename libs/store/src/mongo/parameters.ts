import type { Model, mongo } from 'mongoose';
import type { ParameterRepository } from '../ports';
import { definedOnly, splitPath, subtreeRange } from '../rules';
import type { CachedParameter, ParameterInput, ParameterSelector } from '../types';
import { childId, childRange } from './keys';
import type { ParameterEntry, ParameterGroupDoc } from './schemas';

/**
 * Updates per bulkWrite. Stock FerretDB 1.24 (SQLite backend) never answers an update command of
 * 100 or more statements (measured: 99 pass, 100 hang; each statement held one of its 100 pool
 * connections until the command returned — the FerretDB that scripts/infra builds is patched,
 * deploy/local/ferretdb/README.md), so batches stay below that: two commands for a discovery's
 * ~60 objects on MongoDB 7 as well. A statement writes one object's parameters.
 */
export const BULK_CHUNK = 50;

/**
 * Where a cached path lives: the document of its object (the path up to its last "."), under
 * its own name (a leaf), or as the object's own entry (`self`, a path ending with ".").
 */
export function locate(path: string): { object: string; field: string } {
  const { object, name } = splitPath(path);
  return { object, field: name === '' ? 'self' : `p.${leafKey(name)}` };
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

/** The documents of the objects `parameters` write to, each with the fields told. */
function groupsOf(deviceId: string, parameters: ParameterInput[]): ParameterGroupDoc[] {
  const docs = new Map<string, ParameterGroupDoc>();
  for (const { path, value, type, writable, updatedAt } of parameters) {
    const { object, field } = locate(path);
    let doc = docs.get(object);
    if (!doc) {
      doc = { _id: childId(deviceId, object), deviceId, path: object };
      docs.set(object, doc);
    }
    const told = definedOnly({ value, type, writable, updatedAt }) as ParameterEntry;
    if (field === 'self') doc.self = { ...doc.self, ...told };
    else {
      const key = field.slice('p.'.length);
      // No prototype: a CPE's leaf may be named __proto__.
      doc.p ??= Object.create(null) as Record<string, ParameterEntry>;
      doc.p[key] = { ...doc.p[key], ...told };
    }
  }
  return [...docs.values()];
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
  constructor(parameters: Model<ParameterGroupDoc>) {
    this.groups = parameters.collection as unknown as mongo.Collection<ParameterGroupDoc>;
  }

  /**
   * One upsert per object, 50 to a bulkWrite: an Inform's changed values are one command, a
   * discovery of ~60 objects two. (The FerretDB that scripts/infra builds finds an update's
   * document by its `_id` index, as MongoDB 7 does; stock FerretDB 1.24 scans the collection for
   * every update statement, deploy/local/ferretdb/README.md.)
   */
  async upsertMany(deviceId: string, parameters: ParameterInput[]): Promise<void> {
    // Fields left out are "not told": $set only what is given, field by field.
    const operations: mongo.AnyBulkWriteOperation<ParameterGroupDoc>[] = groupsOf(
      deviceId,
      parameters,
    ).map((doc) => {
      const set: Record<string, unknown> = {};
      const entries: [string, ParameterEntry | undefined][] = [
        ['self', doc.self],
        ...Object.entries(doc.p ?? {}).map(([key, entry]): [string, ParameterEntry] => [
          `p.${key}`,
          entry,
        ]),
      ];
      for (const [field, entry] of entries) {
        for (const [name, v] of Object.entries(entry ?? {})) set[`${field}.${name}`] = v;
      }
      return {
        updateOne: {
          filter: { _id: doc._id },
          update: { $set: set, $setOnInsert: { deviceId: doc.deviceId, path: doc.path } },
          upsert: true,
        },
      };
    });
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
