import type { AnyBulkWriteOperation, Model } from 'mongoose';
import type { ParameterRepository } from '../ports';
import { definedOnly, subtreeRange } from '../rules';
import type { CachedParameter, ParameterInput, ParameterSelector } from '../types';
import { withoutId } from './errors';
import { childId, childRange } from './keys';
import type { ParameterDoc } from './schemas';

/**
 * Updates per bulkWrite. FerretDB 1.24 (SQLite backend) never answers an update command of 100
 * or more statements that modify existing documents (measured: 99 pass, 100 hang), so batches
 * stay well below that.
 */
const BULK_CHUNK = 50;

export class MongoParameterRepository implements ParameterRepository {
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
    private readonly parameters: Model<ParameterDoc>,
    private readonly oneBulkWriteAtATime = false,
  ) {}

  async upsertMany(deviceId: string, parameters: ParameterInput[]): Promise<void> {
    if (!this.oneBulkWriteAtATime) return this.write(deviceId, parameters);
    const run = this.bulkTail.then(() => this.write(deviceId, parameters));
    this.bulkTail = run.catch(() => undefined);
    return run;
  }

  private async write(deviceId: string, parameters: ParameterInput[]): Promise<void> {
    for (let start = 0; start < parameters.length; start += BULK_CHUNK) {
      const operations: AnyBulkWriteOperation<ParameterDoc>[] = parameters
        .slice(start, start + BULK_CHUNK)
        .map(({ path, value, type, writable, updatedAt }) => ({
          updateOne: {
            filter: { _id: childId(deviceId, path) },
            // Fields left out are "not told": $set only what is given.
            update: {
              $set: definedOnly({ value, type, writable, updatedAt }),
              $setOnInsert: { deviceId, path },
            },
            upsert: true,
          },
        }));
      await this.parameters.bulkWrite(operations, { ordered: false });
    }
  }

  async get(deviceId: string, selector: ParameterSelector): Promise<CachedParameter[]> {
    if ('paths' in selector) {
      // One point read per path: FerretDB 1.24 serves `_id` equality from its index but scans
      // the collection for `_id: { $in }` (measured: 6 ms against 112 ms at 1,000 documents).
      // MongoDB 7 answers each from the _id index as well; the reads go out together.
      const docs = await Promise.all(
        [...new Set(selector.paths)].map((path) =>
          this.parameters
            .findOne({ _id: childId(deviceId, path) })
            .lean<ParameterDoc>()
            .exec(),
        ),
      );
      return docs
        .filter((doc): doc is ParameterDoc => doc !== null)
        .map((doc) => withoutId(doc))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    }
    // Sorted by _id is sorted by path: one device's keys share their beginning.
    const docs = await this.parameters
      .find({ _id: childRange(deviceId, selector.prefix) })
      .sort({ _id: 1 })
      .lean<ParameterDoc[]>()
      .exec();
    return docs.map((doc) => withoutId(doc));
  }

  async deleteSubtree(deviceId: string, path: string): Promise<number> {
    const { from, to } = subtreeRange(path);
    const { deletedCount } = await this.parameters
      .deleteMany({
        $or: [
          { _id: childId(deviceId, path) },
          { _id: { $gte: childId(deviceId, from), $lt: childId(deviceId, to) } },
        ],
      })
      .exec();
    return deletedCount;
  }

  async findDevicesByValue(path: string, value: string): Promise<string[]> {
    const deviceIds = await this.parameters
      .distinct<'deviceId', string>('deviceId', { path, value })
      .exec();
    return deviceIds.sort();
  }
}
