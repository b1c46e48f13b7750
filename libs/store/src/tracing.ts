import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  ATTR_DB_COLLECTION_NAME,
  ATTR_DB_NAMESPACE,
  ATTR_DB_OPERATION_NAME,
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

/**
 * Wraps every method of a repository in a client span "store.<collection>.<method>" (no
 * driver instrumentation is installed, so these are the store's only spans). Costs nothing
 * when no tracer provider is registered.
 */
export function traced<T extends object>(repository: T, target: TraceTarget): T {
  const tracer = trace.getTracer(TRACER_NAME);
  return new Proxy(repository, {
    get(object, property, receiver) {
      const member: unknown = Reflect.get(object, property, receiver);
      if (typeof member !== 'function' || typeof property !== 'string') return member;
      return (...args: unknown[]): unknown =>
        tracer.startActiveSpan(
          `store.${target.collection}.${property}`,
          {
            kind: SpanKind.CLIENT,
            attributes: {
              [ATTR_DB_SYSTEM_NAME]: target.system,
              [ATTR_DB_NAMESPACE]: target.namespace,
              [ATTR_DB_COLLECTION_NAME]: target.collection,
              [ATTR_DB_OPERATION_NAME]: property,
            },
          },
          async (span) => {
            try {
              return await (member as (...a: unknown[]) => Promise<unknown>).apply(object, args);
            } catch (error) {
              span.recordException(error instanceof Error ? error : String(error));
              span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
              throw error;
            } finally {
              span.end();
            }
          },
        );
    },
  });
}
