import type { Model } from 'mongoose';
import type {
  Campaign,
  CampaignDevice,
  CampaignDeviceState,
  CampaignState,
} from '@meridian/campaign';
import { DuplicateKeyError } from '../errors';
import type { CampaignChanges, CampaignRepository } from '../ports';
import { definedOnly, normalizePaging } from '../rules';
import type { Page, Paging } from '../types';
import { isDuplicateKey } from './errors';
import { childId, childRange } from './keys';
import type { CampaignDeviceDoc, CampaignDoc } from './schemas';

/** Below FerretDB 1.24's limit on statements per command (see parameters.ts). */
const CHUNK = 50;

function toCampaign(doc: CampaignDoc): Campaign {
  const { _id, target, stages, window, stopRules, state, pauseReason, ...rest } = doc;
  return {
    ...rest,
    campaignId: _id,
    target: JSON.parse(target) as Campaign['target'],
    stages: JSON.parse(stages) as Campaign['stages'],
    ...(window === undefined ? {} : { window: JSON.parse(window) as Campaign['window'] }),
    stopRules: JSON.parse(stopRules) as Campaign['stopRules'],
    state: state as CampaignState,
    ...(pauseReason === undefined ? {} : { pauseReason }),
  };
}

function toDoc(campaign: Campaign): CampaignDoc {
  const { campaignId, target, stages, window, stopRules, ...rest } = campaign;
  return definedOnly({
    ...rest,
    _id: campaignId,
    target: JSON.stringify(target),
    stages: JSON.stringify(stages),
    window: window === undefined ? undefined : JSON.stringify(window),
    stopRules: JSON.stringify(stopRules),
  }) as CampaignDoc;
}

function toDevice(doc: CampaignDeviceDoc): CampaignDevice {
  const { _id, state, skipReason, outcome, ...rest } = doc;
  return {
    ...rest,
    state: state as CampaignDeviceState,
    ...(skipReason === undefined ? {} : { skipReason: skipReason as CampaignDevice['skipReason'] }),
    ...(outcome === undefined ? {} : { outcome: outcome as CampaignDevice['outcome'] }),
  };
}

const deviceDoc = (device: CampaignDevice): CampaignDeviceDoc =>
  ({
    ...definedOnly(device),
    _id: childId(device.campaignId, device.deviceId),
  }) as CampaignDeviceDoc;

export class MongoCampaignRepository implements CampaignRepository {
  constructor(
    private readonly campaigns: Model<CampaignDoc>,
    private readonly campaignDevices: Model<CampaignDeviceDoc>,
  ) {}

  async create(campaign: Campaign, devices: CampaignDevice[]): Promise<Campaign> {
    // Devices first: a campaign is visible only once all of them are stored (a crash midway
    // leaves device records no campaign names, overwritten if the campaignId is used again).
    await this.putDevices(devices);
    try {
      await this.campaigns.collection.insertOne(toDoc(campaign) as never);
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw new DuplicateKeyError('campaigns', campaign.campaignId, { cause: error });
      }
      throw error;
    }
    return { ...campaign };
  }

  async get(campaignId: string): Promise<Campaign | null> {
    const doc = await this.campaigns.collection.findOne({ _id: campaignId as never });
    return doc === null ? null : toCampaign(doc as unknown as CampaignDoc);
  }

  async list(filter: { state?: CampaignState }, paging: Paging = {}): Promise<Page<Campaign>> {
    const query = definedOnly({ state: filter.state });
    const { skip, limit } = normalizePaging(paging);
    const cursor = this.campaigns.collection
      .find(query)
      .sort({ createdAt: -1, _id: -1 })
      .skip(skip);
    const [docs, total] = await Promise.all([
      (limit === undefined ? cursor : cursor.limit(limit)).toArray(),
      this.campaigns.collection.countDocuments(query),
    ]);
    return { items: docs.map((doc) => toCampaign(doc as unknown as CampaignDoc)), total };
  }

  async update(
    campaignId: string,
    changes: CampaignChanges,
    expectedState?: CampaignState,
  ): Promise<Campaign | null> {
    const { stopRules, pauseReason, ...rest } = changes;
    const set: Record<string, unknown> = definedOnly({
      ...rest,
      ...(stopRules === undefined ? {} : { stopRules: JSON.stringify(stopRules) }),
      ...(pauseReason === undefined ? {} : { pauseReason }),
    });
    const unset = 'pauseReason' in changes && pauseReason === undefined ? { pauseReason: 1 } : {};
    const filter = {
      _id: campaignId,
      ...(expectedState === undefined ? {} : { state: expectedState }),
    };
    const { matchedCount } = await this.campaigns.collection.updateOne(filter as never, {
      $set: set,
      ...(Object.keys(unset).length === 0 ? {} : { $unset: unset }),
    });
    return matchedCount === 0 ? null : this.get(campaignId);
  }

  async devices(campaignId: string, states?: CampaignDeviceState[]): Promise<CampaignDevice[]> {
    // By `_id` range only (see keys.ts); the states are filtered here.
    const docs = (await this.campaignDevices.collection
      .find({ _id: childRange(campaignId) as never })
      .toArray()) as unknown as CampaignDeviceDoc[];
    return docs
      .map(toDevice)
      .filter((d) => states === undefined || states.includes(d.state))
      .sort((a, b) => a.order - b.order);
  }

  async putDevices(devices: CampaignDevice[]): Promise<void> {
    for (let i = 0; i < devices.length; i += CHUNK) {
      await this.campaignDevices.collection.bulkWrite(
        devices.slice(i, i + CHUNK).map((device) => {
          const doc = deviceDoc(device);
          return {
            replaceOne: { filter: { _id: doc._id as never }, replacement: doc, upsert: true },
          };
        }),
        { ordered: false },
      );
    }
  }

  async devicesById(deviceIds: string[], states: CampaignDeviceState[]): Promise<CampaignDevice[]> {
    const found: CampaignDevice[] = [];
    for (let i = 0; i < deviceIds.length; i += CHUNK * 10) {
      const docs = (await this.campaignDevices.collection
        .find({ deviceId: { $in: deviceIds.slice(i, i + CHUNK * 10) }, state: { $in: states } })
        .toArray()) as unknown as CampaignDeviceDoc[];
      found.push(...docs.map(toDevice));
    }
    const byId = (a: CampaignDevice) => `${a.deviceId}\n${a.campaignId}`;
    return found.sort((a, b) => (byId(a) < byId(b) ? -1 : byId(a) > byId(b) ? 1 : 0));
  }

  async deleteEndedBefore(before: Date, limit: number): Promise<number> {
    const ended = await this.campaigns.collection
      .find(
        { state: { $in: ['completed', 'aborted'] }, updatedAt: { $lt: before } },
        { projection: { _id: 1 } },
      )
      .sort({ updatedAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
    let deleted = 0;
    for (const { _id: campaignId } of ended as unknown as { _id: string }[]) {
      const budget = limit - deleted;
      // deleteMany takes no limit: the ids of at most `budget` devices first.
      const devices = await this.campaignDevices.collection
        .find({ _id: childRange(campaignId) as never }, { projection: { _id: 1 } })
        .limit(budget)
        .toArray();
      if (devices.length > 0) {
        const ids = devices.map((d) => d._id);
        deleted += (await this.campaignDevices.collection.deleteMany({ _id: { $in: ids } }))
          .deletedCount;
      }
      // Devices left over: the next call goes on with them.
      if (devices.length === budget) break;
      deleted += (await this.campaigns.collection.deleteOne({ _id: campaignId as never }))
        .deletedCount;
      if (deleted >= limit) break;
    }
    return deleted;
  }
}
