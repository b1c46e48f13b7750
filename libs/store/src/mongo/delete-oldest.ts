import type { FilterQuery, Model } from 'mongoose';

/**
 * Deletes at most `limit` documents matching `filter`, oldest by `field` first (its index):
 * how many it deleted. deleteMany takes no limit, so the ids are found first.
 */
export async function deleteOldest<T>(
  model: Model<T>,
  filter: FilterQuery<T>,
  field: keyof T & string,
  limit: number,
): Promise<number> {
  const ids = await model
    .find(filter, { _id: 1 })
    .sort({ [field]: 1 })
    .limit(limit)
    .lean<{ _id: unknown }[]>()
    .exec();
  if (ids.length === 0) return 0;
  const { deletedCount } = await model.deleteMany({ _id: { $in: ids.map((d) => d._id) } }).exec();
  return deletedCount;
}
