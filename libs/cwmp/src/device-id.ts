import type { DeviceIdStruct } from './model';

/** The three parts of a deviceId; ProductClass is '' when the device sent none. */
export interface DeviceIdParts {
  oui: string;
  productClass: string;
  serialNumber: string;
}

/** A string that is not a canonical deviceId (see deviceIdOf). */
export class DeviceIdError extends Error {
  override readonly name = 'DeviceIdError';

  constructor(readonly deviceId: string) {
    super(`not a canonical deviceId: ${JSON.stringify(deviceId)}`);
  }
}

const PLAIN = /^[A-Za-z0-9_.~]*$/;
// encodeURIComponent leaves these unreserved marks alone; '-' must go so that the id splits on it.
const MARKS = /[-!'()*]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function encodeMark(c: string): string {
  return '%' + c.charCodeAt(0).toString(16).toUpperCase();
}

/** Percent-encodes (UTF-8, upper-case hex) every character outside [A-Za-z0-9_.~]. */
export function encodeDeviceIdPart(part: string): string {
  if (PLAIN.test(part)) return part;
  // encodeURIComponent throws on a lone surrogate; such text cannot come from valid XML anyway.
  return encodeURIComponent(part.replace(LONE_SURROGATE, '\uFFFD')).replace(MARKS, encodeMark);
}

/**
 * deviceId = OUI-ProductClass-SerialNumber, ProductClass omitted when empty, each part
 * percent-encoded as GenieACS does, so the id is URL-safe and splits unambiguously on '-'.
 */
export function deviceIdOf(struct: DeviceIdStruct | DeviceIdParts): string {
  const oui = encodeDeviceIdPart(struct.oui);
  const serial = encodeDeviceIdPart(struct.serialNumber);
  return struct.productClass === ''
    ? `${oui}-${serial}`
    : `${oui}-${encodeDeviceIdPart(struct.productClass)}-${serial}`;
}

function decodePart(id: string, part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new DeviceIdError(id);
  }
}

/**
 * Inverse of deviceIdOf. Accepts only the canonical spelling (what deviceIdOf produces), so one
 * device has exactly one id; throws DeviceIdError otherwise.
 */
export function parseDeviceId(id: string): DeviceIdParts {
  const parts = id.split('-');
  let result: DeviceIdParts;
  if (parts.length === 2) {
    result = {
      oui: decodePart(id, parts[0]!),
      productClass: '',
      serialNumber: decodePart(id, parts[1]!),
    };
  } else if (parts.length === 3 && parts[1] !== '') {
    result = {
      oui: decodePart(id, parts[0]!),
      productClass: decodePart(id, parts[1]!),
      serialNumber: decodePart(id, parts[2]!),
    };
  } else {
    throw new DeviceIdError(id);
  }
  if (deviceIdOf(result) !== id) throw new DeviceIdError(id);
  return result;
}
