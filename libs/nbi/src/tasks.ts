import type { DiagnosticKind, DiagnosticRequest } from '@meridian/contracts';
import { requestProblem, wireKeyOf } from '@meridian/cwmp-session';
import type { Task } from '@meridian/store';
import { validateDiagnostic } from '@meridian/diagnostics';
import {
  XSD_TYPES,
  isTransferFileType,
  isValidXsdValue,
  isXsdType,
  type CpeMethodRequest,
  type Download,
  type Notification,
  type ScheduleDownload,
  type SetParameterAttributesStruct,
  type ParameterValue,
  type TimeWindow,
  type Upload,
  type XsdType,
} from '@meridian/cwmp';

/** A task as an NBI caller writes it: a kind and its arguments, validated into one CWMP RPC. */
export type TaskRequest =
  | { name: 'getParameterValues'; parameterNames: string[] }
  | { name: 'setParameterValues'; parameterValues: [string, string | number | boolean, XsdType?][] }
  | { name: 'getParameterNames'; parameterPath: string; nextLevel?: boolean }
  | { name: 'getParameterAttributes'; parameterNames: string[] }
  | { name: 'addObject'; objectName: string }
  | { name: 'deleteObject'; objectName: string }
  | { name: 'reboot' }
  | { name: 'factoryReset' }
  | { name: 'scheduleInform'; delaySeconds: number }
  | { name: 'refreshObject'; objectName: string }
  | { name: 'setParameterAttributes'; parameterAttributes: [string, Notification][] }
  | {
      name: 'upload';
      fileType: string;
      url: string;
      username?: string;
      password?: string;
      delaySeconds?: number;
    }
  | {
      name: 'download';
      fileType: string;
      url: string;
      username?: string;
      password?: string;
      fileSize?: number;
      targetFileName?: string;
      delaySeconds?: number;
    }
  | {
      name: 'scheduleDownload';
      fileType: string;
      url: string;
      username?: string;
      password?: string;
      fileSize?: number;
      targetFileName?: string;
      timeWindows: TimeWindowRequest[];
    }
  | { name: 'cancelTransfer'; taskId?: string; commandKey?: string }
  | { name: 'getAllQueuedTransfers' };

/** A ScheduleDownload window as an NBI caller writes it (TR-069 A.4.1.7 TimeWindowStruct). */
export interface TimeWindowRequest {
  /** Seconds from when the CPE receives the request. */
  windowStart: number;
  windowEnd: number;
  windowMode: (typeof WINDOW_MODES)[number];
  userMessage?: string;
  /** -1: no limit (the default). */
  maxRetries?: number;
}

const WINDOW_MODES = [
  '1 At Any Time',
  '2 Immediately',
  '3 When Idle',
  '4 Confirmation Needed',
] as const;

export class TaskValidationError extends Error {
  readonly code = 'invalid_task';
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function strField(
  body: Record<string, unknown>,
  field: string,
  opts: { optional?: boolean } = {},
): string {
  const v = body[field];
  if (v === undefined && opts.optional) return '';
  if (typeof v !== 'string' || (!opts.optional && v === '')) {
    throw new TaskValidationError(`${field} must be a non-empty string`);
  }
  return v;
}

function intField(body: Record<string, unknown>, field: string, fallback?: number): number {
  const v = body[field] ?? fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new TaskValidationError(`${field} must be a non-negative integer`);
  }
  return v;
}

function namesField(body: Record<string, unknown>, field: string): string[] {
  const v = body[field];
  if (!Array.isArray(v) || v.length === 0 || !v.every((s) => typeof s === 'string' && s !== '')) {
    throw new TaskValidationError(`${field} must be a non-empty array of parameter names`);
  }
  return v as string[];
}

function objectPath(body: Record<string, unknown>): string {
  const name = strField(body, 'objectName');
  if (!name.endsWith('.')) throw new TaskValidationError('objectName must end with "."');
  return name;
}

/** The xsi:type a JSON value implies when the caller gives none. */
function impliedType(value: string | number | boolean): XsdType {
  if (typeof value === 'boolean') return 'xsd:boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'xsd:int' : 'xsd:string';
  return 'xsd:string';
}

function parameterValues(body: Record<string, unknown>): ParameterValue[] {
  const v = body.parameterValues;
  if (!Array.isArray(v) || v.length === 0) {
    throw new TaskValidationError(
      'parameterValues must be a non-empty array of [name, value, type?]',
    );
  }
  return v.map((entry, i) => {
    if (!Array.isArray(entry) || entry.length < 2 || entry.length > 3) {
      throw new TaskValidationError(`parameterValues[${i}] must be [name, value, type?]`);
    }
    const [name, value, type] = entry as unknown[];
    if (typeof name !== 'string' || name === '' || name.endsWith('.')) {
      throw new TaskValidationError(`parameterValues[${i}][0] must be a parameter name`);
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new TaskValidationError(`parameterValues[${i}][1] must be a string, number or boolean`);
    }
    if (type !== undefined && !isXsdType(type)) {
      throw new TaskValidationError(
        `parameterValues[${i}][2] must be one of ${XSD_TYPES.join(', ')}`,
      );
    }
    const xsdType = (type as XsdType | undefined) ?? impliedType(value);
    if (!isValidXsdValue(String(value), xsdType)) {
      throw new TaskValidationError(
        `parameterValues[${i}][1] ${JSON.stringify(value)} is not a valid ${xsdType}`,
      );
    }
    return { name, value: String(value), type: xsdType };
  });
}

/** A FileType of TR-069 A.3.2.8/A.3.2.9 ("1 Firmware Upgrade Image", "X <OUI> <name>", …). */
function fileTypeField(body: Record<string, unknown>, method: 'Download' | 'Upload'): string {
  const fileType = strField(body, 'fileType');
  // cwmp-1-2's pattern admits every earlier form: a type no version admits is refused here.
  if (!isTransferFileType(method, fileType, '1-2')) {
    const examples =
      method === 'Download'
        ? '"1 Firmware Upgrade Image", "2 Web Content", "3 Vendor Configuration File"'
        : '"1 Vendor Configuration File", "2 Vendor Log File"';
    throw new TaskValidationError(
      `fileType ${JSON.stringify(fileType)} is not a CWMP file type: ${examples}, or "X <OUI> <name>" for a vendor's own`,
    );
  }
  return fileType;
}

/** 1 or 2 windows, in order and not overlapping (A.4.1.7). */
function timeWindows(body: Record<string, unknown>): TimeWindow[] {
  const v = body.timeWindows;
  if (!Array.isArray(v) || v.length < 1 || v.length > 2) {
    throw new TaskValidationError(
      'timeWindows must be 1 or 2 windows {windowStart, windowEnd, windowMode, userMessage?, maxRetries?}',
    );
  }
  const windows = v.map((entry, i): TimeWindow => {
    if (!isObj(entry)) throw new TaskValidationError(`timeWindows[${i}] must be an object`);
    const windowStart = intField(entry, 'windowStart');
    const windowEnd = intField(entry, 'windowEnd');
    if (windowEnd < windowStart) {
      throw new TaskValidationError(`timeWindows[${i}].windowEnd must not be before windowStart`);
    }
    const windowMode = entry.windowMode;
    if (!WINDOW_MODES.includes(windowMode as TimeWindowRequest['windowMode'])) {
      throw new TaskValidationError(
        `timeWindows[${i}].windowMode must be one of ${WINDOW_MODES.join(', ')}`,
      );
    }
    const maxRetries = entry.maxRetries ?? -1;
    if (typeof maxRetries !== 'number' || !Number.isInteger(maxRetries) || maxRetries < -1) {
      throw new TaskValidationError(`timeWindows[${i}].maxRetries must be an integer, -1 or more`);
    }
    return {
      windowStart,
      windowEnd,
      windowMode: windowMode as string,
      userMessage: strField(entry, 'userMessage', { optional: true }),
      maxRetries,
    };
  });
  const [first, second] = windows;
  if (first && second && second.windowStart < first.windowEnd) {
    throw new TaskValidationError('timeWindows must be in order and must not overlap');
  }
  return windows;
}

/**
 * The CommandKey of the transfer a cancelTransfer names: the Download task's (its commandId is
 * sent as its wire key), or a CommandKey given as is.
 */
function transferKey(body: Record<string, unknown>): string {
  if ((body.taskId === undefined) === (body.commandKey === undefined)) {
    throw new TaskValidationError(
      'cancelTransfer takes taskId (the download task) or commandKey, one of the two',
    );
  }
  return body.taskId !== undefined
    ? wireKeyOf(strField(body, 'taskId'))
    : strField(body, 'commandKey', { optional: true });
}

type Body = Record<string, unknown>;

/** How each field of T is read from a task's body, in the order they are checked. */
type Readers<T> = { [K in keyof T]-?: (body: Body) => T[K] };

/** T, each field read from the body by its reader, in the readers' order (the first bad one throws). */
function readFields<T>(readers: Readers<T>, body: Body): T {
  const fields = {} as T;
  for (const key of Object.keys(readers) as (keyof T)[]) fields[key] = readers[key](body);
  return fields;
}

const empty = () => '';
const transferFields = {
  commandKey: empty,
  url: (body: Body) => strField(body, 'url'),
  username: (body: Body) => strField(body, 'username', { optional: true }),
  password: (body: Body) => strField(body, 'password', { optional: true }),
};
const fileFields = {
  fileSize: (body: Body) => intField(body, 'fileSize', 0),
  targetFileName: (body: Body) => strField(body, 'targetFileName', { optional: true }),
};
const delaySeconds = (body: Body) => intField(body, 'delaySeconds', 0);

/**
 * The transfer tasks (upload, download, scheduleDownload), one reader per field of their RPC
 * (TR-069 A.3.2.8, A.3.2.9, A.4.1.7). CommandKey is left empty: the gateway sets it.
 */
const TRANSFERS: {
  upload: Readers<Upload>;
  download: Readers<Download>;
  scheduleDownload: Readers<ScheduleDownload>;
} = {
  upload: {
    name: () => 'Upload',
    fileType: (body) => fileTypeField(body, 'Upload'),
    ...transferFields,
    delaySeconds,
  },
  download: {
    name: () => 'Download',
    fileType: (body) => fileTypeField(body, 'Download'),
    ...transferFields,
    ...fileFields,
    delaySeconds,
    successURL: empty,
    failureURL: empty,
  },
  scheduleDownload: {
    name: () => 'ScheduleDownload',
    fileType: (body) => fileTypeField(body, 'Download'),
    ...transferFields,
    ...fileFields,
    timeWindowList: timeWindows,
  },
};

const NOTIFICATIONS: readonly Notification[] = [0, 1, 2, 3, 4, 5, 6];

/** [name, notification] pairs: change the notification, leave the access list as it is. */
function parameterAttributes(body: Record<string, unknown>): SetParameterAttributesStruct[] {
  const v = body.parameterAttributes;
  if (!Array.isArray(v) || v.length === 0) {
    throw new TaskValidationError(
      'parameterAttributes must be a non-empty array of [name, notification]',
    );
  }
  return v.map((entry, i) => {
    const [name, notification] = Array.isArray(entry) ? (entry as unknown[]) : [];
    if (
      typeof name !== 'string' ||
      name === '' ||
      !NOTIFICATIONS.includes(notification as Notification)
    ) {
      throw new TaskValidationError(
        `parameterAttributes[${i}] must be [name, notification] with notification 0 to 6`,
      );
    }
    return {
      name,
      notificationChange: true,
      notification: notification as Notification,
      accessListChange: false,
      accessList: [],
    };
  });
}

/** What one command of a task carries: an RPC, or a diagnostic test. */
export type TaskCommand = { rpc: CpeMethodRequest } | { diagnostic: DiagnosticRequest };

/** The commands of a task, in the order the device runs them: one, or two for refreshObject. */
export type TaskCommands = [TaskCommand] | [TaskCommand, TaskCommand];

/**
 * refreshObject: the subtree's names (with writability), then its values. A partial path in
 * GetParameterValues returns the whole subtree (TR-069 A.3.2.2). Both are queued at once, so one
 * session runs both and no result has to trigger a follow-up.
 */
export function refreshCommands(objectName: string): TaskCommands {
  return [
    { rpc: { name: 'GetParameterNames', parameterPath: objectName, nextLevel: false } },
    { rpc: { name: 'GetParameterValues', parameterNames: [objectName] } },
  ];
}

/**
 * diagnostic {kind, inputs, timeoutMs?}: inputs named and typed as the TR-181 diagnostics object
 * has them (the gateway maps them to the device's own model when it sends them).
 */
function diagnosticOfTask(body: Record<string, unknown>): DiagnosticRequest {
  const checked = validateDiagnostic({
    kind: body.kind,
    inputs: body.inputs ?? {},
    timeoutMs: body.timeoutMs,
  });
  if (!checked.ok) throw new TaskValidationError(checked.reason);
  return checked.value;
}

/**
 * Pure: the CWMP commands of a task. ParameterKey/CommandKey are left empty: the gateway sets
 * them to the commandId when it sends the command, which is how a crash is recovered without
 * resending.
 */
export function commandsOfTask(body: unknown): TaskCommands {
  if (isObj(body) && body.name === 'diagnostic') return [{ diagnostic: diagnosticOfTask(body) }];
  const commands: TaskCommands =
    isObj(body) && body.name === 'refreshObject'
      ? refreshCommands(objectPath(body))
      : [{ rpc: rpcOfTask(body) }];
  for (const command of commands) {
    // Whatever else the encoder would refuse in every CWMP version (a URL over 256 characters…).
    const problem = 'rpc' in command ? requestProblem(command.rpc) : undefined;
    if (problem !== undefined) {
      throw new TaskValidationError(`no CPE could take this task: ${problem}`);
    }
  }
  return commands;
}

function rpcOfTask(body: unknown): CpeMethodRequest {
  if (!isObj(body) || typeof body.name !== 'string') {
    throw new TaskValidationError('a task is an object with a "name"');
  }
  switch (body.name) {
    case 'getParameterValues':
      return { name: 'GetParameterValues', parameterNames: namesField(body, 'parameterNames') };
    case 'getParameterAttributes':
      return { name: 'GetParameterAttributes', parameterNames: namesField(body, 'parameterNames') };
    case 'setParameterValues':
      return { name: 'SetParameterValues', parameterList: parameterValues(body), parameterKey: '' };
    case 'getParameterNames': {
      const nextLevel = body.nextLevel ?? false;
      if (typeof nextLevel !== 'boolean')
        throw new TaskValidationError('nextLevel must be a boolean');
      return {
        name: 'GetParameterNames',
        parameterPath: strField(body, 'parameterPath', { optional: true }),
        nextLevel,
      };
    }
    case 'addObject':
      return { name: 'AddObject', objectName: objectPath(body), parameterKey: '' };
    case 'deleteObject':
      return { name: 'DeleteObject', objectName: objectPath(body), parameterKey: '' };
    case 'reboot':
      return { name: 'Reboot', commandKey: '' };
    case 'factoryReset':
      return { name: 'FactoryReset' };
    case 'scheduleInform':
      return {
        name: 'ScheduleInform',
        delaySeconds: intField(body, 'delaySeconds'),
        commandKey: '',
      };
    case 'setParameterAttributes':
      return { name: 'SetParameterAttributes', parameterList: parameterAttributes(body) };
    case 'upload':
      return readFields(TRANSFERS.upload, body);
    case 'download':
      return readFields(TRANSFERS.download, body);
    case 'scheduleDownload':
      return readFields(TRANSFERS.scheduleDownload, body);
    case 'cancelTransfer':
      return { name: 'CancelTransfer', commandKey: transferKey(body) };
    case 'getAllQueuedTransfers':
      return { name: 'GetAllQueuedTransfers' };
    default:
      throw new TaskValidationError(`unknown task name ${JSON.stringify(body.name)}`);
  }
}

/** One diagnostic as `GET /devices/{deviceId}/diagnostics` lists it. */
export interface DiagnosticView {
  commandId: string;
  kind: DiagnosticKind;
  inputs: DiagnosticRequest['inputs'];
  status: Task['status'];
  createdAt: Date;
  updatedAt: Date;
  diagnosticsState?: string;
  results?: Record<string, unknown>;
  fault?: Task['fault'];
  reason?: string;
}

/** The device's last `perKind` diagnostics of each kind, newest first; `tasks` in creation order. */
export function latestDiagnostics(
  tasks: readonly Task[],
  perKind: number,
  kind?: DiagnosticKind,
): DiagnosticView[] {
  const counts = new Map<DiagnosticKind, number>();
  const views: DiagnosticView[] = [];
  for (const task of [...tasks].reverse()) {
    const diagnostic = task.diagnostic;
    if (diagnostic === undefined || (kind !== undefined && diagnostic.kind !== kind)) continue;
    const seen = counts.get(diagnostic.kind) ?? 0;
    if (seen >= perKind) continue;
    counts.set(diagnostic.kind, seen + 1);
    const result = task.diagnosticResult;
    views.push({
      commandId: task.commandId,
      kind: diagnostic.kind,
      inputs: diagnostic.inputs,
      status: task.status,
      createdAt: task.createdAt,
      updatedAt: task.updatedAt,
      ...(result ? { diagnosticsState: result.diagnosticsState, results: result.results } : {}),
      ...(task.fault ? { fault: task.fault } : {}),
      ...(task.reason !== undefined ? { reason: task.reason } : {}),
    });
  }
  return views;
}
