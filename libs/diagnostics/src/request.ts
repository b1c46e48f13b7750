import { DIAGNOSTIC_KINDS, type DiagnosticKind, type DiagnosticRequest } from '@meridian/contracts';
import type { ParameterValue } from '@meridian/cwmp';
import {
  checkValue,
  loadDataModel,
  xsdTypeOf,
  type DataModelId,
  type ParameterMeta,
} from '@meridian/data-model';
import { diagnosticObjectPath, REQUIRED_INPUTS } from './objects';

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Default wait for "8 DIAGNOSTICS COMPLETE" once the CPE accepted the request. */
export const DEFAULT_DIAGNOSTIC_TIMEOUT_MS = 120_000;

/** How long a diagnostic's completion is awaited once the CPE accepted it. */
export function diagnosticTimeoutMs(request: DiagnosticRequest | undefined): number {
  return request?.timeoutMs ?? DEFAULT_DIAGNOSTIC_TIMEOUT_MS;
}

/** Why a diagnostic ended `expired`. */
export function diagnosticExpiredReason(request: DiagnosticRequest): string {
  return `${request.kind}: the CPE did not report 8 DIAGNOSTICS COMPLETE within ${diagnosticTimeoutMs(request)} ms of accepting the request`;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isKind = (v: unknown): v is DiagnosticKind =>
  (DIAGNOSTIC_KINDS as readonly unknown[]).includes(v);

const INTEGER_TYPES: readonly ParameterMeta['type'][] = [
  'int',
  'unsignedInt',
  'long',
  'unsignedLong',
];

/** The JSON type an input of this parameter takes. */
function jsonTypeOf(meta: ParameterMeta): 'number' | 'boolean' | 'string' {
  if (INTEGER_TYPES.includes(meta.type)) return 'number';
  return meta.type === 'boolean' ? 'boolean' : 'string';
}

/** The inputs of a diagnostics object: its writable parameters but DiagnosticsState. */
function inputMeta(
  model: DataModelId,
  objectPath: string,
  name: string,
): ParameterMeta | undefined {
  if (name === 'DiagnosticsState') return undefined;
  const meta = loadDataModel(model).parameter(objectPath + name);
  return meta?.writable ? meta : undefined;
}

/** Why a JSON input value is not acceptable for the parameter, or undefined. */
function checkInput(meta: ParameterMeta, value: unknown, field: string): string | undefined {
  const expected = jsonTypeOf(meta);
  if (typeof value !== expected || (expected === 'number' && !Number.isInteger(value))) {
    return `${field} must be ${expected === 'number' ? 'an integer' : `a ${expected}`} (${meta.type})`;
  }
  const problem = checkValue(meta, String(value));
  return problem === undefined ? undefined : `${field} ${JSON.stringify(value)} is ${problem}`;
}

/**
 * Checks a diagnostic as a caller wrote it (NBI body or Kafka command): a known kind, inputs
 * named and typed as the TR-181 diagnostics object has them, the inputs the test needs, a
 * positive timeout. The reason names the offending field ("inputs.Host is required").
 */
export function validateDiagnostic(body: unknown): Checked<DiagnosticRequest> {
  if (!isRecord(body)) return { ok: false, reason: 'a diagnostic is an object' };
  const { kind, inputs, timeoutMs } = body;
  if (!isKind(kind)) {
    return {
      ok: false,
      reason: `kind ${JSON.stringify(kind)} is not one of ${DIAGNOSTIC_KINDS.join(', ')}`,
    };
  }
  if (!isRecord(inputs)) return { ok: false, reason: 'inputs must be an object' };
  const objectPath = diagnosticObjectPath(kind, 'tr-181')!;
  for (const [name, value] of Object.entries(inputs)) {
    const meta = inputMeta('tr-181', objectPath, name);
    if (meta === undefined) {
      return { ok: false, reason: `inputs.${name} is not an input of ${objectPath}` };
    }
    const problem = checkInput(meta, value, `inputs.${name}`);
    if (problem !== undefined) return { ok: false, reason: problem };
  }
  const missing = REQUIRED_INPUTS[kind].find((name) => inputs[name] === undefined);
  if (missing !== undefined) return { ok: false, reason: `inputs.${missing} is required` };
  if (
    timeoutMs !== undefined &&
    (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs <= 0)
  ) {
    return { ok: false, reason: 'timeoutMs must be a positive integer (milliseconds)' };
  }
  return {
    ok: true,
    value: {
      kind,
      inputs: inputs as DiagnosticRequest['inputs'],
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    },
  };
}

/**
 * The SetParameterValues list that starts a diagnostic on a device of `model`: each input on the
 * device's own diagnostics object, typed as that model types it, then DiagnosticsState
 * Requested. Fails when the model has no such test or lacks one of the inputs.
 */
export function requestParameters(
  request: DiagnosticRequest,
  model: DataModelId,
): Checked<ParameterValue[]> {
  const objectPath = diagnosticObjectPath(request.kind, model);
  if (objectPath === undefined) {
    return { ok: false, reason: `${request.kind} has no diagnostics object in ${model}` };
  }
  const list: ParameterValue[] = [];
  for (const [name, value] of Object.entries(request.inputs)) {
    const meta = inputMeta(model, objectPath, name);
    if (meta === undefined) {
      return { ok: false, reason: `inputs.${name} is not an input of ${objectPath} (${model})` };
    }
    const problem = checkInput(meta, value, `inputs.${name}`);
    if (problem !== undefined) return { ok: false, reason: problem };
    list.push({ name: objectPath + name, value: String(value), type: xsdTypeOf(meta) });
  }
  list.push({
    name: `${objectPath}DiagnosticsState`,
    value: 'Requested',
    type: 'xsd:string',
  });
  return { ok: true, value: list };
}
