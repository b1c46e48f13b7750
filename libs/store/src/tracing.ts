import { traced } from '@meridian/telemetry';
import {
  ATTR_DB_COLLECTION_NAME,
  ATTR_DB_NAMESPACE,
  ATTR_DB_SYSTEM_NAME,
} from '@opentelemetry/semantic-conventions';

export const TRACER_NAME = 'meridian-store';

export interface TraceTarget {
  /** db.system.name: "mongodb" or "sqlite". */
  system: string;
  /** db.namespace: the database name or file. */
  namespace: string;
  collection: string;
}

/** Every repository method in a client span "store.<collection>.<method>". */
export const tracedRepository = <T extends object>(repository: T, target: TraceTarget): T =>
  traced(repository, {
    tracerName: TRACER_NAME,
    spanPrefix: `store.${target.collection}`,
    attributes: {
      [ATTR_DB_SYSTEM_NAME]: target.system,
      [ATTR_DB_NAMESPACE]: target.namespace,
      [ATTR_DB_COLLECTION_NAME]: target.collection,
    },
  });
