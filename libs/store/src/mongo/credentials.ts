import type { Model } from 'mongoose';
import type { CredentialRepository } from '../ports';
import type { CpeCredentials } from '../types';
import { retryOnDuplicate, withoutId } from './errors';
import type { CredentialsDoc } from './schemas';

export class MongoCredentialRepository implements CredentialRepository {
  constructor(private readonly credentials: Model<CredentialsDoc>) {}

  async put(credentials: CpeCredentials): Promise<CpeCredentials> {
    const { deviceId, ...fields } = credentials;
    await retryOnDuplicate(() =>
      this.credentials
        .updateOne({ _id: deviceId }, { $set: { deviceId, ...fields } }, { upsert: true })
        .exec(),
    );
    return { ...credentials };
  }

  async get(deviceId: string): Promise<CpeCredentials | null> {
    const doc = await this.credentials.findOne({ _id: deviceId }).lean<CredentialsDoc>().exec();
    return doc === null ? null : withoutId(doc);
  }

  async delete(deviceId: string): Promise<boolean> {
    const { deletedCount } = await this.credentials.deleteOne({ _id: deviceId }).exec();
    return deletedCount > 0;
  }
}
