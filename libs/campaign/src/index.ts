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
  nextWindow,
  stopReason,
  windowZone,
  type EvaluateOptions,
} from './engine';
export { isTimeZone, localMinutes, parsePosixTimeZone, type PosixTimeZone } from './time-zone';
