import type { ParameterMeta } from './model';

const INT_RANGES = {
  int: [-(2n ** 31n), 2n ** 31n - 1n],
  unsignedInt: [0n, 2n ** 32n - 1n],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
  unsignedLong: [0n, 2n ** 64n - 1n],
} as const;

// xsd:dateTime as TR-069 A.2.1 allows it: timezone optional, fractional seconds optional.
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;
const HEX = /^([0-9A-Fa-f]{2})*$/;

/**
 * Why a value text is not acceptable for a parameter (its type, range, length, enumeration),
 * or undefined when it is. Used to answer SetParameterValues with fault 9007.
 */
export function checkValue(meta: ParameterMeta, value: string): string | undefined {
  switch (meta.type) {
    case 'int':
    case 'unsignedInt':
    case 'long':
    case 'unsignedLong':
      return checkInteger(meta, value);
    case 'boolean':
      return ['true', 'false', '1', '0'].includes(value) ? undefined : 'not a boolean';
    case 'dateTime':
      return DATE_TIME.test(value) ? undefined : 'not a dateTime';
    case 'base64':
      return BASE64.test(value) ? undefined : 'not base64';
    case 'hexBinary':
      return HEX.test(value) ? undefined : 'not hexBinary';
    case 'string':
      return checkString(meta, value);
  }
}

function checkInteger(meta: ParameterMeta, value: string): string | undefined {
  if (!/^[-+]?\d+$/.test(value)) return `not an ${meta.type}`;
  const n = BigInt(value);
  const [lo, hi] = INT_RANGES[meta.type as keyof typeof INT_RANGES];
  if (n < lo || n > hi) return `out of ${meta.type} range`;
  if (meta.min !== undefined && n < BigInt(meta.min)) return `below minimum ${meta.min}`;
  if (meta.max !== undefined && n > BigInt(meta.max)) return `above maximum ${meta.max}`;
  return undefined;
}

function checkString(meta: ParameterMeta, value: string): string | undefined {
  if (meta.maxLength !== undefined && value.length > meta.maxLength) {
    return `longer than ${meta.maxLength}`;
  }
  if (meta.enumeration !== undefined && !meta.enumeration.includes(value)) {
    return `not one of ${meta.enumeration.join(', ')}`;
  }
  return undefined;
}

/** A value of the parameter's type for a parameter the model gives no default for. */
export function zeroValueOf(meta: ParameterMeta): string {
  if (meta.default !== undefined) return meta.default;
  switch (meta.type) {
    case 'int':
    case 'unsignedInt':
    case 'long':
    case 'unsignedLong':
      return String(meta.min !== undefined && meta.min > 0 ? meta.min : 0);
    case 'boolean':
      return 'false';
    case 'dateTime':
      // TR-106 "Unknown Time".
      return '0001-01-01T00:00:00Z';
    case 'string':
      return meta.enumeration?.[0] ?? '';
    default:
      return '';
  }
}
