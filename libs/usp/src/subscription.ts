import { UspError } from './errors';
import type { usp } from './generated/usp-proto';
import { requestMsg, type ParamError } from './msg';
import { SUPPORTED_USP_VERSIONS } from './record';
import { setDone, type SetOutcome, type SetTarget } from './set';

/** The table of a translated device's subscriptions (TR-181 USP, Device.LocalAgent.). */
export const SUBSCRIPTION_TABLE = 'Device.LocalAgent.Subscription.';

/** NotifType values the translator emits Notify messages for. */
export const NOTIF_TYPES = [
  'ValueChange',
  'Event',
  'ObjectCreation',
  'ObjectDeletion',
  'OperationComplete',
] as const;

/** The events the translator emits (GetSupportedDM's `supported_events`). */
export const NOTIFY_EVENTS: ReadonlySet<string> = new Set(['Device.Boot!']);

/** Writable parameters of a Subscription instance (Add's param_settings). */
const WRITABLE = new Set([
  'Alias',
  'Enable',
  'ID',
  'NotifType',
  'ReferenceList',
  'Persistent',
  'TimeToLive',
  'NotifRetry',
  'NotifExpiration',
]);
const READ_ONLY = new Set(['Recipient', 'CreationDate', 'TriggerAction', 'TriggerConfigSettings']);
const BOOLEANS = new Set(['Enable', 'Persistent', 'NotifRetry']);
const UNSIGNED = new Set(['TimeToLive', 'NotifExpiration']);

/** A Subscription instance as the translator keeps it: its parameters by relative name. */
export interface SubscriptionRow {
  instance: number;
  params: Readonly<Record<string, string>>;
}

/**
 * The parameters of a new Subscription instance from an Add's param_settings (R-ADD.4: an
 * unknown parameter is 7010, a read-only one 7013, a bad value 7012; `required: false` settings
 * in error are left out). `Recipient` names the Controller that created it; the ID defaults to
 * one the Agent makes unique. Throws UspError for a required setting in error.
 */
export function newSubscription(
  instance: number,
  settings: readonly usp.Add.ICreateParamSetting[],
  recipient: string,
  now: Date,
): {
  params: Record<string, string>;
  paramErrs: { param: string; errCode: number; errMsg: string }[];
} {
  const params: Record<string, string> = {
    Alias: `cpe-${instance}`,
    Enable: 'false',
    ID: `meridian-${instance}-${now.getTime()}`,
    NotifType: '',
    ReferenceList: '',
    Persistent: 'false',
    TimeToLive: '0',
    NotifRetry: 'false',
    NotifExpiration: '0',
    TriggerAction: 'Notify',
    TriggerConfigSettings: '',
    Recipient: recipient,
    CreationDate: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  const paramErrs: { param: string; errCode: number; errMsg: string }[] = [];
  for (const setting of settings) {
    const param = setting.param ?? '';
    const value = setting.value ?? '';
    const error = settingError(param, value);
    if (error === undefined) {
      params[param] = stored(param, value);
    } else if (setting.required === true) {
      throw new UspError(error.errCode as UspError['code'], `${param}: ${error.errMsg}`);
    } else {
      paramErrs.push({ param, ...error });
    }
  }
  if (!(NOTIF_TYPES as readonly string[]).includes(params.NotifType ?? '')) {
    throw new UspError(
      7012,
      `NotifType ${JSON.stringify(params.NotifType)}: the translator notifies ${NOTIF_TYPES.join(', ')}`,
    );
  }
  return { params, paramErrs };
}

/** A setting's value as the table keeps it (a boolean as true or false). */
const stored = (param: string, value: string): string =>
  BOOLEANS.has(param) ? String(value === 'true' || value === '1') : value;

function settingError(
  param: string,
  value: string,
): { errCode: number; errMsg: string } | undefined {
  if (READ_ONLY.has(param)) return { errCode: 7013, errMsg: 'read-only parameter' };
  if (!WRITABLE.has(param)) return { errCode: 7010, errMsg: 'not a parameter of Subscription' };
  if (BOOLEANS.has(param) && !['true', 'false', '1', '0'].includes(value)) {
    return { errCode: 7012, errMsg: `${JSON.stringify(value)} is not a boolean` };
  }
  if (UNSIGNED.has(param) && !/^\d+$/.test(value)) {
    return { errCode: 7012, errMsg: `${JSON.stringify(value)} is not an unsignedInt` };
  }
  return undefined;
}

/**
 * A Set of one instance of the Subscription table (`target`, planned by planSet over the
 * table's parameters), by the rules of Add's settings and of a Set on the CPE (R-SET.2): a
 * read-only parameter is 7013, a bad value or a NotifType the translator does not emit 7012;
 * one not required is left out and listed, a required one fails the object (7021) and nothing
 * changes. The instance's parameters after the Set, and the outcome its answer takes.
 */
export function subscriptionSet(
  target: SetTarget,
  current: Readonly<Record<string, string>>,
): { outcome: SetOutcome; params: Record<string, string> } {
  const params = { ...current };
  const failed: (ParamError & { required: boolean; param: string })[] = [];
  for (const { param, value, required } of target.params) {
    const error =
      settingError(param, value) ??
      (param === 'NotifType' && !(NOTIF_TYPES as readonly string[]).includes(value)
        ? { errCode: 7012, errMsg: `the translator notifies ${NOTIF_TYPES.join(', ')}` }
        : undefined);
    if (error === undefined) params[param] = stored(param, value);
    else failed.push({ param, required, paramPath: `${target.objectPath}${param}`, ...error });
  }
  const paramErrs = failed.map(({ paramPath, errCode, errMsg }) => ({
    paramPath,
    errCode,
    errMsg: `${paramPath}: ${errMsg}`,
  }));
  const required = failed.find((f) => f.required);
  if (required !== undefined) {
    return {
      outcome: {
        ok: false,
        errCode: 7021,
        errMsg: `a required parameter of ${target.objectPath} failed: ${required.paramPath}: ${required.errMsg}`,
        paramErrs,
      },
      params: { ...current },
    };
  }
  return {
    outcome: setDone(target, new Set(failed.map((f) => f.param)), paramErrs),
    params,
  };
}

/**
 * Whether a Subscription's TimeToLive has run out: seconds from its CreationDate (TR-181: then
 * the Agent removes it); 0 never does.
 */
export function subscriptionExpired(params: Readonly<Record<string, string>>, now: Date): boolean {
  const seconds = Number(params.TimeToLive ?? '0');
  if (!(seconds > 0)) return false;
  const created = Date.parse(params.CreationDate ?? '');
  return Number.isFinite(created) && created + seconds * 1000 <= now.getTime();
}

/** The instance number a Subscription path names, or undefined when it names none. */
export function subscriptionInstanceOf(path: string): number | undefined {
  if (!path.startsWith(SUBSCRIPTION_TABLE)) return undefined;
  const match = /^(\d+)\.?$/.exec(path.slice(SUBSCRIPTION_TABLE.length));
  return match ? Number(match[1]) : undefined;
}

/** True when the path is in the Subscription table (the translator answers it itself). */
export function isSubscriptionPath(path: string): boolean {
  return path.startsWith(SUBSCRIPTION_TABLE) || `${path}.` === SUBSCRIPTION_TABLE;
}

const TYPES: Readonly<Record<string, string>> = {
  Enable: 'boolean',
  Persistent: 'boolean',
  NotifRetry: 'boolean',
  TimeToLive: 'unsignedInt',
  NotifExpiration: 'unsignedInt',
  CreationDate: 'dateTime',
};

/** The Subscription table as full-path parameters with their types (for Get and Delete). */
export function subscriptionEntries(
  rows: readonly SubscriptionRow[],
): { name: string; value: string; type: string }[] {
  return rows.flatMap((row) =>
    Object.entries(row.params).map(([name, value]) => ({
      name: `${SUBSCRIPTION_TABLE}${row.instance}.${name}`,
      value,
      type: TYPES[name] ?? 'string',
    })),
  );
}

/** What a CWMP Inform tells that USP Controllers may subscribe to. */
export type DeviceEvent =
  | {
      kind: 'boot';
      cause: 'LocalReboot' | 'RemoteReboot' | 'LocalFactoryReset' | 'RemoteFactoryReset';
      commandKey: string;
      firmwareUpdated: boolean;
    }
  | { kind: 'valueChange'; parameters: readonly { name: string; value: string }[] }
  | { kind: 'onBoard' }
  /** The translator added an instance (an Add it carried out), with its unique keys. */
  | { kind: 'objectCreation'; objPath: string; uniqueKeys: Readonly<Record<string, string>> }
  /** The translator deleted an instance (a Delete it carried out). */
  | { kind: 'objectDeletion'; objPath: string };

/**
 * The USP events of an Inform's EventCodes and ParameterList: `1 BOOT` → Boot! (Cause
 * RemoteReboot when `M Reboot` is there too, RemoteFactoryReset with `0 BOOTSTRAP`, else
 * LocalReboot; FirmwareUpdated when `M Download` or `7 TRANSFER COMPLETE` came with it),
 * `4 VALUE CHANGE` → ValueChange of the ParameterList, `0 BOOTSTRAP` → OnBoardRequest.
 */
export function deviceEventsOfInform(
  events: readonly { eventCode: string; commandKey: string }[],
  parameterList: readonly { name: string; value: string }[],
): DeviceEvent[] {
  const codes = new Map(events.map((e) => [e.eventCode, e.commandKey]));
  const out: DeviceEvent[] = [];
  if (codes.has('0 BOOTSTRAP')) out.push({ kind: 'onBoard' });
  if (codes.has('1 BOOT')) {
    const remote = codes.has('M Reboot');
    out.push({
      kind: 'boot',
      cause: codes.has('0 BOOTSTRAP')
        ? remote
          ? 'RemoteFactoryReset'
          : 'LocalFactoryReset'
        : remote
          ? 'RemoteReboot'
          : 'LocalReboot',
      commandKey: codes.get('M Reboot') ?? '',
      firmwareUpdated: codes.has('M Download') || codes.has('7 TRANSFER COMPLETE'),
    });
  }
  if (codes.has('4 VALUE CHANGE')) out.push({ kind: 'valueChange', parameters: parameterList });
  return out;
}

/**
 * The parameters of an Inform's ParameterList whose value really changed, for ValueChange: CWMP
 * lists the forced inform parameters (and those the CPE is configured to send) in every Inform,
 * changed or not (TR-069 3.7.1.5). One counts when the parameter cache did not hold it, held
 * another value, or was written from this Inform or later (`updatedAt` at or after the
 * Inform's time: the cache is written from the same Inform concurrently). A parameter that
 * changed and was read fresh into the cache before its Inform came is not notified.
 */
export function changedInformParameters<P extends { name: string; value: string }>(
  parameterList: readonly P[],
  cached: ReadonlyMap<string, { value?: string; updatedAt: Date }>,
  informTime: Date,
): P[] {
  return parameterList.filter((p) => {
    const known = cached.get(p.name);
    return (
      known === undefined ||
      known.value !== p.value ||
      known.updatedAt.getTime() >= informTime.getTime()
    );
  });
}

/** One Notify to send: the Subscription it answers (undefined for OnBoardRequest) and its body. */
export interface PlannedNotify {
  instance: number | undefined;
  recipient: string;
  notify: usp.INotify;
}

/** The NotifType of a Notify body (a metric's label): what it reports. */
export function notifTypeOf(notify: usp.INotify): string {
  if (notify.valueChange) return 'ValueChange';
  if (notify.event) return 'Event';
  if (notify.objCreation) return 'ObjectCreation';
  if (notify.objDeletion) return 'ObjectDeletion';
  if (notify.operComplete) return 'OperationComplete';
  if (notify.onBoardReq) return 'OnBoardRequest';
  return 'unknown';
}

/**
 * The Notify messages an event gives (TR-369 "Notifications"): one per enabled Subscription
 * whose NotifType and ReferenceList match; send_resp is NotifRetry. ValueChange lists one Notify
 * per changed parameter that a ReferenceList entry names (a parameter path, an object path as a
 * prefix filter, `*` for any instance). ObjectCreation/ObjectDeletion: one Notify per enabled
 * subscription whose ReferenceList names the instance's table (`T.` or `T.*.`, or an object
 * above it). OnBoardRequest is sent once to each Controller that has
 * an enabled Subscription on the device (it is no Subscription's: subscription_id empty).
 */
export function notifiesFor(
  rows: readonly SubscriptionRow[],
  event: DeviceEvent,
  device: { oui: string; productClass: string; serialNumber: string },
): PlannedNotify[] {
  const enabled = rows.filter((r) => r.params.Enable === 'true');
  const out: PlannedNotify[] = [];
  if (event.kind === 'onBoard') {
    for (const recipient of new Set(enabled.map((r) => r.params.Recipient ?? ''))) {
      out.push({
        instance: undefined,
        recipient,
        notify: {
          subscriptionId: '',
          sendResp: true,
          onBoardReq: {
            oui: device.oui,
            productClass: device.productClass,
            serialNumber: device.serialNumber,
            agentSupportedProtocolVersions: SUPPORTED_USP_VERSIONS.join(','),
          },
        },
      });
    }
    return out;
  }
  for (const row of enabled) {
    const base = {
      instance: row.instance,
      recipient: row.params.Recipient ?? '',
    };
    const head = {
      subscriptionId: row.params.ID ?? '',
      sendResp: row.params.NotifRetry === 'true',
    };
    const references = referencesOf(row);
    if (event.kind === 'boot' && row.params.NotifType === 'Event') {
      if (!references.includes('Device.Boot!')) continue;
      out.push({
        ...base,
        notify: {
          ...head,
          event: {
            objPath: 'Device.',
            eventName: 'Boot!',
            params: {
              CommandKey: event.commandKey,
              Cause: event.cause,
              FirmwareUpdated: String(event.firmwareUpdated),
              // No Controller.{i}.BootParameter is kept by the translator: an empty map.
              ParameterMap: '{}',
            },
          },
        },
      });
    }
    if (
      (event.kind === 'objectCreation' && row.params.NotifType === 'ObjectCreation') ||
      (event.kind === 'objectDeletion' && row.params.NotifType === 'ObjectDeletion')
    ) {
      if (!references.some((ref) => objectReferenceMatches(ref, event.objPath))) continue;
      // A Subscription is not notified of its own creation.
      if (event.objPath === `${SUBSCRIPTION_TABLE}${row.instance}.`) continue;
      out.push({
        ...base,
        notify: {
          ...head,
          ...(event.kind === 'objectCreation'
            ? { objCreation: { objPath: event.objPath, uniqueKeys: { ...event.uniqueKeys } } }
            : { objDeletion: { objPath: event.objPath } }),
        },
      });
    }
    if (event.kind === 'valueChange' && row.params.NotifType === 'ValueChange') {
      for (const parameter of event.parameters) {
        if (!references.some((ref) => referenceMatches(ref, parameter.name))) continue;
        out.push({
          ...base,
          notify: {
            ...head,
            valueChange: { paramPath: parameter.name, paramValue: parameter.value },
          },
        });
      }
    }
  }
  return out;
}

function referencesOf(row: SubscriptionRow): string[] {
  return (row.params.ReferenceList ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
}

/**
 * Whether a ReferenceList entry names a parameter: the same path, or an object path (ending in
 * ".") above it; `*` stands for one path segment (an instance).
 */
export function referenceMatches(reference: string, parameterPath: string): boolean {
  const ref = reference.split('.');
  const path = parameterPath.split('.');
  const isObject = reference.endsWith('.');
  const wanted = isObject ? ref.slice(0, -1) : ref;
  if (isObject ? path.length <= wanted.length : path.length !== wanted.length) return false;
  return wanted.every((segment, i) => segment === '*' || segment === path[i]);
}

/**
 * Whether a ReferenceList entry of an ObjectCreation/ObjectDeletion subscription names an
 * instance: an object path (ending in ".") equal to the instance, its table (`T.` for `T.3.`),
 * or above it; `*` stands for one path segment (`T.*.`).
 */
export function objectReferenceMatches(reference: string, instancePath: string): boolean {
  if (!reference.endsWith('.')) return false;
  const ref = reference.slice(0, -1).split('.');
  const path = instancePath.replace(/\.$/, '').split('.');
  return (
    ref.length <= path.length && ref.every((segment, i) => segment === '*' || segment === path[i])
  );
}

/** A Notify request Msg. */
export function notifyMsg(msgId: string, notify: usp.INotify): usp.IMsg {
  return requestMsg(msgId, { notify });
}

/** USP Notify retry parameters (Device.LocalAgent.Controller.{i}.USPNotifRetry…, R-NOT.1). */
export interface NotifRetryConfig {
  /** m: USPNotifRetryMinimumWaitInterval, in ms (default 5 s). */
  minWaitMs: number;
  /** k: USPNotifRetryIntervalMultiplier, in thousandths (default 2000). */
  intervalMultiplier: number;
}

export const DEFAULT_NOTIF_RETRY: NotifRetryConfig = { minWaitMs: 5000, intervalMultiplier: 2000 };

/**
 * How long to wait before retry number `retry` (1 for the first) of an unanswered Notify (R-NOT.1,
 * R-NOT.2): a point chosen by `random` (0 ≤ random < 1) in [m·(k/1000)^(n-1), m·(k/1000)^n),
 * n = min(retry, 10): 5–10 s, 10–20 s, … 2560–5120 s from the tenth on, with the defaults.
 */
export function notifRetryDelayMs(
  retry: number,
  random: number,
  config: NotifRetryConfig = DEFAULT_NOTIF_RETRY,
): number {
  const n = Math.min(Math.max(retry, 1), 10);
  const factor = config.intervalMultiplier / 1000;
  const low = config.minWaitMs * factor ** (n - 1);
  const high = config.minWaitMs * factor ** n;
  return Math.round(low + (high - low) * random);
}

/**
 * When an unanswered Notify of this subscription stops being retried: NotifExpiration seconds
 * after it was first sent (TR-181), never (undefined) when 0 or for OnBoardRequest (R-NOT.6).
 */
export function notifExpiresAt(
  row: SubscriptionRow | undefined,
  firstSent: number,
): number | undefined {
  const seconds = Number(row?.params.NotifExpiration ?? '0');
  return seconds > 0 ? firstSent + seconds * 1000 : undefined;
}
