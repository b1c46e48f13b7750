import type { Connection, Model } from 'mongoose';
import { isDuplicateKey, retryOnDuplicate } from './errors';
import { childId } from './keys';
import { locate } from './parameters';
import type {
  CredentialsDoc,
  DeviceDoc,
  FaultDoc,
  LegacyParameterDoc,
  ParameterGroupDoc,
  ProvisioningDoc,
} from './schemas';

/** Below FerretDB 1.24's limit on update statements per command (see parameters.ts). */
const CHUNK = 50;

/**
 * `_id` of the document that claimed `revision` of a device's provisioning state in layouts 2–4
 * (a fixed-width revision, so a device's claims sorted in revision order); layout 5 has none.
 */
const claimId = (deviceId: string, revision: number): string =>
  childId(deviceId, String(revision).padStart(12, '0'));

export interface MigratedModels {
  devices: Model<DeviceDoc>;
  parameters: Model<ParameterGroupDoc>;
  faults: Model<FaultDoc>;
  provisioning: Model<ProvisioningDoc>;
  credentials: Model<CredentialsDoc>;
}

/**
 * The layout versions of a MongoDB database, in order; the version reached is kept in the
 * `meta` collection (`{ _id: "layout", version }`). Each step is the released one: never edit
 * it, add a step. A step is safe to run again (a crash midway runs it again at the next start).
 */
const STEPS: ((models: MigratedModels) => Promise<unknown>)[] = [
  // 1: devices get registeredAt.
  (models) => backfillRegisteredAt(models.devices),
  // 2: every per-session document keyed by _id (keys.ts) instead of an ObjectId.
  async (models) => {
    await rekey(models.devices, (doc) => doc.deviceId);
    await rekey(models.parameters as unknown as Model<LegacyParameterDoc>, (doc) =>
      childId(doc.deviceId, doc.path),
    );
    await rekey(models.faults, (doc) => childId(doc.deviceId, doc.channel));
    await rekeyProvisioning(models.provisioning);
  },
  // 3: a device's CPE credentials keyed by _id = deviceId (read at every authenticated session).
  (models) => rekey(models.credentials, (doc) => doc.deviceId),
  // 4: cached parameters grouped into one document per device and object (parameters.ts).
  (models) => groupParameters(models.parameters),
  // 5: a device's provisioning state is its one document (provisioning.ts): claims folded in.
  (models) => foldProvisioningClaims(models.provisioning),
  // 6: the provisioning state moved into its device's document (read with the device at once).
  (models) => moveProvisioningIntoDevices(models.provisioning, models.devices),
];

/** The layout version this code writes. */
export const LAYOUT_VERSION = STEPS.length;

interface MetaDoc {
  _id: string;
  version: number;
}

/**
 * Brings the database to LAYOUT_VERSION, step by step, after the indexes are in line with the
 * schemas (so indexes of the old layout no longer constrain the new documents). Refuses a
 * database written by a newer version. Returns the version it started from.
 */
export async function migrate(connection: Connection, models: MigratedModels): Promise<number> {
  const meta = connection.db?.collection<MetaDoc>('meta');
  if (meta === undefined) throw new Error('migrate: the connection is not open');
  const from = (await meta.findOne({ _id: 'layout' }))?.version ?? 0;
  if (from > LAYOUT_VERSION) {
    throw new Error(
      `the database has layout version ${from}, newer than this Meridian's ${LAYOUT_VERSION}: upgrade Meridian`,
    );
  }
  for (let version = from + 1; version <= LAYOUT_VERSION; version++) {
    await STEPS[version - 1]?.(models);
    // Services starting together on a new database run the steps side by side (each is safe
    // to run again); the first upserts of the version race to insert it.
    await retryOnDuplicate(() =>
      meta.updateOne({ _id: 'layout' }, { $set: { version } }, { upsert: true }),
    );
  }
  return from;
}

/**
 * Devices stored by the first version have no registeredAt: they get their firstInform, the
 * time they were created. Without pipeline updates (FerretDB 1.24) it is one update per
 * document; the registeredAt index finds them.
 */
async function backfillRegisteredAt(devices: Model<DeviceDoc>): Promise<number> {
  // The driver's collection, not the model: a document of the first layout has an ObjectId
  // `_id`, which the model's String `_id` would cast into a filter that matches nothing.
  const collection = devices.collection;
  let updated = 0;
  for (;;) {
    const docs = await collection
      .find(
        { registeredAt: { $exists: false }, firstInform: { $exists: true } },
        { projection: { _id: 1, firstInform: 1 } },
      )
      .limit(CHUNK)
      .toArray();
    if (docs.length === 0) return updated;
    await collection.bulkWrite(
      docs.map((doc) => ({
        updateOne: {
          filter: { _id: doc._id, registeredAt: { $exists: false } },
          update: { $set: { registeredAt: doc['firstInform'] as Date } },
        },
      })),
      { ordered: false },
    );
    updated += docs.length;
  }
}

/**
 * Copies each document still keyed by an ObjectId to its new `_id`, then deletes the old one,
 * CHUNK at a time. A copy left by an interrupted run is a duplicate key the next run skips.
 */
async function rekey<T extends { _id: unknown }>(
  model: Model<T>,
  idOf: (doc: T) => string,
): Promise<number> {
  const collection = model.collection;
  let moved = 0;
  for (;;) {
    const docs = (await collection
      .find({ _id: { $type: 'objectId' } })
      .limit(CHUNK)
      .toArray()) as unknown as T[];
    if (docs.length === 0) return moved;
    try {
      await collection.insertMany(
        docs.map((doc) => ({ ...doc, _id: idOf(doc) }) as never),
        { ordered: false },
      );
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    await collection.deleteMany({ _id: { $in: docs.map((doc) => doc._id as never) } });
    moved += docs.length;
  }
}

/** Each revision becomes a claim, and the newest one of each device its head too. */
async function rekeyProvisioning(provisioning: Model<ProvisioningDoc>): Promise<number> {
  const collection = provisioning.collection;
  let moved = 0;
  for (;;) {
    const docs = (await collection
      .find({ _id: { $type: 'objectId' } })
      .limit(CHUNK)
      .toArray()) as unknown as ProvisioningDoc[];
    if (docs.length === 0) return moved;
    for (const doc of docs) {
      const claim = { ...doc, _id: claimId(doc.deviceId, doc.revision) };
      try {
        await collection.insertOne(claim as never);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const head = await collection.findOne({ _id: doc.deviceId as never });
      if (head === null || (head['revision'] as number) < doc.revision) {
        await collection.replaceOne(
          { _id: doc.deviceId as never },
          { ...claim, _id: doc.deviceId } as never,
          { upsert: true },
        );
      }
    }
    await collection.deleteMany({ _id: { $in: docs.map((doc) => doc._id as never) } });
    moved += docs.length;
  }
}

/**
 * Each per-path parameter document (it has a top-level `updatedAt`) is written into its object's
 * document, then deleted, CHUNK at a time. An object's own entry was keyed like its group
 * document: it becomes that document in place. Running it again rewrites the same fields.
 */
async function groupParameters(parameters: Model<ParameterGroupDoc>): Promise<number> {
  const collection = parameters.collection;
  let moved = 0;
  for (;;) {
    const docs = (await collection
      .find({ updatedAt: { $exists: true } })
      .limit(CHUNK)
      .toArray()) as unknown as LegacyParameterDoc[];
    if (docs.length === 0) return moved;
    const leaves = docs.filter((doc) => !doc.path.endsWith('.'));
    await collection.bulkWrite(
      docs.map(({ deviceId, path, value, type, writable, updatedAt }) => {
        const { object, field } = locate(path);
        const entry = Object.fromEntries(
          Object.entries({ value, type, writable, updatedAt }).filter(([, v]) => v !== undefined),
        );
        return {
          updateOne: {
            filter: { _id: childId(deviceId, object) as never },
            update: {
              $set: { [field]: entry },
              $setOnInsert: { deviceId, path: object },
              ...(field === 'self'
                ? { $unset: { value: '', type: '', writable: '', updatedAt: '' } }
                : {}),
            },
            upsert: true,
          },
        };
      }),
      { ordered: false },
    );
    if (leaves.length > 0) {
      await collection.deleteMany({ _id: { $in: leaves.map((doc) => doc._id as never) } });
    }
    moved += docs.length;
  }
}

/**
 * Layouts 2–4 kept each revision of a device's provisioning state as a claim (`_id` deviceId/
 * revision) beside the head (`_id` deviceId, a copy of the newest claim written after it). A
 * claim newer than its head (a put interrupted between the two) becomes the head; then the
 * claims are deleted, CHUNK at a time. A deviceId never holds "/", a claim's `_id` always does.
 */
async function foldProvisioningClaims(provisioning: Model<ProvisioningDoc>): Promise<number> {
  const collection = provisioning.collection;
  let folded = 0;
  for (;;) {
    const claims = (await collection
      .find({ _id: { $regex: '/' } as never })
      .limit(CHUNK)
      .toArray()) as unknown as ProvisioningDoc[];
    if (claims.length === 0) return folded;
    for (const claim of claims) {
      const head = await collection.findOne({ _id: claim.deviceId as never });
      if (head === null || (head['revision'] as number) < claim.revision) {
        await collection.replaceOne(
          { _id: claim.deviceId as never },
          { ...claim, _id: claim.deviceId } as never,
          { upsert: true },
        );
      }
    }
    await collection.deleteMany({ _id: { $in: claims.map((claim) => claim._id as never) } });
    folded += claims.length;
  }
}

/**
 * Each provisioning document of layout 5 is set as its device document's `provisioning` field,
 * unless that field is already there (written by this layout, so newer), then deleted, CHUNK at a
 * time. A state whose device is gone (a put that raced the device's deletion) is deleted with
 * nothing to move into. Running it again moves what is left.
 */
async function moveProvisioningIntoDevices(
  provisioning: Model<ProvisioningDoc>,
  devices: Model<DeviceDoc>,
): Promise<number> {
  const from = provisioning.collection;
  let moved = 0;
  for (;;) {
    const docs = (await from.find().limit(CHUNK).toArray()) as unknown as ProvisioningDoc[];
    if (docs.length === 0) return moved;
    await devices.collection.bulkWrite(
      docs.map(({ deviceId, state, revision, updatedAt }) => ({
        updateOne: {
          filter: { _id: deviceId as never, provisioning: { $exists: false } },
          update: { $set: { provisioning: { state, revision, updatedAt } } },
        },
      })),
      { ordered: false },
    );
    await from.deleteMany({ _id: { $in: docs.map((doc) => doc._id as never) } });
    moved += docs.length;
  }
}
