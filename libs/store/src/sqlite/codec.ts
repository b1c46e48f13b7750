/** Conversions between SQLite column values and record fields. */

export const toMs = (date: Date): number => date.getTime();
export const fromMs = (ms: number): Date => new Date(ms);
export const optionalMs = (date: Date | undefined): number | null =>
  date === undefined ? null : date.getTime();
export const optionalDate = (ms: number | null): Date | undefined =>
  ms === null ? undefined : new Date(ms);
export const optional = <T>(value: T | null): T | undefined => (value === null ? undefined : value);
export const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);
export const toJson = (value: unknown): string => JSON.stringify(value);
/** Parse boundary: the column was written by toJson with a value of type T. */
export const fromJson = <T>(text: string): T => JSON.parse(text) as T;
export const optionalJson = <T>(text: string | null): T | undefined =>
  text === null ? undefined : fromJson<T>(text);

/** SQLite has no boolean: 1/0, NULL for unknown. */
export const toFlag = (value: boolean | undefined): number | null =>
  value === undefined ? null : value ? 1 : 0;
export const fromFlag = (value: number | null): boolean | undefined =>
  value === null ? undefined : value === 1;

/** Pushes the values after the fragments of a WHERE clause, in order. */
export class Where {
  private readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  add(clause: string, ...params: unknown[]): void {
    this.clauses.push(clause);
    this.params.push(...params);
  }

  toString(): string {
    return this.clauses.length === 0 ? '' : `WHERE ${this.clauses.join(' AND ')}`;
  }
}

/** LIMIT/OFFSET clause; SQLite needs a LIMIT for an OFFSET, -1 meaning none. */
export const limitClause = (skip: number, limit: number | undefined): string =>
  `LIMIT ${limit ?? -1} OFFSET ${skip}`;

/**
 * better-sqlite3 unique violations. Checked by shape, not `instanceof Error`: the native addon's
 * errors may come from another realm (jest's sandbox) than this module's Error.
 */
export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  'code' in error &&
  (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY');
