/**
 * The few building blocks the message schemas need beyond TypeBox's own: each yields JSON Schema
 * (draft-07, what Ajv validates and the AsyncAPI document publishes) and the TypeScript type.
 */
import { Type, type Static, type TObject, type TSchema, type TUnsafe } from '@sinclair/typebox';

export const str = Type.String();
export const nonEmpty = Type.String({ minLength: 1 });
export const int = Type.Integer();
export const num = Type.Number();
export const bool = Type.Boolean();
/** Checked as `Date.parse` reads it (validate.ts registers the format so). */
export const isoTime = Type.String({ format: 'date-time' });

/** One of a few values, as a JSON Schema `enum`. */
export const enumOf = <const T extends readonly (string | number)[]>(values: T) =>
  Type.Unsafe<T[number]>({
    type: typeof values[0] === 'number' ? 'integer' : 'string',
    enum: [...values],
  });

/** What a discriminated union's tag must name, for the error message ("… is not <noun>"). */
export const Noun = Symbol('noun');

/**
 * A union of objects told apart by `key` (Ajv's `discriminator`: one lookup instead of trying each
 * branch, and an error that names the tag). `noun` completes "<path>.<key> "x" is not <noun>".
 * Each branch is titled by its tag, so code generators name the types after it.
 */
export const discriminated = <V extends TObject[]>(
  key: string,
  variants: [...V],
  noun: string,
  options: { title?: string; description?: string } = {},
) =>
  Type.Unsafe<Static<V[number]>>({
    ...options,
    type: 'object',
    discriminator: { propertyName: key },
    oneOf: variants.map((v) => ({ title: String(v.properties[key]?.const), ...v })),
    [Noun]: noun,
  });

/** A union made by `discriminated` with one more branch (carrying its own tag and title). */
export const withBranch = <U, B extends TObject>(union: TUnsafe<U>, branch: B) =>
  Type.Unsafe<U | Static<B>>({
    ...union,
    oneOf: [...(union as unknown as { oneOf: TSchema[] }).oneOf, branch],
  });

/** What a `not` refuses, for the error message ("<path> <refusal>"). */
export const Refusal = Symbol('refusal');

/** `T` with exactly one of its optional fields `A` and `B`. */
type OneOf<T, A extends keyof T, B extends keyof T> = Omit<T, A | B> &
  (
    | ({ [K in A]-?: Exclude<T[K], undefined> } & { [K in B]?: never })
    | ({ [K in A]?: never } & { [K in B]-?: Exclude<T[K], undefined> })
  );

/**
 * `object` carrying exactly one of its optional fields `a` and `b`. With neither, `a` is the one
 * said missing; with both, the message says so.
 */
export const either = <
  O extends TObject,
  A extends keyof Static<O> & string,
  B extends keyof Static<O> & string,
>(
  object: O,
  a: A,
  b: B,
) =>
  Type.Unsafe<OneOf<Static<O>, A, B>>({
    ...object,
    if: { type: 'object', required: [b] },
    then: {
      type: 'object',
      not: { type: 'object', required: [a] },
      [Refusal]: `must carry either ${a} or ${b}, not both`,
    },
    // `a` is checked by `object`; its type here only words the error of a missing one.
    else: {
      type: 'object',
      required: [a],
      properties: { [a]: { type: object.properties[a]?.type } },
    },
  });

/** Whether two types accept the same values. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * `schema` typed as a model type of `@meridian/cwmp`, so messages carry the codec's own named
 * types. Compiles only when the schema describes exactly `T` (a field added to the model without
 * its schema asks for a second argument of type never).
 */
export const modelled =
  <T>() =>
  <S extends TSchema>(schema: S, ..._same: Same<Static<S>, T> extends true ? [] : [never]) =>
    Type.Unsafe<T>(schema) as TUnsafe<T>;
