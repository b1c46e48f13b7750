import type { UspRequestRepository } from '../ports';
import type { UspRequest } from '../types';
import { withoutId } from './errors';
import { MongoInstances } from './instances';
import type { UspRequestDoc } from './schemas';

export class MongoUspRequestRepository
  extends MongoInstances<UspRequestDoc>
  implements UspRequestRepository
{
  override async create(
    deviceId: string,
    build: (instance: number) => Omit<UspRequest, 'deviceId' | 'instance'>,
  ): Promise<UspRequest> {
    const request = await super.create(deviceId, build);
    return {
      ...request,
      params: { ...request.params },
      inputs: { ...request.inputs },
      deadline: new Date(request.deadline),
    };
  }

  async overdue(now: Date, limit: number): Promise<UspRequest[]> {
    const docs = await this.model
      .find({ deadline: { $lte: now } })
      .sort({ deadline: 1, deviceId: 1, instance: 1 })
      .limit(limit)
      .lean<UspRequestDoc[]>()
      .exec();
    return docs.map((doc) => withoutId(doc));
  }
}
