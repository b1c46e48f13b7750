/**
 * Validation of bus messages as they come off the wire: schemaVersion first (an unknown version
 * is refused, never guessed at), then the shape of each topic's message against its JSON Schema
 * (messages.ts), compiled once by Ajv.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { SCHEMA_VERSION, topicSchemas, type TopicMessages } from './messages';
import { Noun, Refusal } from './schema';

export type Validation<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Two compilations of a topic's schema: a lean one that only answers valid or not (the hot path),
 * and one that lists every error with its schema, run on a refused message to word the reason.
 * Each is compiled on first use (a service reads two or three topics; compiling all of them costs
 * a second at start). Extra fields are tolerated (forward compatibility); values are never changed.
 */
const ajvOf = (options: { allErrors: boolean; verbose: boolean }) => {
  const ajv = new Ajv({
    discriminator: true,
    strictTypes: true,
    allowUnionTypes: true,
    ...options,
  }).addFormat('date-time', {
    type: 'string',
    // Read as the services always have: anything Date.parse understands.
    validate: (s: string) => !Number.isNaN(Date.parse(s)),
  });
  // minLength as JavaScript counts a string (UTF-16 units), not by walking it code point by
  // code point on every check: that walk was ~85 % of an Inform message's check (19 parameter
  // names). The schemas' only length limit is minLength 1, on which both counts agree. Set on
  // the instance (read when a schema is compiled): as a constructor option Ajv 8 warns that it
  // is deprecated at every start.
  ajv.opts.unicode = false;
  return ajv;
};
const lean = ajvOf({ allErrors: false, verbose: false });
const detailed = ajvOf({ allErrors: true, verbose: true });
const checks: { [K in keyof TopicMessages]?: ValidateFunction } = {};

type JsonSchema = {
  type?: string | string[];
  exclusiveMinimum?: number;
  enum?: unknown[];
  format?: string;
  minLength?: number;
  properties?: Record<string, JsonSchema>;
  [Noun]?: string;
  [Refusal]?: string;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isMessageTopic = (topic: string): topic is keyof TopicMessages =>
  Object.prototype.hasOwnProperty.call(topicSchemas, topic);

/** What a value of `schema` must be, in the words of the error messages. */
function expected(schema: JsonSchema | undefined): string {
  if (schema?.enum) return `one of ${schema.enum.join(', ')}`;
  if (schema?.format === 'date-time') return 'an ISO-8601 date-time';
  if (Array.isArray(schema?.type)) {
    // ["string", "number", "boolean"] → "a string, number or boolean"
    const [first = '', ...rest] = schema.type.map((type) => expected({ type }));
    const names = [first, ...rest.map((name) => name.replace(/^an? /, ''))];
    return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  }
  switch (schema?.type) {
    case 'string':
      return schema.minLength ? 'a non-empty string' : 'a string';
    case 'integer':
      return schema.exclusiveMinimum === undefined
        ? 'an integer'
        : `an integer > ${schema.exclusiveMinimum}`;
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'array':
      return 'an array';
    default:
      return 'an object';
  }
}

/** "/parameterList/0/type" → "message.parameterList[0].type". */
const fieldPath = (instancePath: string, field?: string): string =>
  [...instancePath.split('/').slice(1), ...(field === undefined ? [] : [field])].reduce(
    (path, segment) => {
      const name = segment.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^\d+$/.test(name) ? `${path}[${name}]` : `${path}.${name}`;
    },
    'message',
  );

/**
 * The reason of one problem, naming its field: a wrong value first (Ajv lists every `required` of
 * an object before the checks of its fields), then a missing one, then an unknown union tag (the
 * fields beside a tag are checked first, as they always were). The summary of an `if` (`either`)
 * comes last: the errors of its branch say more.
 */
function reasonOf(errors: readonly ErrorObject[]): string {
  const ranks: Record<string, number> = { required: 1, discriminator: 2, if: 3 };
  const rank = (e: ErrorObject) => ranks[e.keyword] ?? 0;
  const error = [...errors].sort((a, b) => rank(a) - rank(b))[0];
  if (!error) return 'message is not valid';
  const parent = error.parentSchema as JsonSchema | undefined;
  if (error.keyword === 'required') {
    const field = (error.params as { missingProperty: string }).missingProperty;
    return `${fieldPath(error.instancePath, field)} must be ${expected(parent?.properties?.[field])}`;
  }
  if (error.keyword === 'discriminator') {
    const { tag, tagValue } = error.params as { tag: string; tagValue: unknown };
    return `${fieldPath(error.instancePath, tag)} ${JSON.stringify(tagValue)} is not ${parent?.[Noun] ?? 'known'}`;
  }
  if (error.keyword === 'not' && parent?.[Refusal]) {
    return `${fieldPath(error.instancePath)} ${parent[Refusal]}`;
  }
  return `${fieldPath(error.instancePath)} must be ${expected(parent)}`;
}

/**
 * Checks a decoded message of `topic`. The reason names an offending field
 * (e.g. "message.rpc.name \"Frobnicate\" is not a CWMP method the ACS can call").
 */
export function validateMessage<T extends keyof TopicMessages>(
  topic: T,
  value: unknown,
): Validation<TopicMessages[T]>;
export function validateMessage(topic: string, value: unknown): Validation<unknown>;
export function validateMessage(topic: string, value: unknown): Validation<unknown> {
  if (!isMessageTopic(topic)) return { ok: false, reason: `no JSON schema for topic ${topic}` };
  if (!isRecord(value)) return { ok: false, reason: 'message must be a JSON object' };
  if (value.schemaVersion !== SCHEMA_VERSION) {
    return {
      ok: false,
      reason: `unsupported schemaVersion ${JSON.stringify(value.schemaVersion)} (supported: ${SCHEMA_VERSION})`,
    };
  }
  const check = (checks[topic] ??= lean.compile(topicSchemas[topic]));
  if (check(value)) return { ok: true, value };
  // Ajv keeps what it compiled, keyed by the schema: a second refusal compiles nothing.
  const explain = detailed.compile(topicSchemas[topic]);
  explain(value);
  return { ok: false, reason: reasonOf(explain.errors ?? []) };
}
