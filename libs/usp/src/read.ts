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

/** One GetParameterValues of a fresh read: what it asked and how it went. */
export type CwmpRead =
  | {
      name: string;
      ok: true;
      parameters: readonly { name: string; value: string; type?: string }[];
    }
  | { name: string; ok: false; fault: { faultCode: number; faultString: string } };

/**
 * The cache with fresh reads laid over it: each read subtree replaces what the cache held under
 * it (an instance deleted since the cache was filled is gone), the rest of the cache stays for
 * what a path refers to outside the subtrees read (reference following).
 */
export function snapshotWithReads(
  cache: ParameterSnapshot,
  reads: readonly CwmpRead[],
): ParameterSnapshot {
  const done = reads.filter((r) => r.ok);
  const replaced = (key: string) =>
    done.some((r) => (r.name.endsWith('.') ? key.startsWith(r.name) : key === r.name));
  const merged = new Map<string, SnapshotEntry>();
  for (const [key, entry] of cache) if (!replaced(key)) merged.set(key, entry);
  for (const read of done) {
    for (const p of read.parameters) merged.set(p.name, { value: p.value, type: p.type });
  }
  return merged;
}

/**
 * The GetResp of a Get read fresh from the CPE (TR-369 "The Get Message"): each requested path
 * is resolved against the cache with the reads laid over it; a path whose read faulted answers
 * that fault's USP error (9005 "Invalid parameter name" → 7026 "Invalid path").
 */
export function getRespFromReads(
  cache: ParameterSnapshot,
  get: usp.IGet,
  reads: readonly CwmpRead[],
  device?: DevicePresence,
): usp.IGetResp {
  const index = indexSnapshot(snapshotWithReads(cache, reads));
  const faults = new Map(reads.flatMap((r) => (r.ok ? [] : [[r.name, r.fault] as const])));
  return {
    reqPathResults: (get.paramPaths ?? []).map((requestedPath) => {
      const name = cwmpReadName(requestedPath);
      const fault = name === undefined ? undefined : faults.get(name);
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
