import type { Model } from 'mongoose';
import type { UspRequestRepository } from '../ports';
import type { UspRequest } from '../types';
import { isDuplicateKey, withoutId } from './errors';
import type { UspRequestDoc } from './schemas';

/** Tries this many instance numbers when other writers take them at the same moment. */
const CREATE_ATTEMPTS = 5;

export class MongoUspRequestRepository implements UspRequestRepository {
  constructor(private readonly requests: Model<UspRequestDoc>) {}

  async list(deviceId: string): Promise<UspRequest[]> {
    const docs = await this.requests
      .find({ deviceId })
      .sort({ instance: 1 })
      .lean<UspRequestDoc[]>()
      .exec();
    return docs.map((doc) => withoutId(doc));
  }

  async create(
    deviceId: string,
    build: (instance: number) => Omit<UspRequest, 'deviceId' | 'instance'>,
  ): Promise<UspRequest> {
    for (let attempt = 1; ; attempt++) {
      const top = await this.requests
        .findOne({ deviceId })
        .sort({ instance: -1 })
        .lean<UspRequestDoc>()
        .exec();
      const instance = (top?.instance ?? 0) + 1;
      const request: UspRequest = { deviceId, instance, ...build(instance) };
      try {
        // The unique (deviceId, instance) index makes a concurrent writer of the same number lose.
        await this.requests.create([request]);
        return {
          ...request,
          params: { ...request.params },
          inputs: { ...request.inputs },
          deadline: new Date(request.deadline),
        };
      } catch (error) {
        if (!isDuplicateKey(error) || attempt >= CREATE_ATTEMPTS) throw error;
      }
    }
  }

  async update(
    deviceId: string,
    instance: number,
    params: Record<string, string>,
  ): Promise<boolean> {
    const { matchedCount } = await this.requests
      .updateOne({ deviceId, instance }, { $set: { params } })
      .exec();
    return matchedCount > 0;
  }

  async delete(deviceId: string, instance: number): Promise<boolean> {
    const { deletedCount } = await this.requests.deleteOne({ deviceId, instance }).exec();
    return deletedCount > 0;
  }

  async overdue(now: Date, limit: number): Promise<UspRequest[]> {
    const docs = await this.requests
      .find({ deadline: { $lte: now } })
      .sort({ deadline: 1, deviceId: 1, instance: 1 })
      .limit(limit)
      .lean<UspRequestDoc[]>()
      .exec();
    return docs.map((doc) => withoutId(doc));
  }
}
