import type { CachedValue, ParameterView } from '@meridian/provisioning-engine';
import type { CachedParameter, ParameterInput } from '@meridian/store';

/** The planner's view of a device's cache: the stored records, then what this Inform carried. */
export function parameterView(
  cached: readonly CachedParameter[],
  overlay: readonly ParameterInput[] = [],
): ParameterView {
  const values = new Map<string, CachedValue>();
  for (const p of cached)
    values.set(p.path, { value: p.value, type: p.type, writable: p.writable });
  for (const p of overlay) {
    const known = values.get(p.path);
    values.set(p.path, {
      value: p.value ?? known?.value,
      type: p.type ?? known?.type,
      writable: p.writable ?? known?.writable,
    });
  }
  let sorted: string[] | undefined;
  return {
    get: (path) => values.get(path),
    under(prefix) {
      sorted ??= [...values.keys()].sort();
      return sorted.filter((path) => path.startsWith(prefix));
    },
  };
}
