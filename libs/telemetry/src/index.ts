export * from './sdk';
export * from './propagation';
export * from './session-span';
export * from './traced';
export * from './metrics';
export * from './health';
export * from './ops-http';
