import mongoose from 'mongoose';
import { createMongoStore } from '@meridian/store';
import { MONGO_URL } from '@meridian/testing';
import { allInOneE2e } from './all-in-one-suite';

/*
 * The all-in-one's e2e on the MongoDB-wire server (FerretDB here): the same scenario as on
 * SQLite, with MERIDIAN_STORE=mongo. A database of its own, dropped after; discovery reads one
 * subtree, not the whole tree, so the scenario stays about the store being used (FerretDB on its
 * SQLite backend takes seconds per device for a full tree).
 */
const mongoUrl = `${MONGO_URL.replace(/\/[^/]*$/, '')}/e2e_allinone_${Date.now()}`;

allInOneE2e({
  name: 'MongoDB',
  env: {
    MERIDIAN_STORE: 'mongo',
    MERIDIAN_MONGO_URL: mongoUrl,
    MERIDIAN_DISCOVERY_PATHS: 'ManagementServer.',
  },
  check: async (deviceIds) => {
    // The devices are in the configured database, not in a SQLite file.
    const store = await createMongoStore(mongoUrl);
    try {
      for (const deviceId of deviceIds) {
        expect(await store.devices.get(deviceId)).toMatchObject({ deviceId });
      }
    } finally {
      await store.close();
    }
  },
  cleanUp: async () => {
    const connection = await mongoose.createConnection(mongoUrl).asPromise();
    await connection.dropDatabase();
    await connection.close();
  },
});
