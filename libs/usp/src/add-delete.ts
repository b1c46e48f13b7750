import { UspError } from './errors';
import type { usp } from './generated/usp-proto';
import type { ParamError } from './msg';
import { parsePath } from './path';
import { resolvePath, type SnapshotIndex } from './resolve';
import { supportedModel, supportedPathOf, type SupportedModel } from './supported-dm';

/**
 * The CWMP object name an Add's obj_path creates an instance in (AddObject takes a table path
 * ending in "."): names and instance numbers only. Search paths in Add (R-ADD.2a) are not
 * carried out: 7026 says so. Throws PathSyntaxError (7008) for text that is not a path.
 */
export function addTableName(objPath: string): string {
  const path = parsePath(objPath);
  if (path.kind !== 'object') throw new UspError(7026, `${objPath} is not an object path`);
  const names = path.segments.map((s) => {
    if (s.type === 'name') return s.name;
    if (s.type === 'instance') return String(s.number);
    throw new UspError(7026, `${objPath}: Add takes a table path without wildcard or search`);
  });
  if (path.segments.at(-1)?.type !== 'name') {
    throw new UspError(7026, `${objPath} is an instance, not a table`);
  }
  return `${names.join('.')}.`;
}

/**
 * The values of the unique keys of a new instance (R-ADD.5), from the model's unique keys of
 * its table and the values read after creation (relative names).
 */
export function uniqueKeysOf(
  instancePath: string,
  values: ReadonlyMap<string, string>,
  model: SupportedModel = supportedModel(),
): Record<string, string> {
  const supported = supportedPathOf(instancePath);
  const keys = supported === undefined ? [] : (model.objects.get(supported)?.uniqueKeys ?? []);
  const out: Record<string, string> = {};
  for (const name of keys.flat()) {
    const value = values.get(name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** How the creation of one object went. */
export type AddOutcome =
  | { ok: true; instancePath: string; paramErrs: ParamError[]; uniqueKeys: Record<string, string> }
  | { ok: false; errCode: number; errMsg: string; paramErrs: ParamError[] };

/**
 * The AddResp or Error from each obj_path's outcome (TR-369 "The Add Message"): with
 * allow_partial false any failure is an Error with every parameter error, and every instance
 * created is to be deleted again (R-ADD.1); with allow_partial true each failure is an
 * oper_failure of its obj_path (the failed instance itself is deleted by whoever created it).
 */
export function addAnswer(
  results: readonly { requestedPath: string; outcome: AddOutcome }[],
  allowPartial: boolean,
):
  | { kind: 'response'; addResp: usp.IAddResp }
  | {
      kind: 'error';
      errCode: number;
      errMsg: string;
      paramErrs: ParamError[];
      rollback: string[];
    } {
  const failed = results.find((r) => !r.outcome.ok);
  if (!allowPartial && failed !== undefined && !failed.outcome.ok) {
    return {
      kind: 'error',
      errCode: failed.outcome.errCode,
      errMsg: `${failed.requestedPath}: ${failed.outcome.errMsg}`,
      paramErrs: results.flatMap((r) => (r.outcome.ok ? [] : r.outcome.paramErrs)),
      rollback: results.flatMap((r) => (r.outcome.ok ? [r.outcome.instancePath] : [])),
    };
  }
  return {
    kind: 'response',
    addResp: {
      createdObjResults: results.map(({ requestedPath, outcome }) => ({
        requestedPath,
        operStatus: outcome.ok
          ? {
              operSuccess: {
                instantiatedPath: outcome.instancePath,
                paramErrs: outcome.paramErrs.map((e) => ({
                  param: e.paramPath.slice(outcome.instancePath.length),
                  errCode: e.errCode,
                  errMsg: e.errMsg,
                })),
                uniqueKeys: outcome.uniqueKeys,
              },
            }
          : { operFailure: { errCode: outcome.errCode, errMsg: outcome.errMsg } },
      })),
    },
  };
}

/**
 * The instances a Delete's obj_path addresses in a fresh read of its subtree (instance paths,
 * wildcards, searches). A path that is not an object instance path (nor a search of
 * instances) is 7026; an instance number matching nothing deletes nothing (R-DEL.2a).
 */
export function deleteTargets(index: SnapshotIndex, objPath: string): string[] {
  const path = parsePath(objPath);
  const last = path.segments.at(-1);
  if (path.kind !== 'object' || last === undefined || last.type === 'name') {
    throw new UspError(7026, `${objPath} is not an object instance path`);
  }
  return resolvePath(index, path).objects;
}

/** How one obj_path of a Delete went: its error, or the outcome of each instance. */
export interface DeleteEntry {
  requestedPath: string;
  error?: { errCode: number; errMsg: string };
  instances: { path: string; error?: { errCode: number; errMsg: string } }[];
}

/**
 * The DeleteResp or Error (TR-369 "The Delete Message"): with allow_partial false any failure
 * is an Error (R-DEL.1); with allow_partial true a failed path is an oper_failure and failed
 * instances of a path are its unaffected_path_errs (R-DEL.3).
 */
export function deleteAnswer(
  entries: readonly DeleteEntry[],
  allowPartial: boolean,
):
  | { kind: 'response'; deleteResp: usp.IDeleteResp }
  | { kind: 'error'; errCode: number; errMsg: string } {
  if (!allowPartial) {
    for (const e of entries) {
      const failure = e.error ?? e.instances.find((i) => i.error)?.error;
      if (failure) {
        return {
          kind: 'error',
          errCode: failure.errCode,
          errMsg: `${e.requestedPath}: ${failure.errMsg}`,
        };
      }
    }
  }
  return {
    kind: 'response',
    deleteResp: {
      deletedObjResults: entries.map((e) => ({
        requestedPath: e.requestedPath,
        operStatus: e.error
          ? { operFailure: e.error }
          : {
              operSuccess: {
                affectedPaths: e.instances.filter((i) => !i.error).map((i) => i.path),
                unaffectedPathErrs: e.instances.flatMap((i) =>
                  i.error ? [{ unaffectedPath: i.path, ...i.error }] : [],
                ),
              },
            },
      })),
    },
  };
}
