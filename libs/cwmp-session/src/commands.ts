import type { CpeMethodRequest, CpeMethodResponse, Inform } from '@meridian/cwmp';
import type { CommandMessage } from '@meridian/contracts';

/**
 * The RPC as sent: its ParameterKey or CommandKey is the commandId, so the CPE itself reports
 * later whether it applied the command (ARCHITECTURE.md "Delivery guarantees" 3).
 */
export function withCommandKey(rpc: CpeMethodRequest, commandId: string): CpeMethodRequest {
  switch (rpc.name) {
    case 'SetParameterValues':
    case 'AddObject':
    case 'DeleteObject':
      return { ...rpc, parameterKey: commandId };
    case 'Reboot':
    case 'Download':
    case 'Upload':
    case 'ScheduleInform':
    case 'ScheduleDownload':
    case 'ChangeDUState':
    case 'CancelTransfer':
      return { ...rpc, commandKey: commandId };
    default:
      return rpc;
  }
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
   * A diagnostic the CPE accepted before the crash (its ParameterKey is the commandId): the test
   * runs or ran, so await its results rather than request it again.
   */
  | { action: 'await' }
  /** No evidence it was applied (or it is a read): send it (again). */
  | { action: 'send' };

/**
 * Crash recovery of the queue head (ARCHITECTURE.md "Delivery guarantees" 3), decided from the
 * Inform of the next session. A ParameterKey or CommandKey equal to the commandId can only come
 * from this command having been sent and applied, since commandIds are unique: the evidence is
 * sufficient alone, so no in-flight marker is needed. The response is rebuilt from what the
 * Inform proves and nothing more (see README "Crash recovery").
 */
export function recoverCommand(command: CommandMessage, inform: Inform): RecoveryDecision {
  const id = command.commandId;
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
