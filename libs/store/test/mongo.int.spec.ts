import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { Readable } from 'node:stream';
import {
  ChecksumMismatchError,
  createMongoStore,
  FileTooLargeError,
  type ParameterInput,
  type Store,
} from '../src';
import { LAYOUT_VERSION } from '../src/mongo/migrations';
import { storeContract } from './contract';

// FerretDB (or MongoDB) started by `scripts/infra up mongo`.
const url = process.env['MERIDIAN_MONGO_URL'] ?? 'mongodb://127.0.0.1:27017/meridian';

/** The database of each store, so dispose can drop it. */
const databases = new WeakMap<Store, string>();

describe('mongo store', () => {
  jest.setTimeout(30_000);

  storeContract({
    open: async (now) => {
      // One database per test, so tests never see each other's documents.
      const dbName = `meridian_test_${randomBytes(6).toString('hex')}`;
      const store = await createMongoStore(url, { dbName, now, serverSelectionTimeoutMS: 5_000 });
      databases.set(store, dbName);
      return store;
    },
    // FerretDB tells itself apart in buildInfo; MongoDB's single-document updates are atomic.
    atomicUpdates: async () => {
      const connection = await mongoose
        .createConnection(url, { serverSelectionTimeoutMS: 5_000 })
        .asPromise();
      try {
        const info = await connection.db!.admin().command({ buildInfo: 1 });
        return info['ferretdbVersion'] === undefined;
      } finally {
        await connection.close();
      }
    },
    dispose: async (store) => {
      await store.close();
      const connection = await mongoose
        .createConnection(url, { dbName: databases.get(store), serverSelectionTimeoutMS: 5_000 })
        .asPromise();
      try {
        await connection.dropDatabase();
      } finally {
        await connection.close();
      }
    },
  });

  it('keeps file content in GridFS and leaves no chunks of a failed or replaced upload', async () => {
    const dbName = `meridian_test_${randomBytes(6).toString('hex')}`;
    const store = await createMongoStore(url, { dbName, serverSelectionTimeoutMS: 5_000 });
    const connection = await mongoose.createConnection(url, { dbName }).asPromise();
    try {
      const upload = { name: 'fw.bin', type: '1 Firmware Upgrade Image', maxBytes: 300_000 };
      // Two chunks (GridFS chunks are 255 KiB).
      await store.files.put(upload, Readable.from([Buffer.alloc(270_000, 1)]));
      await expect(
        store.files.put(upload, Readable.from([Buffer.alloc(270_000, 2), Buffer.alloc(40_000)])),
      ).rejects.toBeInstanceOf(FileTooLargeError);
      await expect(
        store.files.put({ ...upload, sha256: '0'.repeat(64) }, Readable.from([Buffer.from('x')])),
      ).rejects.toBeInstanceOf(ChecksumMismatchError);
      const count = (collection: string) => connection.db!.collection(collection).countDocuments();
      expect(await count('fileContent.files')).toBe(1);
      expect(await count('fileContent.chunks')).toBe(2);

      await store.files.put(upload, Readable.from([Buffer.from('small')]));
      expect(await count('fileContent.files')).toBe(1);
      expect(await count('fileContent.chunks')).toBe(1);
      await store.files.delete('fw.bin');
      expect(await count('fileContent.chunks')).toBe(0);
    } finally {
      await store.close();
      await connection.dropDatabase();
      await connection.close();
    }
  });

  it('declares the indexes each query needs', async () => {
    const dbName = `meridian_test_${randomBytes(6).toString('hex')}`;
    const store = await createMongoStore(url, { dbName, serverSelectionTimeoutMS: 5_000 });
    const connection = await mongoose.createConnection(url, { dbName }).asPromise();
    try {
      const indexes = async (collection: string) =>
        (await connection.db!.collection(collection).indexes()).map((index) => ({
          key: index.key,
          unique: index.unique === true,
        }));
      // Per-session reads and writes go by _id: no index of their own (see keys.ts).
      expect(await indexes('devices')).not.toContainEqual(
        expect.objectContaining({ key: { deviceId: 1 } }),
      );
      expect(await indexes('parameters')).toEqual([
        { key: { _id: 1 }, unique: false },
        { key: { path: 1 }, unique: false },
      ]);
      expect(await indexes('tasks')).toContainEqual({
        key: { deviceId: 1, status: 1, createdAt: 1 },
        unique: false,
      });
      expect(await indexes('presets')).toContainEqual({ key: { name: 1 }, unique: true });
      expect(await indexes('devices')).toContainEqual({ key: { onlineUntil: 1 }, unique: false });
      expect(await indexes('devices')).toContainEqual({ key: { firstInform: 1 }, unique: false });
      expect(await indexes('provisioning')).toEqual([{ key: { _id: 1 }, unique: false }]);
      expect(await indexes('credentials')).toEqual([{ key: { _id: 1 }, unique: false }]);
      expect(await indexes('audit')).toContainEqual({
        key: { deviceId: 1, at: -1 },
        unique: false,
      });
      expect(await indexes('audit')).toContainEqual({ key: { at: -1 }, unique: false });
    } finally {
      await store.close();
      await connection.dropDatabase();
      await connection.close();
    }
  });

  it("keeps a device's provisioning state in its document, apart from the device record", async () => {
    const dbName = `meridian_test_${randomBytes(6).toString('hex')}`;
    const store = await createMongoStore(url, { dbName, serverSelectionTimeoutMS: 5_000 });
    const connection = await mongoose.createConnection(url, { dbName }).asPromise();
    try {
      const at = new Date('2026-03-01T10:00:00Z');
      const identity = { manufacturer: 'M', oui: 'O', productClass: 'P', serialNumber: 'S1' };
      const informParameters = [
        { path: 'Device.DeviceInfo.UpTime', value: '42', type: 'xsd:unsignedInt' as const },
      ];
      await store.devices.upsertFromInform('D1', { identity, events: [], informParameters }, at);
      const before = await store.devices.get('D1');
      let revision: number | null = null;
      for (const applied of [['p0'], ['p0', 'p1']]) {
        revision = (await store.provisioning.put('D1', { applied }, revision, at)).revision;
      }

      // Its newest revision only, in the device's document.
      expect(
        await connection.db!.collection('devices').findOne({ _id: 'D1' as never }),
      ).toMatchObject({
        provisioning: { state: '{"applied":["p0","p1"]}', revision: 2 },
        // The ParameterList as one string (layout 6).
        informParameters: JSON.stringify(informParameters),
      });
      expect(await connection.db!.collection('provisioning').countDocuments()).toBe(0);
      // Read together (one find), each as its own record.
      const [device, record] = await Promise.all([
        store.devices.get('D1'),
        store.provisioning.get('D1'),
      ]);
      expect(device).toEqual(before);
      expect(device?.informParameters).toEqual(informParameters);
      expect(record).toMatchObject({ state: { applied: ['p0', 'p1'] }, revision: 2 });
      expect((await store.devices.list({})).items).toEqual([before]);
    } finally {
      await store.close();
      await connection.dropDatabase();
      await connection.close();
    }
  });

  it('caches the parameters of an Inform in one document per object, read back by point reads', async () => {
    const dbName = `meridian_test_${randomBytes(6).toString('hex')}`;
    const store = await createMongoStore(url, { dbName, serverSelectionTimeoutMS: 5_000 });
    const connection = await mongoose.createConnection(url, { dbName }).asPromise();
    try {
      const updatedAt = new Date('2026-03-01T10:00:00Z');
      // What a TR-181 Inform carries: 20 parameters of 3 objects.
      const paths = [
        ...[
          'Manufacturer',
          'ManufacturerOUI',
          'ProductClass',
          'SerialNumber',
          'HardwareVersion',
          'SoftwareVersion',
          'ProvisioningCode',
          'UpTime',
          'SpecVersion',
          'X_ACME-COM_$Odd%',
        ].map((name) => `Device.DeviceInfo.${name}`),
        ...[
          'ConnectionRequestURL',
          'ParameterKey',
          'PeriodicInformInterval',
          'PeriodicInformEnable',
          'Username',
          'UDPConnectionRequestAddress',
          'STUNEnable',
        ].map((name) => `Device.ManagementServer.${name}`),
        'Device.IP.Interface.1.IPv4Address.1.IPAddress',
        'Device.IP.Interface.1.IPv4Address.1.Enable',
        'Device.IP.Interface.1.IPv4Address.1.',
      ];
      await store.parameters.upsertMany(
        'D1',
        paths.map((path) => ({ path, value: `v ${path}`, type: 'xsd:string', updatedAt })),
      );
      expect(await connection.db!.collection('parameters').countDocuments()).toBe(3);
      const read = await store.parameters.get('D1', { paths: [...paths, 'Device.Nothing'] });
      expect(read).toEqual(
        [...paths].sort().map((path) => ({
          deviceId: 'D1',
          path,
          value: `v ${path}`,
          type: 'xsd:string',
          updatedAt,
        })),
      );
      expect(
        (await store.parameters.get('D1', { prefix: 'Device.DeviceInfo.Manufacturer' })).map(
          (p) => p.path,
        ),
      ).toEqual(['Device.DeviceInfo.Manufacturer', 'Device.DeviceInfo.ManufacturerOUI']);
      expect(
        await store.parameters.findDevicesByValue(
          'Device.DeviceInfo.X_ACME-COM_$Odd%',
          'v Device.DeviceInfo.X_ACME-COM_$Odd%',
        ),
      ).toEqual(['D1']);
    } finally {
      await store.close();
      await connection.dropDatabase();
      await connection.close();
    }
  });

  describe('on a database of an earlier layout', () => {
    const dbName = `meridian_test_${randomBytes(6).toString('hex')}`;
    const firstInform = new Date('2026-03-01T10:00:00Z');
    const at = new Date('2026-03-02T00:00:00Z');

    afterAll(async () => {
      const connection = await mongoose.createConnection(url, { dbName }).asPromise();
      await connection.dropDatabase();
      await connection.close();
    });

    // FerretDB writes about 100 documents a second on this machine: the migration takes a while.
    jest.setTimeout(120_000);

    it('migrates at start: registeredAt from firstInform, every document keyed by _id', async () => {
      // Documents as the first layout stored them: ObjectId keys, no registeredAt, the unique
      // indexes of that layout.
      const connection = await mongoose.createConnection(url, { dbName }).asPromise();
      const db = connection.db!;
      const old = Array.from({ length: 120 }, (_, i) => ({
        deviceId: `OLD-${String(i).padStart(3, '0')}`,
        identity: { manufacturer: 'M', oui: '00259E', productClass: 'P', serialNumber: `S${i}` },
        status: 'active',
        tags: [],
        firstInform: new Date(firstInform.getTime() + i * 1000),
        lastInform: at,
        lastEvents: ['2 PERIODIC'],
      }));
      await db.collection('devices').insertMany(old);
      await db.collection('devices').createIndex({ deviceId: 1 }, { unique: true });
      await db.collection('parameters').createIndex({ deviceId: 1, path: 1 }, { unique: true });
      await db.collection('parameters').insertMany(
        ['Device.A', 'Device.B.', 'Device.B.C'].map((path) => ({
          deviceId: 'OLD-000',
          path,
          value: `v-${path}`,
          updatedAt: at,
        })),
      );
      await db.collection('faults').insertOne({
        deviceId: 'OLD-000',
        channel: 'preset:x',
        code: '9003',
        message: 'refused',
        failures: 2,
        timestamp: at,
      });
      await db.collection('provisioning').insertMany(
        [1, 2].map((revision) => ({
          deviceId: 'OLD-000',
          revision,
          state: JSON.stringify({ revision }),
          updatedAt: at,
        })),
      );
      await db.collection('credentials').createIndex({ deviceId: 1 }, { unique: true });
      await db.collection('credentials').insertOne({
        deviceId: 'OLD-000',
        username: 'cpe-old',
        realm: 'meridian',
        ha1: 'a'.repeat(32),
        updatedAt: at,
      });
      await connection.close();

      const store = await createMongoStore(url, { dbName, serverSelectionTimeoutMS: 5_000 });
      const check = await mongoose.createConnection(url, { dbName }).asPromise();
      try {
        expect(await store.devices.get('OLD-000')).toMatchObject({
          registeredAt: firstInform,
          firstInform,
        });
        const page = await store.devices.list({}, { fields: ['registeredAt', 'firstInform'] });
        expect(page.total).toBe(120);
        expect(
          page.items.every((d) => d.registeredAt?.getTime() === d.firstInform?.getTime()),
        ).toBe(true);
        expect(
          (await store.parameters.get('OLD-000', { paths: ['Device.A', 'Device.B.C'] })).map(
            (p) => p.value,
          ),
        ).toEqual(['v-Device.A', 'v-Device.B.C']);
        expect(await store.parameters.get('OLD-000', { prefix: 'Device.B.' })).toHaveLength(2);
        expect(await store.faults.get('OLD-000', 'preset:x')).toMatchObject({ failures: 2 });
        expect(await store.provisioning.get('OLD-000')).toMatchObject({
          revision: 2,
          state: { revision: 2 },
        });
        expect(await store.credentials.get('OLD-000')).toEqual({
          deviceId: 'OLD-000',
          username: 'cpe-old',
          realm: 'meridian',
          ha1: 'a'.repeat(32),
          updatedAt: at,
        });
        // Cached parameters are grouped by object (layout 4): the object's own entry in place.
        expect(await check.db!.collection('parameters').find().sort({ _id: 1 }).toArray()).toEqual([
          {
            _id: 'OLD-000/Device.',
            deviceId: 'OLD-000',
            path: 'Device.',
            p: { A: { value: 'v-Device.A', updatedAt: at } },
          },
          {
            _id: 'OLD-000/Device.B.',
            deviceId: 'OLD-000',
            path: 'Device.B.',
            self: { value: 'v-Device.B.', updatedAt: at },
            p: { C: { value: 'v-Device.B.C', updatedAt: at } },
          },
        ]);
        // The newest revision (layout 5) in the device's document (layout 6), nothing left beside.
        expect(await check.db!.collection('provisioning').countDocuments()).toBe(0);
        expect(
          await check.db!.collection('devices').findOne({ _id: 'OLD-000' as never }),
        ).toMatchObject({ provisioning: { revision: 2, state: '{"revision":2}' } });
        expect(await store.devices.get('OLD-000')).not.toHaveProperty('provisioning');
        // Nothing is left under an ObjectId, and the layout version is recorded.
        for (const name of ['devices', 'parameters', 'faults', 'provisioning', 'credentials']) {
          expect(
            await check.db!.collection(name).countDocuments({ _id: { $type: 'objectId' } }),
          ).toBe(0);
        }
        expect(await check.db!.collection('devices').findOne({ _id: 'OLD-007' as never })).toEqual(
          expect.objectContaining({ deviceId: 'OLD-007' }),
        );
        expect(
          await check.db!.collection('credentials').findOne({ _id: 'OLD-000' as never }),
        ).toEqual(expect.objectContaining({ username: 'cpe-old' }));
        expect(await check.db!.collection('meta').findOne({ _id: 'layout' as never })).toEqual({
          _id: 'layout',
          version: LAYOUT_VERSION,
        });
      } finally {
        await store.close();
        await check.close();
      }
    });

    it('folds the provisioning claims of layout 4 into one document per device', async () => {
      // A fresh database: its own layout-4 provisioning documents.
      const dbName4 = `meridian_test_${randomBytes(6).toString('hex')}`;
      const connection = await mongoose.createConnection(url, { dbName: dbName4 }).asPromise();
      const at = new Date('2026-03-01T10:00:00Z');
      const doc = (_id: string, deviceId: string, revision: number) => ({
        _id,
        deviceId,
        revision,
        state: JSON.stringify({ revision }),
        updatedAt: at,
      });
      await connection.db!.collection('meta').insertOne({ _id: 'layout' as never, version: 4 });
      await connection
        .db!.collection('devices')
        .insertMany(['D1', 'D2'].map((id) => ({ _id: id, deviceId: id })) as never[]);
      await connection.db!.collection('provisioning').insertMany([
        // D1's head and claims, the newest claim written, its head not (a put interrupted).
        doc('D1', 'D1', 2),
        doc('D1/000000000002', 'D1', 2),
        doc('D1/000000000003', 'D1', 3),
        // D2: a head and its claim.
        doc('D2', 'D2', 1),
        doc('D2/000000000001', 'D2', 1),
      ] as never[]);
      const store = await createMongoStore(url, {
        dbName: dbName4,
        serverSelectionTimeoutMS: 5_000,
      });
      try {
        expect(await store.provisioning.get('D1')).toMatchObject({
          revision: 3,
          state: { revision: 3 },
        });
        expect(await store.provisioning.get('D2')).toMatchObject({ revision: 1 });
        // Folded, then moved into the device documents (layout 6).
        const devices = await connection.db!.collection('devices').find().toArray();
        expect(devices.map((d) => [d._id, d['provisioning']?.revision]).sort()).toEqual([
          ['D1', 3],
          ['D2', 1],
        ]);
        expect(await connection.db!.collection('provisioning').countDocuments()).toBe(0);
        // The next put goes on from the folded revision.
        expect(await store.provisioning.put('D1', { step: 4 }, 3, at)).toMatchObject({
          revision: 4,
        });
      } finally {
        await store.close();
        await connection.dropDatabase();
        await connection.close();
      }
    });

    it('moves the provisioning states of layout 5 into their device documents', async () => {
      const dbName5 = `meridian_test_${randomBytes(6).toString('hex')}`;
      const connection = await mongoose.createConnection(url, { dbName: dbName5 }).asPromise();
      const at = new Date('2026-03-01T10:00:00Z');
      const state = (deviceId: string, revision: number) => ({
        _id: deviceId,
        deviceId,
        revision,
        state: JSON.stringify({ deviceId, revision }),
        updatedAt: at,
      });
      const db = connection.db!;
      await db.collection('meta').insertOne({ _id: 'layout' as never, version: 5 });
      await db.collection('devices').insertMany([
        // Its ParameterList as layout 5 wrote it: an array, read as it is.
        {
          _id: 'D1',
          deviceId: 'D1',
          tags: [],
          informParameters: [{ path: 'Device.A', value: '1', type: 'xsd:string' }],
        },
        // Moved already by a run of this step that stopped before deleting D2's document.
        {
          _id: 'D2',
          deviceId: 'D2',
          tags: [],
          provisioning: { state: '{"moved":true}', revision: 4, updatedAt: at },
        },
      ] as never[]);
      // 120 states: more than one chunk; D3 has no device (deleted while its put ran).
      await db
        .collection('provisioning')
        .insertMany([
          state('D1', 7),
          state('D2', 3),
          state('D3', 1),
          ...Array.from({ length: 117 }, (_, i) => state(`X${String(i).padStart(3, '0')}`, 1)),
        ] as never[]);
      const store = await createMongoStore(url, {
        dbName: dbName5,
        serverSelectionTimeoutMS: 5_000,
      });
      try {
        expect(await store.provisioning.get('D1')).toEqual({
          deviceId: 'D1',
          state: { deviceId: 'D1', revision: 7 },
          stateJson: '{"deviceId":"D1","revision":7}',
          revision: 7,
          updatedAt: at,
        });
        expect(await store.provisioning.get('D2')).toMatchObject({
          state: { moved: true },
          revision: 4,
        });
        expect(await store.provisioning.get('D3')).toBeNull();
        expect(await db.collection('provisioning').countDocuments()).toBe(0);
        // No device made for a state without one.
        expect(await db.collection('devices').countDocuments()).toBe(2);
        // The next put goes on from the moved revision.
        expect(await store.provisioning.put('D1', { step: 8 }, 7, at)).toMatchObject({
          revision: 8,
        });
        const device = await store.devices.get('D1');
        expect(device).not.toHaveProperty('provisioning');
        expect(device?.informParameters).toEqual([
          { path: 'Device.A', value: '1', type: 'xsd:string' },
        ]);
      } finally {
        await store.close();
        await connection.dropDatabase();
        await connection.close();
      }
    });

    it('refuses a database of a newer layout', async () => {
      const connection = await mongoose.createConnection(url, { dbName }).asPromise();
      await connection
        .db!.collection('meta')
        .updateOne({ _id: 'layout' as never }, { $set: { version: LAYOUT_VERSION + 1 } });
      await connection.close();
      await expect(
        createMongoStore(url, { dbName, serverSelectionTimeoutMS: 5_000 }),
      ).rejects.toThrow(/newer than this Meridian/);
    });
  });

  it('opens on a new database from services starting at once', async () => {
    const dbName = `meridian_test_${randomBytes(6).toString('hex')}`;
    const open = () => createMongoStore(url, { dbName, serverSelectionTimeoutMS: 5_000 });
    const stores = await Promise.all(Array.from({ length: 8 }, open));
    const connection = await mongoose.createConnection(url, { dbName }).asPromise();
    try {
      const layout = await connection.db!.collection('meta').findOne({ _id: 'layout' as never });
      expect(layout?.['version']).toBe(LAYOUT_VERSION);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
      await connection.dropDatabase();
      await connection.close();
    }
  });

  it('stores the parameter updates of many devices sent at once', async () => {
    // 12 devices rewriting 60 cached objects each at the same moment (a boot storm's discovery
    // results): 720 update statements in flight together. Stock FerretDB 1.24 answered none of
    // them (each statement held a pool connection until its command returned; the FerretDB of
    // scripts/infra is patched, deploy/local/ferretdb/README.md).
    const dbName = `meridian_test_${randomBytes(6).toString('hex')}`;
    const store = await createMongoStore(url, { dbName, serverSelectionTimeoutMS: 5_000 });
    const devices = Array.from({ length: 12 }, (_, d) => `D${d}`);
    const objects = (value: string, updatedAt: Date): ParameterInput[] =>
      Array.from({ length: 60 }, (_, o) => ({
        path: `Device.Obj.${o}.Value`,
        value,
        type: 'xsd:string',
        updatedAt,
      }));
    try {
      const first = new Date('2026-03-01T10:00:00Z');
      const second = new Date('2026-03-01T10:01:00Z');
      await Promise.all(devices.map((d) => store.parameters.upsertMany(d, objects('a', first))));
      await Promise.all(devices.map((d) => store.parameters.upsertMany(d, objects('b', second))));

      for (const d of devices) {
        const cached = await store.parameters.get(d, { prefix: 'Device.Obj.' });
        expect(cached).toHaveLength(60);
        expect(new Set(cached.map((p) => p.value))).toEqual(new Set(['b']));
      }
    } finally {
      await store.close();
      const connection = await mongoose.createConnection(url, { dbName }).asPromise();
      await connection.dropDatabase();
      await connection.close();
    }
  });
});
