export * from './config';
export * from './specs';
export * from './layout';
export * from './file';
