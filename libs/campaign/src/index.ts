export * from './types';
export { minutesOf, specProblems } from './spec';
export {
  applyOutcome,
  evaluate,
  inWindow,
  planDevices,
  progressOf,
  RATE_MIN_SAMPLE,
  stageEnds,
  stopReason,
  type EvaluateOptions,
} from './engine';
