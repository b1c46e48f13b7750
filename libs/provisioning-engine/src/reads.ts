import type { ProvisioningPreset } from './types';

/** What of a device's cache the planner reads: these exact paths, and every path under these. */
export interface CacheReads {
  paths: string[];
  prefixes: string[];
}

/**
 * Everything plan() can read of the parameter cache with these presets: the paths their
 * preconditions test and their setParameterValues set, and the objects of ensureInstances
 * (instances are found under them). Discovery and refresh read nothing of the cache. So the
 * caller loads only these records per message instead of the device's whole tree, and the
 * planner stays a pure function of what it is given.
 */
export function cacheReadsOf(presets: readonly ProvisioningPreset[]): CacheReads {
  const paths = new Set<string>();
  const prefixes = new Set<string>();
  for (const preset of presets) {
    for (const { path } of preset.precondition.parameters ?? []) paths.add(path);
    for (const action of preset.actions) {
      if (action.type === 'setParameterValues') {
        for (const { path } of action.parameters) paths.add(path);
      } else if (action.type === 'ensureInstances') {
        prefixes.add(action.object);
      }
    }
  }
  return { paths: [...paths].sort(), prefixes: [...prefixes].sort() };
}

/** Whether the planner can read `path` with these reads (cacheReadsOf). */
export const readsPath = (reads: CacheReads, path: string): boolean =>
  reads.paths.includes(path) || reads.prefixes.some((prefix) => path.startsWith(prefix));
