import { cwmpVersionName, type CpeMethodRequest } from '@meridian/cwmp';
import type { InformMessage } from '@meridian/contracts';
import type { Device, InformFields, InformParameter, ParameterInput } from '@meridian/store';

/** What one Inform changes in the registry: the device record and the parameters it carried. */
export interface RegistryUpdate {
  deviceId: string;
  informTime: Date;
  fields: InformFields;
  parameters: ParameterInput[];
}

export interface PresenceRule {
  /** Added to PeriodicInformInterval: a late Inform is not yet an offline device. */
  graceSeconds: number;
  /** Used while the device's PeriodicInformInterval is unknown. */
  defaultIntervalSeconds: number;
}

/** The same facts live under either root data model (TR-181 Device:2, TR-098 InternetGatewayDevice:1). */
export const ROOTS = ['Device.', 'InternetGatewayDevice.'] as const;

/** The root data model the names are under: InternetGatewayDevice. if any is, else Device. */
export const rootOfNames = (names: readonly string[]): string =>
  names.some((name) => name.startsWith('InternetGatewayDevice.'))
    ? 'InternetGatewayDevice.'
    : 'Device.';

/** The root data model of a device, from the parameter names of its Inform. */
export const rootOf = (inform: InformMessage): string =>
  rootOfNames(inform.parameterList.map((p) => p.name));

/** The names a command of the device's own tree carries (what its result tells of the root). */
export function namesOf(rpc: CpeMethodRequest | undefined): string[] {
  if (rpc === undefined) return [];
  switch (rpc.name) {
    case 'GetParameterValues':
    case 'GetParameterAttributes':
      return rpc.parameterNames;
    case 'SetParameterValues':
    case 'SetParameterAttributes':
      return rpc.parameterList.map((p) => p.name);
    case 'GetParameterNames':
      return [rpc.parameterPath];
    case 'AddObject':
    case 'DeleteObject':
      return [rpc.objectName];
    default:
      return [];
  }
}

/** A path relative to the root as its full names under either root (Device. first). */
const underRoots = (relativePath: string): readonly string[] =>
  ROOTS.map((root) => root + relativePath);

// Made once: a name built inside the scan was a new string to compare for every parameter.
const INTERVAL = underRoots('ManagementServer.PeriodicInformInterval');
const SOFTWARE_VERSION = underRoots('DeviceInfo.SoftwareVersion');
const HARDWARE_VERSION = underRoots('DeviceInfo.HardwareVersion');
const CONNECTION_REQUEST_URL = underRoots('ManagementServer.ConnectionRequestURL');
const PARAMETER_KEY = underRoots('ManagementServer.ParameterKey');

function valueOf(inform: InformMessage, names: readonly string[]): string | undefined {
  for (const name of names) {
    const p = inform.parameterList.find((x) => x.name === name);
    if (p) return p.value;
  }
  return undefined;
}

/** A PeriodicInformInterval as a CPE reports it; 0 or garbage means "not periodic / unknown". */
export function intervalSeconds(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d+$/.test(raw.trim())) return undefined;
  const n = Number(raw);
  return n > 0 ? n : undefined;
}

/**
 * Pure: the registry update an Inform asks for. `knownIntervalSeconds` is the device's
 * PeriodicInformInterval from the cache, used when the Inform does not carry it.
 */
export function registryUpdateOf(
  inform: InformMessage,
  presence: PresenceRule,
  knownIntervalSeconds?: number,
): RegistryUpdate {
  const informTime = new Date(inform.time);
  const interval = intervalSeconds(valueOf(inform, INTERVAL)) ?? knownIntervalSeconds;
  const fields: InformFields = {
    identity: inform.deviceIdStruct,
    events: inform.events.map((e) => e.eventCode),
    softwareVersion: valueOf(inform, SOFTWARE_VERSION),
    hardwareVersion: valueOf(inform, HARDWARE_VERSION),
    connectionRequestUrl: valueOf(inform, CONNECTION_REQUEST_URL),
    remoteAddress: inform.remoteAddress,
    cwmpVersion: cwmpVersionName(inform.cwmpVersion),
    parameterKey: valueOf(inform, PARAMETER_KEY),
    periodicInformInterval: interval,
    onlineUntil: new Date(
      informTime.getTime() +
        ((interval ?? presence.defaultIntervalSeconds) + presence.graceSeconds) * 1000,
    ),
    informParameters: inform.parameterList.map((p) => ({
      path: p.name,
      value: p.value,
      type: p.type,
    })),
  };
  const parameters = inform.parameterList.map<ParameterInput>((p) => ({
    path: p.name,
    value: p.value,
    type: p.type,
    updatedAt: informTime,
  }));
  return { deviceId: inform.deviceId, informTime, fields, parameters };
}

/**
 * Pure: the Inform's parameters that the cache has not been given, told without reading the
 * cache, or null when that cannot be told. It can when the Inform has the same events as the
 * device's last one or only routine ones (ROUTINE_EVENTS), the last one's ParameterList is stored
 * and the device's PeriodicInformInterval is known (a periodic Inform of a known device, or one
 * a connection request opened): then a parameter the
 * last Inform carried with the same value and type went to the cache then, and only the others
 * (UpTime, a new firmware version, a parameter the last list lacked) are returned, in the
 * Inform's order.
 */
export function changedSinceLastInform(
  device: Device | null,
  update: RegistryUpdate,
): ParameterInput[] | null {
  const last = device?.informParameters;
  if (
    device === null ||
    device.periodicInformInterval === undefined ||
    last === undefined ||
    !(
      sameList(device.lastEvents, update.fields.events) ||
      update.fields.events.every((event) => ROUTINE_EVENTS.has(event))
    )
  ) {
    return null;
  }
  // Usually the same list in the same order: compared by position, by path otherwise.
  let byPath: Map<string, InformParameter> | undefined;
  return update.parameters.filter((p, i) => {
    let known = last[i];
    if (known?.path !== p.path) {
      byPath ??= new Map(last.map((l) => [l.path, l]));
      known = byPath.get(p.path);
    }
    return known === undefined || known.value !== p.value || known.type !== p.type;
  });
}

/**
 * Events that tell nothing about the device's parameters beyond the Inform's own values: after
 * them the last Inform's list stands for the cache as after a repeat of the last events (a boot
 * or bootstrap, a value change, a transfer are compared with the cache instead).
 */
const ROUTINE_EVENTS: ReadonlySet<string> = new Set(['2 PERIODIC', '6 CONNECTION REQUEST']);

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);
