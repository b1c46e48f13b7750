import type { DeviceIdStruct, DuOperation, Notification } from '@meridian/cwmp';
import type { DataModel } from '@meridian/data-model';

export interface ParameterAttributes {
  notification: Notification;
  accessList: readonly string[];
}

/** A Download, Upload or ScheduleDownload accepted by the device (TR-069 A.4.1.5 TransferList). */
export interface Transfer {
  /** The device's own number for the transfer: CommandKeys need not be unique. */
  id: number;
  commandKey: string;
  isDownload: boolean;
  fileType: string;
  url: string;
  username: string;
  password: string;
  fileSize: number;
  targetFileName: string;
  delaySeconds: number;
  /** 1 not yet started, 2 in progress, 3 completed (A.4.1.5). */
  state: 1 | 2 | 3;
  /** The "M …" event the TransferComplete session carries. */
  method: 'Download' | 'Upload' | 'ScheduleDownload';
}

/**
 * One simulated CPE's data: its parameter values and objects, by instance path. Immutable: every
 * RPC handler returns a new state, so a faulted SetParameterValues leaves nothing half-applied.
 */
export interface DeviceState {
  model: DataModel;
  deviceId: DeviceIdStruct;
  /** Instance path of every parameter → value text. */
  values: ReadonlyMap<string, string>;
  /** Every existing object path: single objects, tables ("Device.WiFi.SSID.") and rows ("….1."). */
  objects: ReadonlySet<string>;
  /** Table path → the next instance number AddObject hands out (numbers are never reused). */
  nextInstance: ReadonlyMap<string, number>;
  /** Attributes set by SetParameterAttributes; absent means notification off, empty access list. */
  attributes: ReadonlyMap<string, ParameterAttributes>;
  transfers: readonly Transfer[];
  /** Id of the next queued transfer. */
  nextTransferId: number;
  /** Epoch ms of the last boot, for DeviceInfo.UpTime. */
  bootTime: number;
}

/** What a handled RPC asks of the device once the session ends (TR-069 3.7.2.4: after the session). */
export type DeviceEffect =
  | { kind: 'reboot'; commandKey: string }
  | { kind: 'factoryReset' }
  | { kind: 'transfer'; transferId: number }
  | { kind: 'scheduleInform'; delaySeconds: number; commandKey: string }
  | { kind: 'duStateChange'; commandKey: string; operations: DuOperation[] }
  /** DiagnosticsState set to Requested: run the test of this object once the session is over. */
  | { kind: 'diagnostic'; objectPath: string };
