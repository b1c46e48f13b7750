import { createHash } from 'node:crypto';
import {
  CwmpEncodeError,
  encodeEnvelope,
  type CpeMethodRequest,
  type CpeMethodResponse,
  type CwmpVersion,
  type Inform,
  type SetParameterValues,
  type SetParameterValuesFault,
} from '@meridian/cwmp';
import { checkValue, loadDataModel, type DataModelId } from '@meridian/data-model';
import type { CommandFault, CommandMessage } from '@meridian/contracts';

/** The longest commandId a command may have; the key on the wire is derived from it (`wireKeyOf`). */
export const MAX_COMMAND_ID_LENGTH = 256;

/** ParameterKey and CommandKey hold 32 characters (cwmp-1-x.xsd, TR-069 A.3.2.1). */
const WIRE_KEY_LENGTH = 32;
/** Sent as is: short, and characters no CPE mangles. '~' is left out: it marks a derived key. */
const PLAIN_KEY = /^[A-Za-z0-9._:-]{1,32}$/;

/**
 * The ParameterKey/CommandKey a command is sent under: the commandId itself when it is at most
 * 32 plain characters, else "~" and 31 base64url characters of its SHA-256 (186 bits: distinct
 * commandIds get distinct keys, and no plain commandId has the form). Stable, so crash recovery
 * recognises the key in the next Inform.
 */
export function wireKeyOf(commandId: string): string {
  if (PLAIN_KEY.test(commandId)) return commandId;
  const digest = createHash('sha256').update(commandId, 'utf8').digest('base64url');
  return '~' + digest.slice(0, WIRE_KEY_LENGTH - 1);
}

/**
 * The RPC as sent: its ParameterKey or CommandKey is the command's wire key, so the CPE itself
 * reports later whether it applied the command (ARCHITECTURE.md "Delivery guarantees" 3).
 * CancelTransfer keeps its own: it names the transfer to cancel (TR-069 A.4.1.8).
 */
export function withCommandKey(rpc: CpeMethodRequest, commandId: string): CpeMethodRequest {
  const key = wireKeyOf(commandId);
  switch (rpc.name) {
    case 'SetParameterValues':
    case 'AddObject':
    case 'DeleteObject':
      return { ...rpc, parameterKey: key };
    case 'Reboot':
    case 'Download':
    case 'Upload':
    case 'ScheduleInform':
    case 'ScheduleDownload':
    case 'ChangeDUState':
      return { ...rpc, commandKey: key };
    default:
      return rpc;
  }
}

/** The encoder's objection to sending `rpc` in `cwmpVersion`, null when it has none. */
function encodeProblem(rpc: CpeMethodRequest, cwmpVersion: CwmpVersion): CwmpEncodeError | null {
  try {
    encodeEnvelope({ cwmpVersion, header: {}, body: rpc });
    return null;
  } catch (error) {
    if (error instanceof CwmpEncodeError) return error;
    throw error;
  }
}

/**
 * Why an RPC as sent (under its command's wire key: `withCommandKey`) cannot go to this device,
 * as the fault its CPE would have answered: 9000
 * for a method its CWMP version lacks (ScheduleDownload on cwmp-1-0), 9003 for an argument
 * outside that version's schema or a value not of its parameter's data model type; null when it
 * can be sent. The encoder is the judge of the first two, so a command that passes is one the
 * gateway can always encode.
 */
export function unsendableFault(
  rpc: CpeMethodRequest,
  cwmpVersion: CwmpVersion,
): CommandFault | null {
  const problem = encodeProblem(rpc, cwmpVersion);
  if (problem !== null) {
    return {
      faultCode: problem.reason === 'not-in-version' ? 9000 : 9003,
      faultString: `not sent by the ACS: ${problem.message}`,
    };
  }
  return rpc.name === 'SetParameterValues' ? dataModelFault(rpc) : null;
}

const MODEL_OF_ROOT: Readonly<Record<string, DataModelId>> = {
  Device: 'tr-181',
  InternetGatewayDevice: 'tr-098',
};

/**
 * A value that is no lexical form of its standard parameter's type (TR-181 under "Device.",
 * TR-098 under "InternetGatewayDevice."): "abc" for PeriodicInformInterval, whatever xsi:type
 * the command declared. Answered as the CPE would (A.3.2.1): 9003 with a 9007 entry for each
 * such parameter. The type alone is checked: ranges, lengths and enumerations differ between
 * versions of a data model and a CPE's own; vendor and unknown parameters go to the CPE.
 */
function dataModelFault(rpc: SetParameterValues): CommandFault | null {
  const faults: SetParameterValuesFault[] = [];
  for (const { name, value } of rpc.parameterList) {
    const modelId = MODEL_OF_ROOT[name.slice(0, name.indexOf('.'))];
    const meta = modelId === undefined ? undefined : loadDataModel(modelId).parameter(name);
    if (meta === undefined) continue;
    const { min: _min, max: _max, maxLength: _maxLength, enumeration: _values, ...type } = meta;
    const why = checkValue(type, value);
    if (why !== undefined) {
      faults.push({
        parameterName: name,
        faultCode: 9007,
        faultString: `Invalid parameter value: ${why}`,
      });
    }
  }
  if (faults.length === 0) return null;
  const names = faults.map((f) => f.parameterName).join(', ');
  return {
    faultCode: 9003,
    faultString: `not sent by the ACS: not a value of the data model's type: ${names}`,
    setParameterValuesFault: faults,
  };
}

const VERSIONS_NEWEST_FIRST: readonly CwmpVersion[] = ['1-2', '1-1', '1-0'];

/**
 * Why no CPE at all could take `rpc`: the encoder refuses it in every CWMP version. Undefined
 * when some CPE could; what depends on the device is checked when it is sent (`unsendableFault`).
 */
export function requestProblem(rpc: CpeMethodRequest): string | undefined {
  let newest: CwmpEncodeError | null = null;
  for (const version of VERSIONS_NEWEST_FIRST) {
    const problem = encodeProblem(rpc, version);
    if (problem === null) return undefined;
    newest ??= problem;
  }
  return newest?.message;
}

/**
 * Why no CPE could take the command, checked where it enters (NBI, command intake): its
 * commandId is too long, or its RPC (sent under the command's wire key) fits no CWMP version. A
 * diagnostic's RPCs are built per device when it is sent, and checked there.
 */
export function commandProblem(command: CommandMessage): string | undefined {
  if (command.commandId.length > MAX_COMMAND_ID_LENGTH) {
    return `commandId is longer than ${MAX_COMMAND_ID_LENGTH} characters`;
  }
  if (command.rpc === undefined) return undefined;
  return requestProblem(withCommandKey(command.rpc, command.commandId));
}

/** A command whose expiresAt has passed is never sent; an unparsable expiresAt never expires. */
export function isCommandExpired(command: CommandMessage, now: number): boolean {
  return command.expiresAt !== undefined && Date.parse(command.expiresAt) < now;
}

const PARAMETER_KEYS = [
  'Device.ManagementServer.ParameterKey',
  'InternetGatewayDevice.ManagementServer.ParameterKey',
];

/** "M <method>" events (TR-069 A.3.3.1, Table of event codes) carry the CommandKey of the method. */
type EventKeyedMethod =
  | 'Reboot'
  | 'ScheduleInform'
  | 'Download'
  | 'ScheduleDownload'
  | 'Upload'
  | 'ChangeDUState';
const METHOD_EVENTS: Record<EventKeyedMethod, string> = {
  Reboot: 'M Reboot',
  ScheduleInform: 'M ScheduleInform',
  Download: 'M Download',
  ScheduleDownload: 'M ScheduleDownload',
  Upload: 'M Upload',
  ChangeDUState: 'M ChangeDUState',
};

/** The TR-069 "unknown time" (A.2.1 dateTime). */
const UNKNOWN_TIME = '0001-01-01T00:00:00Z';

export type RecoveryDecision =
  /** The CPE applied it before the crash: report done with this response, do not resend. */
  | { action: 'reportDone'; response: CpeMethodResponse }
  /**
   * A diagnostic the CPE accepted before the crash (its ParameterKey is the command's wire key): the test
   * runs or ran, so await its results rather than request it again.
   */
  | { action: 'await' }
  /** No evidence it was applied (or it is a read): send it (again). */
  | { action: 'send' };

/**
 * Crash recovery of the queue head (ARCHITECTURE.md "Delivery guarantees" 3), decided from the
 * Inform of the next session. A ParameterKey or CommandKey equal to the command's wire key can
 * only come from this command having been sent and applied, since commandIds are unique and so
 * are their keys (`wireKeyOf`): the evidence is
 * sufficient alone, so no in-flight marker is needed. The response is rebuilt from what the
 * Inform proves and nothing more (see README "Crash recovery").
 */
export function recoverCommand(command: CommandMessage, inform: Inform): RecoveryDecision {
  const id = wireKeyOf(command.commandId);
  const keyed = () =>
    inform.parameterList.find((p) => PARAMETER_KEYS.includes(p.name))?.value === id;
  if (command.rpc === undefined) return keyed() ? { action: 'await' } : { action: 'send' };
  const rpc = command.rpc;
  switch (rpc.name) {
    case 'SetParameterValues':
    case 'AddObject':
    case 'DeleteObject': {
      if (!keyed()) return { action: 'send' };
      return { action: 'reportDone', response: recoveredKeyedResponse(rpc.name) };
    }
    case 'Reboot':
    case 'ScheduleInform':
    case 'Download':
    case 'ScheduleDownload':
    case 'Upload':
    case 'ChangeDUState': {
      const eventCode = METHOD_EVENTS[rpc.name];
      const applied = inform.event.some((e) => e.eventCode === eventCode && e.commandKey === id);
      if (!applied) return { action: 'send' };
      return { action: 'reportDone', response: recoveredMethodResponse(rpc.name) };
    }
    default:
      // Reads are simply resent; other writes leave no trace in the Inform.
      return { action: 'send' };
  }
}

/** Status 1 ("committed, may not be applied yet") is the most the ParameterKey proves. */
function recoveredKeyedResponse(
  name: 'SetParameterValues' | 'AddObject' | 'DeleteObject',
): CpeMethodResponse {
  switch (name) {
    case 'SetParameterValues':
      return { name: 'SetParameterValuesResponse', status: 1 };
    case 'AddObject':
      // The instance number is lost with the response: 0 is no valid instance, read it back.
      return { name: 'AddObjectResponse', instanceNumber: 0, status: 1 };
    case 'DeleteObject':
      return { name: 'DeleteObjectResponse', status: 1 };
  }
}

function recoveredMethodResponse(name: EventKeyedMethod): CpeMethodResponse {
  switch (name) {
    case 'Reboot':
      return { name: 'RebootResponse' };
    case 'ScheduleInform':
      return { name: 'ScheduleInformResponse' };
    case 'ScheduleDownload':
      return { name: 'ScheduleDownloadResponse' };
    case 'ChangeDUState':
      return { name: 'ChangeDUStateResponse' };
    case 'Upload':
      return {
        name: 'UploadResponse',
        status: 1,
        startTime: UNKNOWN_TIME,
        completeTime: UNKNOWN_TIME,
      };
    case 'Download':
      // The transfer's own outcome comes separately, in TransferComplete.
      return {
        name: 'DownloadResponse',
        status: 1,
        startTime: UNKNOWN_TIME,
        completeTime: UNKNOWN_TIME,
      };
  }
}
