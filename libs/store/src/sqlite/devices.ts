import type Database from 'better-sqlite3';
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
  Page,
} from '../types';
import {
  fromJson,
  fromMs,
  isUniqueViolation,
  limitClause,
  optionalMs,
  orNull,
  toJson,
  toMs,
  Where,
} from './codec';
import { decodeInformParameters, encodeInformParameters } from './inform-parameters';
import type { StateHandover } from './provisioning';
import { valueCondition } from './parameters';

interface DeviceRow {
  device_id: string;
  manufacturer: string;
  oui: string;
  product_class: string;
  serial_number: string;
  status: DeviceStatus;
  registered_at: number;
  first_inform: number | null;
  last_inform: number | null;
  last_boot: number | null;
  last_bootstrap: number | null;
  last_events: string;
  software_version: string | null;
  hardware_version: string | null;
  connection_request_url: string | null;
  remote_address: string | null;
  parameter_key: string | null;
  periodic_inform_interval: number | null;
  online_until: number | null;
  /** The InformParameter list (inform-parameters.ts); null until an Inform recorded it. */
  inform_parameters: string | null;
  cwmp_version: string | null;
}

/**
 * A row as read: the values of COLUMNS in order, then the tags. Read as an array (`raw()`):
 * better-sqlite3 builds an object of 22 named keys for a row otherwise, a third of a point
 * read's time.
 */
type DeviceValues = [
  device_id: string,
  manufacturer: string,
  oui: string,
  product_class: string,
  serial_number: string,
  status: DeviceStatus,
  registered_at: number,
  first_inform: number | null,
  last_inform: number | null,
  last_boot: number | null,
  last_bootstrap: number | null,
  last_events: string,
  software_version: string | null,
  hardware_version: string | null,
  connection_request_url: string | null,
  remote_address: string | null,
  parameter_key: string | null,
  periodic_inform_interval: number | null,
  online_until: number | null,
  inform_parameters: string | null,
  cwmp_version: string | null,
  /** Sorted JSON array, kept from device_tags by triggers (schema V16). */
  tags: string,
];

/** The planner state's columns of a device read with them (devices.get). */
type StateValues = [state: string | null, revision: number | null, updated_at: number | null];
type DeviceWithState = [...DeviceValues, ...StateValues];

/** The tags column of a device without tags (its default, and json_group_array of no rows). */
const NO_TAGS = '[]';

const SORT_COLUMNS: Record<DeviceSortField, string> = {
  deviceId: 'd.device_id',
  firstInform: 'd.first_inform',
  lastInform: 'd.last_inform',
};

/**
 * The record of a row. Read on every Inform: optional fields are set only when their column is
 * not NULL (no intermediate object of every field), and an empty tag list is not parsed.
 */
function toDevice(row: DeviceValues): Device {
  const [
    deviceId,
    manufacturer,
    oui,
    productClass,
    serialNumber,
    status,
    registeredAt,
    firstInform,
    lastInform,
    lastBoot,
    lastBootstrap,
    lastEvents,
    softwareVersion,
    hardwareVersion,
    connectionRequestUrl,
    remoteAddress,
    parameterKey,
    periodicInformInterval,
    onlineUntil,
    informParameters,
    cwmpVersion,
    tags,
  ] = row;
  const device: Device = {
    deviceId,
    identity: { manufacturer, oui, productClass, serialNumber },
    status,
    tags: tags === NO_TAGS ? [] : fromJson<string[]>(tags).sort(),
    registeredAt: fromMs(registeredAt),
    lastEvents: fromJson<string[]>(lastEvents),
  };
  if (firstInform !== null) device.firstInform = fromMs(firstInform);
  if (lastInform !== null) device.lastInform = fromMs(lastInform);
  if (lastBoot !== null) device.lastBoot = fromMs(lastBoot);
  if (lastBootstrap !== null) device.lastBootstrap = fromMs(lastBootstrap);
  if (softwareVersion !== null) device.softwareVersion = softwareVersion;
  if (hardwareVersion !== null) device.hardwareVersion = hardwareVersion;
  if (connectionRequestUrl !== null) device.connectionRequestUrl = connectionRequestUrl;
  if (remoteAddress !== null) device.remoteAddress = remoteAddress;
  if (parameterKey !== null) device.parameterKey = parameterKey;
  if (periodicInformInterval !== null) device.periodicInformInterval = periodicInformInterval;
  if (onlineUntil !== null) device.onlineUntil = fromMs(onlineUntil);
  if (informParameters !== null) {
    device.informParameters = decodeInformParameters(informParameters);
  }
  if (cwmpVersion !== null) device.cwmpVersion = cwmpVersion;
  return device;
}

function toRow(device: Device): DeviceRow {
  return {
    device_id: device.deviceId,
    manufacturer: device.identity.manufacturer,
    oui: device.identity.oui,
    product_class: device.identity.productClass,
    serial_number: device.identity.serialNumber,
    status: device.status,
    registered_at: toMs(device.registeredAt),
    first_inform: optionalMs(device.firstInform),
    last_inform: optionalMs(device.lastInform),
    last_boot: optionalMs(device.lastBoot),
    last_bootstrap: optionalMs(device.lastBootstrap),
    last_events: toJson(device.lastEvents),
    software_version: orNull(device.softwareVersion),
    hardware_version: orNull(device.hardwareVersion),
    connection_request_url: orNull(device.connectionRequestUrl),
    remote_address: orNull(device.remoteAddress),
    parameter_key: orNull(device.parameterKey),
    periodic_inform_interval: orNull(device.periodicInformInterval),
    online_until: optionalMs(device.onlineUntil),
    inform_parameters: device.informParameters
      ? encodeInformParameters(device.informParameters)
      : null,
    cwmp_version: orNull(device.cwmpVersion),
  };
}

/** The WHERE clause of a device filter (exported for the query-plan test). */
export function whereOf(filter: DeviceFilter): Where {
  const where = new Where();
  if (filter.deviceIds !== undefined) {
    where.add('d.device_id IN (SELECT value FROM json_each(?))', toJson(filter.deviceIds));
  }
  if (filter.manufacturer !== undefined) where.add('d.manufacturer = ?', filter.manufacturer);
  if (filter.oui !== undefined) where.add('d.oui = ?', filter.oui);
  if (filter.productClass !== undefined) where.add('d.product_class = ?', filter.productClass);
  if (filter.serialNumber !== undefined) where.add('d.serial_number = ?', filter.serialNumber);
  if (filter.status !== undefined) where.add('d.status = ?', filter.status);
  for (const tag of filter.tags ?? []) {
    where.add(
      'EXISTS (SELECT 1 FROM device_tags t WHERE t.device_id = d.device_id AND t.tag = ?)',
      tag,
    );
  }
  if (filter.lastInformFrom !== undefined) {
    where.add('d.last_inform >= ?', toMs(filter.lastInformFrom));
  }
  if (filter.lastInformTo !== undefined) where.add('d.last_inform < ?', toMs(filter.lastInformTo));
  if (filter.presence !== undefined) {
    // Each branch is a range of devices_online_until (NULL: never told, so offline).
    const at = toMs(filter.presence.at);
    if (filter.presence.online) where.add('d.online_until > ?', at);
    else where.add('(d.online_until <= ? OR d.online_until IS NULL)', at);
  }
  for (const { path, value } of filter.parameters ?? []) {
    const condition = valueCondition('p', path, value);
    where.add(
      `EXISTS (SELECT 1 FROM parameter_objects p
        WHERE p.device_id = d.device_id AND ${condition.sql})`,
      ...condition.params,
    );
  }
  return where;
}

/** The columns an Inform never sets, or always sets (updateFromInform writes these itself). */
const ENTRY_COLUMNS = [
  'device_id',
  'manufacturer',
  'oui',
  'product_class',
  'serial_number',
  'status',
  'registered_at',
  'first_inform',
  'last_inform',
] as const;

/** The columns an Inform sets only when it gives them (informChanges). */
const INFORM_COLUMNS = [
  'last_boot',
  'last_bootstrap',
  'last_events',
  'software_version',
  'hardware_version',
  'connection_request_url',
  'remote_address',
  'parameter_key',
  'periodic_inform_interval',
  'online_until',
  'inform_parameters',
  'cwmp_version',
] as const;
type InformColumn = (typeof INFORM_COLUMNS)[number];

const COLUMNS: readonly (keyof DeviceRow)[] = [...ENTRY_COLUMNS, ...INFORM_COLUMNS];

/** DeviceValues of a device `d`. */
const VALUES = `${COLUMNS.map((c) => `d.${c}`).join(', ')}, d.tags`;
/** DeviceValues of each device `d` a query selects. */
const SELECT = `SELECT ${VALUES} FROM devices d`;
/** Where a DeviceWithState's StateValues start. */
const STATE_AT = COLUMNS.length + 1;

export class SqliteDeviceRepository implements DeviceRepository {
  private readonly selectOne: Database.Statement<[string], DeviceValues>;
  /** selectOne, and the device's planner-state row's columns (NULL without one) after. */
  private readonly selectWithState: Database.Statement<[string], DeviceWithState>;
  private readonly upsertRow: Database.Statement<[DeviceRow]>;
  private readonly insertRow: Database.Statement<[DeviceRow]>;
  // Values by position: lastInform, INFORM_COLUMNS, deviceId.
  private readonly informRow: Database.Statement<(string | number | null)[]>;

  constructor(
    private readonly db: Database.Database,
    private readonly handover: StateHandover,
  ) {
    this.selectOne = db.prepare<[string], DeviceValues>(`${SELECT} WHERE d.device_id = ?`).raw();
    this.selectWithState = db
      .prepare<[string], DeviceWithState>(
        `SELECT ${VALUES}, p.state, p.revision, p.updated_at FROM devices d
         LEFT JOIN provisioning p ON p.device_id = d.device_id WHERE d.device_id = ?`,
      )
      .raw();
    const insert = `INSERT INTO devices (${COLUMNS.join(', ')})
      VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`;
    this.insertRow = db.prepare(insert);
    this.upsertRow = db.prepare(
      `${insert}
       ON CONFLICT (device_id) DO UPDATE SET
       ${COLUMNS.filter((c) => c !== 'device_id')
         .map((c) => `${c} = excluded.${c}`)
         .join(', ')}`,
    );
    // NULL keeps the stored value: a field the Inform did not give, or a list it repeated.
    this.informRow = db.prepare<(string | number | null)[]>(
      `UPDATE devices SET last_inform = ?, ${INFORM_COLUMNS.map((c) => `${c} = coalesce(?, ${c})`).join(', ')}
       WHERE device_id = ?`,
    );
  }

  async upsertFromInform(
    deviceId: string,
    fields: InformFields,
    informTime: Date,
  ): Promise<{ device: Device; created: boolean }> {
    return this.db.transaction(() =>
      this.upsert(deviceId, this.selectOne.get(deviceId), fields, informTime),
    )();
  }

  async updateFromInform(device: Device, fields: InformFields, informTime: Date): Promise<boolean> {
    const { identity } = fields;
    const known = device.identity;
    // The first Inform of a pre-registered device (firstInform is set once), or a new
    // manufacturer name: the whole row, as the upsert writes it. The statement below leaves
    // the identity columns (indexed) and first_inform (indexed) out, so that their indexes are
    // not written by every Inform.
    if (
      device.firstInform === undefined ||
      identity.manufacturer !== known.manufacturer ||
      identity.oui !== known.oui ||
      identity.productClass !== known.productClass ||
      identity.serialNumber !== known.serialNumber
    ) {
      return this.db.transaction(() => {
        const existing = this.selectOne.get(device.deviceId);
        if (existing !== undefined) this.upsert(device.deviceId, existing, fields, informTime);
        return existing !== undefined;
      })();
    }
    const update = informChanges(device, fields, informTime);
    const values: Record<InformColumn, string | number | null> = {
      last_boot: optionalMs(update.lastBoot),
      last_bootstrap: optionalMs(update.lastBootstrap),
      last_events: update.lastEvents === undefined ? null : toJson(update.lastEvents),
      software_version: orNull(update.softwareVersion),
      hardware_version: orNull(update.hardwareVersion),
      connection_request_url: orNull(update.connectionRequestUrl),
      remote_address: orNull(update.remoteAddress),
      parameter_key: orNull(update.parameterKey),
      periodic_inform_interval: orNull(update.periodicInformInterval),
      online_until: optionalMs(update.onlineUntil),
      inform_parameters:
        update.informParameters === undefined
          ? null
          : encodeInformParameters(update.informParameters),
      cwmp_version: orNull(update.cwmpVersion),
    };
    const result = this.informRow.run(
      toMs(informTime),
      ...INFORM_COLUMNS.map((c) => values[c]),
      device.deviceId,
    );
    return result.changes > 0;
  }

  /** The device row after the Inform, from the row read in the same transaction. */
  private upsert(
    deviceId: string,
    existing: DeviceValues | undefined,
    fields: InformFields,
    informTime: Date,
  ): { device: Device; created: boolean } {
    const update = informUpdate(fields, informTime);
    const device: Device =
      existing === undefined
        ? {
            deviceId,
            identity: fields.identity,
            status: 'active',
            tags: [],
            registeredAt: informTime,
            lastEvents: fields.events,
            ...update,
          }
        : { ...toDevice(existing), ...update };
    // Set once: on creation, or on the first Inform of a pre-registered device.
    device.firstInform ??= informTime;
    this.upsertRow.run(toRow(device));
    return { device, created: existing === undefined };
  }

  async register(registration: DeviceRegistration): Promise<Device> {
    const device = registeredDevice(registration);
    try {
      this.db.transaction(() => {
        this.insertRow.run(toRow(device));
        const addTag = this.db.prepare('INSERT INTO device_tags (device_id, tag) VALUES (?, ?)');
        for (const tag of device.tags) addTag.run(device.deviceId, tag);
      })();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DuplicateKeyError('devices', device.deviceId, { cause: error });
      }
      throw error;
    }
    return device;
  }

  async get(deviceId: string): Promise<Device | null> {
    const row = this.selectWithState.get(deviceId);
    if (row === undefined) return null;
    const state = row[STATE_AT] as StateValues[0];
    this.handover.hold(
      deviceId,
      state === null
        ? undefined
        : {
            device_id: deviceId,
            state,
            revision: row[STATE_AT + 1] as number,
            updated_at: row[STATE_AT + 2] as number,
          },
    );
    return toDevice(row as unknown as DeviceValues);
  }

  async delete(deviceId: string): Promise<boolean> {
    this.handover.drop();
    return this.db.transaction(() => {
      for (const table of [
        'device_tags',
        'parameter_objects',
        'tasks',
        'faults',
        'provisioning',
        'credentials',
        'transfers',
        'usp_subscriptions',
        'usp_requests',
      ]) {
        this.db.prepare(`DELETE FROM ${table} WHERE device_id = ?`).run(deviceId);
      }
      return this.db.prepare('DELETE FROM devices WHERE device_id = ?').run(deviceId).changes > 0;
    })();
  }

  async list<F extends DeviceField = DeviceField>(
    filter: DeviceFilter,
    options: DeviceListOptions<F> = {},
  ): Promise<Page<DeviceView<F>>> {
    const { skip, limit } = normalizePaging(options);
    const where = whereOf(filter);
    const sort = options.sort ?? { field: 'deviceId', order: 'asc' };
    const column = SORT_COLUMNS[sort.field];
    const direction = sort.order === 'asc' ? 'ASC' : 'DESC';
    // Never-seen devices (NULL inform times) after all others, whatever the order.
    const order =
      sort.field === 'deviceId'
        ? `${column} ${direction}`
        : `${column} IS NULL, ${column} ${direction}, d.device_id`;
    const rows = this.db
      .prepare<unknown[], DeviceValues>(
        `${SELECT} ${where} ORDER BY ${order} ${limitClause(skip, limit)}`,
      )
      .raw()
      .all(...where.params);
    const { total } = this.db
      .prepare<unknown[], { total: number }>(`SELECT count(*) AS total FROM devices d ${where}`)
      .get(...where.params) ?? { total: 0 };
    return { items: rows.map((row) => projectDevice(toDevice(row), options.fields)), total };
  }

  async addTag(deviceId: string, tag: string): Promise<boolean> {
    return this.db.transaction(() => {
      if (!this.exists(deviceId)) return false;
      this.db
        .prepare('INSERT OR IGNORE INTO device_tags (device_id, tag) VALUES (?, ?)')
        .run(deviceId, tag);
      return true;
    })();
  }

  async removeTag(deviceId: string, tag: string): Promise<boolean> {
    return this.db.transaction(() => {
      if (!this.exists(deviceId)) return false;
      this.db.prepare('DELETE FROM device_tags WHERE device_id = ? AND tag = ?').run(deviceId, tag);
      return true;
    })();
  }

  async setStatus(deviceId: string, status: DeviceStatus): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE devices SET status = ? WHERE device_id = ?')
      .run(status, deviceId);
    return result.changes > 0;
  }

  private exists(deviceId: string): boolean {
    return this.db.prepare('SELECT 1 FROM devices WHERE device_id = ?').get(deviceId) !== undefined;
  }
}
