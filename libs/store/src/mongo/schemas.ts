import mongoose, { Schema } from 'mongoose';
import type { CpeMethodRequest, CpeMethodResponse, XsdType } from '@meridian/cwmp';
import type { CommandFault, DiagnosticRequest, DiagnosticResult } from '@meridian/contracts';
import type {
  ConnectionRequestResult,
  CpeCredentials,
  Device,
  InformParameter,
  TaskStatus,
  Transfer,
  UspRequest,
  UspSubscription,
} from '../types';

// Documents as stored. Free-form JSON chosen by other services (preset rules, fault details) is
// kept as JSON text: its keys may hold "." or "$", which MongoDB and FerretDB restrict.

/**
 * A device's provisioning state in its device document (layout 6): read with the device in one
 * command, written by an update conditional on `revision` (provisioning.ts).
 */
export interface DeviceProvisioning {
  /** JSON text. */
  state: string;
  revision: number;
  updatedAt: Date;
}

/**
 * `_id` = deviceId (see keys.ts). `informParameters`: the Inform's ParameterList as JSON text
 * since layout 6 (an array of documents before, still read as such): every Inform reads the
 * device document and most rewrite it, the list is only ever read and compared whole, and one
 * string is what FerretDB (which decodes and re-encodes a whole document per read and update)
 * and the driver handle cheapest.
 */
export type DeviceDoc = Omit<Device, 'informParameters'> & {
  _id: string;
  informParameters?: string | InformParameter[];
  provisioning?: DeviceProvisioning;
};

/** `_id` = childId(deviceId, path). */
/** One cached parameter inside its object's document; fields never told are absent. */
export interface ParameterEntry {
  value?: string;
  type?: XsdType;
  writable?: boolean;
  updatedAt: Date;
}

/**
 * The cached parameters of one object of one device (`_id` = deviceId/objectPath): the object's
 * own entry (`self`, e.g. an instance's writable flag) and its leaves by name (`p`, names with
 * "%" and "$" percent-encoded).
 */
export interface ParameterGroupDoc {
  _id: string;
  deviceId: string;
  /** The object path, ending with "." ("" for leaves of no object). */
  path: string;
  self?: ParameterEntry;
  p?: Record<string, ParameterEntry>;
}

/** A cached parameter as layouts 1–3 stored it: one document per path (migrated by step 4). */
export interface LegacyParameterDoc {
  _id: unknown;
  deviceId: string;
  path: string;
  value?: string;
  type?: XsdType;
  writable?: boolean;
  updatedAt: Date;
}

export interface TaskDoc {
  commandId: string;
  commandIds?: string[];
  deviceId: string;
  rpc?: CpeMethodRequest;
  diagnostic?: DiagnosticRequest;
  connectionRequest: boolean;
  source: string;
  createdAt: Date;
  expiresAt?: Date;
  status: TaskStatus;
  updatedAt: Date;
  response?: CpeMethodResponse;
  fault?: CommandFault;
  reason?: string;
  diagnosticResult?: DiagnosticResult;
  connectionRequestResult?: ConnectionRequestResult;
}

/** `_id` = childId(deviceId, channel). */
export interface FaultDoc {
  _id: string;
  deviceId: string;
  channel: string;
  code: string;
  message: string;
  /** JSON text. */
  detail?: string;
  failures: number;
  timestamp: Date;
}

export interface PresetDoc {
  name: string;
  channel: string;
  weight: number;
  events: string[];
  /** JSON text. */
  precondition: string;
  /** JSON text of the array. */
  configurations: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Layouts 2–5's provisioning documents, moved into the device documents by layout 6. */
export interface ProvisioningDoc {
  _id: string;
  deviceId: string;
  /** JSON text. */
  state: string;
  revision: number;
  updatedAt: Date;
}

/** `_id` = deviceId (see keys.ts). */
export type CredentialsDoc = CpeCredentials & { _id: string };

export type UspSubscriptionDoc = UspSubscription;

export type UspRequestDoc = UspRequest;

export interface AuditDoc {
  /** The entry's id. */
  _id: string;
  at: Date;
  actor: string;
  role: string;
  action: string;
  deviceId?: string;
  target?: string;
  status: number;
  /** JSON text. */
  detail?: string;
}

/** `_id` = commandId. */
export type TransferDoc = Transfer & { _id: string };

export interface FileDoc {
  name: string;
  type: string;
  size: number;
  sha256: string;
  version?: string;
  oui?: string;
  productClass?: string;
  modelName?: string;
  /** The GridFS file of the content. */
  contentId?: mongoose.mongo.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

// Each index serves a query of the repositories; FerretDB 1.24 supports plain and unique
// indexes (no TTL, no partial), so nothing else is declared. Per-session reads and writes go by
// `_id` (keys.ts); the other indexes serve the NBI's lists and filters.
const options = { versionKey: false, strict: true } as const;

export const deviceSchema = new Schema<DeviceDoc>(
  {
    _id: { type: String, required: true },
    deviceId: { type: String, required: true },
    identity: {
      type: new Schema(
        {
          // Not `required`: that rejects "", and an empty ProductClass is valid.
          manufacturer: String,
          oui: String,
          productClass: String,
          serialNumber: String,
        },
        { _id: false },
      ),
      required: true,
    },
    status: { type: String, required: true },
    tags: { type: [String], default: undefined },
    registeredAt: { type: Date, required: true },
    firstInform: Date,
    lastInform: Date,
    lastBoot: Date,
    lastBootstrap: Date,
    lastEvents: { type: [String], default: undefined },
    // JSON text (an array of { path, value, type } in documents of layout 5 and before).
    informParameters: { type: Schema.Types.Mixed, default: undefined },
    softwareVersion: String,
    hardwareVersion: String,
    connectionRequestUrl: String,
    remoteAddress: String,
    parameterKey: String,
    periodicInformInterval: Number,
    onlineUntil: Date,
    cwmpVersion: String,
    provisioning: {
      type: new Schema({ state: String, revision: Number, updatedAt: Date }, { _id: false }),
      default: undefined,
    },
  },
  { ...options, collection: 'devices' },
);
deviceSchema.index({ tags: 1 });
deviceSchema.index({ lastInform: 1 });
deviceSchema.index({ firstInform: 1 });
deviceSchema.index({ onlineUntil: 1 });
// Also finds the documents of the previous version, which lack it (see migrations.ts).
deviceSchema.index({ registeredAt: 1 });
deviceSchema.index({ 'identity.oui': 1, 'identity.productClass': 1, 'identity.serialNumber': 1 });

export const parameterSchema = new Schema<ParameterGroupDoc>(
  {
    _id: { type: String, required: true },
    deviceId: { type: String, required: true },
    path: { type: String, required: true },
    self: Schema.Types.Mixed,
    p: Schema.Types.Mixed,
  },
  { ...options, collection: 'parameters' },
);
// The NBI's filter on a parameter's value (`path` + `p.<leaf>.value`).
parameterSchema.index({ path: 1 });

/**
 * On MongoDB 7 (not FerretDB 1.24, which has no wildcard indexes and serves no index but `_id`
 * anyway) the value filter is answered from a wildcard index on the leaves' fields.
 */
export function parameterSchemaFor(ferretDb: boolean): Schema<ParameterGroupDoc> {
  if (ferretDb) return parameterSchema;
  const schema = parameterSchema.clone();
  schema.index({ 'p.$**': 1 });
  return schema;
}

export const taskSchema = new Schema<TaskDoc>(
  {
    commandId: { type: String, required: true },
    commandIds: { type: [String], default: undefined },
    deviceId: { type: String, required: true },
    rpc: Schema.Types.Mixed,
    diagnostic: Schema.Types.Mixed,
    connectionRequest: { type: Boolean, required: true },
    source: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: Date,
    status: { type: String, required: true },
    updatedAt: { type: Date, required: true },
    response: Schema.Types.Mixed,
    fault: Schema.Types.Mixed,
    reason: String,
    diagnosticResult: Schema.Types.Mixed,
    connectionRequestResult: new Schema(
      {
        outcome: { type: String, required: true },
        method: String,
        attempts: { type: Number, required: true },
        error: String,
        at: { type: Date, required: true },
      },
      { _id: false },
    ),
  },
  { ...options, collection: 'tasks', minimize: false },
);
taskSchema.index({ commandId: 1 }, { unique: true });
taskSchema.index({ deviceId: 1, status: 1, createdAt: 1 });
taskSchema.index({ createdAt: -1 });

export const faultSchema = new Schema<FaultDoc>(
  {
    _id: { type: String, required: true },
    deviceId: { type: String, required: true },
    channel: { type: String, required: true },
    code: { type: String, required: true },
    message: { type: String, required: true },
    detail: String,
    failures: { type: Number, required: true },
    timestamp: { type: Date, required: true },
  },
  { ...options, collection: 'faults' },
);
faultSchema.index({ timestamp: -1 });

export const presetSchema = new Schema<PresetDoc>(
  {
    name: { type: String, required: true },
    channel: { type: String, required: true },
    weight: { type: Number, required: true },
    events: { type: [String], default: undefined },
    precondition: { type: String, required: true },
    configurations: { type: String, required: true },
    version: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: 'presets' },
);
presetSchema.index({ name: 1 }, { unique: true });

export const fileSchema = new Schema<FileDoc>(
  {
    name: { type: String, required: true },
    type: { type: String, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    version: String,
    oui: String,
    productClass: String,
    modelName: String,
    contentId: Schema.Types.ObjectId,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: 'files' },
);
fileSchema.index({ name: 1 }, { unique: true });
fileSchema.index({ type: 1 });

export const provisioningSchema = new Schema<ProvisioningDoc>(
  {
    _id: { type: String, required: true },
    deviceId: { type: String, required: true },
    state: { type: String, required: true },
    revision: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: 'provisioning' },
);

export const credentialsSchema = new Schema<CredentialsDoc>(
  {
    _id: { type: String, required: true },
    deviceId: { type: String, required: true },
    username: { type: String, required: true },
    realm: { type: String, required: true },
    ha1: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: 'credentials' },
);

export const uspSubscriptionSchema = new Schema<UspSubscriptionDoc>(
  {
    deviceId: { type: String, required: true },
    instance: { type: Number, required: true },
    params: { type: Schema.Types.Mixed, required: true },
    replyTo: { type: String, default: null },
  },
  { ...options, collection: 'usp_subscriptions' },
);
uspSubscriptionSchema.index({ deviceId: 1, instance: 1 }, { unique: true });

export const uspRequestSchema = new Schema<UspRequestDoc>(
  {
    deviceId: { type: String, required: true },
    instance: { type: Number, required: true },
    commandId: { type: String, required: true },
    listed: { type: Boolean, required: true },
    params: { type: Schema.Types.Mixed, required: true },
    inputs: { type: Schema.Types.Mixed, required: true },
    deadline: { type: Date, required: true },
  },
  { ...options, collection: 'usp_requests' },
);
uspRequestSchema.index({ deviceId: 1, instance: 1 }, { unique: true });
// The translator's sweep of overdue requests.
uspRequestSchema.index({ deadline: 1 });

export const auditSchema = new Schema<AuditDoc>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    role: { type: String, required: true },
    action: { type: String, required: true },
    deviceId: String,
    target: String,
    status: { type: Number, required: true },
    detail: String,
  },
  { ...options, collection: 'audit' },
);
auditSchema.index({ at: -1 });
auditSchema.index({ deviceId: 1, at: -1 });
auditSchema.index({ actor: 1, at: -1 });

/** `_id` = campaignId; target, stages, window and stop rules as JSON text (like preset rules). */
export interface CampaignDoc {
  _id: string;
  name: string;
  fileName: string;
  version: string;
  target: string;
  stages: string;
  maxInFlight: number;
  window?: string;
  stopRules: string;
  state: string;
  stage: number;
  stageStartedAt: Date;
  countFrom: Date;
  pauseReason?: string;
  createdAt: Date;
  updatedAt: Date;
}

export const campaignSchema = new Schema<CampaignDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    fileName: { type: String, required: true },
    version: { type: String, required: true },
    target: { type: String, required: true },
    stages: { type: String, required: true },
    maxInFlight: { type: Number, required: true },
    window: String,
    stopRules: { type: String, required: true },
    state: { type: String, required: true },
    stage: { type: Number, required: true },
    stageStartedAt: { type: Date, required: true },
    countFrom: { type: Date, required: true },
    pauseReason: String,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: 'campaigns' },
);
campaignSchema.index({ state: 1, createdAt: -1 });
campaignSchema.index({ createdAt: -1 });

/** `_id` = childId(campaignId, deviceId): a campaign's devices are one `_id` range. */
export interface CampaignDeviceDoc {
  _id: string;
  campaignId: string;
  deviceId: string;
  order: number;
  stage: number;
  state: string;
  skipReason?: string;
  commandId?: string;
  startedAt?: Date;
  sentAt?: Date;
  cancelledAt?: Date;
  finishedAt?: Date;
  outcome?: string;
  faultCode?: number;
  faultString?: string;
  timeZone?: string;
}

export const campaignDeviceSchema = new Schema<CampaignDeviceDoc>(
  {
    _id: { type: String, required: true },
    campaignId: { type: String, required: true },
    deviceId: { type: String, required: true },
    order: { type: Number, required: true },
    stage: { type: Number, required: true },
    state: { type: String, required: true },
    skipReason: String,
    commandId: String,
    startedAt: Date,
    sentAt: Date,
    cancelledAt: Date,
    finishedAt: Date,
    outcome: String,
    faultCode: Number,
    faultString: String,
    timeZone: String,
  },
  { ...options, collection: 'campaignDevices' },
);
campaignDeviceSchema.index({ deviceId: 1, state: 1 });

export const transferSchema = new Schema<TransferDoc>(
  {
    _id: { type: String, required: true },
    commandId: { type: String, required: true },
    deviceId: { type: String, required: true },
    commandKey: { type: String, required: true },
    fileName: String,
    fileType: String,
    version: String,
    fromVersion: String,
    state: { type: String, required: true },
    faultCode: Number,
    faultString: String,
    reportedVersion: String,
    published: { type: Boolean, required: true },
    deadline: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: 'transfers' },
);
transferSchema.index({ deviceId: 1, commandKey: 1, createdAt: -1 });
transferSchema.index({ deviceId: 1, createdAt: -1 });
transferSchema.index({ state: 1, deadline: 1 });
transferSchema.index({ published: 1, state: 1 });
transferSchema.index({ createdAt: 1 });
