import type { SetParameterValues } from '@meridian/cwmp';
import type { DiagnosticKind } from '@meridian/contracts';
import { DIAGNOSTIC_OBJECTS } from '@meridian/diagnostics';
import type { DataModelId } from '@meridian/data-model';
import type { DeviceState } from './state';
import { draftOf, instantiate, removeSubtree } from './tree';

/** What a diagnostic test produced, under TR-181 names (the device writes its own model's). */
export interface DiagnosticOutcome {
  /** "Complete" or an "Error_…" state. */
  state: string;
  values: Record<string, string>;
  /** Table rows by table name ("RouteHops", "Result"), each row's values by column. */
  tables?: Record<string, Record<string, string>[]>;
}

/** TR-098 column names of TR-181 ones. */
const TR098_COLUMNS: Readonly<Record<string, string>> = {
  Host: 'HopHost',
  HostAddress: 'HopHostAddress',
  ErrorCode: 'HopErrorCode',
  RTTimes: 'HopRTTimes',
};

const modelIdOf = (state: DeviceState): DataModelId =>
  state.model.root === 'Device' ? 'tr-181' : 'tr-098';

/** The diagnostics objects of the device's model, by full path. */
export function diagnosticObjectsOf(state: DeviceState): Map<string, DiagnosticKind> {
  const objects = new Map<string, DiagnosticKind>();
  for (const [kind, paths] of Object.entries(DIAGNOSTIC_OBJECTS)) {
    const relative = paths[modelIdOf(state)];
    if (relative !== undefined)
      objects.set(`${state.model.root}.${relative}`, kind as DiagnosticKind);
  }
  return objects;
}

/** The tests a SetParameterValues starts: each object whose DiagnosticsState it sets to Requested. */
export function requestedDiagnostics(state: DeviceState, request: SetParameterValues): string[] {
  return request.parameterList
    .filter((p) => p.name.endsWith('.DiagnosticsState') && p.value === 'Requested')
    .map((p) => p.name.slice(0, -'DiagnosticsState'.length))
    .filter((path) => diagnosticObjectsOf(state).has(path));
}

/** The inputs of a diagnostics object as set on the device, by parameter name. */
export function diagnosticInputs(state: DeviceState, objectPath: string): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const meta of state.model.object(objectPath)?.parameters ?? []) {
    if (meta.writable && meta.name !== 'DiagnosticsState') {
      inputs[meta.name] = state.values.get(objectPath + meta.name) ?? '';
    }
  }
  return inputs;
}

/**
 * The device once a test ended: DiagnosticsState and the results written under the device's own
 * names (TR-098 transfers say "Completed"; its trace route columns are "Hop…"), the tables'
 * rows replaced. Results the model lacks are left out, as a real device would.
 */
export function withDiagnosticOutcome(
  state: DeviceState,
  objectPath: string,
  outcome: DiagnosticOutcome,
): DeviceState {
  const draft = draftOf(state);
  const model = state.model;
  const stateMeta = model.parameter(`${objectPath}DiagnosticsState`);
  const finalState =
    outcome.state === 'Complete' && stateMeta?.enumeration?.includes('Completed')
      ? 'Completed'
      : outcome.state;
  draft.values.set(`${objectPath}DiagnosticsState`, finalState);
  for (const [name, value] of Object.entries(outcome.values)) {
    if (draft.values.has(objectPath + name)) draft.values.set(objectPath + name, value);
  }
  for (const [table, rows] of Object.entries(outcome.tables ?? {})) {
    const tablePath = `${objectPath}${table}.`;
    const row = model.object(`${tablePath}{i}.`);
    if (row === undefined) continue;
    for (const object of [...draft.objects]) {
      if (object.startsWith(tablePath) && object !== tablePath) removeSubtree(draft, object);
    }
    const columns = new Set(row.parameters.map((p) => p.name));
    rows.forEach((cells, i) => {
      const values: Record<string, string> = {};
      for (const [name, value] of Object.entries(cells)) {
        const column = columns.has(name) ? name : TR098_COLUMNS[name];
        if (column !== undefined && columns.has(column)) values[column] = value;
      }
      instantiate(model, draft, `${tablePath}${i + 1}.`, values);
    });
  }
  return {
    ...state,
    values: draft.values,
    objects: draft.objects,
    nextInstance: draft.nextInstance,
  };
}
