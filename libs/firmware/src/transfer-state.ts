/**
 * Transfer tracking as pure functions: what a Download's result, the CPE's TransferComplete,
 * the Inform it comes back with and the passing of its deadline do to a transfer. No I/O; the
 * tracker (transfer-tracker.ts) reads and writes the store and the bus around them.
 */
import type {
  EventMessage,
  FirmwareOutcome,
  InformMessage,
  ResultMessage,
} from '@meridian/contracts';
import { SCHEMA_VERSION } from '@meridian/contracts';
import type { NewTransfer, Transfer, TransferEnd } from '@meridian/store';

/** The file type whose version the device must report once it is back (TR-069 A.3.2.8). */
export const FIRMWARE_IMAGE = '1 Firmware Upgrade Image';

/** What the tracker knows of the repository file a Download named. */
export interface TransferFile {
  name: string;
  type: string;
  version?: string;
}

/** Where a Download's result leaves its transfer: none (not a transfer), waiting, or ended. */
export type Admission = { transfer: NewTransfer; end?: Omit<TransferEnd, 'at'> } | null;

/** The commands whose CommandKey comes back in TransferComplete. */
const TRANSFER_RPCS = new Set(['Download', 'ScheduleDownload']);

/**
 * The transfer a result starts. A Download (or ScheduleDownload) the CPE accepted waits for the
 * device's report; a refused one (fault, or rejected by the gateway) fails at once, and one
 * never delivered (expired, cancelled) ends undelivered. `file` is the repository file of the command's `fileName`, when known: its
 * version is what the device must come back with (firmware images only).
 */
/** Whether a result is one of a transfer (a Download or ScheduleDownload): cheap, no reads. */
export function isTransferResult(result: ResultMessage): boolean {
  return result.rpc !== undefined
    ? TRANSFER_RPCS.has(result.rpc.name)
    : result.fileName !== undefined;
}

/** How long after accepting it the CPE may start the transfer: its delay or last window's end. */
function startLatestSeconds(rpc: ResultMessage['rpc']): number {
  if (rpc?.name === 'Download') return rpc.delaySeconds;
  if (rpc?.name === 'ScheduleDownload') {
    return Math.max(0, ...rpc.timeWindowList.map((w) => w.windowEnd));
  }
  return 0;
}

export function admitResult(
  result: ResultMessage,
  context: {
    commandKey: string;
    file?: TransferFile;
    fromVersion?: string;
    timeoutMs: number;
  },
): Admission {
  if (!isTransferResult(result)) return null;
  const rpc = result.rpc;
  const createdAt = new Date(result.time);
  const { file } = context;
  const fileType = rpc && 'fileType' in rpc ? rpc.fileType : file?.type;
  const version = fileType === FIRMWARE_IMAGE ? file?.version : undefined;
  const transfer: NewTransfer = {
    commandId: result.commandId,
    deviceId: result.deviceId,
    commandKey: context.commandKey,
    ...(result.fileName !== undefined ? { fileName: result.fileName } : {}),
    ...(fileType !== undefined ? { fileType } : {}),
    ...(version !== undefined ? { version } : {}),
    ...(context.fromVersion !== undefined ? { fromVersion: context.fromVersion } : {}),
    createdAt,
    // The device may start only after a DelaySeconds, or within a window up to its end.
    deadline: new Date(createdAt.getTime() + context.timeoutMs + startLatestSeconds(rpc) * 1000),
  };
  switch (result.outcome) {
    case 'done':
      // Status 0: already applied, and no TransferComplete follows (A.3.2.8). Only a version
      // to confirm still needs the device's next Inform.
      if (result.response.name === 'DownloadResponse' && result.response.status === 0) {
        return version === undefined ? { transfer, end: { state: 'succeeded' } } : { transfer };
      }
      return { transfer };
    case 'fault':
      return {
        transfer,
        end: {
          state: 'failed',
          faultCode: result.fault.faultCode,
          faultString: result.fault.faultString,
        },
      };
    case 'expired':
      return {
        transfer,
        end: { state: 'undelivered', faultString: 'the Download expired undelivered' },
      };
    case 'rejected':
      return { transfer, end: { state: 'failed', faultString: `rejected: ${result.reason}` } };
    case 'cancelled':
      return {
        transfer,
        end: { state: 'undelivered', faultString: 'the Download was cancelled undelivered' },
      };
  }
}

/** What the CPE reported about a transfer. */
export type TransferEvent =
  /** TransferComplete (or AutonomousTransferComplete): faultCode 0 is success. */
  | { kind: 'transferComplete'; faultCode: number; faultString: string }
  /** An Inform with "M Download" under the transfer's key and "1 BOOT". */
  | { kind: 'booted'; softwareVersion?: string }
  /** The sweep found it still waiting at `now`. */
  | { kind: 'deadline'; now: Date };

/**
 * How `event` ends a waiting transfer; null when it does not (yet). A transfer with a version to
 * confirm succeeds only when the device is back on that version; back on another one it rolled
 * back. Without one, a fault-free TransferComplete is success.
 */
export function nextEnd(transfer: Transfer, event: TransferEvent): Omit<TransferEnd, 'at'> | null {
  if (transfer.state !== 'waiting') return null;
  switch (event.kind) {
    case 'transferComplete':
      if (event.faultCode !== 0) {
        return { state: 'failed', faultCode: event.faultCode, faultString: event.faultString };
      }
      return transfer.version === undefined ? { state: 'succeeded' } : null;
    case 'booted':
      if (transfer.version === undefined || event.softwareVersion === undefined) return null;
      return event.softwareVersion === transfer.version
        ? { state: 'succeeded', reportedVersion: event.softwareVersion }
        : {
            state: 'rolledBack',
            reportedVersion: event.softwareVersion,
            faultString: `the device came back on ${event.softwareVersion}, not ${transfer.version}`,
          };
    case 'deadline':
      return event.now.getTime() >= transfer.deadline.getTime()
        ? { state: 'timedOut', faultString: 'the device never reported the transfer' }
        : null;
  }
}

const SOFTWARE_VERSION = [
  'Device.DeviceInfo.SoftwareVersion',
  'InternetGatewayDevice.DeviceInfo.SoftwareVersion',
];

/**
 * What an Inform says of transfers: the CommandKeys of its "M Download" / "M ScheduleDownload"
 * events when it also carries "1 BOOT" (the device came back from applying them), and the
 * SoftwareVersion it reports.
 */
export function bootReport(inform: InformMessage): {
  commandKeys: string[];
  softwareVersion?: string;
} {
  const codes = inform.events.map((e) => e.eventCode);
  if (!codes.includes('1 BOOT')) return { commandKeys: [] };
  const commandKeys = inform.events
    .filter((e) => e.eventCode === 'M Download' || e.eventCode === 'M ScheduleDownload')
    .map((e) => e.commandKey);
  const softwareVersion = inform.parameterList.find((p) =>
    SOFTWARE_VERSION.includes(p.name),
  )?.value;
  return softwareVersion === undefined ? { commandKeys } : { commandKeys, softwareVersion };
}

/** The TransferComplete of a cwmp.events message, with the key it names (none when autonomous). */
export function transferCompleteOf(
  event: EventMessage,
): { commandKey?: string; fileType?: string; faultCode: number; faultString: string } | null {
  const rpc = event.rpc;
  if (rpc.name === 'TransferComplete') {
    return { commandKey: rpc.commandKey, ...rpc.faultStruct };
  }
  if (rpc.name === 'AutonomousTransferComplete' && rpc.isDownload) {
    return { fileType: rpc.fileType, ...rpc.faultStruct };
  }
  return null;
}

/** The firmware.outcomes message of an ended transfer. */
export function outcomeMessage(transfer: Transfer): FirmwareOutcome {
  if (transfer.state === 'waiting') throw new Error(`transfer ${transfer.commandId} has not ended`);
  return {
    schemaVersion: SCHEMA_VERSION,
    deviceId: transfer.deviceId,
    commandId: transfer.commandId,
    ...(transfer.fileName !== undefined ? { fileName: transfer.fileName } : {}),
    ...(transfer.version !== undefined ? { version: transfer.version } : {}),
    outcome: transfer.state,
    ...(transfer.faultCode !== undefined ? { faultCode: transfer.faultCode } : {}),
    ...(transfer.faultString !== undefined ? { faultString: transfer.faultString } : {}),
    at: transfer.updatedAt.toISOString(),
  };
}
