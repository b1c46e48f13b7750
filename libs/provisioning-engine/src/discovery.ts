import type { CpeMethodResponse, ParameterInfo } from '@meridian/cwmp';
import type { DiscoveredParameter, Purpose } from './types';

/** One discovery GetParameterValues: what it asks for, and what the names told of it. */
export interface DiscoveryBatch {
  /** Partial paths (whole subtrees) and leaf names, at most `size` leaves in all. */
  parameterNames: string[];
  leaves: number;
  /** The objects whose entries this batch writes (every leaf of each is in the batch). */
  objects: string[];
  /** The writable names among the batch's objects and leaves. */
  writable: string[];
}

interface Node {
  path: string;
  leaves: ParameterInfo[];
  children: Node[];
  /** Leaves in the whole subtree. */
  count: number;
}

const parentOf = (path: string): string => {
  const body = path.endsWith('.') ? path.slice(0, -1) : path;
  return body.slice(0, body.lastIndexOf('.') + 1);
};

/**
 * The GetParameterNames list as a tree under `top` (the object discovery asked for), objects the
 * list leaves out (a CPE may) included.
 */
function treeOf(top: string, list: readonly ParameterInfo[]): Node {
  const nodes = new Map<string, Node>();
  const nodeOf = (path: string): Node => {
    let node = nodes.get(path);
    if (node) return node;
    node = { path, leaves: [], children: [], count: 0 };
    nodes.set(path, node);
    if (path !== top && path.length > top.length) nodeOf(parentOf(path)).children.push(node);
    return node;
  };
  nodeOf(top);
  for (const info of list) {
    if (!info.name.startsWith(top)) continue;
    if (info.name.endsWith('.')) nodeOf(info.name);
    else nodeOf(parentOf(info.name)).leaves.push(info);
  }
  const count = (node: Node): number =>
    (node.count = node.leaves.length + node.children.reduce((n, c) => n + count(c), 0));
  count(nodes.get(top) as Node);
  return nodes.get(top) as Node;
}

const merged = (parts: DiscoveryBatch[]): DiscoveryBatch => ({
  parameterNames: parts.flatMap((p) => p.parameterNames),
  leaves: parts.reduce((n, p) => n + p.leaves, 0),
  objects: parts.flatMap((p) => p.objects),
  writable: parts.flatMap((p) => p.writable),
});

/**
 * Discovery's GetParameterValues batches from its GetParameterNames list (pure): whole subtrees
 * asked for by their partial path (TR-069 A.3.2.2; every CPE takes them) as long as a subtree
 * has at most `size` leaves, an object's own leaves by name otherwise, packed into batches of at
 * most `size` leaves. Each batch covers its objects whole, so the values, types and
 * writability of an object are written once, together, when its batch answers. No batch when
 * the list has no leaves.
 */
export function discoveryBatches(
  top: string,
  list: readonly ParameterInfo[],
  size: number,
): DiscoveryBatch[] {
  const listed = new Set(list.map((p) => p.name));
  const writable = new Set(list.filter((p) => p.writable).map((p) => p.name));
  const units: DiscoveryBatch[] = [];
  const unitOf = (names: string[], leaves: string[], objects: string[]): DiscoveryBatch => ({
    parameterNames: names,
    leaves: leaves.length,
    objects,
    writable: [...objects, ...leaves].filter((name) => writable.has(name)),
  });
  const visit = (node: Node): void => {
    if (node.count <= size && node.count > 0) {
      const objects: string[] = [];
      const leaves: string[] = [];
      const walk = (n: Node): void => {
        if (listed.has(n.path)) objects.push(n.path);
        leaves.push(...n.leaves.map((l) => l.name));
        n.children.forEach(walk);
      };
      walk(node);
      units.push(unitOf([node.path], leaves, objects));
      return;
    }
    const own = node.leaves.map((l) => l.name);
    const self = listed.has(node.path) ? [node.path] : [];
    if (own.length === 0) units.push(unitOf([], [], self));
    for (let i = 0; i < own.length; i += size) {
      const chunk = own.slice(i, i + size);
      units.push(unitOf(chunk, chunk, i === 0 ? self : []));
    }
    node.children.forEach(visit);
  };
  visit(treeOf(top, list));

  // Objects without leaves go with the unit after them (the last one when none follows), then
  // the units are packed biggest first, each into the first batch with room for it: about as
  // few batches as leaves / size.
  const sized: DiscoveryBatch[] = [];
  let held: DiscoveryBatch[] = [];
  for (const unit of units) {
    if (unit.leaves === 0) {
      held.push(unit);
      continue;
    }
    sized.push(merged([...held, unit]));
    held = [];
  }
  const lastUnit = sized.pop();
  if (lastUnit) sized.push(merged([lastUnit, ...held]));
  const batches: DiscoveryBatch[] = [];
  for (const unit of [...sized].sort((a, b) => b.leaves - a.leaves)) {
    const index = batches.findIndex((batch) => batch.leaves + unit.leaves <= size);
    if (index < 0) batches.push(unit);
    else batches[index] = merged([batches[index] as DiscoveryBatch, unit]);
  }
  return batches;
}

/**
 * The cache records a discovery values batch stands for: the values and types the CPE sent, with
 * the writability GetParameterNames told (held in the batch's purpose), and the batch's objects.
 * Undefined for a batch planned without the names (its names were cached when they came).
 */
export function discoveredRecords(
  purpose: Extract<Purpose, { kind: 'discoverValues' }>,
  asked: readonly string[],
  response: Extract<CpeMethodResponse, { name: 'GetParameterValuesResponse' }>,
): DiscoveredParameter[] | undefined {
  if (purpose.objects === undefined) return undefined;
  const writable = new Set(purpose.writable);
  const objects = new Set(purpose.objects);
  const byName = new Set(asked);
  return [
    ...purpose.objects.map((path) => ({ path, writable: writable.has(path) })),
    ...response.parameterList.map(({ name, value, type }) => ({
      path: name,
      value,
      type,
      // A leaf GetParameterNames did not list (it appeared since): its writability is not told.
      ...(objects.has(parentOf(name)) || byName.has(name) ? { writable: writable.has(name) } : {}),
    })),
  ];
}

/** What GetParameterNames told, as cache records: names and writability. */
export const namedRecords = (list: readonly ParameterInfo[]): DiscoveredParameter[] =>
  list.map(({ name, writable }) => ({ path: name, writable }));
