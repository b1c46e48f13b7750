import { parentPathOf, zeroValueOf } from '@meridian/data-model';
import type { DataModel, ObjectMeta, ParameterMeta } from '@meridian/data-model';
import type { DeviceState } from './state';

/** Mutable working copies of the state's collections, for building a new state. */
export interface Draft {
  values: Map<string, string>;
  objects: Set<string>;
  nextInstance: Map<string, number>;
}

export function draftOf(state: DeviceState): Draft {
  return {
    values: new Map(state.values),
    objects: new Set(state.objects),
    nextInstance: new Map(state.nextInstance),
  };
}

/** Whether an object path is a table ("Device.WiFi.SSID."): its rows exist in the model. */
export function isTablePath(model: DataModel, path: string): boolean {
  return model.object(`${path}{i}.`)?.multiInstance === true && !/\.\d+\.$/.test(path);
}

/** The parts of an object instance that are the same on every device: built once per path. */
interface ObjectLayout {
  meta: ObjectMeta;
  /** Full instance path of each parameter, in model order. */
  parameterPaths: string[];
  defaults: string[];
  tables: string[];
  /** For a row ("….3."): its table and number. */
  row?: { table: string; n: number };
}

// Memoization only (no behaviour): thousands of devices share one layout per path, and with it
// the parameter path strings, which are most of a device's memory.
const layouts = new WeakMap<DataModel, Map<string, ObjectLayout>>();

function layoutOf(model: DataModel, path: string): ObjectLayout {
  let byPath = layouts.get(model);
  if (byPath === undefined) layouts.set(model, (byPath = new Map()));
  let layout = byPath.get(path);
  if (layout === undefined) {
    const meta = model.object(path);
    if (meta === undefined) throw new Error(`no object ${path} in ${model.version}`);
    const m = /^(.*\.)(\d+)\.$/.exec(path);
    layout = {
      meta,
      parameterPaths: meta.parameters.map((p) => path + p.name),
      defaults: meta.parameters.map(zeroValueOf),
      tables: model
        .childObjects(meta.path)
        .filter((c) => c.multiInstance)
        .map((c) => path + c.path.slice(meta.path.length, -'{i}.'.length)),
      ...(m?.[1] !== undefined ? { row: { table: m[1], n: Number(m[2]) } } : {}),
    };
    byPath.set(path, layout);
  }
  return layout;
}

/**
 * Creates the object at an instance path with every parameter of its model definition, set to
 * the given values or else the model default (or the type's zero value). Missing ancestors are
 * created too (tables hold no parameters of their own), and so are the object's own tables,
 * empty until rows are added.
 */
export function instantiate(
  model: DataModel,
  draft: Draft,
  path: string,
  overrides: Readonly<Record<string, string>> = {},
): void {
  const layout = layoutOf(model, path);
  ensureParent(model, draft, path);
  draft.objects.add(path);
  for (const table of layout.tables) draft.objects.add(table);
  const params = layout.meta.parameters;
  let used = 0;
  for (let i = 0; i < params.length; i++) {
    const override = overrides[params[i]!.name];
    if (override !== undefined) used++;
    draft.values.set(layout.parameterPaths[i]!, override ?? layout.defaults[i]!);
  }
  if (used !== Object.keys(overrides).length) {
    const known = new Set(params.map((p) => p.name));
    const unknown = Object.keys(overrides).filter((n) => !known.has(n));
    throw new Error(`no parameter ${path}{${unknown.join(',')}} in ${model.version}`);
  }
  if (layout.row) {
    const { table, n } = layout.row;
    draft.nextInstance.set(table, Math.max(draft.nextInstance.get(table) ?? 1, n + 1));
  }
}

function ensureParent(model: DataModel, draft: Draft, path: string): void {
  const parent = parentPathOf(path);
  if (parent === '' || draft.objects.has(parent)) return;
  if (isTablePath(model, parent)) {
    ensureParent(model, draft, parent);
    draft.objects.add(parent);
  } else {
    instantiate(model, draft, parent);
  }
}

/** Removes an object and everything beneath it. */
export function removeSubtree(draft: Draft, path: string): void {
  for (const o of draft.objects) if (o.startsWith(path)) draft.objects.delete(o);
  for (const v of draft.values.keys()) if (v.startsWith(path)) draft.values.delete(v);
}

/** Object metadata of an existing object path; tables answer with their row's metadata. */
export function objectMetaOf(model: DataModel, path: string): ObjectMeta | undefined {
  return model.object(path) ?? model.object(`${path}{i}.`);
}

export function parameterMetaOf(state: DeviceState, path: string): ParameterMeta | undefined {
  return state.values.has(path) ? state.model.parameter(path) : undefined;
}

/**
 * Whether GetParameterNames reports an object as writable: a table when AddObject is allowed on
 * it, a row when DeleteObject is (TR-069 A.3.2.3 and A.3.2.6/7).
 */
export function isObjectWritable(model: DataModel, path: string): boolean {
  if (isTablePath(model, path)) return model.object(`${path}{i}.`)?.writable === true;
  const meta = model.object(path);
  return meta !== undefined && meta.multiInstance && meta.writable && /\.\d+\.$/.test(path);
}

/**
 * The value a read returns: counters of table rows ("…NumberOfEntries") and clocks are derived
 * from the state; hidden values (passwords) read back empty.
 */
export function readValue(state: DeviceState, path: string, now: number): string {
  const stored = state.values.get(path) ?? '';
  const meta = state.model.parameter(path);
  if (meta?.hidden) return '';
  if (path.endsWith('NumberOfEntries')) {
    const table = `${path.slice(0, -'NumberOfEntries'.length)}.`;
    if (state.objects.has(table)) return String(countRows(state, table));
  }
  if (path === `${state.model.root}.DeviceInfo.UpTime`) {
    return String(Math.max(0, Math.floor((now - state.bootTime) / 1000)));
  }
  if (path === `${state.model.root}.Time.CurrentLocalTime`) {
    return new Date(now).toISOString().replace(/\.\d+Z$/, 'Z');
  }
  return stored;
}

export function countRows(state: DeviceState, table: string): number {
  let n = 0;
  for (const o of state.objects)
    if (o.startsWith(table) && /^\d+\.$/.test(o.slice(table.length))) n++;
  return n;
}

/** Direct children of an object: its parameters, then its child objects, in creation order. */
export function childrenOf(
  state: DeviceState,
  path: string,
): { name: string; isObject: boolean }[] {
  const out: { name: string; isObject: boolean }[] = [];
  for (const v of state.values.keys()) {
    if (v.startsWith(path) && !v.slice(path.length).includes('.'))
      out.push({ name: v, isObject: false });
  }
  for (const o of state.objects) {
    if (o !== path && o.startsWith(path) && parentPathOf(o) === path)
      out.push({ name: o, isObject: true });
  }
  return out;
}
