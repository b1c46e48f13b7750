export * from './types';
export { SessionStateError } from './errors';
export { initialSession, isExpired, expiresAt, parseSessionState } from './state';
export {
  reduceSession,
  resumeAcsTurn,
  idleEndsLinger,
  MAX_CPE_SESSION_TIMEOUT_MS,
} from './reducer';
export {
  recoverCommand,
  withCommandKey,
  wireKeyOf,
  unsendableFault,
  commandProblem,
  requestProblem,
  MAX_COMMAND_ID_LENGTH,
  isCommandExpired,
  type RecoveryDecision,
} from './commands';
export {
  ACS_METHODS,
  answerCpeRequest,
  type CpeRequest,
  type CpeRequestAnswer,
} from './cpe-requests';
