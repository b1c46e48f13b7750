import type { Readable } from 'node:stream';
import type {
  Campaign,
  CampaignDevice,
  CampaignDeviceState,
  CampaignState,
} from '@meridian/campaign';
import type {
  AuditEntry,
  AuditEntryInput,
  AuditFilter,
  CachedParameter,
  ConnectionRequestResult,
  CpeCredentials,
  DeviceRegistration,
  Device,
  DeviceField,
  DeviceFilter,
  DeviceListOptions,
  DeviceStatus,
  DeviceView,
  Fault,
  FaultInput,
  FileFilter,
  FileContent,
  FileMeta,
  FileUpload,
  ByteRange,
  InformFields,
  NewTask,
  Page,
  Paging,
  ParameterInput,
  ParameterSelector,
  Preset,
  PresetChanges,
  ProvisioningRecord,
  PresetInput,
  Task,
  TaskFilter,
  UspRequest,
  UspSubscription,
  TaskOutcome,
  Transfer,
  TransferEnd,
  NewTransfer,
} from './types';

/** The device registry, fed by Informs, read by every service. */
export interface DeviceRepository {
  /**
   * Creates the device on its first Inform (registeredAt = firstInform = lastInform =
   * informTime, status active, no tags) or updates it (lastInform and the fields given;
   * registeredAt, firstInform, status and tags kept; a pre-registered device gets its
   * firstInform now, with created false). Returns the device as stored and whether it was
   * created.
   */
  upsertFromInform(
    deviceId: string,
    fields: InformFields,
    informTime: Date,
  ): Promise<{ device: Device; created: boolean }>;
  /**
   * The Inform of a device the caller has just read (`device`, as get returned it): the update
   * upsertFromInform makes, without reading the device again, and without writing again the
   * lists the device already holds (informChanges). The device is then stored as
   * informedDevice(device, fields, informTime). False when the device is gone (deleted since it
   * was read): nothing is written.
   */
  updateFromInform(device: Device, fields: InformFields, informTime: Date): Promise<boolean>;
  /**
   * Creates a device before its first Inform (status active, registeredAt given, no inform
   * times). Throws DuplicateKeyError when the deviceId exists.
   */
  register(registration: DeviceRegistration): Promise<Device>;
  get(deviceId: string): Promise<Device | null>;
  /**
   * Removes the device with its cached parameters, tasks, faults, provisioning record and
   * credentials; false if it was unknown.
   */
  delete(deviceId: string): Promise<boolean>;
  list<F extends DeviceField = DeviceField>(
    filter: DeviceFilter,
    options?: DeviceListOptions<F>,
  ): Promise<Page<DeviceView<F>>>;
  /** Idempotent; false when the device is unknown. */
  addTag(deviceId: string, tag: string): Promise<boolean>;
  /** Idempotent; false when the device is unknown. */
  removeTag(deviceId: string, tag: string): Promise<boolean>;
  /** False when the device is unknown. */
  setStatus(deviceId: string, status: DeviceStatus): Promise<boolean>;
}

/** The parameter cache: one record per device and path. */
export interface ParameterRepository {
  /** Inserts or updates each path; fields left out of an input keep their cached value. */
  upsertMany(deviceId: string, parameters: ParameterInput[]): Promise<void>;
  /** Records sorted by path. */
  get(deviceId: string, selector: ParameterSelector): Promise<CachedParameter[]>;
  /**
   * Removes `path` and everything under it ("Device.WiFi.SSID.2." removes the object and its
   * parameters). Returns how many records went.
   */
  deleteSubtree(deviceId: string, path: string): Promise<number>;
  /** Device ids whose cached `path` holds exactly `value`, sorted. */
  findDevicesByValue(path: string, value: string): Promise<string[]>;
}

export interface TaskRepository {
  /** Stores a pending task; throws DuplicateKeyError when the commandId exists. */
  create(task: NewTask): Promise<Task>;
  get(commandId: string): Promise<Task | null>;
  /** The device's tasks in creation order, optionally of one status. */
  listByDevice(deviceId: string, status?: Task['status']): Promise<Task[]>;
  /** Every matching task, newest first. */
  list(filter: TaskFilter, paging?: Paging): Promise<Page<Task>>;
  /**
   * Ends a pending task with its outcome. Null when the task is unknown or already ended, so a
   * result delivered twice changes nothing.
   */
  updateStatus(commandId: string, outcome: TaskOutcome, at: Date): Promise<Task | null>;
  /** Cancels a pending task; false when it is unknown or already ended. */
  cancel(commandId: string, at: Date): Promise<boolean>;
  /**
   * Records the connection request outcome on the task whatever its status (the last one wins).
   * Null when the task is unknown.
   */
  recordConnectionRequest(commandId: string, result: ConnectionRequestResult): Promise<Task | null>;
  /**
   * Deletes up to `limit` ended tasks (not pending) created before `before`, oldest first
   * (retention); returns how many went.
   */
  deleteEndedBefore(before: Date, limit: number): Promise<number>;
}

export interface FaultRepository {
  /** Records the fault of (deviceId, channel), replacing the previous one and counting failures. */
  record(fault: FaultInput): Promise<Fault>;
  get(deviceId: string, channel: string): Promise<Fault | null>;
  /** The device's faults sorted by channel. */
  listByDevice(deviceId: string): Promise<Fault[]>;
  /** Every fault, newest first. */
  list(paging?: Paging): Promise<Page<Fault>>;
  /** Clears the fault (the channel succeeded, or an operator dismissed it). */
  delete(deviceId: string, channel: string): Promise<boolean>;
  /**
   * Clears the device's faults of these channels, those that exist, in one operation (what one
   * plan settles); the number cleared.
   */
  clear(deviceId: string, channels: readonly string[]): Promise<number>;
}

export interface PresetRepository {
  /** Version 1; throws DuplicateKeyError when the name exists. */
  create(preset: PresetInput): Promise<Preset>;
  get(name: string): Promise<Preset | null>;
  /** Sorted by name. */
  list(): Promise<Preset[]>;
  /**
   * Applies the changes and increments the version. With `expectedVersion`, throws
   * VersionConflictError when the stored version differs (another writer got there first).
   * Null when the preset is unknown.
   */
  update(name: string, changes: PresetChanges, expectedVersion?: number): Promise<Preset | null>;
  delete(name: string): Promise<boolean>;
}

export interface FileRepository {
  /**
   * Streams the content in and creates or replaces `name` (createdAt kept on replace). Throws
   * FileTooLargeError or ChecksumMismatchError, and on any failure stores nothing: the previous
   * file, if any, stays as it was.
   */
  put(upload: FileUpload, content: Readable): Promise<FileMeta>;
  get(name: string): Promise<FileMeta | null>;
  /** The content (or a range of it, within the size); null when the file is unknown. */
  read(name: string, range?: ByteRange): Promise<FileContent | null>;
  /** Sorted by name. */
  list(filter: FileFilter, paging?: Paging): Promise<Page<FileMeta>>;
  /** Metadata and content. */
  delete(name: string): Promise<boolean>;
}

export interface ProvisioningStateRepository {
  get(deviceId: string): Promise<ProvisioningRecord | null>;
  /**
   * Writes the device's state. expectedRevision null: the record must not exist (it is created
   * at revision 1); otherwise the stored revision must equal it (it becomes +1). Throws
   * VersionConflictError otherwise (actualVersion 0 when there is no record).
   */
  put(
    deviceId: string,
    state: ProvisioningRecord['state'],
    expectedRevision: number | null,
    at: Date,
  ): Promise<ProvisioningRecord>;
}

/** Per-device CPE credentials; a device without any uses the gateway's default pair. */
export interface CredentialRepository {
  /** Creates or replaces the device's credentials. */
  put(credentials: CpeCredentials): Promise<CpeCredentials>;
  get(deviceId: string): Promise<CpeCredentials | null>;
  /** False when the device had none. */
  delete(deviceId: string): Promise<boolean>;
}

/** USP Subscriptions of translated devices (the CWMP-to-USP translator's). */
export interface UspSubscriptionRepository {
  /** The device's subscriptions by instance number. */
  list(deviceId: string): Promise<UspSubscription[]>;
  /**
   * Stores a new subscription at the next instance number (one above the highest; 1 for the
   * first), built for that number by `build`, which may run again when another writer took it.
   */
  create(
    deviceId: string,
    build: (instance: number) => Pick<UspSubscription, 'params' | 'replyTo'>,
  ): Promise<UspSubscription>;
  /** Replaces the parameters of an instance (a Set); false when there is no such instance. */
  update(deviceId: string, instance: number, params: Record<string, string>): Promise<boolean>;
  /** False when there was no such instance. */
  delete(deviceId: string, instance: number): Promise<boolean>;
}

/** USP Operate requests in progress on translated devices (the CWMP-to-USP translator's). */
export interface UspRequestRepository {
  /** The device's requests by instance number. */
  list(deviceId: string): Promise<UspRequest[]>;
  /**
   * Stores a new request at the next instance number (one above the highest; 1 for the first),
   * built for that number by `build`, which may run again when another writer took it.
   */
  create(
    deviceId: string,
    build: (instance: number) => Omit<UspRequest, 'deviceId' | 'instance'>,
  ): Promise<UspRequest>;
  /** Replaces the parameters of an instance; false when there is no such instance. */
  update(deviceId: string, instance: number, params: Record<string, string>): Promise<boolean>;
  /** False when there was no such instance. */
  delete(deviceId: string, instance: number): Promise<boolean>;
  /** Requests of every device whose deadline is at or before `now`, earliest first. */
  overdue(now: Date, limit: number): Promise<UspRequest[]>;
}

export interface AuditRepository {
  append(entry: AuditEntryInput): Promise<AuditEntry>;
  /** Newest first. */
  list(filter: AuditFilter, paging?: Paging): Promise<Page<AuditEntry>>;
  /** Deletes at most `limit` entries made before `before`, oldest first: how many it deleted. */
  deleteBefore(before: Date, limit: number): Promise<number>;
}

/** The fields of a campaign that change after its creation. */
export type CampaignChanges = Partial<
  Pick<Campaign, 'state' | 'stage' | 'stageStartedAt' | 'countFrom' | 'pauseReason' | 'stopRules'>
> & { updatedAt: Date };

/** Firmware rollout campaigns and their devices (the campaign runner's state). */
export interface CampaignRepository {
  /** Stores the campaign with its devices; throws DuplicateKeyError when the campaignId exists. */
  create(campaign: Campaign, devices: CampaignDevice[]): Promise<Campaign>;
  get(campaignId: string): Promise<Campaign | null>;
  /** Newest first. */
  list(filter: { state?: CampaignState }, paging?: Paging): Promise<Page<Campaign>>;
  /**
   * Applies the changes (`pauseReason: undefined` clears it). With `expectedState`, changes
   * nothing and returns null when the stored state differs; null when the campaign is unknown.
   */
  update(
    campaignId: string,
    changes: CampaignChanges,
    expectedState?: CampaignState,
  ): Promise<Campaign | null>;
  /** The campaign's devices in rollout order, optionally only those in these states. */
  devices(campaignId: string, states?: CampaignDeviceState[]): Promise<CampaignDevice[]>;
  /** Writes the devices' records (campaignId and deviceId name the record to replace). */
  putDevices(devices: CampaignDevice[]): Promise<void>;
  /** Every campaign record of these devices in these states, whatever the campaign. */
  devicesById(deviceIds: string[], states: CampaignDeviceState[]): Promise<CampaignDevice[]>;
  /**
   * Deletes ended campaigns (completed or aborted) last updated before `before`, oldest first,
   * with their device records: at most `limit` records in all, a campaign's devices before the
   * campaign itself, so that a campaign of a million devices goes in bounded steps. How many
   * records (devices and campaigns) it deleted.
   */
  deleteEndedBefore(before: Date, limit: number): Promise<number>;
}

/** The Downloads the firmware service tracks, keyed by commandId. */
export interface TransferRepository {
  /**
   * Stores a waiting transfer. When the commandId exists (a result delivered twice) the stored
   * one is returned unchanged, with created false.
   */
  create(transfer: NewTransfer): Promise<{ transfer: Transfer; created: boolean }>;
  get(commandId: string): Promise<Transfer | null>;
  /** The device's newest transfer sent under `commandKey`. */
  findByKey(deviceId: string, commandKey: string): Promise<Transfer | null>;
  /** The device's transfers, newest first. */
  listByDevice(deviceId: string): Promise<Transfer[]>;
  /**
   * Ends a waiting transfer (published false). Null when it is unknown or already ended, so an
   * event delivered twice changes nothing.
   */
  end(commandId: string, end: TransferEnd): Promise<Transfer | null>;
  /** Records that the outcome was published. */
  markPublished(commandId: string): Promise<void>;
  /**
   * Work of the sweep, oldest deadline first, at most `limit`: waiting transfers whose deadline
   * is at or before `now`, and ended ones whose outcome was not published.
   */
  listDue(now: Date, limit: number): Promise<Transfer[]>;
  /**
   * Deletes at most `limit` transfers created before `before`, oldest first, that ended and whose
   * outcome was published (a waiting one, or one the sweep has still to publish, stays): how
   * many.
   */
  deleteEndedBefore(before: Date, limit: number): Promise<number>;
}

/** Every repository over one database connection. */
export interface Store {
  devices: DeviceRepository;
  parameters: ParameterRepository;
  tasks: TaskRepository;
  faults: FaultRepository;
  presets: PresetRepository;
  files: FileRepository;
  provisioning: ProvisioningStateRepository;
  credentials: CredentialRepository;
  uspSubscriptions: UspSubscriptionRepository;
  uspRequests: UspRequestRepository;
  audit: AuditRepository;
  campaigns: CampaignRepository;
  transfers: TransferRepository;
  close(): Promise<void>;
}

/** Nest injection token of the Store. */
export const STORE = Symbol('Store');
