import type { Readable } from 'node:stream';
import type { CpeMethodRequest, CpeMethodResponse, DeviceIdStruct, XsdType } from '@meridian/cwmp';
import type { CommandFault, DiagnosticRequest, DiagnosticResult } from '@meridian/contracts';

/** Any value JSON can hold: what the store keeps verbatim for other services (presets, details). */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** Paging of a list; without `limit` every matching record is returned. */
export interface Paging {
  skip?: number;
  limit?: number;
}

/** One page of a list and the number of records matching the filter over all pages. */
export interface Page<T> {
  items: T[];
  total: number;
}

export type SortOrder = 'asc' | 'desc';

// ---------------------------------------------------------------------------------------------
// Devices

/** `disabled` devices are kept but not provisioned; the gateway may refuse their sessions. */
export type DeviceStatus = 'active' | 'disabled';

export interface Device {
  deviceId: string;
  identity: DeviceIdStruct;
  status: DeviceStatus;
  /** Sorted, without duplicates. */
  tags: string[];
  /** When the record was created: first Inform, or pre-registration through the NBI. */
  registeredAt: Date;
  /** Absent on a device pre-registered and not yet heard from. */
  firstInform?: Date;
  lastInform?: Date;
  /** ManagementServer.ParameterKey as the last Inform reported it. */
  parameterKey?: string;
  /** ManagementServer.PeriodicInformInterval in seconds, when known (Inform or cache). */
  periodicInformInterval?: number;
  /**
   * The device counts as online until then: lastInform + PeriodicInformInterval + grace. Stored,
   * so "online" is a comparison at read time and nothing scans the registry to keep it current.
   */
  onlineUntil?: Date;
  /** Time of the last Inform carrying "1 BOOT" / "0 BOOTSTRAP". */
  lastBoot?: Date;
  lastBootstrap?: Date;
  /** Event codes of the last Inform, as sent. */
  lastEvents: string[];
  softwareVersion?: string;
  hardwareVersion?: string;
  connectionRequestUrl?: string;
  remoteAddress?: string;
  /**
   * The CWMP version the last session spoke, by the schema it used ("cwmp-1-0", "cwmp-1-1",
   * "cwmp-1-2"; 1.3 and 1.4 kept the cwmp-1-2 schema): the RPCs the device understands.
   */
  cwmpVersion?: string;
  /**
   * The last Inform's ParameterList as sent (absent before the first Inform that recorded it).
   * Provisioning compares the next Inform with it instead of reading the parameter cache.
   */
  informParameters?: InformParameter[];
}

/** One entry of an Inform's ParameterList. */
export interface InformParameter {
  path: string;
  value: string;
  type: XsdType;
}

/** What an Inform tells about its device; absent optional fields leave the stored value as is. */
export interface InformFields {
  identity: DeviceIdStruct;
  events: string[];
  softwareVersion?: string;
  hardwareVersion?: string;
  connectionRequestUrl?: string;
  remoteAddress?: string;
  parameterKey?: string;
  periodicInformInterval?: number;
  onlineUntil?: Date;
  cwmpVersion?: string;
  informParameters?: InformParameter[];
}

/** A device known before its first Inform (auto-registration off): created through the NBI. */
export interface DeviceRegistration {
  deviceId: string;
  identity: DeviceIdStruct;
  tags: string[];
  registeredAt: Date;
}

export type DeviceField = keyof Device;

/** A device list's filter; every given criterion must hold. */
export interface DeviceFilter {
  deviceIds?: string[];
  manufacturer?: string;
  oui?: string;
  productClass?: string;
  serialNumber?: string;
  status?: DeviceStatus;
  /** The device carries every one of these tags. */
  tags?: string[];
  /** lastInform >= lastInformFrom and lastInform < lastInformTo. */
  lastInformFrom?: Date;
  lastInformTo?: Date;
  /** Cached parameter values: the device has each path with exactly this value. */
  parameters?: { path: string; value: string }[];
  /** online: onlineUntil > at; offline: onlineUntil <= at or unknown. */
  presence?: { online: boolean; at: Date };
}

/** Devices never heard from (no lastInform/firstInform) sort after all others in both orders. */
export type DeviceSortField = 'deviceId' | 'firstInform' | 'lastInform';

export interface DeviceListOptions<F extends DeviceField = DeviceField> extends Paging {
  /** Default: deviceId ascending. Ties are broken by deviceId. */
  sort?: { field: DeviceSortField; order: SortOrder };
  /** Fields to return (deviceId always comes); all when absent. */
  fields?: F[];
}

/** A device as a list returns it: the projected fields plus deviceId. */
export type DeviceView<F extends DeviceField> = Pick<Device, F | 'deviceId'>;

// ---------------------------------------------------------------------------------------------
// Cached parameters: one record per device and path.

export interface ParameterInput {
  /** Full path; objects end with "." (TR-069 A.3.2.1 partial path). */
  path: string;
  /** Leave a field out to keep what is cached (GPN tells writable, GPV tells value and type). */
  value?: string;
  type?: XsdType;
  writable?: boolean;
  updatedAt: Date;
}

export interface CachedParameter {
  deviceId: string;
  path: string;
  value?: string;
  type?: XsdType;
  writable?: boolean;
  updatedAt: Date;
}

/** Which parameters of a device to read: these exact paths, or every path under a prefix. */
export type ParameterSelector = { paths: string[] } | { prefix: string };

// ---------------------------------------------------------------------------------------------
// Tasks: commands produced by the NBI (or another service) and their outcome.

export type TaskStatus = 'pending' | 'done' | 'fault' | 'expired' | 'rejected' | 'cancelled';

export interface NewTask {
  /** The task's id: its one command's commandId, or the taskId its several commands carry. */
  commandId: string;
  /**
   * A task of several commands (refreshObject): their commandIds in the order they run; the last
   * is the task's id. Absent on a task of one command.
   */
  commandIds?: string[];
  deviceId: string;
  /** The RPC of the task; absent on a diagnostic task. */
  rpc?: CpeMethodRequest;
  /** A diagnostic task's test (instead of `rpc`). */
  diagnostic?: DiagnosticRequest;
  connectionRequest: boolean;
  source: string;
  createdAt: Date;
  expiresAt?: Date;
}

/** How a pending task ended. */
export type TaskOutcome =
  | { status: 'done'; response: CpeMethodResponse; diagnosticResult?: DiagnosticResult }
  | { status: 'fault'; fault: CommandFault; diagnosticResult?: DiagnosticResult }
  | { status: 'expired'; reason?: string }
  | { status: 'rejected'; reason: string }
  | { status: 'cancelled' };

/** What the gateway's connection request for a task gave (the last attempt series). */
export interface ConnectionRequestResult {
  outcome: 'sent' | 'failed';
  /** 'http' (ConnectionRequestURL) or 'udp' (TR-069 Annex G). */
  method?: 'http' | 'udp';
  attempts: number;
  /** Why it failed, e.g. "401 after Digest", "ECONNREFUSED", "no ConnectionRequestURL". */
  error?: string;
  at: Date;
}

export interface Task extends NewTask {
  status: TaskStatus;
  updatedAt: Date;
  response?: CpeMethodResponse;
  fault?: CommandFault;
  reason?: string;
  /** A diagnostic task's results (done) or Error_ state (fault). */
  diagnosticResult?: DiagnosticResult;
  connectionRequestResult?: ConnectionRequestResult;
}

export interface TaskFilter {
  deviceId?: string;
  status?: TaskStatus;
  source?: string;
}

// ---------------------------------------------------------------------------------------------
// Faults: the last failure per device and channel (a provisioning step, a preset, a task kind).

export interface FaultInput {
  deviceId: string;
  channel: string;
  code: string;
  message: string;
  detail?: JsonValue;
  timestamp: Date;
}

export interface Fault extends FaultInput {
  /** How many times in a row this channel failed, this one included (1 the first time). */
  failures: number;
}

// ---------------------------------------------------------------------------------------------
// Presets: the rules are provisioning's; the store keeps them and counts versions.

export interface PresetInput {
  name: string;
  channel: string;
  weight: number;
  /** Event codes that trigger the preset (empty: any session). */
  events: string[];
  precondition: JsonValue;
  configurations: JsonValue[];
}

export interface Preset extends PresetInput {
  /** 1 on creation, +1 on each update. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type PresetChanges = Partial<Omit<PresetInput, 'name'>>;

// ---------------------------------------------------------------------------------------------
// Files: metadata and content (SQLite adapter: on disk next to the database; MongoDB: GridFS).

export interface FileInput {
  name: string;
  /** TR-069 A.3.2.8 FileType, e.g. "1 Firmware Upgrade Image". */
  type: string;
  version?: string;
  /** The devices the file fits; absent fits any. */
  oui?: string;
  productClass?: string;
  modelName?: string;
}

export interface FileUpload extends FileInput {
  /** Hex SHA-256 the uploader states; content that hashes otherwise is refused. */
  sha256?: string;
  /** Content longer than this is refused while it streams. */
  maxBytes: number;
}

export interface FileMeta extends FileInput {
  size: number;
  /** Hex SHA-256 of the content. */
  sha256: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Bytes start..end, both inclusive (as in an HTTP Range). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface FileContent {
  file: FileMeta;
  /** The content, or the range asked for; the reader must consume or destroy it. */
  stream: Readable;
}

export interface FileFilter {
  type?: string;
  oui?: string;
  productClass?: string;
}

// ---------------------------------------------------------------------------------------------
// Provisioning state: provisioning's own per-device record (what was applied, what is in flight).
// The store keeps it as opaque JSON with a revision for optimistic concurrency.

export interface ProvisioningRecord {
  deviceId: string;
  state: JsonValue;
  /**
   * The state as the store holds it, JSON text: two states are equal when their texts are (a
   * caller tells a changed state without serialising the one it read).
   */
  stateJson: string;
  /** 1 on creation, +1 on each put. */
  revision: number;
  updatedAt: Date;
}

// ---------------------------------------------------------------------------------------------
// CPE credentials: what a device must present to the ACS (ManagementServer.Username/Password).

/**
 * A device's own credentials, in the only form kept: HA1 = MD5(username:realm:password) of HTTP
 * Digest (`digestHa1` of @meridian/cwmp). It is tied to the realm it was computed for.
 */
export interface CpeCredentials {
  deviceId: string;
  username: string;
  realm: string;
  ha1: string;
  updatedAt: Date;
}

/**
 * A USP Subscription of a translated device (`Device.LocalAgent.Subscription.{i}.`), kept by the
 * CWMP-to-USP translator, not on the CPE.
 */
export interface UspSubscription {
  deviceId: string;
  /** The instance number, unique per device. */
  instance: number;
  /** The Subscription object's parameters by relative name (Enable, ID, NotifType, …). */
  params: Record<string, string>;
  /** Where the Recipient Controller's Notify messages go: its MQTT topic; null when unknown. */
  replyTo: string | null;
}

/**
 * A USP Operate in progress on a translated device (`Device.LocalAgent.Request.{i}.` of TR-181
 * USP), kept by the CWMP-to-USP translator until the CPE reports its end.
 */
export interface UspRequest {
  deviceId: string;
  /** The instance number, unique per device. */
  instance: number;
  /** The CWMP command carrying it out (cwmp.commands commandId, the CPE's CommandKey). */
  commandId: string;
  /**
   * An instance of the Request table (async commands); false for a sync command kept only until
   * the CPE reports its end (a Reboot awaiting "M Reboot").
   */
  listed: boolean;
  /** The Request object's parameters by relative name (Originator, Command, CommandKey, Status, …). */
  params: Record<string, string>;
  /** The Operate's input_args (Password left out). */
  inputs: Record<string, string>;
  /** Past it the operation has failed: the translator ends the Request (its sweep). */
  deadline: Date;
}

// ---------------------------------------------------------------------------------------------
// Audit log: every change made through the NBI.

export interface AuditEntryInput {
  at: Date;
  /** The API key's name or the token's subject. */
  actor: string;
  role: string;
  /** "<METHOD> <route>", e.g. "POST /devices/:deviceId/tasks". */
  action: string;
  deviceId?: string;
  /** What else was acted on: a task's commandId, a preset's name, a fault channel. */
  target?: string;
  /** HTTP status of the answer. */
  status: number;
  detail?: JsonValue;
}

export interface AuditEntry extends AuditEntryInput {
  id: string;
}

export interface AuditFilter {
  deviceId?: string;
  actor?: string;
  /** at >= from and at < to. */
  from?: Date;
  to?: Date;
}

// ---------------------------------------------------------------------------------------------
// Transfers: the firmware service's record of each Download it tracks, keyed by commandId.

/** `waiting` until the device reports, then how the transfer ended. */
/** undelivered: expired or cancelled before the gateway sent it (the device never had it). */
export type TransferState =
  | 'waiting'
  | 'succeeded'
  | 'failed'
  | 'rolledBack'
  | 'timedOut'
  | 'undelivered';
export type TransferEndState = Exclude<TransferState, 'waiting'>;

export interface NewTransfer {
  commandId: string;
  deviceId: string;
  /** The CommandKey the CPE reports it under (TransferComplete, the "M Download" event). */
  commandKey: string;
  /** The repository file, when the Download named one. */
  fileName?: string;
  fileType?: string;
  /** The version the file carries: the one the device must come back with. */
  version?: string;
  /** The device's SoftwareVersion when the Download was accepted. */
  fromVersion?: string;
  createdAt: Date;
  /** Still waiting then: timedOut. */
  deadline: Date;
}

/** How a transfer ended. */
export interface TransferEnd {
  state: TransferEndState;
  faultCode?: number;
  faultString?: string;
  /** The SoftwareVersion the device came back with. */
  reportedVersion?: string;
  at: Date;
}

export interface Transfer extends NewTransfer {
  state: TransferState;
  updatedAt: Date;
  faultCode?: number;
  faultString?: string;
  reportedVersion?: string;
  /** Whether the outcome went out on firmware.outcomes (false while waiting). */
  published: boolean;
}
