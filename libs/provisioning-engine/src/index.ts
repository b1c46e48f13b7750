export * from './types';
export { informUnchangedUntil, plan, planWithoutCache } from './plan';
export { cacheReadsOf, readsPath, type CacheReads } from './reads';
export { matches, triggeredBy, testValue } from './precondition';
export { versionCompare } from './version';
export { emptyState, parseState } from './state';
export {
  parsePreset,
  presetNameProblem,
  validatePresetBody,
  type PresetBody,
  type Validation,
} from './validate';
export { PresetError } from './errors';
export { commandIdOf } from './command-id';
export { isObjectName, isParameterName, isRelativeName, isTableName } from './names';
export { cpePasswordOf } from './credentials';
