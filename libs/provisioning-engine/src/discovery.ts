import type { CpeMethodResponse, ParameterInfo } from '@meridian/cwmp';
import type { DiscoveredParameter } from './types';

/** One discovery GetParameterValues: what it asks for, and what the names told of it. */
export interface DiscoveryBatch {
  /** Partial paths (whole subtrees) and leaf names, at most `size` leaves in all. */
  parameterNames: string[];
  leaves: number;
  /** What the names told of the batch, as `Purpose` holds it (`HeldNames`). */
  names: HeldNames;
}

/**
 * Object path → its writable names, comma-separated: leaf names relative to the object, "." for
 * the object itself. Every object of a batch is a key (the batch writes its entry), and a leaf
 * of the batch under a key has its writability told. Compact: it rides in the planner's state
 * from the names to the values (~8 KB for the simulator's 735 names).
 */
export type HeldNames = Record<string, string>;

interface Node {
  path: string;
  leaves: ParameterInfo[];
  children: Node[];
  /** Leaves in the whole subtree. */
  count: number;
}

/**
 * The object a name lies in ("" for a top object): the last dot before its last character, one
 * slice (called per name of the tree, twice per discovery).
 */
const parentOf = (path: string): string =>
  path.length < 2 ? '' : path.slice(0, path.lastIndexOf('.', path.length - 2) + 1);

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
  // Every listed name → whether one of its entries is writable.
  const writable = new Map<string, boolean>();
  for (const { name, writable: w } of list) writable.set(name, w || writable.get(name) === true);
  const addNames = (names: HeldNames, node: Node): HeldNames => {
    const self = writable.get(node.path);
    if (self === undefined) return names;
    const told = self ? ['.'] : [];
    for (const leaf of node.leaves) if (leaf.writable) told.push(leaf.name.slice(node.path.length));
    names[node.path] = told.join(',');
    return names;
  };
  const units: DiscoveryBatch[] = [];
  const visit = (node: Node): void => {
    if (node.count <= size && node.count > 0) {
      const names: HeldNames = {};
      const walk = (n: Node): void => {
        addNames(names, n);
        n.children.forEach(walk);
      };
      walk(node);
      units.push({ parameterNames: [node.path], leaves: node.count, names });
      return;
    }
    const own = node.leaves.map((l) => l.name);
    // Its entry goes with each batch of its leaves (more than one only past `size` leaves).
    if (own.length === 0) units.push({ parameterNames: [], leaves: 0, names: addNames({}, node) });
    for (let i = 0; i < own.length; i += size) {
      const chunk = own.slice(i, i + size);
      units.push({ parameterNames: chunk, leaves: chunk.length, names: addNames({}, node) });
    }
    node.children.forEach(visit);
  };
  visit(treeOf(top, list));

  // Objects without leaves go with the unit after them (the last one when none follows), then
  // the units are packed biggest first, each into the first batch with room for it: about as
  // few batches as leaves / size.
  const sized: DiscoveryBatch[] = [];
  let held: HeldNames = {};
  for (const unit of units) {
    if (unit.leaves === 0) Object.assign(held, unit.names);
    else {
      sized.push({ ...unit, names: Object.assign(held, unit.names) });
      held = {};
    }
  }
  const last = sized.at(-1);
  if (last) Object.assign(last.names, held);
  const batches: DiscoveryBatch[] = [];
  for (const unit of sized.sort((a, b) => b.leaves - a.leaves)) {
    const batch = batches.find((b) => b.leaves + unit.leaves <= size);
    if (batch === undefined) batches.push(unit);
    else {
      batch.parameterNames.push(...unit.parameterNames);
      batch.leaves += unit.leaves;
      Object.assign(batch.names, unit.names);
    }
  }
  return batches;
}

/**
 * The cache records a discovery values batch stands for: the values and types the CPE sent, with
 * the writability GetParameterNames told (`held`, from the batch's purpose), and the batch's
 * objects.
 */
export function discoveredRecords(
  held: HeldNames,
  response: Extract<CpeMethodResponse, { name: 'GetParameterValuesResponse' }>,
): DiscoveredParameter[] {
  const records: DiscoveredParameter[] = [];
  // The full paths of the writable leaves: one lookup per leaf of the response.
  const writable = new Set<string>();
  for (const [object, names] of Object.entries(held)) {
    let self = false;
    for (const name of names.split(',')) {
      if (name === '.') self = true;
      else if (name !== '') writable.add(object + name);
    }
    records.push({ path: object, writable: self });
  }
  for (const { name, value, type } of response.parameterList) {
    // A leaf of no object the names told (it appeared since): its writability is not told.
    records.push(
      Object.hasOwn(held, parentOf(name))
        ? { path: name, value, type, writable: writable.has(name) }
        : { path: name, value, type },
    );
  }
  return records;
}

/** What GetParameterNames told, as cache records: names and writability. */
export const namedRecords = (list: readonly ParameterInfo[]): DiscoveredParameter[] =>
  list.map(({ name, writable }) => ({ path: name, writable }));
