export * from './model';
export * from './encode';
export * from './faults';
export * from './device-id';
export * from './errors';
export * from './values';
export { decodeEnvelope, DEFAULT_MAX_DEPTH, DEFAULT_MAX_SIZE, type DecodeOptions } from './decode';
export { decodeEnvelopeWithOracle } from './oracle';
export * from './names';
