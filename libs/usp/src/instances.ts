import { UspError } from './errors';
import type { usp } from './generated/usp-proto';
import { parsePath } from './path';
import { cwmpReadName } from './read';
import { resolvePath, type SnapshotIndex } from './resolve';
import {
  supportedModel,
  supportedPathOf,
  type DevicePresence,
  type SupportedModel,
} from './supported-dm';

const INSTANCE_PATH = /\.[1-9][0-9]*\.$/;

/**
 * The GetInstancesResp answered from a snapshot of the device's parameters (TR-369 "The
 * GetInstances Message"): the instances of each table the path addresses (or the instances a
 * search or wildcard matched), with every table instance beneath them unless
 * `first_level_only`, each with the values of its unique keys that the cache holds.
 *
 * Errors per path: 7008 (syntax), 7018 for an object that is not a table, 7016 for a path the
 * device's supported model has but the device does not (no search), 7026 otherwise.
 */
export function getInstancesResp(
  index: SnapshotIndex,
  request: usp.IGetInstances,
  device: DevicePresence,
  model: SupportedModel = supportedModel(),
): usp.IGetInstancesResp {
  return {
    reqPathResults: (request.objPaths ?? []).map((requestedPath) => {
      try {
        const currInsts = instances(
          index,
          requestedPath,
          request.firstLevelOnly === true,
          device,
          model,
        );
        return { requestedPath, errCode: 0, errMsg: '', currInsts };
      } catch (err) {
        if (!(err instanceof UspError)) throw err;
        return { requestedPath, errCode: err.code, errMsg: err.message, currInsts: [] };
      }
    }),
  };
}

function instances(
  index: SnapshotIndex,
  text: string,
  firstLevelOnly: boolean,
  device: DevicePresence,
  model: SupportedModel,
): usp.GetInstancesResp.ICurrInstance[] {
  const path = parsePath(text);
  if (path.kind !== 'object') throw new UspError(7018, `${text} is not an object path`);
  const { objects } = resolvePath(index, path);
  const supported = supportedPathOf(text.endsWith('.') ? text : `${text}.`);
  const isTable = (p: string | undefined) =>
    p !== undefined && model.objects.get(`${p}{i}.`)?.multiInstance === true;
  if (objects.length === 0) {
    const searched = path.segments.some((s) => s.type === 'wildcard' || s.type === 'search');
    const known =
      supported !== undefined &&
      (device.objects.has(supported) || device.objects.has(`${supported}{i}.`));
    if (searched && known) return [];
    throw new UspError(known ? 7016 : 7026, `${text} is not an object of the device`);
  }
  const matched: string[] = [];
  for (const object of objects) {
    if (INSTANCE_PATH.test(object)) matched.push(object);
    else if (isTable(supportedPathOf(object))) matched.push(...childInstances(index, object));
    else throw new UspError(7018, `${object} is not a table (a Multi-Instance Object)`);
  }
  const all = firstLevelOnly ? matched : matched.flatMap((m) => [m, ...nestedInstances(index, m)]);
  return [...new Set(all)].map((instantiatedObjPath) => ({
    instantiatedObjPath,
    uniqueKeys: uniqueKeysOf(index, instantiatedObjPath, model),
  }));
}

/** One fresh read for a GetInstances: GetParameterNames, or GetParameterValues when values count. */
export interface InstancesRead {
  /** The CWMP partial path read. */
  name: string;
  /** GetParameterValues: a search expression or a reference needs the values of the subtree. */
  values: boolean;
  /** GetParameterNames NextLevel true: the path's own children are all that is asked for. */
  nextLevel: boolean;
}

/**
 * The reads that answer a GetInstances fresh from the CPE: for each object path, its subtree up
 * to the first wildcard, search or reference (`cwmpReadName`) by GetParameterNames, with
 * NextLevel when `first_level_only` asks for no more than that object's children (nothing
 * after a final wildcard), and GetParameterValues where a search or reference compares values.
 * A read another one already covers is left out.
 */
export function instancesReads(paths: readonly string[], firstLevelOnly: boolean): InstancesRead[] {
  const reads = new Map<string, InstancesRead>();
  for (const text of paths) {
    let path;
    try {
      path = parsePath(text);
    } catch {
      continue;
    }
    const name = cwmpReadName(text);
    if (path.kind !== 'object' || name === undefined) continue;
    const values = path.segments.some((s) => s.type === 'search' || s.type === 'reference');
    const wildcard = path.segments.findIndex((s) => s.type === 'wildcard');
    const nextLevel =
      firstLevelOnly && !values && (wildcard < 0 || wildcard === path.segments.length - 1);
    const earlier = reads.get(name);
    reads.set(name, {
      name,
      values: values || earlier?.values === true,
      nextLevel: nextLevel && earlier?.nextLevel !== false,
    });
  }
  const all = [...reads.values()];
  return all.filter(
    (r) =>
      !all.some(
        (o) =>
          o !== r &&
          !o.nextLevel &&
          (o.values || !r.values) &&
          o.name.endsWith('.') &&
          r.name.startsWith(o.name),
      ),
  );
}

/**
 * The unique-key parameter paths of the instances a GetInstancesResp lists, by the model's
 * unique keys (what one GetParameterValues reads to give their current values).
 */
export function uniqueKeyPaths(
  resp: usp.IGetInstancesResp,
  model: SupportedModel = supportedModel(),
): { instance: string; paths: string[] }[] {
  const out = new Map<string, string[]>();
  for (const result of resp.reqPathResults ?? []) {
    for (const inst of result.currInsts ?? []) {
      const instance = inst.instantiatedObjPath ?? '';
      const object = model.objects.get(supportedPathOf(instance) ?? '');
      const keys = [...new Set(object?.uniqueKeys.flat() ?? [])];
      if (keys.length > 0)
        out.set(
          instance,
          keys.map((k) => instance + k),
        );
    }
  }
  return [...out].map(([instance, paths]) => ({ instance, paths }));
}

function childInstances(index: SnapshotIndex, table: string): string[] {
  return resolvePath(index, `${table}*.`).objects;
}

/** Every table instance beneath an object, depth first in numeric order. */
function nestedInstances(index: SnapshotIndex, object: string): string[] {
  const out: string[] = [];
  const visit = (o: string): void => {
    for (const child of index.objects.get(o)?.children ?? []) {
      const path = `${o}${child}.`;
      if (/^[0-9]+$/.test(child)) out.push(path);
      visit(path);
    }
  };
  visit(object);
  return out.sort(compareInstancePaths);
}

/** Orders paths segment by segment, numbers numerically, so parents precede their children. */
function compareInstancePaths(a: string, b: string): number {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] ?? '';
    const q = y[i] ?? '';
    if (p === q) continue;
    const numeric = /^[0-9]+$/.test(p) && /^[0-9]+$/.test(q);
    return numeric ? Number(p) - Number(q) : p < q ? -1 : 1;
  }
  return x.length - y.length;
}

function uniqueKeysOf(
  index: SnapshotIndex,
  instance: string,
  model: SupportedModel,
): Record<string, string> {
  const keys: Record<string, string> = {};
  const object = model.objects.get(supportedPathOf(instance) ?? '');
  for (const name of new Set(object?.uniqueKeys.flat() ?? [])) {
    const entry = index.entries.get(instance + name);
    if (entry?.value !== undefined) keys[name] = entry.value;
  }
  return keys;
}
