import { presetNameProblem, validatePresetBody } from '@meridian/provisioning-engine';
import {
  DuplicateKeyError,
  VersionConflictError,
  type JsonValue,
  type Preset,
  type PresetChanges,
  type PresetRepository,
} from '@meridian/store';
import { ApiError, badRequest } from './errors';

/** The channel of the presets the NBI manages (GenieACS's name for a preset's fault scope). */
export const PRESET_CHANNEL = 'presets';

/** A preset as the NBI shows it: the store's `configurations` are its `actions`. */
export interface PresetView {
  name: string;
  version: number;
  weight: number;
  events: string[];
  precondition: JsonValue;
  actions: JsonValue[];
  createdAt: Date;
  updatedAt: Date;
}

export const presetView = (p: Preset): PresetView => ({
  name: p.name,
  version: p.version,
  weight: p.weight,
  events: p.events,
  precondition: p.precondition,
  actions: p.configurations,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

/** The entity tag of a preset version, as ETag carries it and If-Match takes it back. */
export const etagOf = (version: number): string => `"${version}"`;

/** If-Match: `"<version>"` (the ETag of a GET or PUT) or `*` (the preset must exist). */
export function parseIfMatch(header: string | undefined): number | '*' | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return '*';
  const match = /^"([1-9][0-9]{0,15})"$/.exec(value);
  if (!match) throw badRequest('If-Match must be "<version>" (as ETag gives it) or *');
  return Number(match[1]);
}

// URL- and log-safe; the engine adds its own rules (reserved names).
const NAME = /^[A-Za-z0-9_.~-]{1,128}$/;

export function checkPresetName(name: string): string {
  const problem = NAME.test(name)
    ? presetNameProblem(name)
    : 'a preset name is 1 to 128 characters of A-Z a-z 0-9 _ . ~ -';
  if (problem) throw new ApiError(400, 'invalid_preset_name', problem);
  return name;
}

/** The validated body as the store keeps it; 400 listing every problem otherwise. */
export function presetChangesOf(body: unknown): Required<PresetChanges> {
  const checked = validatePresetBody(body);
  if (!checked.ok) {
    throw new ApiError(400, 'invalid_preset', checked.errors.join('; '), checked.errors);
  }
  const { weight, events, precondition, actions } = checked.value;
  return {
    channel: PRESET_CHANNEL,
    weight,
    events,
    // Validated plain data: the round trip only gives it the store's JSON type.
    precondition: JSON.parse(JSON.stringify(precondition)) as JsonValue,
    configurations: JSON.parse(JSON.stringify(actions)) as JsonValue[],
  };
}

const conflict = (name: string, expected: number | '*', actual: number): ApiError =>
  new ApiError(
    412,
    'version_conflict',
    actual === 0
      ? `preset ${name} does not exist (If-Match ${expected === '*' ? '*' : etagOf(expected)})`
      : `preset ${name} is at version ${actual}, not ${expected}`,
  );

/** Tries of a create-or-update that races with other writers before giving up. */
const PUT_TRIES = 3;

/**
 * PUT semantics: creates the preset or replaces its definition (version + 1). With If-Match,
 * only the given version is replaced, and a preset that does not exist is not created.
 */
export async function putPreset(
  presets: PresetRepository,
  name: string,
  changes: Required<PresetChanges>,
  ifMatch: number | '*' | undefined,
): Promise<{ preset: Preset; created: boolean }> {
  for (let i = 0; i < PUT_TRIES; i++) {
    const existing = await presets.get(name);
    if (!existing) {
      if (ifMatch !== undefined) throw conflict(name, ifMatch, 0);
      try {
        return { preset: await presets.create({ name, ...changes }), created: true };
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        continue; // created meanwhile: replace it on the next try
      }
    }
    const expected = ifMatch === undefined || ifMatch === '*' ? undefined : ifMatch;
    try {
      const preset = await presets.update(name, changes, expected);
      if (preset) return { preset, created: false };
      // Deleted meanwhile: the next try creates it unless If-Match asked for this one.
    } catch (error) {
      if (error instanceof VersionConflictError && expected !== undefined) {
        throw conflict(name, expected, error.actualVersion);
      }
      throw error;
    }
  }
  throw new ApiError(409, 'concurrent_change', `preset ${name} keeps changing; try again`);
}
