import type Database from 'better-sqlite3';
import type {
  Campaign,
  CampaignDevice,
  CampaignDeviceState,
  CampaignState,
} from '@meridian/campaign';
import { DuplicateKeyError } from '../errors';
import type { CampaignChanges, CampaignRepository } from '../ports';
import type { Page, Paging } from '../types';
import {
  fromJson,
  fromMs,
  isUniqueViolation,
  limitClause,
  optional,
  optionalDate,
  optionalJson,
  optionalMs,
  orNull,
  toJson,
  toMs,
} from './codec';

interface CampaignRow {
  campaign_id: string;
  name: string;
  file_name: string;
  version: string;
  target: string;
  stages: string;
  max_in_flight: number;
  window: string | null;
  stop_rules: string;
  state: string;
  stage: number;
  stage_started_at: number;
  count_from: number;
  pause_reason: string | null;
  created_at: number;
  updated_at: number;
}

interface DeviceRow {
  campaign_id: string;
  device_id: string;
  ord: number;
  stage: number;
  state: string;
  skip_reason: string | null;
  command_id: string | null;
  started_at: number | null;
  sent_at: number | null;
  finished_at: number | null;
  outcome: string | null;
  fault_code: number | null;
  fault_string: string | null;
  time_zone: string | null;
  cancelled_at: number | null;
}

function toCampaign(row: CampaignRow): Campaign {
  const campaign: Campaign = {
    campaignId: row.campaign_id,
    name: row.name,
    fileName: row.file_name,
    version: row.version,
    target: fromJson(row.target),
    stages: fromJson(row.stages),
    maxInFlight: row.max_in_flight,
    stopRules: fromJson(row.stop_rules),
    state: row.state as CampaignState,
    stage: row.stage,
    stageStartedAt: fromMs(row.stage_started_at),
    countFrom: fromMs(row.count_from),
    createdAt: fromMs(row.created_at),
    updatedAt: fromMs(row.updated_at),
  };
  const window = optionalJson<Campaign['window']>(row.window);
  if (window !== undefined) campaign.window = window;
  if (row.pause_reason !== null) campaign.pauseReason = row.pause_reason;
  return campaign;
}

const campaignRow = (c: Campaign): CampaignRow => ({
  campaign_id: c.campaignId,
  name: c.name,
  file_name: c.fileName,
  version: c.version,
  target: toJson(c.target),
  stages: toJson(c.stages),
  max_in_flight: c.maxInFlight,
  window: c.window === undefined ? null : toJson(c.window),
  stop_rules: toJson(c.stopRules),
  state: c.state,
  stage: c.stage,
  stage_started_at: toMs(c.stageStartedAt),
  count_from: toMs(c.countFrom),
  pause_reason: orNull(c.pauseReason),
  created_at: toMs(c.createdAt),
  updated_at: toMs(c.updatedAt),
});

/** Drops the fields a record does not have (the contract compares records with toEqual). */
const defined = <T extends object>(record: T): T =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;

const toDevice = (row: DeviceRow): CampaignDevice =>
  defined({
    campaignId: row.campaign_id,
    deviceId: row.device_id,
    order: row.ord,
    stage: row.stage,
    state: row.state as CampaignDeviceState,
    skipReason: optional(row.skip_reason) as CampaignDevice['skipReason'],
    commandId: optional(row.command_id),
    startedAt: optionalDate(row.started_at),
    sentAt: optionalDate(row.sent_at),
    finishedAt: optionalDate(row.finished_at),
    outcome: optional(row.outcome) as CampaignDevice['outcome'],
    faultCode: optional(row.fault_code),
    faultString: optional(row.fault_string),
    timeZone: optional(row.time_zone),
    cancelledAt: optionalDate(row.cancelled_at),
  });

const deviceRow = (d: CampaignDevice): DeviceRow => ({
  campaign_id: d.campaignId,
  device_id: d.deviceId,
  ord: d.order,
  stage: d.stage,
  state: d.state,
  skip_reason: orNull(d.skipReason),
  command_id: orNull(d.commandId),
  started_at: optionalMs(d.startedAt),
  sent_at: optionalMs(d.sentAt),
  finished_at: optionalMs(d.finishedAt),
  outcome: orNull(d.outcome),
  fault_code: orNull(d.faultCode),
  fault_string: orNull(d.faultString),
  time_zone: orNull(d.timeZone),
  cancelled_at: optionalMs(d.cancelledAt),
});

const CAMPAIGN_COLUMNS: (keyof CampaignRow)[] = [
  'campaign_id',
  'name',
  'file_name',
  'version',
  'target',
  'stages',
  'max_in_flight',
  'window',
  'stop_rules',
  'state',
  'stage',
  'stage_started_at',
  'count_from',
  'pause_reason',
  'created_at',
  'updated_at',
];
const DEVICE_COLUMNS: (keyof DeviceRow)[] = [
  'campaign_id',
  'device_id',
  'ord',
  'stage',
  'state',
  'skip_reason',
  'command_id',
  'started_at',
  'sent_at',
  'finished_at',
  'outcome',
  'fault_code',
  'fault_string',
  'time_zone',
  'cancelled_at',
];
const insertOf = (table: string, columns: string[], conflict = '') =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')}) ${conflict}`;

/** SQLite binds at most 32,766 values per statement; lists of ids go in chunks below it. */
const CHUNK = 500;

export class SqliteCampaignRepository implements CampaignRepository {
  private readonly selectOne: Database.Statement<[string], CampaignRow>;
  private readonly insertCampaign: Database.Statement<[CampaignRow]>;
  private readonly upsertDevice: Database.Statement<[DeviceRow]>;

  constructor(private readonly db: Database.Database) {
    this.selectOne = db.prepare('SELECT * FROM campaigns WHERE campaign_id = ?');
    this.insertCampaign = db.prepare(insertOf('campaigns', CAMPAIGN_COLUMNS));
    this.upsertDevice = db.prepare(
      insertOf(
        'campaign_devices',
        DEVICE_COLUMNS,
        `ON CONFLICT (campaign_id, device_id) DO UPDATE SET ${DEVICE_COLUMNS.filter(
          (c) => c !== 'campaign_id' && c !== 'device_id',
        )
          .map((c) => `${c} = excluded.${c}`)
          .join(', ')}`,
      ),
    );
  }

  async create(campaign: Campaign, devices: CampaignDevice[]): Promise<Campaign> {
    try {
      this.db.transaction(() => {
        this.insertCampaign.run(campaignRow(campaign));
        for (const device of devices) this.upsertDevice.run(deviceRow(device));
      })();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DuplicateKeyError('campaigns', campaign.campaignId, { cause: error });
      }
      throw error;
    }
    return { ...campaign };
  }

  async get(campaignId: string): Promise<Campaign | null> {
    const row = this.selectOne.get(campaignId);
    return row === undefined ? null : toCampaign(row);
  }

  async list(filter: { state?: CampaignState }, paging: Paging = {}): Promise<Page<Campaign>> {
    const where = filter.state === undefined ? '' : 'WHERE state = ?';
    const params = filter.state === undefined ? [] : [filter.state];
    const total = (
      this.db.prepare(`SELECT COUNT(*) AS n FROM campaigns ${where}`).get(...params) as {
        n: number;
      }
    ).n;
    const rows = this.db
      .prepare(
        `SELECT * FROM campaigns ${where} ORDER BY created_at DESC, campaign_id DESC ${limitClause(paging.skip ?? 0, paging.limit)}`,
      )
      .all(...params) as CampaignRow[];
    return { items: rows.map(toCampaign), total };
  }

  async update(
    campaignId: string,
    changes: CampaignChanges,
    expectedState?: CampaignState,
  ): Promise<Campaign | null> {
    return this.db.transaction(() => {
      const row = this.selectOne.get(campaignId);
      if (row === undefined) return null;
      const current = toCampaign(row);
      if (expectedState !== undefined && current.state !== expectedState) return null;
      const next: Campaign = { ...current, ...changes };
      if ('pauseReason' in changes && changes.pauseReason === undefined) delete next.pauseReason;
      const values = campaignRow(next);
      this.db
        .prepare(
          `UPDATE campaigns SET ${CAMPAIGN_COLUMNS.filter((c) => c !== 'campaign_id')
            .map((c) => `${c} = @${c}`)
            .join(', ')} WHERE campaign_id = @campaign_id`,
        )
        .run(values);
      return next;
    })();
  }

  async devices(campaignId: string, states?: CampaignDeviceState[]): Promise<CampaignDevice[]> {
    const filter =
      states === undefined ? '' : `AND state IN (${states.map(() => '?').join(', ') || 'NULL'})`;
    const rows = this.db
      .prepare(`SELECT * FROM campaign_devices WHERE campaign_id = ? ${filter} ORDER BY ord`)
      .all(campaignId, ...(states ?? [])) as DeviceRow[];
    return rows.map(toDevice);
  }

  async putDevices(devices: CampaignDevice[]): Promise<void> {
    this.db.transaction(() => {
      for (const device of devices) this.upsertDevice.run(deviceRow(device));
    })();
  }

  async devicesById(deviceIds: string[], states: CampaignDeviceState[]): Promise<CampaignDevice[]> {
    const found: CampaignDevice[] = [];
    const stateList = states.map(() => '?').join(', ') || 'NULL';
    for (let i = 0; i < deviceIds.length; i += CHUNK) {
      const ids = deviceIds.slice(i, i + CHUNK);
      const rows = this.db
        .prepare(
          `SELECT * FROM campaign_devices WHERE device_id IN (${ids.map(() => '?').join(', ')})
           AND state IN (${stateList}) ORDER BY device_id, campaign_id`,
        )
        .all(...ids, ...states) as DeviceRow[];
      found.push(...rows.map(toDevice));
    }
    return found;
  }

  async deleteEndedBefore(before: Date, limit: number): Promise<number> {
    return this.db.transaction(() => {
      const ended = this.db
        .prepare<[number, number], { campaign_id: string }>(
          `SELECT campaign_id FROM campaigns WHERE state IN ('completed', 'aborted')
             AND updated_at < ? ORDER BY updated_at, campaign_id LIMIT ?`,
        )
        .all(toMs(before), limit);
      const deleteDevices = this.db.prepare<[string, string, number]>(
        `DELETE FROM campaign_devices WHERE campaign_id = ? AND device_id IN
           (SELECT device_id FROM campaign_devices WHERE campaign_id = ? LIMIT ?)`,
      );
      const deleteCampaign = this.db.prepare<[string]>(
        'DELETE FROM campaigns WHERE campaign_id = ?',
      );
      let deleted = 0;
      for (const { campaign_id: campaignId } of ended) {
        const budget = limit - deleted;
        const devices = deleteDevices.run(campaignId, campaignId, budget).changes;
        deleted += devices;
        // Devices left over: the next call goes on with them.
        if (devices === budget) break;
        deleted += deleteCampaign.run(campaignId).changes;
        if (deleted >= limit) break;
      }
      return deleted;
    })();
  }
}
