export * from './sdk';
export * from './propagation';
export * from './session-span';
export * from './traced';
