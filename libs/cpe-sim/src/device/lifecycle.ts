import type { DUStateChangeComplete, DuOperation, TransferComplete } from '@meridian/cwmp';
import type { DeviceState, Transfer } from './state';

/** The device after a reboot: same data, uptime from zero. */
export function rebooted(state: DeviceState, now: number): DeviceState {
  return { ...state, bootTime: now };
}

/** A queued transfer; undefined once cancelled (CancelTransfer) or wiped (FactoryReset). */
export function transferOf(state: DeviceState, transferId: number): Transfer | undefined {
  return state.transfers.find((t) => t.id === transferId);
}

export function withTransferState(
  state: DeviceState,
  transferId: number,
  next: Transfer['state'],
): DeviceState {
  return {
    ...state,
    transfers: state.transfers.map((t) => (t.id === transferId ? { ...t, state: next } : t)),
  };
}

/** A finished transfer leaves the queue: GetQueuedTransfers no longer lists it. */
export function withoutTransfer(state: DeviceState, transferId: number): DeviceState {
  return { ...state, transfers: state.transfers.filter((t) => t.id !== transferId) };
}

export interface TransferOutcome {
  startTime: string;
  completeTime: string;
  /** 0 on success; 9010 (download), 9011 (upload) or 9018 (corrupted image) otherwise. */
  faultCode: number;
  faultString: string;
}

export function transferComplete(transfer: Transfer, outcome: TransferOutcome): TransferComplete {
  return {
    name: 'TransferComplete',
    commandKey: transfer.commandKey,
    faultStruct: { faultCode: outcome.faultCode, faultString: outcome.faultString },
    startTime: outcome.startTime,
    completeTime: outcome.completeTime,
  };
}

/**
 * The simulated device has no execution environment: every operation fails with 9023
 * (Unknown Execution Environment), which an ACS handles like a real device's refusal.
 */
export function duStateChangeComplete(
  commandKey: string,
  operations: DuOperation[],
  now: number,
): DUStateChangeComplete {
  const time = new Date(now).toISOString();
  return {
    name: 'DUStateChangeComplete',
    commandKey,
    results: operations.map((op) => ({
      uuid: op.uuid,
      deploymentUnitRef: '',
      version: op.op === 'Install' ? '' : op.version,
      currentState: 'Failed',
      resolved: false,
      executionUnitRefList: '',
      startTime: time,
      completeTime: time,
      fault: { faultCode: 9023, faultString: 'Unknown Execution Environment' },
    })),
  };
}

/** The first line of a simulated firmware image names the version it installs. */
const SIM_FIRMWARE = /^meridian-sim-firmware (\S+)\r?$/;

export type Installation =
  | { kind: 'firmware'; version: string }
  | { kind: 'corrupted'; faultCode: 9018; faultString: string }
  /** Not a firmware image: kept, nothing to install. */
  | { kind: 'stored' };

/** What the device makes of a downloaded file (A.3.2.8 FileType "1 Firmware Upgrade Image"). */
export function installationOf(fileType: string, content: Buffer): Installation {
  if (fileType !== '1 Firmware Upgrade Image') return { kind: 'stored' };
  const end = content.indexOf(0x0a);
  const firstLine = content.subarray(0, end === -1 ? content.length : end).toString('latin1');
  const match = SIM_FIRMWARE.exec(firstLine);
  if (match?.[1] === undefined) {
    return { kind: 'corrupted', faultCode: 9018, faultString: 'file corrupted' };
  }
  return { kind: 'firmware', version: match[1] };
}

/** The device after installing an image: the new DeviceInfo.SoftwareVersion, fresh uptime. */
export function upgraded(state: DeviceState, version: string, now: number): DeviceState {
  const path = [...state.values.keys()].find((p) => p.endsWith('.DeviceInfo.SoftwareVersion'));
  const values = new Map(state.values);
  if (path !== undefined) values.set(path, version);
  return { ...rebooted(state, now), values };
}
