import { uspErrorOfCwmpFault } from './cwmp-faults';
import { UspError } from './errors';
import type { usp } from './generated/usp-proto';
import type { ParamError } from './msg';
import { parsePath } from './path';
import { resolvePath, type SnapshotIndex } from './resolve';

/** One parameter of an object a Set updates, with its CWMP type and its value before. */
export interface SetParam {
  param: string;
  value: string;
  required: boolean;
  type: string;
  oldValue: string;
}

/** One object instance a Set updates: one SetParameterValues (atomic on the CPE, TR-069). */
export interface SetTarget {
  requestedPath: string;
  objectPath: string;
  params: SetParam[];
  /** Parameters the object does not have (7010 "Unsupported parameter"). */
  unsupported: { param: string; required: boolean }[];
}

export interface SetPlanEntry {
  requestedPath: string;
  /** The path itself failed (syntax, no such object, not an object path). */
  error?: { errCode: number; errMsg: string };
  targets: SetTarget[];
}

/**
 * The objects a Set updates, resolved in a snapshot read fresh from the CPE (each obj_path's
 * subtree): instance paths, wildcards and searches give one target per matched object. A path
 * that is not a search and matches nothing is 7016 "Object does not exist"; a search matching
 * nothing updates nothing (TR-369 "The Set Message").
 */
export function planSet(index: SnapshotIndex, set: usp.ISet): SetPlanEntry[] {
  return (set.updateObjs ?? []).map((update) => {
    const requestedPath = update.objPath ?? '';
    try {
      const path = parsePath(requestedPath);
      if (path.kind !== 'object') {
        throw new UspError(7026, `${requestedPath} is not an object path (it must end in ".")`);
      }
      const { objects } = resolvePath(index, path);
      const isSearch = path.segments.some((s) => s.type === 'wildcard' || s.type === 'search');
      if (objects.length === 0 && !isSearch) {
        throw new UspError(7016, `${requestedPath} does not exist on the device`);
      }
      const targets = objects.map((objectPath): SetTarget => {
        const params: SetParam[] = [];
        const unsupported: SetTarget['unsupported'] = [];
        for (const setting of update.paramSettings ?? []) {
          const param = setting.param ?? '';
          const required = setting.required === true;
          const entry = index.entries.get(`${objectPath}${param}`);
          if (entry === undefined || param === '' || param.includes('.')) {
            unsupported.push({ param, required });
          } else {
            params.push({
              param,
              value: setting.value ?? '',
              required,
              type: entry.type ?? 'xsd:string',
              oldValue: entry.value ?? '',
            });
          }
        }
        return { requestedPath, objectPath, params, unsupported };
      });
      return { requestedPath, targets };
    } catch (err) {
      if (!(err instanceof UspError)) throw err;
      return { requestedPath, error: { errCode: err.code, errMsg: err.message }, targets: [] };
    }
  });
}

/** How the update of one object went. */
export type SetOutcome =
  | {
      ok: true;
      /** What was set, by relative name. */
      updated: Record<string, string>;
      /** Non-required parameters that failed (the object was updated without them). */
      paramErrs: ParamError[];
    }
  | { ok: false; errCode: number; errMsg: string; paramErrs: ParamError[] };

/** The parameters to send in the next SetParameterValues of a target, without `dropped`. */
export function setAttempt(target: SetTarget, dropped: ReadonlySet<string>): SetParam[] {
  return target.params.filter((p) => !dropped.has(p.param));
}

/**
 * The next step after a SetParameterValues fault: a CWMP SetParameterValues is all or nothing,
 * so when only non-required parameters were at fault it is sent again without them (R-SET.2),
 * their errors kept for the answer;
 * a required parameter at fault (or a fault naming none) fails the object.
 */
export function afterSetFault(
  target: SetTarget,
  dropped: ReadonlySet<string>,
  fault: {
    faultCode: number;
    faultString: string;
    setParameterValuesFault?: { parameterName: string; faultCode: number; faultString: string }[];
  },
): { retry: ReadonlySet<string>; paramErrs: ParamError[] } | { outcome: SetOutcome } {
  const byName = new Map(target.params.map((p) => [`${target.objectPath}${p.param}`, p]));
  const faulted = (fault.setParameterValuesFault ?? []).flatMap((f) => {
    const p = byName.get(f.parameterName);
    return p === undefined ? [] : [{ p, f }];
  });
  const paramErrs = [
    ...unsupportedErrors(target),
    ...faulted.map(({ p, f }) => paramError(target, p.param, f)),
  ];
  const retry = new Set([...dropped, ...faulted.map(({ p }) => p.param)]);
  if (faulted.length > 0 && faulted.every(({ p }) => !p.required) && retry.size > dropped.size) {
    return { retry, paramErrs: faulted.map(({ p, f }) => paramError(target, p.param, f)) };
  }
  const { errCode, errMsg } = uspErrorOfCwmpFault(fault);
  return {
    outcome: {
      ok: false,
      errCode: faulted.some(({ p }) => p.required) ? 7021 : errCode,
      errMsg: faulted.some(({ p }) => p.required)
        ? `a required parameter of ${target.objectPath} failed: ${errMsg}`
        : errMsg,
      paramErrs,
    },
  };
}

/** The outcome of a target once a SetParameterValues without `dropped` was accepted. */
export function setDone(
  target: SetTarget,
  dropped: ReadonlySet<string>,
  earlierErrors: ParamError[] = [],
): SetOutcome {
  return {
    ok: true,
    updated: Object.fromEntries(setAttempt(target, dropped).map((p) => [p.param, p.value])),
    paramErrs: [...unsupportedErrors(target), ...earlierErrors],
  };
}

/** A target before any CWMP call: failed when a required parameter is unsupported. */
export function setPrecheck(target: SetTarget): SetOutcome | undefined {
  const required = target.unsupported.find((u) => u.required);
  if (required !== undefined) {
    return {
      ok: false,
      errCode: 7021,
      errMsg: `required parameter ${target.objectPath}${required.param} is not supported`,
      paramErrs: unsupportedErrors(target),
    };
  }
  if (setAttempt(target, new Set()).length === 0) return setDone(target, new Set());
  return undefined;
}

function unsupportedErrors(target: SetTarget): ParamError[] {
  return target.unsupported.map((u) => ({
    paramPath: `${target.objectPath}${u.param}`,
    errCode: 7010,
    errMsg: `${target.objectPath}${u.param} is not a parameter of the device`,
  }));
}

function paramError(
  target: SetTarget,
  param: string,
  fault: { faultCode: number; faultString: string },
): ParamError {
  const { errCode, errMsg } = uspErrorOfCwmpFault(fault, 'setParameter');
  return { paramPath: `${target.objectPath}${param}`, errCode, errMsg };
}

/** The Set's answer, and the objects whose update must be undone (old values set again). */
export type SetAnswer =
  | { kind: 'response'; setResp: usp.ISetResp; rollback: SetTarget[] }
  | {
      kind: 'error';
      errCode: number;
      errMsg: string;
      paramErrs: ParamError[];
      rollback: SetTarget[];
    };

/**
 * The SetResp or Error of a Set from the outcome of each target (in plan order), per TR-369
 * "Using Allow Partial and Required Parameters": with allow_partial false any failed object
 * fails the message (Error with every parameter error) and every object updated is rolled
 * back; with allow_partial true a failed object fails its obj_path only, and the objects of
 * that obj_path already updated are rolled back (R-SET.2a).
 */
export function setAnswer(
  plan: SetPlanEntry[],
  outcomes: ReadonlyMap<SetTarget, SetOutcome>,
  allowPartial: boolean,
): SetAnswer {
  const failed = (e: SetPlanEntry) =>
    e.error !== undefined || e.targets.some((t) => outcomes.get(t)?.ok === false);
  const updated = (targets: SetTarget[]) => targets.filter((t) => outcomes.get(t)?.ok === true);
  if (!allowPartial && plan.some(failed)) {
    const entry = plan.find(failed)!;
    const firstFailure = entry.targets.map((t) => outcomes.get(t)).find((o) => o?.ok === false);
    const error = entry.error ?? (firstFailure?.ok === false ? firstFailure : undefined);
    return {
      kind: 'error',
      errCode: error?.errCode ?? 7000,
      errMsg: `${entry.requestedPath}: ${error?.errMsg ?? 'failed'}`,
      paramErrs: plan.flatMap((e) =>
        e.targets.flatMap((t) => {
          const o = outcomes.get(t);
          return o?.ok === false ? o.paramErrs : [];
        }),
      ),
      rollback: plan.flatMap((e) => updated(e.targets)),
    };
  }
  const rollback: SetTarget[] = [];
  const updatedObjResults = plan.map((e): usp.SetResp.IUpdatedObjectResult => {
    if (!failed(e)) {
      return {
        requestedPath: e.requestedPath,
        operStatus: {
          operSuccess: {
            updatedInstResults: e.targets.map((t) => {
              const o = outcomes.get(t);
              return {
                affectedPath: t.objectPath,
                updatedParams: o?.ok ? o.updated : {},
                paramErrs: (o?.paramErrs ?? []).map(relativeError(t)),
              };
            }),
          },
        },
      };
    }
    rollback.push(...updated(e.targets));
    const failures = e.targets.flatMap((t) => {
      const o = outcomes.get(t);
      return o?.ok === false ? [{ t, o }] : [];
    });
    const first = e.error ?? failures[0]?.o;
    return {
      requestedPath: e.requestedPath,
      operStatus: {
        operFailure: {
          errCode: first?.errCode ?? 7000,
          errMsg: first?.errMsg ?? 'failed',
          updatedInstFailures: failures.map(({ t, o }) => ({
            affectedPath: t.objectPath,
            paramErrs: o.paramErrs.map(relativeError(t)),
          })),
        },
      },
    };
  });
  return { kind: 'response', setResp: { updatedObjResults }, rollback };
}

/** A ParamError as a Set response's ParameterError: the parameter relative to its object. */
const relativeError =
  (t: SetTarget) =>
  (e: ParamError): usp.SetResp.IParameterError => ({
    param: e.paramPath.startsWith(t.objectPath)
      ? e.paramPath.slice(t.objectPath.length)
      : e.paramPath,
    errCode: e.errCode,
    errMsg: e.errMsg,
  });
