import type { Model } from 'mongoose';
import type { UspSubscriptionRepository } from '../ports';
import type { UspSubscription } from '../types';
import { isDuplicateKey, withoutId } from './errors';
import type { UspSubscriptionDoc } from './schemas';

/** Tries this many instance numbers when other writers take them at the same moment. */
const CREATE_ATTEMPTS = 5;

export class MongoUspSubscriptionRepository implements UspSubscriptionRepository {
  constructor(private readonly subscriptions: Model<UspSubscriptionDoc>) {}

  async list(deviceId: string): Promise<UspSubscription[]> {
    const docs = await this.subscriptions
      .find({ deviceId })
      .sort({ instance: 1 })
      .lean<UspSubscriptionDoc[]>()
      .exec();
    return docs.map((doc) => withoutId(doc));
  }

  async create(
    deviceId: string,
    build: (instance: number) => Pick<UspSubscription, 'params' | 'replyTo'>,
  ): Promise<UspSubscription> {
    for (let attempt = 1; ; attempt++) {
      const top = await this.subscriptions
        .findOne({ deviceId })
        .sort({ instance: -1 })
        .lean<UspSubscriptionDoc>()
        .exec();
      const instance = (top?.instance ?? 0) + 1;
      const subscription: UspSubscription = { deviceId, instance, ...build(instance) };
      try {
        // The unique (deviceId, instance) index makes a concurrent writer of the same number lose.
        await this.subscriptions.create([subscription]);
        return { ...subscription, params: { ...subscription.params } };
      } catch (error) {
        if (!isDuplicateKey(error) || attempt >= CREATE_ATTEMPTS) throw error;
      }
    }
  }

  async delete(deviceId: string, instance: number): Promise<boolean> {
    const { deletedCount } = await this.subscriptions.deleteOne({ deviceId, instance }).exec();
    return deletedCount > 0;
  }
}
