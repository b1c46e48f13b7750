import { UspError } from './errors';
import { parsePath, type Condition, type Constant, type ListItem, type UspPath } from './path';

/**
 * A parameter of the CWMP parameter cache: its value (absent when only its name is known, from
 * GetParameterNames) and CWMP type (`xsd:int` or `int`). The store's cached parameters fit.
 */
export interface SnapshotEntry {
  value?: string;
  type?: string;
}

/**
 * What the translator knows of a device: CWMP full paths (`Device.WiFi.SSID.1.SSID`) to their
 * entries. Keys ending in "." are objects known without parameters (GetParameterNames).
 */
export type ParameterSnapshot = ReadonlyMap<string, SnapshotEntry>;

interface ObjectNode {
  /** Child object names (instance numbers for a table) in first-seen order. */
  children: Set<string>;
  /** Parameter names of this object. */
  params: string[];
}

/** A snapshot indexed by object, built once per snapshot and reused for every path. */
export interface SnapshotIndex {
  entries: ParameterSnapshot;
  objects: ReadonlyMap<string, ObjectNode>;
}

export function indexSnapshot(entries: ParameterSnapshot): SnapshotIndex {
  const objects = new Map<string, ObjectNode>();
  const node = (path: string): ObjectNode => {
    let n = objects.get(path);
    if (n === undefined) {
      n = { children: new Set(), params: [] };
      objects.set(path, n);
    }
    return n;
  };
  for (const key of entries.keys()) {
    const names = key.split('.');
    const leaf = names.pop() ?? '';
    let path = '';
    for (const name of names) {
      if (path !== '') node(path).children.add(name);
      path += `${name}.`;
      node(path);
    }
    if (leaf !== '') node(path).params.push(leaf);
  }
  return { entries, objects };
}

/** The instantiated objects and parameters a path addresses in a snapshot. */
export interface Resolution {
  /**
   * Objects addressed (partial paths, commands and events: their objects; parameter paths: the
   * objects holding a matched parameter), as Instance Number paths ending in ".".
   */
  objects: string[];
  /** Parameters addressed, full paths; for a partial path every parameter beneath it. */
  parameters: string[];
}

/**
 * Evaluates a path against a snapshot: instance numbers, wildcards, unique-key addressing and
 * search expressions, and reference following where the snapshot holds the referenced object.
 * Nothing matched is an empty Resolution (the caller knows whether that is 7016 or success).
 * Throws UspError 7008 for a search that compares a value in a way TR-369 forbids (a boolean
 * with a string, an order on a string), and PathSyntaxError for a path that does not parse.
 */
export function resolvePath(index: SnapshotIndex, path: UspPath | string): Resolution {
  const parsed = typeof path === 'string' ? parsePath(path) : path;
  const objects = objectsOf(index, parsed);
  if (parsed.kind === 'object') {
    const parameters: string[] = [];
    for (const o of objects) collectParameters(index, o, parameters);
    return { objects, parameters };
  }
  if (parsed.kind === 'parameter') {
    const held = objects.filter((o) => index.entries.has(o + parsed.leaf));
    return { objects: held, parameters: held.map((o) => o + parsed.leaf) };
  }
  return { objects, parameters: [] };
}

function collectParameters(index: SnapshotIndex, object: string, into: string[]): void {
  const node = index.objects.get(object);
  if (node === undefined) return;
  for (const p of node.params) into.push(object + p);
  for (const child of sortedChildren(node)) collectParameters(index, `${object}${child}.`, into);
}

/** Children in order: names as first seen, instance numbers ascending. */
function sortedChildren(node: ObjectNode): string[] {
  const names = [...node.children];
  if (!names.every((n) => /^[0-9]+$/.test(n))) return names;
  return names.sort((a, b) => Number(a) - Number(b));
}

function instancesOf(index: SnapshotIndex, table: string): string[] {
  const node = index.objects.get(table);
  if (node === undefined) return [];
  return [...node.children]
    .filter((c) => /^[1-9][0-9]*$/.test(c))
    .sort((a, b) => Number(a) - Number(b))
    .map((n) => `${table}${n}.`);
}

function objectsOf(index: SnapshotIndex, path: UspPath): string[] {
  let current: string[] = [];
  for (const [i, seg] of path.segments.entries()) {
    if (i === 0) {
      // The parser guarantees a name first: the root object.
      const root = `${seg.type === 'name' ? seg.name : ''}.`;
      current = index.objects.has(root) ? [root] : [];
      continue;
    }
    const next: string[] = [];
    for (const obj of current) {
      switch (seg.type) {
        case 'name':
        case 'instance': {
          const child = `${obj}${seg.type === 'name' ? seg.name : seg.number}.`;
          if (index.objects.has(child)) next.push(child);
          break;
        }
        case 'wildcard':
          next.push(...instancesOf(index, obj));
          break;
        case 'search':
          for (const inst of instancesOf(index, obj)) {
            if (seg.conditions.every((c) => holds(index, inst, c))) next.push(inst);
          }
          break;
        case 'reference':
          next.push(...follow(index, obj + seg.name, seg.item));
          break;
      }
    }
    current = [...new Set(next)];
  }
  return current;
}

/**
 * The objects a reference parameter points at, when the snapshot has them. Values are
 * comma-separated lists of paths (Instance Number or, R-ARC.11, unique-key addressed).
 */
function follow(index: SnapshotIndex, param: string, item: ListItem): string[] {
  const value = index.entries.get(param)?.value;
  if (value === undefined) return [];
  const refs = value
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  const chosen = item === '*' ? refs : refs.slice(item - 1, item);
  return chosen.flatMap((ref) => {
    const objectPath = ref.endsWith('.') ? ref : `${ref}.`;
    if (!ref.includes('[')) return index.objects.has(objectPath) ? [objectPath] : [];
    try {
      return objectsOf(index, parsePath(objectPath));
    } catch {
      return []; // a malformed reference value addresses nothing
    }
  });
}

/** Whether one expression component holds for an instance; any followed reference may match. */
function holds(index: SnapshotIndex, instance: string, c: Condition): boolean {
  let objects = [instance];
  const steps = c.param.steps;
  for (const step of steps.slice(0, -1)) {
    objects = objects.flatMap((o) =>
      step.follow === undefined
        ? index.objects.has(`${o}${step.name}.`)
          ? [`${o}${step.name}.`]
          : []
        : follow(index, o + step.name, step.follow),
    );
  }
  const name = steps[steps.length - 1]?.name ?? '';
  return objects.some((o) => {
    const entry = index.entries.get(o + name);
    // A value the cache does not hold matches nothing.
    return entry?.value !== undefined && compare(entry.value, entry.type, c);
  });
}

const UNKNOWN_TIME = Date.parse('0001-01-01T00:00:00Z');
const INTEGER = /^[+-]?[0-9]+$/;
const BOOLEAN: Readonly<Record<string, boolean>> = { true: true, false: false, 1: true, 0: false };

function invalid(param: string, why: string): never {
  throw new UspError(7008, `Invalid search expression on ${param}: ${why}`);
}

/** The value's type: the CWMP type, else guessed from how the constant is written. */
function typeOf(declaredType: string | undefined, value: Constant): string {
  const declared = (declaredType ?? '').replace(/^xsd:/, '');
  if (declared !== '') return declared;
  if (value.kind === 'string') return 'string';
  if (value.text in BOOLEAN && !INTEGER.test(value.text)) return 'boolean';
  if (INTEGER.test(value.text)) return 'long';
  return Number.isNaN(Date.parse(value.text)) ? 'string' : 'dateTime';
}

function ordered(op: Condition['op'], cmp: number): boolean {
  switch (op) {
    case '==':
      return cmp === 0;
    case '!=':
      return cmp !== 0;
    case '<':
      return cmp < 0;
    case '>':
      return cmp > 0;
    case '<=':
      return cmp <= 0;
    case '>=':
      return cmp >= 0;
    case '~=':
      return false;
  }
}

function compare(have: string, declaredType: string | undefined, c: Condition): boolean {
  const { op, value } = c;
  const param = c.param.text;
  const type = typeOf(declaredType, value);
  switch (type) {
    case 'boolean': {
      if (op !== '==' && op !== '!=') invalid(param, `${param} is a boolean: only == and != apply`);
      if (value.kind === 'string')
        invalid(param, `${param} is a boolean: write true or false unquoted`);
      const want = BOOLEAN[value.text];
      if (want === undefined) invalid(param, `${value.text} is not a boolean`);
      const actual = BOOLEAN[have.trim()];
      return actual !== undefined && (actual === want) === (op === '==');
    }
    case 'int':
    case 'unsignedInt':
    case 'long':
    case 'unsignedLong': {
      if (op === '~=') invalid(param, `${param} is a number, not a list: ~= does not apply`);
      if (value.kind === 'string' || !INTEGER.test(value.text)) {
        invalid(param, `${param} is a number (${type}): compare it with an unquoted integer`);
      }
      if (!INTEGER.test(have.trim())) return false;
      const a = BigInt(have.trim());
      const b = BigInt(value.text);
      return ordered(op, a < b ? -1 : a > b ? 1 : 0);
    }
    case 'dateTime': {
      if (op === '~=') invalid(param, `${param} is a dateTime, not a list: ~= does not apply`);
      const b = value.kind === 'bare' ? Date.parse(value.text) : NaN;
      if (Number.isNaN(b))
        invalid(param, `${param} is a dateTime: compare it with an unquoted dateTime`);
      const a = Date.parse(have.trim());
      if ((a === UNKNOWN_TIME || b === UNKNOWN_TIME) && op !== '==' && op !== '!=') {
        invalid(param, 'the Unknown Time (0001-01-01T00:00:00Z) compares only with == and !=');
      }
      return !Number.isNaN(a) && ordered(op, Math.sign(a - b));
    }
    default: {
      // string, and the types derived from it (hexBinary, base64, lists, enumerations).
      const hex = type === 'hexBinary';
      const want = value.kind === 'string' ? value.value : value.text;
      const same = (a: string): boolean =>
        value.kind === 'bare' && INTEGER.test(want) && INTEGER.test(a.trim())
          ? BigInt(a.trim()) === BigInt(want) // an element of a list of numbers: 5 == 05
          : hex
            ? a.toLowerCase() === want.toLowerCase()
            : a === want;
      if (op === '~=') return have.split(',').some((item) => same(item.trim()));
      if (op !== '==' && op !== '!=') invalid(param, `${param} is a ${type}: only == and != apply`);
      const equal = value.kind === 'bare' && !hex ? have === want : same(have);
      return equal === (op === '==');
    }
  }
}
