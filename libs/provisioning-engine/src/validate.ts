import { XSD_TYPES, isXsdType } from '@meridian/cwmp';
import { PresetError } from './errors';
import { isObjectName, isParameterName, isRelativeName, isTableName } from './names';
import type { Action, Precondition, ProvisioningPreset, ValueTest } from './types';
import { VENDOR_CONFIG_FIELDS } from './vendor-config';

export interface PresetBody {
  weight: number;
  events: string[];
  precondition: Precondition;
  actions: Action[];
}

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** The failure key of discovery shares the state's `failures` map with preset names. */
const RESERVED_NAMES = ['discovery'];

const OPERATORS = ['eq', 'ne', 'in', 'prefix', 'regex', 'exists', 'versionLt', 'versionGte'];
const IDENTITY_FIELDS = [
  'manufacturer',
  'oui',
  'productClass',
  'serialNumber',
  'softwareVersion',
  'hardwareVersion',
] as const;
const ACTION_FIELDS: Record<Action['type'], string[]> = {
  setParameterValues: ['parameters'],
  ensureInstances: ['object', 'count', 'match', 'values'],
  refresh: ['path'],
  setNotification: ['parameters'],
  reboot: [],
  download: ['file'],
  vendorConfig: ['file'],
  addTag: ['tag'],
  removeTag: ['tag'],
  setCredentials: ['username', 'generation'],
};

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const list = (items: readonly string[]): string => items.join(', ');

/**
 * Collects problems while reading untrusted JSON; each reader returns a typed value (a
 * placeholder when invalid, never used because the whole validation then fails).
 */
class Reader {
  readonly errors: string[] = [];

  fail(path: string, problem: string): void {
    this.errors.push(`${path} ${problem}`);
  }

  fields(value: Json, path: string, allowed: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        this.fail(
          `${path}${path ? '.' : ''}${key}`,
          `is not a known field (known: ${list(allowed)})`,
        );
      }
    }
  }

  string(value: unknown, path: string): string {
    if (typeof value === 'string') return value;
    this.fail(path, 'must be a string');
    return '';
  }

  nonEmpty(value: unknown, path: string): string {
    const text = this.string(value, path);
    if (typeof value === 'string' && text.trim() === '') this.fail(path, 'must not be empty');
    return text;
  }

  name(value: unknown, path: string, valid: (name: string) => boolean, what: string): string {
    const text = this.string(value, path);
    if (typeof value === 'string' && !valid(text))
      this.fail(path, `must be ${what}, not ${JSON.stringify(text)}`);
    return text;
  }

  array<T>(value: unknown, path: string, item: (value: unknown, path: string) => T): T[] {
    if (!Array.isArray(value)) {
      this.fail(path, 'must be an array');
      return [];
    }
    return value.map((entry, i) => item(entry, `${path}[${i}]`));
  }

  object(value: unknown, path: string): Json | undefined {
    if (isRecord(value)) return value;
    this.fail(path, 'must be an object');
    return undefined;
  }

  stringMap(value: unknown, path: string): Record<string, string> {
    const map = this.object(value, path);
    if (!map) return {};
    for (const [key, entry] of Object.entries(map)) {
      if (!isRelativeName(key))
        this.fail(
          `${path}.${key}`,
          'must be a relative parameter name such as "SSID" or "X_Vendor.Enable"',
        );
      this.string(entry, `${path}.${key}`);
    }
    return map as Record<string, string>;
  }
}

const PARAMETER_NAME = 'a TR-069 parameter name such as "Device.DeviceInfo.SoftwareVersion"';
const OBJECT_NAME = 'a TR-069 object name ending with "." such as "Device.WiFi."';
const ANY_NAME = 'a TR-069 parameter or object name';
const TABLE_NAME = 'a multi-instance object name ending with "." such as "Device.WiFi.SSID."';
const isAnyName = (path: string): boolean => isParameterName(path) || isObjectName(path);

function valueTest(r: Reader, value: unknown, path: string): ValueTest {
  const test = r.object(value, path);
  if (!test) return { exists: true };
  const keys = Object.keys(test);
  const operators = keys.filter((key) => OPERATORS.includes(key));
  r.fields(test, path, OPERATORS);
  if (operators.length !== 1) {
    r.fail(
      path,
      `must have exactly one operator of ${list(OPERATORS)} (found ${operators.length})`,
    );
    return { exists: true };
  }
  const operator = operators[0] as string;
  const at = `${path}.${operator}`;
  const operand = test[operator];
  switch (operator) {
    case 'in':
      return { in: r.array(operand, at, (v, p) => r.string(v, p)) };
    case 'exists':
      if (typeof operand !== 'boolean') r.fail(at, 'must be true or false');
      return { exists: operand === true };
    case 'regex': {
      const source = r.string(operand, at);
      try {
        new RegExp(source);
      } catch (error) {
        r.fail(at, `is not a valid regular expression: ${(error as Error).message}`);
      }
      return { regex: source };
    }
    default:
      return { [operator]: r.string(operand, at) } as ValueTest;
  }
}

function precondition(r: Reader, value: unknown): Precondition {
  if (value === undefined) return {};
  const input = r.object(value, 'precondition');
  if (!input) return {};
  r.fields(input, 'precondition', [...IDENTITY_FIELDS, 'tags', 'notTags', 'parameters']);
  const out: Precondition = {};
  for (const field of IDENTITY_FIELDS) {
    if (input[field] !== undefined)
      out[field] = valueTest(r, input[field], `precondition.${field}`);
  }
  for (const field of ['tags', 'notTags'] as const) {
    if (input[field] !== undefined) {
      out[field] = r.array(input[field], `precondition.${field}`, (v, p) => r.nonEmpty(v, p));
    }
  }
  if (input.parameters !== undefined) {
    out.parameters = r.array(input.parameters, 'precondition.parameters', (v, p) => {
      const entry = r.object(v, p) ?? {};
      r.fields(entry, p, ['path', 'test']);
      return {
        path: r.name(entry.path, `${p}.path`, isParameterName, PARAMETER_NAME),
        test: valueTest(r, entry.test, `${p}.test`),
      };
    });
  }
  return out;
}

function nonEmptyList<T>(
  r: Reader,
  value: unknown,
  path: string,
  item: (v: unknown, p: string) => T,
): T[] {
  const items = r.array(value, path, item);
  if (Array.isArray(value) && value.length === 0) r.fail(path, 'must not be empty');
  return items;
}

function action(r: Reader, value: unknown, path: string): Action {
  const input = r.object(value, path);
  if (!input) return { type: 'reboot' };
  const type = input.type;
  if (typeof type !== 'string' || !(type in ACTION_FIELDS)) {
    r.fail(`${path}.type`, `must be one of ${list(Object.keys(ACTION_FIELDS))}`);
    return { type: 'reboot' };
  }
  const kind = type as Action['type'];
  r.fields(input, path, ['type', ...ACTION_FIELDS[kind]]);
  const at = (field: string): string => `${path}.${field}`;
  switch (kind) {
    case 'setParameterValues': {
      const parameters = nonEmptyList(r, input.parameters, at('parameters'), (v, p) => {
        const entry = r.object(v, p) ?? {};
        r.fields(entry, p, ['path', 'value', 'type']);
        const name = r.name(entry.path, `${p}.path`, isParameterName, PARAMETER_NAME);
        const parameter: { path: string; value: string; type?: (typeof XSD_TYPES)[number] } = {
          path: name,
          value: r.string(entry.value, `${p}.value`),
        };
        if (entry.type !== undefined) {
          if (isXsdType(entry.type)) parameter.type = entry.type;
          else r.fail(`${p}.type`, `must be one of ${list(XSD_TYPES)}`);
        }
        return parameter;
      });
      return { type: kind, parameters };
    }
    case 'ensureInstances': {
      const count = input.count;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
        r.fail(at('count'), 'must be an integer >= 0');
      }
      const ensure: Action = {
        type: kind,
        object: r.name(input.object, at('object'), isTableName, TABLE_NAME),
        count: typeof count === 'number' ? count : 0,
        match: input.match === undefined ? {} : r.stringMap(input.match, at('match')),
      };
      if (input.values !== undefined) ensure.values = r.stringMap(input.values, at('values'));
      return ensure;
    }
    case 'refresh':
      return { type: kind, path: r.name(input.path, at('path'), isObjectName, OBJECT_NAME) };
    case 'setNotification': {
      const parameters = nonEmptyList(r, input.parameters, at('parameters'), (v, p) => {
        const entry = r.object(v, p) ?? {};
        r.fields(entry, p, ['path', 'notification']);
        const notification = entry.notification;
        if (notification !== 0 && notification !== 1 && notification !== 2) {
          r.fail(`${p}.notification`, 'must be 0 (off), 1 (passive) or 2 (active)');
        }
        return {
          path: r.name(entry.path, `${p}.path`, isAnyName, ANY_NAME),
          notification: (notification === 1 || notification === 2 ? notification : 0) as 0 | 1 | 2,
        };
      });
      return { type: kind, parameters };
    }
    case 'reboot':
      return { type: kind };
    case 'download':
      return { type: kind, file: r.nonEmpty(input.file, at('file')) };
    case 'vendorConfig': {
      if (input.file === undefined) return { type: kind };
      const file = r.nonEmpty(input.file, at('file'));
      const unknown = [...file.matchAll(/\{([^}]*)\}/g)]
        .map((m) => m[1] as string)
        .filter((name) => !VENDOR_CONFIG_FIELDS.includes(name));
      if (unknown.length > 0) {
        r.fail(
          at('file'),
          `names {${unknown.join('}, {')}}: only {${VENDOR_CONFIG_FIELDS.join('}, {')}}`,
        );
      }
      return { type: kind, file };
    }
    case 'addTag':
    case 'removeTag':
      return { type: kind, tag: r.nonEmpty(input.tag, at('tag')) };
    case 'setCredentials': {
      const credentials: Action = { type: kind };
      if (input.username !== undefined) {
        const username = r.nonEmpty(input.username, at('username'));
        // Basic splits at the first ":"; TR-181 Username is string(256).
        if (username.includes(':') || username.length > 256) {
          r.fail(at('username'), 'must be at most 256 characters, without ":"');
        }
        credentials.username = username;
      }
      if (input.generation !== undefined) {
        const generation = input.generation;
        if (typeof generation !== 'number' || !Number.isInteger(generation) || generation < 1) {
          r.fail(at('generation'), 'must be an integer >= 1');
        } else credentials.generation = generation;
      }
      return credentials;
    }
  }
}

/**
 * Validates a preset as the NBI receives it (PUT /presets/{name}):
 * `{ weight?, events?, precondition?, actions }`. Every problem is reported with its JSON path.
 */
export function validatePresetBody(body: unknown): Validation<PresetBody> {
  const r = new Reader();
  if (!isRecord(body)) return { ok: false, errors: ['body must be an object'] };
  r.fields(body, '', ['weight', 'events', 'precondition', 'actions']);
  const weight = body.weight ?? 0;
  if (typeof weight !== 'number' || !Number.isFinite(weight)) r.fail('weight', 'must be a number');
  const value: PresetBody = {
    weight: typeof weight === 'number' ? weight : 0,
    events:
      body.events === undefined ? [] : r.array(body.events, 'events', (v, p) => r.nonEmpty(v, p)),
    precondition: precondition(r, body.precondition),
    actions:
      body.actions === undefined
        ? (r.fail('actions', 'is required'), [])
        : r.array(body.actions, 'actions', (v, p) => action(r, v, p)),
  };
  repeatedSettings(r, value.actions);
  credentialSettings(r, value.actions);
  return r.errors.length === 0 ? { ok: true, value } : { ok: false, errors: r.errors };
}

// Two settings of one path in one preset would undo each other on every round.
function repeatedSettings(r: Reader, actions: readonly Action[]): void {
  const first = new Map<string, string>();
  actions.forEach((action, i) => {
    if (action.type !== 'setParameterValues') return;
    action.parameters.forEach(({ path }, j) => {
      const at = `actions[${i}].parameters[${j}]`;
      const earlier = first.get(path);
      if (earlier)
        r.fail(`${at}.path`, `repeats ${JSON.stringify(path)}, already set by ${earlier}`);
      else if (path) first.set(path, at);
    });
  });
}

// setCredentials owns ManagementServer.Username/Password: a second setting would fight it.
function credentialSettings(r: Reader, actions: readonly Action[]): void {
  const owner = actions.findIndex((a) => a.type === 'setCredentials');
  if (owner < 0) return;
  actions.forEach((action, i) => {
    if (action.type === 'setCredentials' && i !== owner) {
      r.fail(`actions[${i}]`, `repeats setCredentials of actions[${owner}]`);
    }
    if (action.type !== 'setParameterValues') return;
    action.parameters.forEach(({ path }, j) => {
      if (/\.ManagementServer\.(Username|Password)$/.test(path)) {
        r.fail(
          `actions[${i}].parameters[${j}].path`,
          `is set by setCredentials (actions[${owner}])`,
        );
      }
    });
  });
}

/** Why a preset name cannot be used, or undefined when it can. */
export function presetNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'a preset name must not be empty';
  if (RESERVED_NAMES.includes(name)) return `the preset name ${JSON.stringify(name)} is reserved`;
  return undefined;
}

/** A stored preset (actions in `configurations`) as the planner reads it; throws PresetError. */
export function parsePreset(stored: {
  name: string;
  version: number;
  weight: number;
  events: string[];
  precondition: unknown;
  configurations: unknown[];
}): ProvisioningPreset {
  const nameProblem = presetNameProblem(stored.name);
  const result = validatePresetBody({
    weight: stored.weight,
    events: stored.events,
    precondition: stored.precondition ?? undefined,
    actions: stored.configurations,
  });
  const errors = [...(nameProblem ? [nameProblem] : []), ...(result.ok ? [] : result.errors)];
  if (!result.ok || errors.length > 0) throw new PresetError(stored.name, errors);
  return { name: stored.name, version: stored.version, ...result.value };
}
