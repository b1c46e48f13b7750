import type { Model, RootFilterQuery } from 'mongoose';
import { isDuplicateKey, withoutId } from './errors';

/** Tries this many instance numbers when other writers take them at the same moment. */
const CREATE_ATTEMPTS = 5;

/** What a row of a device's multi-instance object (TR-181 `….{i}.`) carries. */
interface Instance {
  deviceId: string;
  instance: number;
  params: Record<string, string>;
}

/**
 * A device's numbered instances in one collection with a unique (deviceId, instance) index:
 * listed in instance order, created at the next number, its parameters replaced, deleted by
 * number. The USP
 * Subscription and Request tables are two of them.
 */
export class MongoInstances<T extends Instance> {
  constructor(protected readonly model: Model<T>) {}

  async list(deviceId: string): Promise<T[]> {
    const docs = await this.model
      .find(this.filter({ deviceId }))
      .sort({ instance: 1 })
      .lean<T[]>()
      .exec();
    return docs.map((doc) => withoutId(doc));
  }

  /**
   * Stores `build(n)` at n, one above the device's highest number (1 for the first), and gives
   * what it stored.
   */
  async create(
    deviceId: string,
    build: (instance: number) => Omit<T, 'deviceId' | 'instance'>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const top = await this.model
        .findOne(this.filter({ deviceId }))
        .sort({ instance: -1 })
        .lean<T>()
        .exec();
      const instance = (top?.instance ?? 0) + 1;
      const row = { deviceId, instance, ...build(instance) } as T;
      try {
        // The unique (deviceId, instance) index makes a concurrent writer of the same number lose.
        await this.model.create([row]);
        return row;
      } catch (error) {
        if (!isDuplicateKey(error) || attempt >= CREATE_ATTEMPTS) throw error;
      }
    }
  }

  /** Replaces the parameters of an instance; false when there is no such instance. */
  async update(
    deviceId: string,
    instance: number,
    params: Record<string, string>,
  ): Promise<boolean> {
    const { matchedCount } = await this.model
      .updateOne(this.filter({ deviceId, instance }), { $set: { params } })
      .exec();
    return matchedCount > 0;
  }

  async delete(deviceId: string, instance: number): Promise<boolean> {
    const { deletedCount } = await this.model.deleteOne(this.filter({ deviceId, instance })).exec();
    return deletedCount > 0;
  }

  private filter(key: Partial<Instance>): RootFilterQuery<T> {
    return key as RootFilterQuery<T>;
  }
}
