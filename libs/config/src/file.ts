/**
 * meridian.yaml, parsed and checked against the layout, and merged with the environment (which
 * wins). Pure: the caller hands in the file's text and a way to read secret files.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { ConfigError, fits, type ConfigOf, type Env, type Spec } from './config';
import {
  isKey,
  keysOf,
  secretVariables,
  type Key,
  type Section,
  type Variable,
  layout,
} from './layout';
import { allSpec } from './specs';

/** Reads a secret file (Kubernetes secret volume); throws when it cannot. */
export type ReadSecret = (path: string) => string;

/** A variable's value from the file, and where. */
export interface FileValue {
  value: unknown;
  /** "cwmp.auth.password" */
  key: string;
  line: number;
}

export interface ParsedFile {
  values: Map<string, FileValue>;
  /** "meridian.yaml:3: cwmp.port: "x" is not …", in file order. */
  problems: string[];
}

/**
 * A secret file's content as the variable's text: without its trailing newline (`echo secret >
 * file`); a list (NBI API keys) may have one item per line.
 */
const secretText = (text: string, variable: string): string => {
  const trimmed = text.replace(/\r?\n$/, '');
  const field = allSpec[variable as Variable];
  return field.schema.type === 'array' ? trimmed.split(/\r?\n/).join(',') : trimmed;
};

/**
 * The variables a configuration file sets. Every problem is listed with the file name, line and
 * key: YAML syntax, unknown keys, values of the wrong type, unreadable secret files.
 */
export function parseConfigFile(text: string, name: string, readSecret: ReadSecret): ParsedFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const values = new Map<string, FileValue>();
  const found: { line: number; text: string }[] = [];
  const lineOf = (node: Node | null | undefined): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  const problem = (line: number, key: string, message: string) =>
    found.push({ line, text: `${name}:${line}: ${key ? `${key}: ` : ''}${message}` });
  // In file order (a stable sort keeps a line's problems in the order found).
  const problems = () => found.sort((a, b) => a.line - b.line).map((p) => p.text);

  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      problem(lineCounter.linePos(error.pos[0]).line, '', error.message.split('\n')[0] as string);
    }
    return { values, problems: problems() };
  }

  const walk = (node: unknown, section: Section, prefix: string): void => {
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return;
    if (!isMap(node)) {
      problem(lineOf(node as Node), prefix.slice(0, -1) || '(top)', 'is not a mapping of keys');
      return;
    }
    // The section's keys, as plain data, with their lines (secret files read in place).
    const keys = new Map<string, { key: Key; value: unknown; line: number; path: string }>();
    const sections = new Map<string, number>();
    for (const pair of node.items) {
      const keyNode = pair.key as Node;
      const line = lineOf(keyNode);
      const keyName = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const path = `${prefix}${keyName}`;
      const viaFile = keyName.endsWith('_file') ? keyName.slice(0, -'_file'.length) : undefined;
      const secretKey = viaFile === undefined ? undefined : section[viaFile];
      const isSecretFile =
        secretKey !== undefined && isKey(secretKey) && secretKey.secret && !(keyName in section);
      const target = isSecretFile ? secretKey : section[keyName];
      if (target === undefined) {
        const known = Object.entries(section).flatMap(([k, n]) =>
          isKey(n) && n.secret ? [k, `${k}_file`] : [k],
        );
        problem(line, path, `unknown key (known here: ${known.join(', ')})`);
        continue;
      }
      if (!isKey(target)) {
        const earlier = sections.get(keyName);
        if (earlier !== undefined) {
          problem(line, path, `the section is there twice (also on line ${earlier})`);
          continue;
        }
        sections.set(keyName, line);
        walk(pair.value, target, `${path}.`);
        continue;
      }
      const valueNode = pair.value as Node | null;
      let value: unknown = isScalar(valueNode) ? valueNode.value : valueNode?.toJSON();
      if (value === null || value === undefined) continue; // `key:` alone: not set
      const ownName = isSecretFile ? (viaFile as string) : keyName;
      const earlier = keys.get(ownName);
      if (earlier) {
        problem(line, path, `${prefix}${ownName} is set twice (also on line ${earlier.line})`);
        continue;
      }
      if (isSecretFile) {
        if (typeof value !== 'string' || value === '') {
          problem(line, path, `${JSON.stringify(value)} is not a file path`);
          continue;
        }
        try {
          // As its variable reads text (a list is split); a string stays itself.
          const variable = target.variables[0] as Variable;
          value = allSpec[variable].fromEnv(secretText(readSecret(value), variable));
        } catch (error) {
          problem(line, path, `${value} cannot be read: ${(error as Error).message}`);
          continue;
        }
      }
      keys.set(ownName, { key: target, value, line, path });
    }

    const plainSection = Object.fromEntries([...keys].map(([k, f]) => [k, f.value]));
    for (const { key, value, line, path } of keys.values()) {
      const outcome = key.apply(value, plainSection);
      const shown = key.secret ? 'the value' : JSON.stringify(value);
      if ('problem' in outcome) {
        problem(line, path, outcome.problem.replace(JSON.stringify(value), shown));
        continue;
      }
      for (const [variable, v] of Object.entries(outcome.set)) {
        const field = allSpec[variable as Variable];
        if (!fits(field, v)) {
          problem(line, path, `${shown} is not ${key.expected ?? field.expected}`);
          continue;
        }
        values.set(variable, { value: v, key: path, line });
      }
    }
  };

  walk(doc.contents, layout, '');
  return { values, problems: problems() };
}

export interface ConfigSources {
  env: Env;
  /** The configuration file's text and the name its problems carry; none: environment only. */
  file?: { text: string; name: string };
  readSecret: ReadSecret;
}

export interface Setting {
  variable: string;
  value: unknown;
  /** Where the value came from: "env", "env MERIDIAN_X_FILE=…", "meridian.yaml:3 cwmp.port", "default". */
  source: string;
}

/** The YAML key of each variable, for messages. */
const keyOfVariable = new Map<string, string>(
  keysOf().flatMap(({ path, key }) => key.variables.map((v) => [v, path] as const)),
);

/**
 * The configuration of `spec` from the file and the environment: a variable set in the
 * environment (or, for a secret, `<VARIABLE>_FILE`) wins over the file, which wins over the
 * default. Throws ConfigError listing every problem of the file (all of it, whatever `spec`
 * reads) and of the environment.
 */
export function resolveConfig<S extends Spec>(
  spec: S,
  sources: ConfigSources,
): { config: ConfigOf<S>; settings: Setting[] } {
  const { env, readSecret } = sources;
  const parsed = sources.file
    ? parseConfigFile(sources.file.text, sources.file.name, readSecret)
    : { values: new Map<string, FileValue>(), problems: [] };
  const problems = [...parsed.problems];
  const config: Record<string, unknown> = {};
  const settings: Setting[] = [];
  const fileName = sources.file?.name;

  for (const [variable, field] of Object.entries(spec)) {
    const raw = env[variable];
    const fileVariable = `${variable}_FILE`;
    const rawFile = secretVariables.has(variable) ? env[fileVariable] : undefined;
    const set = (value: unknown, source: string) => {
      config[variable] = value;
      settings.push({ variable, value, source });
    };
    const fromEnv = (text: string, source: string, named: string) => {
      const value = field.fromEnv(text.trim());
      if (value !== undefined && fits(field, value)) set(value, source);
      else
        problems.push(
          `${named} is not ${field.expected}${secretVariables.has(variable) ? '' : ` (${JSON.stringify(text)})`}`,
        );
    };

    if (raw !== undefined && raw.trim() !== '') {
      if (rawFile !== undefined && rawFile.trim() !== '') {
        problems.push(`${variable} and ${fileVariable} are both set: one of them`);
        continue;
      }
      fromEnv(raw, 'env', variable);
    } else if (rawFile !== undefined && rawFile.trim() !== '') {
      let text: string;
      try {
        text = secretText(readSecret(rawFile.trim()), variable);
      } catch (error) {
        problems.push(`${fileVariable}=${rawFile} cannot be read: ${(error as Error).message}`);
        continue;
      }
      fromEnv(text, `env ${fileVariable}=${rawFile.trim()}`, `the content of ${fileVariable}`);
    } else if (parsed.values.has(variable)) {
      const { value, key, line } = parsed.values.get(variable) as FileValue;
      set(value, `${fileName}:${line} ${key}`);
    } else if (field.optional || field.fallback !== undefined) {
      set(field.optional ? undefined : field.fallback, 'default');
    } else {
      const key = keyOfVariable.get(variable);
      problems.push(
        `${variable}${key && fileName ? ` (${fileName}: ${key})` : ''} is required (${field.expected})`,
      );
    }
  }
  if (problems.length === 0) problems.push(...crossProblems(config));
  if (problems.length > 0) throw new ConfigError(problems);
  return { config: config as ConfigOf<S>, settings };
}

/** Settings that are valid alone but not together (checked when the spec reads both). */
const CROSS_CHECKS: {
  variables: [string, string];
  holds: (a: number, b: number) => boolean;
  problem: string;
}[] = [
  {
    // Node refuses to start an HTTP server otherwise.
    variables: ['MERIDIAN_CWMP_REQUEST_TIMEOUT_MS', 'MERIDIAN_CWMP_HEADERS_TIMEOUT_MS'],
    holds: (request, headers) => request >= headers,
    problem:
      'MERIDIAN_CWMP_REQUEST_TIMEOUT_MS (cwmp.connection.timeout) must be at least MERIDIAN_CWMP_HEADERS_TIMEOUT_MS (cwmp.connection.headers_timeout)',
  },
];

function crossProblems(config: Record<string, unknown>): string[] {
  return CROSS_CHECKS.flatMap(({ variables: [a, b], holds, problem }) => {
    const [x, y] = [config[a], config[b]];
    return typeof x === 'number' && typeof y === 'number' && !holds(x, y) ? [problem] : [];
  });
}

const MASK = '********';

/** A setting's value as `config print` shows it: secrets masked, a URL's password too. */
export function maskedValue(variable: string, value: unknown): unknown {
  if (value === undefined || !secretVariables.has(variable)) return value;
  if (typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(value) && URL.canParse(value)) {
    const url = new URL(value);
    if (url.password !== '') url.password = MASK;
    return url.toString();
  }
  return MASK;
}
