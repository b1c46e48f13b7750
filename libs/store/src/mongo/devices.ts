import type { FilterQuery, Model, ModifyResult, mongo } from 'mongoose';
import { DuplicateKeyError } from '../errors';
import type { DeviceRepository } from '../ports';
import {
  informChanges,
  informUpdate,
  normalizePaging,
  projectDevice,
  registeredDevice,
} from '../rules';
import type {
  Device,
  DeviceField,
  DeviceFilter,
  DeviceListOptions,
  DeviceRegistration,
  DeviceSortField,
  DeviceStatus,
  DeviceView,
  InformFields,
  InformParameter,
  Page,
} from '../types';
import { isDuplicateKey, retryOnDuplicate, withoutId } from './errors';
import type { DeviceDocuments } from './device-documents';
import { childRange } from './keys';
import { valueFilter } from './parameters';
import type {
  CredentialsDoc,
  UspRequestDoc,
  UspSubscriptionDoc,
  DeviceDoc,
  FaultDoc,
  ParameterGroupDoc,
  TaskDoc,
  TransferDoc,
} from './schemas';

export interface DeviceModels {
  devices: Model<DeviceDoc>;
  parameters: Model<ParameterGroupDoc>;
  tasks: Model<TaskDoc>;
  faults: Model<FaultDoc>;
  credentials: Model<CredentialsDoc>;
  transfers: Model<TransferDoc>;
  uspSubscriptions: Model<UspSubscriptionDoc>;
  uspRequests: Model<UspRequestDoc>;
}

type Query = FilterQuery<DeviceDoc>;

const allOf = (conditions: Query[]): Query => (conditions.length === 0 ? {} : { $and: conditions });

/** A stored device as a record: tags sorted, absent optional fields left out. */
function toDevice(doc: DeviceDoc): Device {
  // The provisioning state shares the document (layout 6); it is not part of the device.
  const { provisioning: _state, informParameters, ...device } = withoutId(doc);
  return {
    ...device,
    tags: [...(device.tags ?? [])].sort(),
    ...(informParameters === undefined
      ? {}
      : {
          informParameters:
            typeof informParameters === 'string'
              ? (JSON.parse(informParameters) as InformParameter[])
              : informParameters,
        }),
  };
}

/** An Inform's update as stored: the ParameterList as JSON text (schemas.ts, DeviceDoc). */
function stored(update: Partial<Device>): Partial<DeviceDoc> {
  const { informParameters, ...rest } = update;
  return informParameters === undefined
    ? rest
    : { ...rest, informParameters: JSON.stringify(informParameters) };
}

/** Every field of a listed device but its provisioning state (a document may hold kilobytes). */
const WITHOUT_STATE = { provisioning: 0 } as const;

interface PageQuery {
  skip: number;
  limit: number | undefined;
  projection: Record<string, 0 | 1>;
}

/** Intersection of sorted-or-not id lists, keeping the first list's order. */
function intersect(lists: string[][]): string[] {
  const [first = [], ...rest] = lists;
  const others = rest.map((list) => new Set(list));
  return first.filter((id) => others.every((set) => set.has(id)));
}

export class MongoDeviceRepository implements DeviceRepository {
  /**
   * The driver's collection, for the reads and writes of every Inform (get, updateFromInform):
   * their filter is an `_id` and their fields the schema's own, so mongoose's query building,
   * casting and stack capture would only add CPU to each session (bench/results.md, issue 17).
   * `documents`: the point reads, shared with the provisioning state's asked in the same turn of
   * the event loop.
   */
  private readonly collection: mongo.Collection<DeviceDoc>;
  constructor(
    private readonly models: DeviceModels,
    private readonly documents: DeviceDocuments,
  ) {
    this.collection = models.devices.collection as unknown as mongo.Collection<DeviceDoc>;
  }

  async upsertFromInform(
    deviceId: string,
    fields: InformFields,
    informTime: Date,
  ): Promise<{ device: Device; created: boolean }> {
    const result = await retryOnDuplicate(() =>
      this.models.devices
        .findOneAndUpdate(
          { _id: deviceId },
          {
            $set: stored(informUpdate(fields, informTime)),
            $setOnInsert: {
              deviceId,
              registeredAt: informTime,
              firstInform: informTime,
              status: 'active',
              tags: [],
            },
          },
          { upsert: true, new: true, includeResultMetadata: true },
        )
        .lean<ModifyResult<DeviceDoc>>()
        .exec(),
    );
    const doc = result.value;
    if (doc === null) throw new Error(`upsert of device ${deviceId} returned no document`);
    const created = result.lastErrorObject?.updatedExisting !== true;
    if (doc.firstInform !== undefined) return { device: toDevice(doc), created };
    return { device: await this.setFirstInform(deviceId, informTime), created };
  }

  async updateFromInform(device: Device, fields: InformFields, informTime: Date): Promise<boolean> {
    const { matchedCount } = await this.collection.updateOne(
      { _id: device.deviceId },
      { $set: stored(informChanges(device, fields, informTime)) },
    );
    if (matchedCount === 0) return false;
    // The first Inform of a pre-registered device.
    if (device.firstInform === undefined) await this.setFirstInform(device.deviceId, informTime);
    return true;
  }

  /**
   * The first Inform of a pre-registered device: set only where absent. On MongoDB one of
   * concurrent first Informs sets it; FerretDB 1.24 updates by read-then-write, so there each
   * may write its own and the last one stays (later Informs keep it either way).
   */
  private async setFirstInform(deviceId: string, informTime: Date): Promise<Device> {
    const doc =
      (await this.models.devices
        .findOneAndUpdate(
          { _id: deviceId, firstInform: { $exists: false } },
          { $set: { firstInform: informTime } },
          { new: true },
        )
        .lean<DeviceDoc>()
        .exec()) ?? (await this.models.devices.findOne({ _id: deviceId }).lean<DeviceDoc>().exec());
    if (doc === null) throw new Error(`device ${deviceId} went away during its Inform`);
    return toDevice(doc);
  }

  async register(registration: DeviceRegistration): Promise<Device> {
    const device = registeredDevice(registration);
    try {
      // A copy: the driver adds _id to the document it inserts.
      await this.models.devices.collection.insertOne({ _id: device.deviceId, ...device } as never);
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw new DuplicateKeyError('devices', device.deviceId, { cause: error });
      }
      throw error;
    }
    return device;
  }

  async get(deviceId: string): Promise<Device | null> {
    const doc = await this.documents.read(deviceId);
    return doc === null ? null : toDevice(doc);
  }

  async delete(deviceId: string): Promise<boolean> {
    // No multi-document transactions on FerretDB: children first, so a crash midway leaves a
    // device that a second delete finishes, never orphans of a deleted device.
    const own = { _id: childRange(deviceId) };
    await this.models.parameters.deleteMany(own).exec();
    await this.models.tasks.deleteMany({ deviceId }).exec();
    await this.models.faults.deleteMany(own).exec();
    await this.models.credentials.deleteOne({ _id: deviceId }).exec();
    await this.models.transfers.deleteMany({ deviceId }).exec();
    await this.models.uspSubscriptions.deleteMany({ deviceId }).exec();
    await this.models.uspRequests.deleteMany({ deviceId }).exec();
    const { deletedCount } = await this.models.devices.deleteOne({ _id: deviceId }).exec();
    return deletedCount > 0;
  }

  async list<F extends DeviceField = DeviceField>(
    filter: DeviceFilter,
    options: DeviceListOptions<F> = {},
  ): Promise<Page<DeviceView<F>>> {
    const { skip, limit } = normalizePaging(options);
    const conditions = await this.conditionsOf(filter);
    const total = await this.models.devices.countDocuments(allOf(conditions)).exec();
    // limit(0) means "no limit" to MongoDB.
    if (limit === 0) return { items: [], total };
    const sort = options.sort ?? { field: 'deviceId', order: 'asc' };
    const projection =
      options.fields === undefined
        ? WITHOUT_STATE
        : Object.fromEntries(['deviceId', ...options.fields].map((field) => [field, 1 as const]));
    const page = { skip, limit, projection };
    const docs =
      sort.field === 'deviceId'
        ? await this.find(allOf(conditions), { _id: sort.order === 'asc' ? 1 : -1 }, page)
        : await this.findSortedByTime(conditions, sort.field, sort.order === 'asc' ? 1 : -1, page);
    return {
      items: docs.map((doc) => projectDevice(toDevice(doc), options.fields)),
      total,
    };
  }

  /**
   * MongoDB sorts a missing field before every date ascending; the rule is "never-seen devices
   * last in both orders", so the page is read from the devices with the field, then from those
   * without it (by deviceId).
   */
  private async findSortedByTime(
    conditions: Query[],
    field: Exclude<DeviceSortField, 'deviceId'>,
    direction: 1 | -1,
    page: PageQuery,
  ): Promise<DeviceDoc[]> {
    const seen = allOf([...conditions, { [field]: { $exists: true } }]);
    const seenCount = await this.models.devices.countDocuments(seen).exec();
    const docs =
      page.skip < seenCount ? await this.find(seen, { [field]: direction, _id: 1 }, page) : [];
    const rest = page.limit === undefined ? undefined : page.limit - docs.length;
    if (rest === 0) return docs;
    const unseen = allOf([...conditions, { [field]: { $exists: false } }]);
    const more = await this.find(
      unseen,
      { _id: 1 },
      { ...page, skip: Math.max(0, page.skip - seenCount), limit: rest },
    );
    return [...docs, ...more];
  }

  private async find(
    query: Query,
    sort: Record<string, 1 | -1>,
    page: PageQuery,
  ): Promise<DeviceDoc[]> {
    let find = this.models.devices.find(query, page.projection).sort(sort).skip(page.skip);
    if (page.limit !== undefined) find = find.limit(page.limit);
    return find.lean<DeviceDoc[]>().exec();
  }

  async addTag(deviceId: string, tag: string): Promise<boolean> {
    // $push guarded by $ne rather than $addToSet: the update operators both backends support.
    const { matchedCount } = await this.models.devices
      .updateOne({ _id: deviceId, tags: { $ne: tag } }, { $push: { tags: tag } })
      .exec();
    return matchedCount > 0 || (await this.exists(deviceId));
  }

  async removeTag(deviceId: string, tag: string): Promise<boolean> {
    const { matchedCount } = await this.models.devices
      .updateOne({ _id: deviceId }, { $pull: { tags: tag } })
      .exec();
    return matchedCount > 0;
  }

  async setStatus(deviceId: string, status: DeviceStatus): Promise<boolean> {
    const { matchedCount } = await this.models.devices
      .updateOne({ _id: deviceId }, { $set: { status } })
      .exec();
    return matchedCount > 0;
  }

  private async exists(deviceId: string): Promise<boolean> {
    return (await this.models.devices.exists({ _id: deviceId }).exec()) !== null;
  }

  /**
   * The conditions of a filter, all to hold. A parameter condition becomes the ids of the
   * devices holding that value (one query on the parameters collection each), so no $elemMatch
   * or $lookup.
   */
  private async conditionsOf(filter: DeviceFilter): Promise<Query[]> {
    const and: Query[] = [];
    const idLists: string[][] = [];
    if (filter.deviceIds !== undefined) idLists.push(filter.deviceIds);
    for (const { path, value } of filter.parameters ?? []) {
      idLists.push(
        await this.models.parameters
          .distinct<'deviceId', string>('deviceId', valueFilter(path, value))
          .exec(),
      );
    }
    if (idLists.length > 0) and.push({ _id: { $in: intersect(idLists) } });
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
    if (filter.presence !== undefined) {
      // Each branch is a range of the onlineUntil index; never told counts as offline.
      const { online, at } = filter.presence;
      and.push(
        online
          ? { onlineUntil: { $gt: at } }
          : { $or: [{ onlineUntil: { $lte: at } }, { onlineUntil: { $exists: false } }] },
      );
    }
    return and;
  }
}
