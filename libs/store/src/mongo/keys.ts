import type { FilterQuery } from 'mongoose';
import { prefixUpperBound } from '../rules';

/*
 * Every per-session read and write is a point operation (or a range) on `_id`, the one index
 * both servers always have and the only filter FerretDB 1.24 (SQLite backend) pushes down to
 * SQL, and only as an equality: a filter on any other field, indexed or not, and an `_id` range
 * are evaluated by FerretDB on every document of the collection (measured: 71 ms at 5,000
 * documents against 9.5 ms by _id). The pushed-down equality is itself a table scan in SQLite
 * (FerretDB's index expression and query expression differ, libs/store/README.md), cheaper
 * per document only. On MongoDB 7 the _id index is a clustered-order B-tree like any other, so
 * nothing is lost there either: one index fewer to maintain per write, and the keys group one
 * device's documents together.
 *
 * A device's own documents (cached parameters, faults, provisioning revisions) are keyed
 * `deviceId + "/" + key`. A canonical deviceId never holds "/" (deviceIdOf percent-encodes
 * it), so one device's keys are exactly the range [deviceId + "/", deviceId + "0").
 */
const SEPARATOR = '/';

/** `_id` of a device's document named `key` (a parameter path, a fault channel). */
export const childId = (deviceId: string, key: string): string => `${deviceId}${SEPARATOR}${key}`;

/** The key part of a childId. */
export const childKey = (deviceId: string, id: string): string =>
  id.slice(deviceId.length + SEPARATOR.length);

/** `_id` range of the device's documents whose key starts with `prefix` ('' = all of them). */
export function childRange(deviceId: string, prefix = ''): FilterQuery<{ _id: string }>['_id'] {
  const from = childId(deviceId, prefix);
  return { $gte: from, $lt: prefixUpperBound(from) as string };
}
