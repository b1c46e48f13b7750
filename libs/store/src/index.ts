export * from './types';
export * from './ports';
export * from './errors';
export { informedDevice, sameInformParameters } from './rules';
export { createSqliteStore, type SqliteStoreOptions } from './sqlite/store';
export { createMongoStore, type MongoStoreOptions } from './mongo/store';
export { storeWithSpan } from './tracing';
