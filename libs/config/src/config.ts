/**
 * Typed, validated configuration. Every service reads its whole configuration once at start; all
 * problems are reported together, so an operator fixes a bad deployment in one round.
 *
 * A spec names each setting by its environment variable (MERIDIAN_*). Each field is a JSON Schema
 * of the value (TypeBox, checked by Ajv) plus how the variable's text maps onto it: the schema of
 * the whole configuration object (`configSchema`) is what a configuration file is checked against
 * (`validateConfig`), and the environment is one more source of the same object (`readConfig`).
 */
import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import { Ajv } from 'ajv';

export type Env = Readonly<Record<string, string | undefined>>;

/** One setting: the schema of its value and how an environment variable's text becomes one. */
export interface Field<T> {
  /** JSON Schema of the value, with its `default`. */
  readonly schema: TSchema;
  /** Absent is not a problem: the value is undefined. */
  readonly optional: boolean;
  readonly fallback: T | undefined;
  /** The words of "… is not <expected>". */
  readonly expected: string;
  /** The variable's (trimmed) text as a value for the schema to check; undefined when unreadable. */
  fromEnv(raw: string): unknown;
  /** For documentation and the start-up banner. */
  describe(): string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const ajv = new Ajv({ strictTypes: true }).addFormat('uri', {
  type: 'string',
  validate: (s: string) => URL.canParse(s),
});

/** Whether `value` fits the field's schema (each field schema is compiled once, then reused). */
export const fits = (f: Field<unknown>, value: unknown): boolean => ajv.compile(f.schema)(value);

function field<T>(
  describe: string,
  schema: TSchema,
  fromEnv: (raw: string) => unknown,
  expected: string,
  fallback?: T,
): Field<T> {
  return {
    schema: fallback === undefined ? schema : { ...schema, default: fallback },
    optional: false,
    fallback,
    expected,
    fromEnv,
    describe: () =>
      fallback === undefined
        ? `${describe} (required)`
        : `${describe}, default ${String(fallback)}`,
  };
}

export const str = (fallback?: string): Field<string> =>
  field('string', Type.String(), (raw) => raw, 'a string', fallback);

/** Absent means undefined, never a problem. */
export const optional = <T>(inner: Field<T>): Field<T | undefined> => ({
  ...inner,
  optional: true,
  describe: () => `${inner.describe()} (optional)`,
});

export const int = (
  fallback?: number,
  range: { min?: number; max?: number } = {},
): Field<number> => {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = range;
  return field(
    `integer in [${min}, ${max}]`,
    Type.Integer({ minimum: min, maximum: max }),
    (raw) => (/^-?\d+$/.test(raw) ? Number(raw) : undefined),
    `an integer between ${min} and ${max}`,
    fallback,
  );
};

export const port = (fallback?: number): Field<number> => int(fallback, { min: 0, max: 65535 });

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];

export const bool = (fallback?: boolean): Field<boolean> =>
  field(
    'boolean',
    Type.Boolean(),
    (raw) => {
      const v = raw.toLowerCase();
      return TRUE.includes(v) ? true : FALSE.includes(v) ? false : undefined;
    },
    'a boolean (true/false)',
    fallback,
  );

export const oneOf = <const T extends string>(values: readonly T[], fallback?: T): Field<T> =>
  field(
    `one of ${values.join('|')}`,
    Type.Unsafe<T>({ type: 'string', enum: [...values] }),
    (raw) => raw,
    `one of ${values.join(', ')}`,
    fallback,
  );

/** A scheme matched as URL parsing does, whatever its case ("REDIS://" is redis). */
const schemePattern = (protocols: readonly string[]): string =>
  `^(${protocols
    .map((p) =>
      [...p]
        .map((c) => (/[a-z]/.test(c) ? `[${c}${c.toUpperCase()}]` : c.replace(/[+.]/, '\\$&')))
        .join(''),
    )
    .join('|')}):`;

export const url = (protocols: readonly string[], fallback?: string): Field<string> =>
  field(
    `URL (${protocols.join(', ')})`,
    Type.String({ format: 'uri', pattern: schemePattern(protocols) }),
    (raw) => raw,
    `a URL with scheme ${protocols.join(' or ')}`,
    fallback,
  );

/** Comma-separated list of non-empty items. */
export const list = (fallback?: readonly string[]): Field<string[]> =>
  field(
    'comma-separated list',
    Type.Array(Type.String({ minLength: 1 })),
    (raw) => raw.split(',').map((s) => s.trim()),
    'a comma-separated list',
    fallback ? [...fallback] : undefined,
  );

export type Spec = Record<string, Field<unknown>>;
export type ConfigOf<S extends Spec> = { [K in keyof S]: S[K] extends Field<infer T> ? T : never };

/**
 * JSON Schema of the whole configuration object of `spec` (keys are the variable names): what a
 * configuration file is written against. Settings without a default are required.
 */
export function configSchema(spec: Spec): TObject {
  return Type.Object(
    Object.fromEntries(
      Object.entries(spec).map(([name, f]) => [
        name,
        f.optional || f.fallback !== undefined ? Type.Optional(f.schema) : f.schema,
      ]),
    ),
  );
}

/**
 * The configuration from values already typed (a parsed configuration file): absent settings take
 * their default; throws ConfigError naming every problem.
 */
export function validateConfig<S extends Spec>(
  spec: S,
  values: Record<string, unknown>,
): ConfigOf<S> {
  return check(spec, (name, f) => {
    const value = values[name];
    if (value === undefined) return absent(name, f);
    return fits(f, value)
      ? { ok: true, value }
      : { ok: false, problem: `${name}: ${JSON.stringify(value)} is not ${f.expected}` };
  });
}

/** Reads every field of `spec` from the environment; throws ConfigError listing all problems. */
export function readConfig<S extends Spec>(spec: S, env: Env = process.env): ConfigOf<S> {
  return check(spec, (name, f) => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return absent(name, f);
    const value = f.fromEnv(raw.trim());
    return value !== undefined && fits(f, value)
      ? { ok: true, value }
      : { ok: false, problem: `${name}=${JSON.stringify(raw)} is not ${f.expected}` };
  });
}

type Read = { ok: true; value: unknown } | { ok: false; problem: string };

const absent = (name: string, f: Field<unknown>): Read =>
  f.optional || f.fallback !== undefined
    ? { ok: true, value: f.optional ? undefined : f.fallback }
    : { ok: false, problem: `${name} is required (${f.expected})` };

function check<S extends Spec>(
  spec: S,
  read: (name: string, f: Field<unknown>) => Read,
): ConfigOf<S> {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(spec)) {
    const r = read(name, f);
    if (r.ok) out[name] = r.value;
    else problems.push(r.problem);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out as ConfigOf<S>;
}

/** Markdown rows `| NAME | description |` for the README's configuration table. */
export function describeSpec(spec: Spec): string[] {
  return Object.entries(spec).map(([name, f]) => `| \`${name}\` | ${f.describe()} |`);
}

/** A server's URL as logged: without the user name and password it may hold. */
export function withoutCredentials(address: string): string {
  const url = new URL(address);
  url.username = '';
  url.password = '';
  return url.toString();
}
