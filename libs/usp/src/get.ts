import { UspError } from './errors';
import type { usp } from './generated/usp-proto';
import { parsePath, type UspPath } from './path';
import { resolvePath, type SnapshotIndex } from './resolve';
import { supportedPathOf, type DevicePresence } from './supported-dm';

/**
 * The GetResp for a Get answered from a snapshot of the device's parameters (TR-369 "The Get
 * Message"): one result per requested path, one resolved result per object with its own
 * parameters as relative names, `max_depth` levels deep (instance numbers add no level).
 * Values go out as the CWMP cache holds them: both protocols use the TR-106 representations.
 * A parameter known only by name comes out empty: answer from the cache only when it holds the
 * values (`resolvePath` says which parameters; read the CPE first otherwise).
 *
 * Errors per path: 7008 (syntax, or a search comparing a value as TR-369 forbids), 7026 for a
 * path that is not a search and matches nothing (R-GET.0), or a search matching nothing whose
 * object is not in the device's supported model (`device`; without it such a search is simply
 * empty, R-GET.1a).
 */
export function getResp(
  index: SnapshotIndex,
  get: usp.IGet,
  device?: DevicePresence,
): usp.IGetResp {
  const maxDepth = get.maxDepth ?? 0;
  return {
    reqPathResults: (get.paramPaths ?? []).map((requestedPath) => {
      try {
        return {
          requestedPath,
          errCode: 0,
          errMsg: '',
          resolvedPathResults: resolved(index, requestedPath, maxDepth, device),
        };
      } catch (err) {
        if (!(err instanceof UspError)) throw err;
        return { requestedPath, errCode: err.code, errMsg: err.message, resolvedPathResults: [] };
      }
    }),
  };
}

function isSearch(path: UspPath): boolean {
  return path.segments.some((s) => s.type === 'wildcard' || s.type === 'search');
}

function resolved(
  index: SnapshotIndex,
  text: string,
  maxDepth: number,
  device: DevicePresence | undefined,
): usp.GetResp.IResolvedPathResult[] {
  const path = parsePath(text);
  if (path.kind === 'command' || path.kind === 'event') {
    throw new UspError(7026, `${text}: Get reads objects and parameters, not ${path.kind}s`);
  }
  const { objects, parameters } = resolvePath(index, path);
  const matched = path.kind === 'object' ? objects : parameters;
  if (matched.length === 0) {
    if (!isSearch(path)) {
      throw new UspError(7026, `${text} matches no object or parameter of the device`);
    }
    if (device !== undefined && !inSupportedModel(text, path, device)) {
      throw new UspError(7026, `${text} is not in the device's supported data model`);
    }
    return [];
  }
  if (path.kind === 'parameter') {
    // R-GET.2/3: the parent object, with that parameter alone.
    return objects.map((o) => ({
      resolvedPath: o,
      resultParams: { [path.leaf ?? '']: index.entries.get(o + path.leaf)?.value ?? '' },
    }));
  }
  const results: usp.GetResp.IResolvedPathResult[] = [];
  for (const object of objects) {
    const byObject = new Map<string, Record<string, string>>();
    const baseLevel = levelOf(object);
    for (const param of parametersUnder(parameters, object)) {
      const at = param.lastIndexOf('.') + 1;
      const owner = param.slice(0, at);
      if (maxDepth !== 0 && levelOf(owner) - baseLevel + 1 > maxDepth) continue;
      const own = byObject.get(owner) ?? {};
      own[param.slice(at)] = index.entries.get(param)?.value ?? '';
      byObject.set(owner, own);
    }
    for (const [resolvedPath, resultParams] of byObject)
      results.push({ resolvedPath, resultParams });
  }
  return results;
}

function parametersUnder(parameters: readonly string[], object: string): string[] {
  return parameters.filter((p) => p.startsWith(object));
}

/** Depth of an object path in names: instance numbers do not count (TR-369 Get examples). */
function levelOf(objectPath: string): number {
  return objectPath.split('.').filter((s) => s !== '' && !/^[0-9]+$/.test(s)).length;
}

function inSupportedModel(text: string, path: UspPath, device: DevicePresence): boolean {
  const supported = supportedPathOf(
    path.kind === 'object' && !text.endsWith('.') ? `${text}.` : text,
  );
  if (supported === undefined) return false;
  if (path.kind === 'parameter') return device.parameters.has(supported);
  const objectPath = supported.endsWith('.') ? supported : `${supported}.`;
  return device.objects.has(objectPath) || device.objects.has(`${objectPath}{i}.`);
}
