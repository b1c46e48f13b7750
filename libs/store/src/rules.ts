import type {
  Device,
  DeviceField,
  DeviceRegistration,
  DeviceView,
  InformFields,
  InformParameter,
} from './types';

/** Event codes (TR-069 3.7.1.5) that move lastBoot / lastBootstrap. */
const BOOT = '1 BOOT';
const BOOTSTRAP = '0 BOOTSTRAP';

/**
 * The device fields an Inform sets on an existing device (both adapters apply the same rule):
 * lastInform always, optional fields only when given, boot times when the events say so.
 * firstInform and registeredAt are not among them: they are set once (see the adapters).
 */
export function informUpdate(fields: InformFields, informTime: Date): Partial<Device> {
  const update: Partial<Device> = {
    identity: fields.identity,
    lastInform: informTime,
    lastEvents: fields.events,
  };
  if (fields.softwareVersion !== undefined) update.softwareVersion = fields.softwareVersion;
  if (fields.hardwareVersion !== undefined) update.hardwareVersion = fields.hardwareVersion;
  if (fields.connectionRequestUrl !== undefined) {
    update.connectionRequestUrl = fields.connectionRequestUrl;
  }
  if (fields.remoteAddress !== undefined) update.remoteAddress = fields.remoteAddress;
  if (fields.cwmpVersion !== undefined) update.cwmpVersion = fields.cwmpVersion;
  if (fields.parameterKey !== undefined) update.parameterKey = fields.parameterKey;
  if (fields.periodicInformInterval !== undefined) {
    update.periodicInformInterval = fields.periodicInformInterval;
  }
  if (fields.onlineUntil !== undefined) update.onlineUntil = fields.onlineUntil;
  if (fields.informParameters !== undefined) update.informParameters = fields.informParameters;
  if (fields.events.includes(BOOT)) update.lastBoot = informTime;
  if (fields.events.includes(BOOTSTRAP)) update.lastBootstrap = informTime;
  return update;
}

/**
 * What an Inform writes to a device as `device` holds it: informUpdate without the lists the
 * device already holds (the events, the ParameterList), which a repeated Inform does not write
 * again. Both adapters' updateFromInform write this.
 */
export function informChanges(
  device: Device,
  fields: InformFields,
  informTime: Date,
): Partial<Device> {
  const update = informUpdate(fields, informTime);
  if (sameStrings(device.lastEvents, fields.events)) delete update.lastEvents;
  const list = fields.informParameters;
  if (list !== undefined && device.informParameters !== undefined) {
    if (sameInformParameters(device.informParameters, list)) delete update.informParameters;
  }
  return update;
}

/** The device `register` stores (both adapters): active, its tags deduplicated and sorted. */
export const registeredDevice = (registration: DeviceRegistration): Device => ({
  deviceId: registration.deviceId,
  identity: registration.identity,
  status: 'active',
  tags: [...new Set(registration.tags)].sort(),
  registeredAt: registration.registeredAt,
  lastEvents: [],
});

/** The device as stored after updateFromInform(device, fields, informTime). */
export function informedDevice(device: Device, fields: InformFields, informTime: Date): Device {
  return {
    ...device,
    ...informUpdate(fields, informTime),
    firstInform: device.firstInform ?? informTime,
  };
}

const sameStrings = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** The same entries in the same order. */
export const sameInformParameters = (
  a: readonly InformParameter[],
  b: readonly InformParameter[],
): boolean =>
  a.length === b.length &&
  a.every((p, i) => p.path === b[i]?.path && p.value === b[i]?.value && p.type === b[i]?.type);

/**
 * The smallest string greater than every string starting with `prefix` (binary order, which
 * MongoDB and SQLite both use), so a prefix query is an index range [prefix, bound).
 * Null for the empty prefix: no upper bound.
 */
export function prefixUpperBound(prefix: string): string | null {
  if (prefix === '') return null;
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/**
 * The path range strictly under `path` (its children, grandchildren...): [from, to).
 * "Device.WiFi.SSID.2" and "Device.WiFi.SSID.2." both give the range of "Device.WiFi.SSID.2.".
 */
export function subtreeRange(path: string): { from: string; to: string } {
  const from = path.endsWith('.') ? path : `${path}.`;
  // from is never empty, so it has a bound.
  return { from, to: prefixUpperBound(from) as string };
}

/** Skip and limit as validated non-negative integers; limit undefined means no limit. */
export function normalizePaging(paging: { skip?: number; limit?: number } = {}): {
  skip: number;
  limit: number | undefined;
} {
  const skip = paging.skip ?? 0;
  const limit = paging.limit;
  if (!Number.isInteger(skip) || skip < 0) throw new RangeError(`skip must be >= 0: ${skip}`);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new RangeError(`limit must be >= 0: ${limit}`);
  }
  return { skip, limit };
}

/** The fields of a device a list asked for, deviceId always included. */
export function projectDevice<F extends DeviceField>(
  device: Device,
  fields: readonly F[] | undefined,
): DeviceView<F> {
  if (fields === undefined) return device;
  const view: Partial<Device> = { deviceId: device.deviceId };
  for (const field of fields) {
    if (device[field] !== undefined) Object.assign(view, { [field]: device[field] });
  }
  return view as DeviceView<F>;
}

/** The object's own keys whose value is undefined dropped (a "keep as is" in update inputs). */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
