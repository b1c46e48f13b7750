import type { Model } from 'mongoose';
import type { TransferRepository } from '../ports';
import { definedOnly } from '../rules';
import type { NewTransfer, Transfer, TransferEnd } from '../types';
import { deleteOldest } from './delete-oldest';
import { isDuplicateKey, withoutId } from './errors';
import type { TransferDoc } from './schemas';

export class MongoTransferRepository implements TransferRepository {
  constructor(private readonly transfers: Model<TransferDoc>) {}

  async create(transfer: NewTransfer): Promise<{ transfer: Transfer; created: boolean }> {
    const doc: Transfer = {
      ...transfer,
      state: 'waiting',
      published: false,
      updatedAt: transfer.createdAt,
    };
    try {
      await this.transfers.collection.insertOne(
        definedOnly({ _id: transfer.commandId, ...doc }) as never,
      );
      return { transfer: doc, created: true };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const stored = await this.get(transfer.commandId);
      if (stored === null) throw error;
      return { transfer: stored, created: false };
    }
  }

  async get(commandId: string): Promise<Transfer | null> {
    const doc = await this.transfers.findOne({ _id: commandId }).lean<TransferDoc>().exec();
    return doc === null ? null : withoutId(doc);
  }

  async findByKey(deviceId: string, commandKey: string): Promise<Transfer | null> {
    const doc = await this.transfers
      .findOne({ deviceId, commandKey })
      .sort({ createdAt: -1 })
      .lean<TransferDoc>()
      .exec();
    return doc === null ? null : withoutId(doc);
  }

  async listByDevice(deviceId: string): Promise<Transfer[]> {
    const docs = await this.transfers
      .find({ deviceId })
      .sort({ createdAt: -1, _id: 1 })
      .lean<TransferDoc[]>()
      .exec();
    return docs.map((doc) => withoutId(doc));
  }

  async end(commandId: string, end: TransferEnd): Promise<Transfer | null> {
    const { at, ...fields } = end;
    const doc = await this.transfers
      .findOneAndUpdate(
        { _id: commandId, state: 'waiting' },
        { $set: { ...definedOnly(fields), published: false, updatedAt: at } },
        { new: true },
      )
      .lean<TransferDoc>()
      .exec();
    return doc === null ? null : withoutId(doc);
  }

  async markPublished(commandId: string): Promise<void> {
    await this.transfers.updateOne({ _id: commandId }, { $set: { published: true } }).exec();
  }

  async listDue(now: Date, limit: number): Promise<Transfer[]> {
    // Two queries rather than an $or: each is served by its own index.
    const expired = await this.transfers
      .find({ state: 'waiting', deadline: { $lte: now } })
      .sort({ deadline: 1, _id: 1 })
      .limit(limit)
      .lean<TransferDoc[]>()
      .exec();
    const unpublished = await this.transfers
      .find({ published: false, state: { $ne: 'waiting' } })
      .sort({ deadline: 1, _id: 1 })
      .limit(limit)
      .lean<TransferDoc[]>()
      .exec();
    return [...expired, ...unpublished]
      .sort((a, b) => a.deadline.getTime() - b.deadline.getTime() || a._id.localeCompare(b._id))
      .slice(0, limit)
      .map((doc) => withoutId(doc));
  }

  async deleteEndedBefore(before: Date, limit: number): Promise<number> {
    const ended = { createdAt: { $lt: before }, state: { $ne: 'waiting' }, published: true };
    return deleteOldest(this.transfers, ended, 'createdAt', limit);
  }
}
