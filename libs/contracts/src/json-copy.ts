/**
 * What `JSON.parse(JSON.stringify(value))` gives, built in one pass without the text, and frozen
 * (deeply): for a value that stays in this process (the in-process bus's messages, the in-memory
 * session store's records), the same as what crossed the wire, at about a quarter of the CPU.
 * As JSON does: a non-finite number becomes null, an `undefined`, function or symbol property is
 * left out (null in an array), an object with `toJSON` (a Date) takes what that returns, a
 * BigInt or a cycle throws.
 */
export function frozenJsonCopy<V>(value: V): V {
  return copy(value, 0, undefined) as V;
}

/**
 * Nesting depth up to which no cycle is looked for. Messages and session records nest a few
 * levels; keeping the path of every object (a set add and delete each) cost a third of a copy.
 * A cycle recurses past this depth, where the path is kept from there on and finds it within
 * one more turn around it.
 */
const UNTRACKED_DEPTH = 64;

function copy(value: unknown, depth: number, path: Set<object> | undefined): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
  if (typeof value !== 'object' || value === null) return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return deepFreeze(JSON.parse(JSON.stringify(value)) as unknown);
  }
  const onPath = path ?? (depth >= UNTRACKED_DEPTH ? new Set<object>() : undefined);
  if (onPath?.has(value)) throw new TypeError('Converting circular structure to JSON');
  onPath?.add(value);
  let out: unknown[] | Record<string, unknown>;
  if (Array.isArray(value)) {
    out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out[i] = skipped(item) ? null : copy(item, depth + 1, onPath);
    }
  } else {
    out = {};
    for (const key of Object.keys(value)) {
      const inner: unknown = (value as Record<string, unknown>)[key];
      if (!skipped(inner)) out[key] = copy(inner, depth + 1, onPath);
    }
  }
  onPath?.delete(value);
  return Object.freeze(out);
}

const skipped = (value: unknown): boolean =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** Freezes a decoded JSON value (fresh objects and arrays, no cycles) and everything in it. */
export function deepFreeze<V>(value: V): V {
  if (Array.isArray(value)) {
    for (const item of value as unknown[])
      if (typeof item === 'object' && item !== null) deepFreeze(item);
  } else {
    for (const key in value) {
      const inner: unknown = value[key];
      if (typeof inner === 'object' && inner !== null) deepFreeze(inner);
    }
  }
  return Object.freeze(value);
}
