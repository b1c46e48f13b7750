import type { FilterQuery, Model, ModifyResult } from 'mongoose';
import type { DeviceRepository } from '../ports';
import { informUpdate, normalizePaging, projectDevice } from '../rules';
import type {
  Device,
  DeviceField,
  DeviceFilter,
  DeviceListOptions,
  DeviceStatus,
  DeviceView,
  InformFields,
  Page,
} from '../types';
import { retryOnDuplicate, withoutId } from './errors';
import type { DeviceDoc, FaultDoc, ParameterDoc, TaskDoc } from './schemas';

export interface DeviceModels {
  devices: Model<DeviceDoc>;
  parameters: Model<ParameterDoc>;
  tasks: Model<TaskDoc>;
  faults: Model<FaultDoc>;
}

/** A stored device as a record: tags sorted, absent optional fields left out. */
function toDevice(doc: DeviceDoc): Device {
  const device = withoutId(doc);
  return { ...device, tags: [...(device.tags ?? [])].sort() };
}

/** Intersection of sorted-or-not id lists, keeping the first list's order. */
function intersect(lists: string[][]): string[] {
  const [first = [], ...rest] = lists;
  const others = rest.map((list) => new Set(list));
  return first.filter((id) => others.every((set) => set.has(id)));
}

export class MongoDeviceRepository implements DeviceRepository {
  constructor(private readonly models: DeviceModels) {}

  async upsertFromInform(
    deviceId: string,
    fields: InformFields,
    informTime: Date,
  ): Promise<{ device: Device; created: boolean }> {
    const result = await retryOnDuplicate(() =>
      this.models.devices
        .findOneAndUpdate(
          { deviceId },
          {
            $set: informUpdate(fields, informTime),
            $setOnInsert: { firstInform: informTime, status: 'active', tags: [] },
          },
          { upsert: true, new: true, includeResultMetadata: true },
        )
        .lean<ModifyResult<DeviceDoc>>()
        .exec(),
    );
    const doc = result.value;
    if (doc === null) throw new Error(`upsert of device ${deviceId} returned no document`);
    return { device: toDevice(doc), created: result.lastErrorObject?.updatedExisting !== true };
  }

  async get(deviceId: string): Promise<Device | null> {
    const doc = await this.models.devices.findOne({ deviceId }).lean<DeviceDoc>().exec();
    return doc === null ? null : toDevice(doc);
  }

  async delete(deviceId: string): Promise<boolean> {
    // No multi-document transactions on FerretDB: children first, so a crash midway leaves a
    // device that a second delete finishes, never orphans of a deleted device.
    await this.models.parameters.deleteMany({ deviceId }).exec();
    await this.models.tasks.deleteMany({ deviceId }).exec();
    await this.models.faults.deleteMany({ deviceId }).exec();
    const { deletedCount } = await this.models.devices.deleteOne({ deviceId }).exec();
    return deletedCount > 0;
  }

  async list<F extends DeviceField = DeviceField>(
    filter: DeviceFilter,
    options: DeviceListOptions<F> = {},
  ): Promise<Page<DeviceView<F>>> {
    const { skip, limit } = normalizePaging(options);
    const query = await this.queryOf(filter);
    const total = await this.models.devices.countDocuments(query).exec();
    // limit(0) means "no limit" to MongoDB.
    if (limit === 0) return { items: [], total };
    const sort = options.sort ?? { field: 'deviceId', order: 'asc' };
    const direction = sort.order === 'asc' ? 1 : -1;
    const projection =
      options.fields === undefined
        ? {}
        : Object.fromEntries(['deviceId', ...options.fields].map((field) => [field, 1]));
    let find = this.models.devices
      .find(query, projection)
      .sort(
        sort.field === 'deviceId'
          ? { deviceId: direction }
          : { [sort.field]: direction, deviceId: 1 },
      )
      .skip(skip);
    if (limit !== undefined) find = find.limit(limit);
    const docs = await find.lean<DeviceDoc[]>().exec();
    return {
      items: docs.map((doc) => projectDevice(toDevice(doc), options.fields)),
      total,
    };
  }

  async addTag(deviceId: string, tag: string): Promise<boolean> {
    // $push guarded by $ne rather than $addToSet: the update operators both backends support.
    const { matchedCount } = await this.models.devices
      .updateOne({ deviceId, tags: { $ne: tag } }, { $push: { tags: tag } })
      .exec();
    return matchedCount > 0 || (await this.exists(deviceId));
  }

  async removeTag(deviceId: string, tag: string): Promise<boolean> {
    const { matchedCount } = await this.models.devices
      .updateOne({ deviceId }, { $pull: { tags: tag } })
      .exec();
    return matchedCount > 0;
  }

  async setStatus(deviceId: string, status: DeviceStatus): Promise<boolean> {
    const { matchedCount } = await this.models.devices
      .updateOne({ deviceId }, { $set: { status } })
      .exec();
    return matchedCount > 0;
  }

  private async exists(deviceId: string): Promise<boolean> {
    return (await this.models.devices.exists({ deviceId }).exec()) !== null;
  }

  /**
   * The device query of a filter. A parameter condition becomes the ids of the devices holding
   * that value (one query on the parameters collection each), so no $elemMatch or $lookup.
   */
  private async queryOf(filter: DeviceFilter): Promise<FilterQuery<DeviceDoc>> {
    const and: FilterQuery<DeviceDoc>[] = [];
    const idLists: string[][] = [];
    if (filter.deviceIds !== undefined) idLists.push(filter.deviceIds);
    for (const { path, value } of filter.parameters ?? []) {
      idLists.push(
        await this.models.parameters
          .distinct<'deviceId', string>('deviceId', { path, value })
          .exec(),
      );
    }
    if (idLists.length > 0) and.push({ deviceId: { $in: intersect(idLists) } });
    if (filter.manufacturer !== undefined)
      and.push({ 'identity.manufacturer': filter.manufacturer });
    if (filter.oui !== undefined) and.push({ 'identity.oui': filter.oui });
    if (filter.productClass !== undefined)
      and.push({ 'identity.productClass': filter.productClass });
    if (filter.serialNumber !== undefined)
      and.push({ 'identity.serialNumber': filter.serialNumber });
    if (filter.status !== undefined) and.push({ status: filter.status });
    for (const tag of filter.tags ?? []) and.push({ tags: tag });
    if (filter.lastInformFrom !== undefined)
      and.push({ lastInform: { $gte: filter.lastInformFrom } });
    if (filter.lastInformTo !== undefined) and.push({ lastInform: { $lt: filter.lastInformTo } });
    return and.length === 0 ? {} : { $and: and };
  }
}
