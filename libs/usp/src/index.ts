export { usp, usp_record } from './generated/usp-proto';
export * from './errors';
export * from './msg';
export * from './record';
export * from './session-context';
export * from './cwmp-faults';
export * from './endpoint-id';
export * from './path';
export * from './resolve';
