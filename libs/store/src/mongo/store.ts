import mongoose, { type mongo } from 'mongoose';
import { AuditIdGenerator } from '../audit-id';
import type { Store } from '../ports';
import { tracedRepository, type TraceTarget } from '../tracing';
import { MongoAuditRepository } from './audit';
import { MongoCampaignRepository } from './campaigns';
import { MongoCredentialRepository } from './credentials';
import { DeviceDocuments } from './device-documents';
import { MongoDeviceRepository } from './devices';
import { MongoFaultRepository } from './faults';
import { MongoFileRepository } from './files';
import { MongoParameterRepository } from './parameters';
import { migrate } from './migrations';
import { MongoPresetRepository } from './presets';
import { MongoProvisioningStateRepository } from './provisioning';
import {
  auditSchema,
  campaignDeviceSchema,
  campaignSchema,
  credentialsSchema,
  deviceSchema,
  faultSchema,
  fileSchema,
  parameterSchemaFor,
  presetSchema,
  provisioningSchema,
  taskSchema,
  transferSchema,
  uspRequestSchema,
  uspSubscriptionSchema,
  type DeviceDoc,
} from './schemas';
import { MongoTaskRepository } from './tasks';
import { MongoTransferRepository } from './transfers';
import { MongoUspRequestRepository } from './usp-requests';
import { MongoUspSubscriptionRepository } from './usp-subscriptions';

export interface MongoStoreOptions {
  /** Overrides the database named in the URI. */
  dbName?: string;
  /** How long to wait for the server at start and per operation; default 10 s. */
  serverSelectionTimeoutMS?: number;
  /** Clock for the store's own timestamps (presets, files); default the system clock. */
  now?: () => Date;
  /**
   * TLS to the server with these PEMs: the CAs of its certificate, and a client certificate and
   * key (MONGODB-X509 or a server that requires one). TLS options in the URI apply as well.
   */
  tls?: { ca?: Buffer; cert?: Buffer; key?: Buffer };
}

/**
 * Connects to MongoDB 7 or FerretDB 1.24 and brings the indexes in line with the schemas
 * (syncIndexes) before returning. Uses only the query subset both servers serve.
 */
export async function createMongoStore(
  uri: string,
  options: MongoStoreOptions = {},
): Promise<Store> {
  const connection = mongoose.createConnection(uri, {
    ...(options.dbName === undefined ? {} : { dbName: options.dbName }),
    ...(options.tls === undefined ? {} : { tls: true, ...options.tls }),
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
    // Indexes are created once below, awaited, instead of in the background per model.
    autoIndex: false,
    autoCreate: false,
    // Optional fields inside stored values (an RPC's arguments) stay absent, not null.
    ignoreUndefined: true,
  });
  try {
    await connection.asPromise();
    // FerretDB answers buildInfo with its own version field; it has no wildcard index (schemas.ts).
    const buildInfo = await connection.db!.admin().command({ buildInfo: 1 });
    const ferretDb = 'ferretdbVersion' in buildInfo;
    const models = {
      devices: connection.model('Device', deviceSchema),
      parameters: connection.model('Parameter', parameterSchemaFor(ferretDb)),
      tasks: connection.model('Task', taskSchema),
      faults: connection.model('Fault', faultSchema),
      presets: connection.model('Preset', presetSchema),
      files: connection.model('File', fileSchema),
      provisioning: connection.model('Provisioning', provisioningSchema),
      credentials: connection.model('Credentials', credentialsSchema),
      uspSubscriptions: connection.model('UspSubscription', uspSubscriptionSchema),
      uspRequests: connection.model('UspRequest', uspRequestSchema),
      audit: connection.model('Audit', auditSchema),
      campaigns: connection.model('Campaign', campaignSchema),
      campaignDevices: connection.model('CampaignDevice', campaignDeviceSchema),
      transfers: connection.model('Transfer', transferSchema),
    };
    for (const model of Object.values(models)) {
      await model.createCollection();
      await model.syncIndexes();
    }
    await migrate(connection, models);
    const now = options.now ?? (() => new Date());
    const target = (collection: string): TraceTarget => ({
      system: 'mongodb',
      collection,
    });
    const devices = models.devices.collection as unknown as mongo.Collection<DeviceDoc>;
    const documents = new DeviceDocuments(devices);
    return {
      devices: tracedRepository(new MongoDeviceRepository(models, documents), target('devices')),
      parameters: tracedRepository(
        new MongoParameterRepository(models.parameters),
        target('parameters'),
      ),
      tasks: tracedRepository(new MongoTaskRepository(models.tasks), target('tasks')),
      faults: tracedRepository(new MongoFaultRepository(models.faults), target('faults')),
      presets: tracedRepository(new MongoPresetRepository(models.presets, now), target('presets')),
      files: tracedRepository(
        new MongoFileRepository(models.files, connection.db!, now),
        target('files'),
      ),
      provisioning: tracedRepository(
        new MongoProvisioningStateRepository(devices, documents),
        target('provisioning'),
      ),
      credentials: tracedRepository(
        new MongoCredentialRepository(models.credentials),
        target('credentials'),
      ),
      uspSubscriptions: tracedRepository(
        new MongoUspSubscriptionRepository(models.uspSubscriptions),
        target('usp_subscriptions'),
      ),
      uspRequests: tracedRepository(
        new MongoUspRequestRepository(models.uspRequests),
        target('usp_requests'),
      ),
      audit: tracedRepository(
        new MongoAuditRepository(models.audit, new AuditIdGenerator()),
        target('audit'),
      ),
      campaigns: tracedRepository(
        new MongoCampaignRepository(models.campaigns, models.campaignDevices),
        target('campaigns'),
      ),
      transfers: tracedRepository(
        new MongoTransferRepository(models.transfers),
        target('transfers'),
      ),
      close: () => connection.close(),
    };
  } catch (error) {
    await connection.close();
    throw error;
  }
}
