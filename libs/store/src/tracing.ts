import type { Span } from '@opentelemetry/api';
import { traced, withSpan } from '@meridian/telemetry';
import type { Store } from './ports';

export interface TraceTarget {
  /** "mongodb" or "sqlite". */
  system: string;
  collection: string;
}

/**
 * Every repository method timed; through `storeWithSpan`, an event "store.<collection>.<method>"
 * on the caller's span.
 */
export const tracedRepository = <T extends object>(repository: T, target: TraceTarget): T =>
  traced(repository, { prefix: `store.${target.collection}`, ...target });

/**
 * `store` whose repositories' calls are events on `span` (the caller's: a bus handler's consumer
 * span, an RPC span); `store` itself when the span is not recorded, so an untraced call costs
 * nothing more.
 */
export function storeWithSpan(store: Store, span: Span | undefined): Store {
  if (!span?.isRecording()) return store;
  // A repository's view made once per span, not on every `store.<repository>` read.
  const views = new Map<string | symbol, object>();
  return new Proxy(store, {
    get(target, property, receiver) {
      const member: unknown = Reflect.get(target, property, receiver);
      if (typeof member !== 'object' || member === null) return member;
      let view = views.get(property);
      if (!view) {
        view = withSpan(member, span);
        views.set(property, view);
      }
      return view;
    },
  });
}
