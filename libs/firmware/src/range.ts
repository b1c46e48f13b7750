import type { ByteRange } from '@meridian/store';

export type RangeRequest =
  | { kind: 'whole' }
  | { kind: 'range'; range: ByteRange }
  | { kind: 'unsatisfiable' };

/**
 * The Range header of a GET for content of `size` bytes (RFC 9110 14.2): one byte range
 * `a-b`, `a-` or `-n`. A header that is not one valid byte range (several ranges, another
 * unit, bad syntax) is ignored, as the RFC allows: the whole content is sent. A range starting
 * at or beyond the end is unsatisfiable (416).
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { kind: 'whole' };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (match === null) return { kind: 'whole' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    // Suffix: the last n bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', range: { start: Math.max(0, size - length), end: size - 1 } };
  }
  const start = Number(first);
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Number(last);
  if (end < start) return { kind: 'whole' };
  return { kind: 'range', range: { start, end: Math.min(end, size - 1) } };
}
