import type { Model } from 'mongoose';
import { DuplicateKeyError } from '../errors';
import type { TaskRepository } from '../ports';
import { definedOnly, normalizePaging } from '../rules';
import type {
  ConnectionRequestResult,
  NewTask,
  Page,
  Paging,
  Task,
  TaskFilter,
  TaskOutcome,
  TaskStatus,
} from '../types';
import { deleteOldest } from './delete-oldest';
import { isDuplicateKey, withoutId } from './errors';
import type { TaskDoc } from './schemas';

export class MongoTaskRepository implements TaskRepository {
  constructor(private readonly tasks: Model<TaskDoc>) {}

  async create(task: NewTask): Promise<Task> {
    const doc: Task = { ...task, status: 'pending', updatedAt: task.createdAt };
    try {
      await this.tasks.collection.insertOne(definedOnly(doc));
    } catch (error) {
      if (isDuplicateKey(error))
        throw new DuplicateKeyError('tasks', task.commandId, { cause: error });
      throw error;
    }
    return doc;
  }

  async get(commandId: string): Promise<Task | null> {
    const doc = await this.tasks.findOne({ commandId }).lean<TaskDoc>().exec();
    return doc === null ? null : withoutId(doc);
  }

  async listByDevice(deviceId: string, status?: TaskStatus): Promise<Task[]> {
    const docs = await this.tasks
      .find(status === undefined ? { deviceId } : { deviceId, status })
      .sort({ createdAt: 1, _id: 1 })
      .lean<TaskDoc[]>()
      .exec();
    return docs.map((doc) => withoutId(doc));
  }

  async list(filter: TaskFilter, paging?: Paging): Promise<Page<Task>> {
    const { skip, limit } = normalizePaging(paging);
    const query = definedOnly(filter);
    const total = await this.tasks.countDocuments(query).exec();
    if (limit === 0) return { items: [], total };
    let find = this.tasks.find(query).sort({ createdAt: -1, _id: -1 }).skip(skip);
    if (limit !== undefined) find = find.limit(limit);
    const docs = await find.lean<TaskDoc[]>().exec();
    return { items: docs.map((doc) => withoutId(doc)), total };
  }

  async updateStatus(commandId: string, outcome: TaskOutcome, at: Date): Promise<Task | null> {
    // Only a pending task moves, so a result delivered twice is a no-op.
    const doc = await this.tasks
      .findOneAndUpdate(
        { commandId, status: 'pending' },
        { $set: { ...outcome, updatedAt: at } },
        { new: true },
      )
      .lean<TaskDoc>()
      .exec();
    return doc === null ? null : withoutId(doc);
  }

  async cancel(commandId: string, at: Date): Promise<boolean> {
    return (await this.updateStatus(commandId, { status: 'cancelled' }, at)) !== null;
  }

  async recordConnectionRequest(
    commandId: string,
    result: ConnectionRequestResult,
  ): Promise<Task | null> {
    // The whole subdocument replaced: no field of an earlier attempt series stays behind.
    const doc = await this.tasks
      .findOneAndUpdate(
        { commandId },
        { $set: { connectionRequestResult: definedOnly(result) } },
        { new: true },
      )
      .lean<TaskDoc>()
      .exec();
    return doc === null ? null : withoutId(doc);
  }

  async deleteEndedBefore(before: Date, limit: number): Promise<number> {
    // A pending task stays whatever its age.
    const ended = { createdAt: { $lt: before }, status: { $ne: 'pending' as const } };
    return deleteOldest(this.tasks, ended, 'createdAt', limit);
  }
}
