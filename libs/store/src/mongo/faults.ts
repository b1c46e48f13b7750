import type { Model, mongo } from 'mongoose';
import type { FaultRepository } from '../ports';
import { normalizePaging } from '../rules';
import type { Fault, FaultInput, JsonValue, Page, Paging } from '../types';
import { retryOnDuplicate, withoutId } from './errors';
import { childId, childRange } from './keys';
import { BULK_CHUNK } from './parameters';
import type { FaultDoc } from './schemas';

function toFault(doc: FaultDoc): Fault {
  const { detail, ...rest } = withoutId(doc);
  return detail === undefined ? rest : { ...rest, detail: JSON.parse(detail) as JsonValue };
}

export class MongoFaultRepository implements FaultRepository {
  constructor(private readonly faults: Model<FaultDoc>) {}

  async record(fault: FaultInput): Promise<Fault> {
    const { deviceId, channel, code, message, detail, timestamp } = fault;
    const doc = await retryOnDuplicate(() =>
      this.faults
        .findOneAndUpdate(
          { _id: childId(deviceId, channel) },
          {
            $setOnInsert: { deviceId, channel },
            $set: {
              code,
              message,
              timestamp,
              ...(detail === undefined ? {} : { detail: JSON.stringify(detail) }),
            },
            ...(detail === undefined ? { $unset: { detail: 1 } } : {}),
            $inc: { failures: 1 },
          },
          { upsert: true, new: true },
        )
        .lean<FaultDoc>()
        .exec(),
    );
    if (doc === null)
      throw new Error(`upsert of fault ${deviceId}/${channel} returned no document`);
    return toFault(doc);
  }

  async get(deviceId: string, channel: string): Promise<Fault | null> {
    const doc = await this.faults
      .findOne({ _id: childId(deviceId, channel) })
      .lean<FaultDoc>()
      .exec();
    return doc === null ? null : toFault(doc);
  }

  async listByDevice(deviceId: string): Promise<Fault[]> {
    const docs = await this.faults
      .find({ _id: childRange(deviceId) })
      .sort({ _id: 1 })
      .lean<FaultDoc[]>()
      .exec();
    return docs.map(toFault);
  }

  async list(paging?: Paging): Promise<Page<Fault>> {
    const { skip, limit } = normalizePaging(paging);
    const total = await this.faults.countDocuments({}).exec();
    if (limit === 0) return { items: [], total };
    let find = this.faults.find({}).sort({ timestamp: -1, deviceId: 1, channel: 1 }).skip(skip);
    if (limit !== undefined) find = find.limit(limit);
    return { items: (await find.lean<FaultDoc[]>().exec()).map(toFault), total };
  }

  async delete(deviceId: string, channel: string): Promise<boolean> {
    const { deletedCount } = await this.faults
      .deleteOne({ _id: childId(deviceId, channel) })
      .exec();
    return deletedCount > 0;
  }

  async clear(deviceId: string, channels: readonly string[]): Promise<number> {
    // One `delete` command of a statement per channel (50 at most), each an `_id` equality:
    // FerretDB 1.24 evaluates `_id: { $in }` itself over the whole collection (README, "Why
    // `_id`").
    const collection = this.faults.collection as unknown as mongo.Collection<FaultDoc>;
    const operations: mongo.AnyBulkWriteOperation<FaultDoc>[] = channels.map((channel) => ({
      deleteOne: { filter: { _id: childId(deviceId, channel) } },
    }));
    let cleared = 0;
    for (let start = 0; start < operations.length; start += BULK_CHUNK) {
      const chunk = operations.slice(start, start + BULK_CHUNK);
      cleared += (await collection.bulkWrite(chunk, { ordered: false })).deletedCount;
    }
    return cleared;
  }
}
