/**
 * Typed, validated configuration from environment variables (MERIDIAN_*). Every service reads
 * its whole configuration once at start; all problems are reported together, so an operator
 * fixes a bad deployment in one round.
 */

export type Env = Readonly<Record<string, string | undefined>>;

/** Reads one variable; returns the value or a problem description. */
export interface Field<T> {
  read(env: Env, name: string): { ok: true; value: T } | { ok: false; problem: string };
  /** For documentation and the start-up banner. */
  describe(): string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

function field<T>(
  describe: string,
  parse: (raw: string) => T | undefined,
  expected: string,
  fallback?: T,
): Field<T> {
  return {
    describe: () =>
      fallback === undefined
        ? `${describe} (required)`
        : `${describe}, default ${String(fallback)}`,
    read(env, name) {
      const raw = env[name];
      if (raw === undefined || raw.trim() === '') {
        return fallback === undefined
          ? { ok: false, problem: `${name} is required (${expected})` }
          : { ok: true, value: fallback };
      }
      const value = parse(raw.trim());
      return value === undefined
        ? { ok: false, problem: `${name}=${JSON.stringify(raw)} is not ${expected}` }
        : { ok: true, value };
    },
  };
}

export const str = (fallback?: string): Field<string> =>
  field('string', (raw) => raw, 'a string', fallback);

/** Absent means undefined, never a problem. */
export const optional = <T>(inner: Field<T>): Field<T | undefined> => ({
  describe: () => `${inner.describe()} (optional)`,
  read(env, name) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return { ok: true, value: undefined };
    return inner.read(env, name);
  },
});

export const int = (
  fallback?: number,
  range: { min?: number; max?: number } = {},
): Field<number> => {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = range;
  return field(
    `integer in [${min}, ${max}]`,
    (raw) => {
      if (!/^-?\d+$/.test(raw)) return undefined;
      const n = Number(raw);
      return n >= min && n <= max ? n : undefined;
    },
    `an integer between ${min} and ${max}`,
    fallback,
  );
};

export const port = (fallback?: number): Field<number> => int(fallback, { min: 0, max: 65535 });

export const bool = (fallback?: boolean): Field<boolean> =>
  field(
    'boolean',
    (raw) => {
      const v = raw.toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      return undefined;
    },
    'a boolean (true/false)',
    fallback,
  );

export const oneOf = <const T extends string>(values: readonly T[], fallback?: T): Field<T> =>
  field(
    `one of ${values.join('|')}`,
    (raw) => ((values as readonly string[]).includes(raw) ? (raw as T) : undefined),
    `one of ${values.join(', ')}`,
    fallback,
  );

export const url = (protocols: readonly string[], fallback?: string): Field<string> =>
  field(
    `URL (${protocols.join(', ')})`,
    (raw) => {
      try {
        return protocols.includes(new URL(raw).protocol.replace(/:$/, '')) ? raw : undefined;
      } catch {
        return undefined;
      }
    },
    `a URL with scheme ${protocols.join(' or ')}`,
    fallback,
  );

/** Comma-separated list of non-empty items. */
export const list = (fallback?: readonly string[]): Field<string[]> =>
  field(
    'comma-separated list',
    (raw) => {
      const items = raw.split(',').map((s) => s.trim());
      return items.every((s) => s !== '') ? items : undefined;
    },
    'a comma-separated list',
    fallback ? [...fallback] : undefined,
  );

export type Spec = Record<string, Field<unknown>>;
export type ConfigOf<S extends Spec> = { [K in keyof S]: S[K] extends Field<infer T> ? T : never };

/** Reads every field of `spec` (keys are the variable names); throws ConfigError listing all problems. */
export function readConfig<S extends Spec>(spec: S, env: Env = process.env): ConfigOf<S> {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(spec)) {
    const r = f.read(env, name);
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
