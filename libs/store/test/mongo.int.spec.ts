import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { createMongoStore, type Store } from '../src';
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
      expect(await indexes('devices')).toContainEqual({ key: { deviceId: 1 }, unique: true });
      expect(await indexes('parameters')).toContainEqual({
        key: { deviceId: 1, path: 1 },
        unique: true,
      });
      expect(await indexes('tasks')).toContainEqual({
        key: { deviceId: 1, status: 1, createdAt: 1 },
        unique: false,
      });
      expect(await indexes('faults')).toContainEqual({
        key: { deviceId: 1, channel: 1 },
        unique: true,
      });
      expect(await indexes('presets')).toContainEqual({ key: { name: 1 }, unique: true });
    } finally {
      await store.close();
      await connection.dropDatabase();
      await connection.close();
    }
  });
});
