import { uspErrorOfCwmpFault } from './cwmp-faults';
import type { usp } from './generated/usp-proto';
import { getResp } from './get';
import { parsePath } from './path';
import { indexSnapshot, type ParameterSnapshot, type SnapshotEntry } from './resolve';
import type { DevicePresence } from './supported-dm';

/**
 * The CWMP name a GetParameterValues reads to answer a USP path fresh from the CPE: the path up
 * to its first wildcard, search, unique-key or reference segment as a CWMP partial path (the
 * whole subtree the search looks into), or the parameter itself when the path names one
 * instance by number all the way. Undefined for text that is not an object or parameter path
 * (its error comes from getResp).
 */
export function cwmpReadName(text: string): string | undefined {
  let path;
  try {
    path = parsePath(text);
  } catch {
    return undefined;
  }
  if (path.kind === 'command' || path.kind === 'event') return undefined;
  const names: string[] = [];
  for (const segment of path.segments) {
    if (segment.type === 'name') names.push(segment.name);
    else if (segment.type === 'instance') names.push(String(segment.number));
    else return `${names.join('.')}.`;
  }
  return path.kind === 'parameter' ? [...names, path.leaf].join('.') : `${names.join('.')}.`;
}

/**
 * The CWMP names one GetParameterValues asks for to answer these USP paths fresh: each path's
 * `cwmpReadName`, without the names a partial path of the list already covers (CWMP lets one
 * GetParameterValues carry any number of names, partial paths included).
 */
export function cwmpReadNames(paths: Iterable<string>): string[] {
  const names = [...new Set([...paths].flatMap((p) => cwmpReadName(p) ?? []))];
  return names.filter((n) => !names.some((o) => o !== n && covers(o, n)));
}

/**
 * The part of the parameter cache that answers these paths: the subtree of each path's
 * `cwmpReadName` (its wildcards, searches and instances lie below it), or undefined for the
 * whole cache when a path follows a reference, whose target can be anywhere in the tree.
 */
export function cacheNamesOf(paths: Iterable<string>): string[] | undefined {
  const list = [...paths];
  return list.some(followsReference) ? undefined : cwmpReadNames(list);
}

function followsReference(text: string): boolean {
  let path;
  try {
    path = parsePath(text);
  } catch {
    return false;
  }
  return path.segments.some(
    (s) =>
      s.type === 'reference' ||
      (s.type === 'search' &&
        s.conditions.some((c) => c.param.steps.some((step) => step.follow !== undefined))),
  );
}

/** Whether a CWMP name reads another: the same name, or a partial path above it. */
export function covers(name: string, other: string): boolean {
  return name === other || (name.endsWith('.') && other.startsWith(name));
}

interface CwmpFaultStruct {
  faultCode: number;
  faultString: string;
}

/** One GetParameterValues of a fresh read: what it asked and how it went. */
export type CwmpRead =
  | {
      name: string;
      ok: true;
      parameters: readonly { name: string; value: string; type?: string }[];
    }
  | { name: string; ok: false; fault: CwmpFaultStruct };

/**
 * The reads of one GetParameterValues of several names: its ParameterList split by the name
 * each parameter falls under (the names as `cwmpReadNames` gives them, none covering another).
 */
export function readsOfValues(
  names: readonly string[],
  parameters: readonly { name: string; value: string; type?: string }[],
): CwmpRead[] {
  return names.map((name) => ({
    name,
    ok: true,
    parameters: parameters.filter((p) => covers(name, p.name)),
  }));
}

/**
 * A fresh read of names only (GetParameterNames): objects end in ".", parameters come without
 * values; laid over the cache it replaces the subtree's values too.
 */
export interface NamesRead {
  name: string;
  ok: true;
  parameters: readonly { name: string; value?: string; type?: string }[];
}

/**
 * The cache with fresh reads laid over it: each read subtree replaces what the cache held under
 * it (an instance deleted since the cache was filled is gone), the rest of the cache stays for
 * what a path refers to outside the subtrees read (reference following).
 */
export function snapshotWithReads(
  cache: ParameterSnapshot,
  reads: readonly (CwmpRead | NamesRead)[],
): ParameterSnapshot {
  const done = reads.filter((r) => r.ok);
  const replaced = (key: string) => done.some((r) => covers(r.name, key));
  const merged = new Map<string, SnapshotEntry>();
  for (const [key, entry] of cache) if (!replaced(key)) merged.set(key, entry);
  for (const read of done) {
    for (const p of read.parameters) merged.set(p.name, { value: p.value, type: p.type });
  }
  return merged;
}

/**
 * The GetResp of a Get read fresh from the CPE (TR-369 "The Get Message"): each requested path
 * is resolved against the cache with the reads laid over it; a path whose read (or the read of
 * a partial path above it) faulted answers that fault's USP error (9005 "Invalid parameter
 * name" → 7026 "Invalid path").
 */
export function getRespFromReads(
  cache: ParameterSnapshot,
  get: usp.IGet,
  reads: readonly CwmpRead[],
  device?: DevicePresence,
): usp.IGetResp {
  const index = indexSnapshot(snapshotWithReads(cache, reads));
  const faults = reads.flatMap((r) => (r.ok ? [] : [r]));
  return {
    reqPathResults: (get.paramPaths ?? []).map((requestedPath) => {
      const name = cwmpReadName(requestedPath);
      const fault =
        name === undefined ? undefined : faults.find((r) => covers(r.name, name))?.fault;
      if (fault !== undefined) {
        const { errCode, errMsg } = uspErrorOfCwmpFault(fault);
        return { requestedPath, errCode, errMsg, resolvedPathResults: [] };
      }
      const [result] = getResp(index, { ...get, paramPaths: [requestedPath] }, device)
        .reqPathResults as usp.GetResp.IRequestedPathResult[];
      return result!;
    }),
  };
}
