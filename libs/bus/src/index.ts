export * from './bus';
export * from './delivery';
export * from './logger';
export * from './retry';
export * from './in-process';
export * from './kafka';
export * from './kafka-lag';
