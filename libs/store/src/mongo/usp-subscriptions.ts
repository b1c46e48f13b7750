import type { UspSubscriptionRepository } from '../ports';
import type { UspSubscription } from '../types';
import { MongoInstances } from './instances';
import type { UspSubscriptionDoc } from './schemas';

export class MongoUspSubscriptionRepository
  extends MongoInstances<UspSubscriptionDoc>
  implements UspSubscriptionRepository
{
  override async create(
    deviceId: string,
    build: (instance: number) => Pick<UspSubscription, 'params' | 'replyTo'>,
  ): Promise<UspSubscription> {
    const subscription = await super.create(deviceId, build);
    return { ...subscription, params: { ...subscription.params } };
  }
}
