import type { Paging } from '@meridian/store';
import { badRequest } from './errors';

/** Query parameters as Express hands them over: strings, absent when not given. */
export type QueryParams = Record<string, string | undefined>;

export const MAX_PAGE = 1000;

export function intQuery(
  value: string | undefined,
  name: string,
  fallback: number,
  max: number,
): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw badRequest(`${name} must be an integer between 0 and ${max}`);
  }
  return n;
}

export function dateQuery(value: string | undefined, name: string): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw badRequest(`${name} must be an ISO-8601 time`);
  return date;
}

export function booleanQuery(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw badRequest(`${name} must be true or false`);
}

/** `skip` (default 0) and `limit` (default 100, at most 1000), as every list takes them. */
export const pagingQuery = (q: QueryParams): Required<Paging> => ({
  skip: intQuery(q.skip, 'skip', 0, Number.MAX_SAFE_INTEGER),
  limit: intQuery(q.limit, 'limit', 100, MAX_PAGE),
});
