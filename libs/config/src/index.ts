export * from './config';
export * from './specs';
