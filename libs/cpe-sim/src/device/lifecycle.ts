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
  /** 0 on success; 9010 (download) or 9011 (upload) otherwise. */
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
