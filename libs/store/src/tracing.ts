import { traced } from '@meridian/telemetry';

export interface TraceTarget {
  /** "mongodb" or "sqlite". */
  system: string;
  collection: string;
}

/** Every repository method timed, and an event "store.<collection>.<method>" on the caller's span. */
export const tracedRepository = <T extends object>(repository: T, target: TraceTarget): T =>
  traced(repository, { prefix: `store.${target.collection}`, ...target });
