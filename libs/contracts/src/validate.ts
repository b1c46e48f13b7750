/**
 * Validation of bus messages as they come off the wire: schemaVersion first (an unknown version
 * is refused, never guessed at), then the shape of each topic's message. Hand-written descriptors
 * keep this lib free of dependencies; the `satisfies` tables below make the compiler list every
 * CWMP method, so a method added to the model without a shape here does not compile.
 */
import { XSD_TYPES, type CpeMethodRequest, type CpeMethodResponse } from '@meridian/cwmp';
import { DIAGNOSTIC_KINDS, SCHEMA_VERSION, Topics, type TopicMessages } from './messages';

export type Validation<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A check returns the reason of the first problem found at `path`, or undefined. */
type Check = (value: unknown, path: string) => string | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const str: Check = (v, p) => (typeof v === 'string' ? undefined : `${p} must be a string`);
const nonEmpty: Check = (v, p) =>
  typeof v === 'string' && v.length > 0 ? undefined : `${p} must be a non-empty string`;
const num: Check = (v, p) =>
  typeof v === 'number' && Number.isFinite(v) ? undefined : `${p} must be a number`;
const int: Check = (v, p) => (Number.isInteger(v) ? undefined : `${p} must be an integer`);
const bool: Check = (v, p) => (typeof v === 'boolean' ? undefined : `${p} must be a boolean`);
const isoTime: Check = (v, p) =>
  typeof v === 'string' && !Number.isNaN(Date.parse(v))
    ? undefined
    : `${p} must be an ISO-8601 date-time`;

const oneOf =
  (...allowed: readonly (string | number)[]): Check =>
  (v, p) =>
    allowed.includes(v as string | number)
      ? undefined
      : `${p} must be one of ${allowed.join(', ')}`;

const arrayOf =
  (item: Check): Check =>
  (v, p) => {
    if (!Array.isArray(v)) return `${p} must be an array`;
    for (let i = 0; i < v.length; i++) {
      const reason = item(v[i], `${p}[${i}]`);
      if (reason) return reason;
    }
    return undefined;
  };

type Shape = Record<string, Check>;

/** Fields of `shape` are required; extra fields are tolerated (forward compatibility). */
const object =
  (shape: Shape): Check =>
  (v, p) => {
    if (!isRecord(v)) return `${p} must be an object`;
    for (const [field, check] of Object.entries(shape)) {
      const reason = check(v[field], `${p}.${field}`);
      if (reason) return reason;
    }
    return undefined;
  };

const optional =
  (check: Check): Check =>
  (v, p) =>
    v === undefined ? undefined : check(v, p);

/** An object of any keys whose values pass `value`. */
const recordOf =
  (value: Check): Check =>
  (v, p) => {
    if (!isRecord(v)) return `${p} must be an object`;
    for (const [key, item] of Object.entries(v)) {
      const reason = value(item, `${p}.${key}`);
      if (reason) return reason;
    }
    return undefined;
  };

const scalar: Check = (v, p) =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
    ? undefined
    : `${p} must be a string, number or boolean`;

/** A union discriminated on `key`: the value picks the shape to check the rest against. */
const union =
  (key: string, shapes: Record<string, Shape>, what: string): Check =>
  (v, p) => {
    if (!isRecord(v)) return `${p} must be an object`;
    const tag = v[key];
    const shape = typeof tag === 'string' ? shapes[tag] : undefined;
    if (!shape) return `${p}.${key} ${JSON.stringify(tag)} is not ${what}`;
    return object(shape)(v, p);
  };

// ---------------------------------------------------------------- CWMP structures

const parameterValue = object({
  name: nonEmpty,
  value: str,
  type: oneOf(...XSD_TYPES),
});
const notification = oneOf(0, 1, 2, 3, 4, 5, 6);
const faultStruct = object({ faultCode: int, faultString: str });
const transfer = { url: nonEmpty, username: str, password: str, fileType: nonEmpty };
const duOpResult: Shape = {
  uuid: str,
  deploymentUnitRef: str,
  version: str,
  currentState: str,
  resolved: bool,
  executionUnitRefList: str,
  startTime: str,
  completeTime: str,
  fault: faultStruct,
};

const cpeRequests = {
  GetRPCMethods: {},
  SetParameterValues: { parameterList: arrayOf(parameterValue), parameterKey: str },
  GetParameterValues: { parameterNames: arrayOf(str) },
  GetParameterNames: { parameterPath: str, nextLevel: bool },
  SetParameterAttributes: {
    parameterList: arrayOf(
      object({
        name: str,
        notificationChange: bool,
        notification,
        accessListChange: bool,
        accessList: arrayOf(str),
      }),
    ),
  },
  GetParameterAttributes: { parameterNames: arrayOf(str) },
  AddObject: { objectName: nonEmpty, parameterKey: str },
  DeleteObject: { objectName: nonEmpty, parameterKey: str },
  Reboot: { commandKey: str },
  Download: {
    ...transfer,
    commandKey: str,
    fileSize: int,
    targetFileName: str,
    delaySeconds: int,
    successURL: str,
    failureURL: str,
  },
  Upload: { ...transfer, commandKey: str, delaySeconds: int },
  FactoryReset: {},
  ScheduleInform: { delaySeconds: int, commandKey: str },
  GetQueuedTransfers: {},
  GetAllQueuedTransfers: {},
  ScheduleDownload: {
    ...transfer,
    commandKey: str,
    fileSize: int,
    targetFileName: str,
    timeWindowList: arrayOf(
      object({
        windowStart: int,
        windowEnd: int,
        windowMode: str,
        userMessage: str,
        maxRetries: int,
      }),
    ),
  },
  CancelTransfer: { commandKey: str },
  ChangeDUState: {
    operations: arrayOf(
      union(
        'op',
        {
          Install: { url: str, uuid: str, username: str, password: str, executionEnvRef: str },
          Update: { uuid: str, version: str, url: str, username: str, password: str },
          Uninstall: { uuid: str, version: str, executionEnvRef: str },
        },
        'a deployment unit operation',
      ),
    ),
    commandKey: str,
  },
  SetVouchers: { voucherList: arrayOf(str) },
  GetOptions: { optionName: str },
} satisfies Record<CpeMethodRequest['name'], Shape>;

/** Responses travel from the gateway's own decoder, so the name is what matters to consumers. */
const cpeResponseNames = {
  GetRPCMethodsResponse: {},
  SetParameterValuesResponse: {},
  GetParameterValuesResponse: { parameterList: arrayOf(parameterValue) },
  GetParameterNamesResponse: {},
  SetParameterAttributesResponse: {},
  GetParameterAttributesResponse: {},
  AddObjectResponse: { instanceNumber: int },
  DeleteObjectResponse: {},
  RebootResponse: {},
  DownloadResponse: {},
  UploadResponse: {},
  FactoryResetResponse: {},
  ScheduleInformResponse: {},
  GetQueuedTransfersResponse: {},
  GetAllQueuedTransfersResponse: {},
  ScheduleDownloadResponse: {},
  CancelTransferResponse: {},
  ChangeDUStateResponse: {},
  SetVouchersResponse: {},
  GetOptionsResponse: {},
} satisfies Record<CpeMethodResponse['name'], Shape>;

const eventRpcs: Record<TopicMessages['cwmp.events']['rpc']['name'], Shape> = {
  TransferComplete: { commandKey: str, faultStruct, startTime: str, completeTime: str },
  AutonomousTransferComplete: {
    announceURL: str,
    transferURL: str,
    isDownload: bool,
    fileType: str,
    fileSize: num,
    targetFileName: str,
    faultStruct,
    startTime: str,
    completeTime: str,
  },
  RequestDownload: { fileType: str, fileTypeArg: arrayOf(object({ name: str, value: str })) },
  Kicked: { command: str, referer: str, arg: str, next: str },
  DUStateChangeComplete: { results: arrayOf(object(duOpResult)), commandKey: str },
  DiagnosticsComplete: { commandId: optional(str) },
  AutonomousDUStateChangeComplete: {
    results: arrayOf(
      object({ ...duOpResult, operationPerformed: oneOf('Install', 'Update', 'Uninstall') }),
    ),
  },
};

// ---------------------------------------------------------------- messages

const envelope: Shape = { deviceId: nonEmpty };
const cpeRequest = union('name', cpeRequests, 'a CWMP method the ACS can call');
const diagnosticKind = oneOf(...DIAGNOSTIC_KINDS);
// Input names and values are checked against the data model by @meridian/diagnostics.
const diagnosticRequest = object({
  kind: diagnosticKind,
  inputs: recordOf(scalar),
  timeoutMs: optional((v, p) => int(v, p) ?? (Number(v) > 0 ? undefined : `${p} must be > 0`)),
});
/** A command carries exactly one of `rpc` and `diagnostic`. */
const rpcOrDiagnostic: Check = (v, p) => {
  const value = v as Record<string, unknown>;
  if (value.diagnostic === undefined) return cpeRequest(value.rpc, `${p}.rpc`);
  if (value.rpc !== undefined) return `${p} must carry either rpc or diagnostic, not both`;
  return diagnosticRequest(value.diagnostic, `${p}.diagnostic`);
};

const messageChecks: Record<keyof TopicMessages, Check> = {
  [Topics.inform]: object({
    ...envelope,
    deviceIdStruct: object({
      manufacturer: str,
      oui: nonEmpty,
      productClass: str,
      serialNumber: nonEmpty,
    }),
    events: arrayOf(object({ eventCode: nonEmpty, commandKey: str })),
    parameterList: arrayOf(parameterValue),
    retryCount: int,
    currentTime: str,
    sessionId: nonEmpty,
    gatewayId: nonEmpty,
    cwmpVersion: nonEmpty,
    remoteAddress: str,
    time: isoTime,
  }),
  [Topics.events]: object({
    ...envelope,
    sessionId: nonEmpty,
    gatewayId: nonEmpty,
    time: isoTime,
    rpc: union('name', eventRpcs, 'a CPE-initiated CWMP event method'),
  }),
  [Topics.commands]: (v, p) =>
    object({
      ...envelope,
      commandId: nonEmpty,
      connectionRequest: bool,
      expiresAt: optional(isoTime),
      source: nonEmpty,
      createdAt: isoTime,
    })(v, p) ?? rpcOrDiagnostic(v, p),
  [Topics.results]: (v, p) =>
    object({
      ...envelope,
      commandId: nonEmpty,
      source: nonEmpty,
      time: isoTime,
      rpc: optional(cpeRequest),
      diagnosticResult: optional(
        object({
          kind: diagnosticKind,
          diagnosticsState: str,
          results: (r, q) => (isRecord(r) ? undefined : `${q} must be an object`),
        }),
      ),
    })(v, p) ??
    union(
      'outcome',
      {
        done: { response: union('name', cpeResponseNames, 'a CWMP response method') },
        fault: {
          fault: object({
            faultCode: int,
            faultString: str,
            setParameterValuesFault: optional(
              arrayOf(object({ parameterName: str, faultCode: int, faultString: str })),
            ),
          }),
        },
        expired: { reason: optional(str) },
        rejected: { reason: str },
      },
      'a known outcome',
    )(v, p),
  [Topics.connectionRequests]: object({
    ...envelope,
    commandIds: arrayOf(nonEmpty),
    outcome: oneOf('sent', 'failed'),
    method: optional(oneOf('http', 'udp')),
    attempts: int,
    error: optional(str),
    gatewayId: nonEmpty,
    time: isoTime,
  }),
};

const isMessageTopic = (topic: string): topic is keyof TopicMessages =>
  Object.prototype.hasOwnProperty.call(messageChecks, topic);

/**
 * Checks a decoded message of `topic`. The reason names the first offending field
 * (e.g. "message.rpc.name \"Frobnicate\" is not a CWMP method the ACS can call").
 */
export function validateMessage<T extends keyof TopicMessages>(
  topic: T,
  value: unknown,
): Validation<TopicMessages[T]>;
export function validateMessage(topic: string, value: unknown): Validation<unknown>;
export function validateMessage(topic: string, value: unknown): Validation<unknown> {
  if (!isMessageTopic(topic)) return { ok: false, reason: `no JSON schema for topic ${topic}` };
  if (!isRecord(value)) return { ok: false, reason: 'message must be a JSON object' };
  if (value.schemaVersion !== SCHEMA_VERSION) {
    return {
      ok: false,
      reason: `unsupported schemaVersion ${JSON.stringify(value.schemaVersion)} (supported: ${SCHEMA_VERSION})`,
    };
  }
  const reason = messageChecks[topic](value, 'message');
  return reason ? { ok: false, reason } : { ok: true, value };
}
