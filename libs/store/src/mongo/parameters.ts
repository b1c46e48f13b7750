import type { AnyBulkWriteOperation, FilterQuery, Model } from 'mongoose';
import type { ParameterRepository } from '../ports';
import { definedOnly, prefixUpperBound, subtreeRange } from '../rules';
import type { CachedParameter, ParameterInput, ParameterSelector } from '../types';
import { withoutId } from './errors';
import type { ParameterDoc } from './schemas';

/**
 * Updates per bulkWrite. FerretDB 1.24 (SQLite backend) never answers an update command of 100
 * or more statements that modify existing documents (measured: 99 pass, 100 hang), so batches
 * stay well below that.
 */
const BULK_CHUNK = 50;

/** "path is under prefix" as an index range. */
function underPrefix(prefix: string): FilterQuery<ParameterDoc>['path'] {
  const bound = prefixUpperBound(prefix);
  return bound === null ? { $gte: prefix } : { $gte: prefix, $lt: bound };
}

export class MongoParameterRepository implements ParameterRepository {
  constructor(private readonly parameters: Model<ParameterDoc>) {}

  async upsertMany(deviceId: string, parameters: ParameterInput[]): Promise<void> {
    for (let start = 0; start < parameters.length; start += BULK_CHUNK) {
      const operations: AnyBulkWriteOperation<ParameterDoc>[] = parameters
        .slice(start, start + BULK_CHUNK)
        .map(({ path, value, type, writable, updatedAt }) => ({
          updateOne: {
            filter: { deviceId, path },
            // Fields left out are "not told": $set only what is given.
            update: { $set: definedOnly({ value, type, writable, updatedAt }) },
            upsert: true,
          },
        }));
      await this.parameters.bulkWrite(operations, { ordered: false });
    }
  }

  async get(deviceId: string, selector: ParameterSelector): Promise<CachedParameter[]> {
    const path = 'paths' in selector ? { $in: selector.paths } : underPrefix(selector.prefix);
    const docs = await this.parameters
      .find({ deviceId, path })
      .sort({ path: 1 })
      .lean<ParameterDoc[]>()
      .exec();
    return docs.map((doc) => withoutId(doc));
  }

  async deleteSubtree(deviceId: string, path: string): Promise<number> {
    const { from, to } = subtreeRange(path);
    const { deletedCount } = await this.parameters
      .deleteMany({ deviceId, $or: [{ path }, { path: { $gte: from, $lt: to } }] })
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
