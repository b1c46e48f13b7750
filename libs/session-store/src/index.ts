export * from './session-store';
export * from './in-memory-session-store';
export * from './redis-session-store';
export * from './cancel';
