import type { InFlight, ProvisioningState, Purpose } from './types';

export function emptyState(): ProvisioningState {
  return { inFlight: {}, applied: {}, progress: {}, failures: {}, refreshedAt: {}, seq: 0 };
}

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isTime = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isCounts = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every(isCount);

function isPurpose(value: unknown): value is Purpose {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case 'discoverNames':
      return true;
    case 'discoverValues':
      return (
        isCount(value.batch) &&
        isCount(value.of) &&
        (value.names === undefined ||
          (isRecord(value.names) && Object.values(value.names).every((v) => typeof v === 'string')))
      );
    case 'refresh':
      return typeof value.path === 'string' && (value.step === 'names' || value.step === 'values');
    case 'preset':
      return (
        typeof value.preset === 'string' &&
        isCount(value.version) &&
        isCount(value.action) &&
        (value.step === undefined || typeof value.step === 'string')
      );
    default:
      return false;
  }
}

const isInFlight = (value: unknown): value is InFlight =>
  isRecord(value) &&
  isPurpose(value.purpose) &&
  isTime(value.issuedAt) &&
  (value.waveFailed === undefined || typeof value.waveFailed === 'boolean');

const isApplied = (value: unknown): value is ProvisioningState['applied'][string] =>
  isRecord(value) &&
  isCount(value.version) &&
  isTime(value.at) &&
  (value.parameterKey === undefined || typeof value.parameterKey === 'string');

const isProgress = (value: unknown): value is ProvisioningState['progress'][string] =>
  isRecord(value) &&
  isCount(value.version) &&
  isCounts(value.done) &&
  (value.created === undefined ||
    (isRecord(value.created) && Object.values(value.created).every(isCounts))) &&
  (value.steps === undefined ||
    (isRecord(value.steps) && Object.values(value.steps).every((s) => typeof s === 'string'))) &&
  (value.parameterKey === undefined || typeof value.parameterKey === 'string') &&
  (value.transfers === undefined ||
    (isRecord(value.transfers) &&
      Object.values(value.transfers).every(
        (t) => isRecord(t) && typeof t.commandId === 'string' && isTime(t.since),
      )));

const isFailure = (value: unknown): value is ProvisioningState['failures'][string] =>
  isRecord(value) &&
  isCount(value.version) &&
  isCount(value.count) &&
  isTime(value.retryAt) &&
  typeof value.lastError === 'string';

/**
 * The stored state, tolerant: an absent record is a fresh state, and a garbled part is replaced
 * (a map loses only its bad entries) rather than failing the device. Each repair is reported to
 * `onProblem` so the caller can log it.
 */
export function parseState(json: unknown, onProblem?: (reason: string) => void): ProvisioningState {
  const state = emptyState();
  if (json === null || json === undefined) return state;
  if (!isRecord(json)) {
    onProblem?.(`provisioning state is not an object (${typeof json}); starting afresh`);
    return state;
  }
  const report = (reason: string): void => onProblem?.(reason);
  if (json.discoveredAt !== undefined) {
    if (isTime(json.discoveredAt)) state.discoveredAt = json.discoveredAt;
    else report('discoveredAt is not a time; the device will be discovered again');
  }
  if (json.seq !== undefined && !isCount(json.seq)) report('seq is not a count; restarting at 0');
  if (isCount(json.seq)) state.seq = json.seq;
  state.inFlight = entries(json.inFlight, 'inFlight', isInFlight, report);
  state.applied = entries(json.applied, 'applied', isApplied, report);
  state.progress = entries(json.progress, 'progress', isProgress, report);
  state.failures = entries(json.failures, 'failures', isFailure, report);
  state.refreshedAt = entries(json.refreshedAt, 'refreshedAt', isTime, report);
  return state;
}

function entries<T>(
  value: unknown,
  field: string,
  valid: (entry: unknown) => entry is T,
  report: (reason: string) => void,
): Record<string, T> {
  if (value === undefined) return {};
  if (!isRecord(value)) {
    report(`${field} is not an object; dropped`);
    return {};
  }
  const kept: Record<string, T> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (valid(entry)) kept[key] = entry;
    else report(`${field}.${key} is garbled; dropped`);
  }
  return kept;
}
