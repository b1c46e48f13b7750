import { UspError } from './errors';
import type { usp } from './generated/usp-proto';
import type { ParamError } from './msg';
import { parsePath } from './path';
import { resolvePath, type SnapshotIndex } from './resolve';
import { supportedModel, supportedPathOf, type SupportedModel } from './supported-dm';

/**
 * Where an Add's obj_path creates instances (AddObject takes a table path ending in "."): the
 * table it names, or, with a wildcard or search expression on the way (USP 1.3, R-ADD.2a), the
 * table named by its last segment in each object its `parent` search path matches, which only a
 * read of the device can tell. Throws UspError 7026 for a path that is no table, PathSyntaxError
 * (7008) for text that is not a path.
 */
export function addTarget(objPath: string): { table: string } | { parent: string; table: string } {
  const path = parsePath(objPath);
  if (path.kind !== 'object') throw new UspError(7026, `${objPath} is not an object path`);
  const last = path.segments.at(-1);
  if (last?.type !== 'name') throw new UspError(7026, `${objPath} is an instance, not a table`);
  const names = path.segments.map((s) =>
    s.type === 'name' ? s.name : s.type === 'instance' ? String(s.number) : undefined,
  );
  if (names.every((n) => n !== undefined)) return { table: `${names.join('.')}.` };
  return { parent: objPath.slice(0, -(last.name.length + 1)), table: `${last.name}.` };
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
  /** An outcome per instance to create; undefined: the obj_path's search matched no object. */
  results: readonly { requestedPath: string; outcome: AddOutcome | undefined }[],
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
  const outcomes = results.flatMap((r) => (r.outcome === undefined ? [] : [r.outcome]));
  const failed = results.find((r) => r.outcome?.ok === false);
  if (!allowPartial && failed?.outcome?.ok === false) {
    return {
      kind: 'error',
      errCode: failed.outcome.errCode,
      errMsg: `${failed.requestedPath}: ${failed.outcome.errMsg}`,
      paramErrs: outcomes.flatMap((o) => (o.ok ? [] : o.paramErrs)),
      rollback: outcomes.flatMap((o) => (o.ok ? [o.instancePath] : [])),
    };
  }
  return {
    kind: 'response',
    addResp: {
      createdObjResults: results.map(({ requestedPath, outcome }) => ({
        requestedPath,
        // R-MSG.4a: a search that matched nothing is a success with nothing in it.
        operStatus: !outcome
          ? { operSuccess: {} }
          : outcome.ok
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
