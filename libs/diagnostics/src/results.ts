import type {
  DiagnosticKind,
  DiagnosticResult,
  DiagnosticRow,
  DiagnosticValue,
} from '@meridian/contracts';
import type { ParameterValue } from '@meridian/cwmp';
import { loadDataModel, type DataModelId, type ParameterMeta } from '@meridian/data-model';
import { diagnosticObjectPath, LIST_RESULTS, TR098_RESULT_NAMES } from './objects';

/**
 * How a diagnostic stands once its results object was read:
 * - complete: DiagnosticsState Complete (TR-098 transfers: Completed), results typed;
 * - error: an Error_… state (or None/Canceled: the test was aborted), results as reported;
 * - running: still Requested (the "8 DIAGNOSTICS COMPLETE" was another test's).
 */
export type DiagnosticStatus = 'complete' | 'error' | 'running';

export interface ParsedDiagnostic {
  status: DiagnosticStatus;
  result: DiagnosticResult;
}

/**
 * The fault code of a diagnostic the CPE ended in an Error_… state (8800–8899 are the ACS's
 * vendor-specific faults, TR-069 A.5.1): the state itself is the faultString.
 */
export const DIAGNOSTIC_ERROR_FAULT = 8800;

type Cell = DiagnosticRow[string];

/**
 * A CPE's number that is none ("n/a") stays text: NaN would reach JSON as null, which no
 * consumer of cwmp.results accepts.
 */
function numberOr(text: string): number | string {
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
}

function typed(meta: ParameterMeta | undefined, name: string, text: string): Cell {
  const list = LIST_RESULTS[name];
  if (list !== undefined) {
    const items = text === '' ? [] : text.split(',').map((s) => s.trim());
    const numbers = items.map(Number);
    return list === 'number' && numbers.every(Number.isFinite) ? numbers : items;
  }
  switch (meta?.type) {
    case 'int':
    case 'unsignedInt':
    case 'long':
    case 'unsignedLong':
      return numberOr(text);
    case 'boolean':
      return text === 'true' || text === '1';
    default:
      return text;
  }
}

function statusOf(state: string): DiagnosticStatus {
  if (state === 'Complete' || state === 'Completed') return 'complete';
  if (state === 'Requested') return 'running';
  return 'error';
}

/**
 * The typed results of a diagnostic from the GetParameterValues of its object on a device of
 * `model`: DiagnosticsState and every read-only parameter under TR-181's name and JSON type;
 * table rows (RouteHops, Result, …) as arrays in instance order; lists (RTTimes) as arrays.
 * Inputs (writable parameters) are left out: the caller knows them.
 */
export function parseResults(
  kind: DiagnosticKind,
  model: DataModelId,
  parameterList: readonly ParameterValue[],
): ParsedDiagnostic {
  const objectPath = diagnosticObjectPath(kind, model) ?? '';
  const dm = loadDataModel(model);
  const results: Record<string, DiagnosticValue> = {};
  const tables = new Map<string, Map<number, DiagnosticRow>>();
  let state = '';
  for (const { name: path, value } of parameterList) {
    if (!path.startsWith(objectPath)) continue;
    const relative = path.slice(objectPath.length);
    if (relative === 'DiagnosticsState') {
      state = value;
      continue;
    }
    const meta = dm.parameter(path);
    if (meta?.writable) continue;
    const row = /^(\w+)\.(\d+)\.(\w+)$/.exec(relative);
    if (row) {
      const [, table, instance, column] = row as unknown as [string, string, string, string];
      const name = TR098_RESULT_NAMES[column] ?? column;
      const rows = tables.get(table) ?? new Map<number, DiagnosticRow>();
      tables.set(table, rows);
      const cells = rows.get(Number(instance)) ?? {};
      rows.set(Number(instance), cells);
      cells[name] = typed(meta, name, value);
    } else if (!relative.includes('.')) {
      results[relative] = typed(meta, relative, value) as DiagnosticValue;
    }
  }
  for (const [table, rows] of tables) {
    results[table] = [...rows.entries()].sort(([a], [b]) => a - b).map(([, cells]) => cells);
  }
  return { status: statusOf(state), result: { kind, diagnosticsState: state, results } };
}
