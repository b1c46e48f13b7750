import { deviceIdOf, type DeviceIdParts } from '@meridian/cwmp';

/** A device that has no valid Agent Endpoint ID, or a string that is not one of ours. */
export class EndpointIdError extends Error {
  override readonly name = 'EndpointIdError';
}

/** R-ARC.6: an instance-id has at most 50 characters. */
export const MAX_INSTANCE_ID_LENGTH = 50;

// R-ARC.5: instance-id = unreserved / pct-encoded, unreserved = ALPHA / DIGIT / "-" / "." / "_".
// "-" separates the parts, so inside a part it is escaped too.
const PLAIN_PART = /^[A-Za-z0-9._]*$/;
const INSTANCE_ID = /^(?:[A-Za-z0-9._-]|%[0-9A-F]{2})+$/;
// The OUI "as defined for the oui scheme": 24, 28 or 36-bit, hex encoded.
const OUI = /^(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{7}|[0-9A-Fa-f]{9})$/;

/** Percent-encodes (UTF-8, upper-case hex) every character outside [A-Za-z0-9._]. */
function encodePart(part: string): string {
  if (PLAIN_PART.test(part)) return part;
  return Array.from(new TextEncoder().encode(part), (b) => {
    const c = String.fromCharCode(b);
    return b < 0x80 && PLAIN_PART.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

/**
 * The USP Agent Endpoint ID of a CWMP device (TR-369 "Endpoint Identifier", authority schemes
 * `ops` and `os`): `ops::<OUI>-<ProductClass>-<SerialNumber>`, or `os::<OUI>-<SerialNumber>`
 * when the device has no ProductClass. ProductClass and SerialNumber are percent-encoded
 * outside [A-Za-z0-9._]. Throws EndpointIdError when the OUI is not 6, 7 or 9 hex digits or the
 * instance-id would exceed 50 characters (R-ARC.6): such a device cannot be a USP Agent.
 */
export function endpointIdOf(device: DeviceIdParts): string {
  if (!OUI.test(device.oui)) {
    throw new EndpointIdError(`OUI ${JSON.stringify(device.oui)} is not 6, 7 or 9 hex digits`);
  }
  const serial = encodePart(device.serialNumber);
  if (serial === '') throw new EndpointIdError('the device has no SerialNumber');
  const instanceId =
    device.productClass === ''
      ? `${device.oui}-${serial}`
      : `${device.oui}-${encodePart(device.productClass)}-${serial}`;
  if (instanceId.length > MAX_INSTANCE_ID_LENGTH) {
    throw new EndpointIdError(
      `instance-id ${instanceId} has ${instanceId.length} characters; TR-369 allows ${MAX_INSTANCE_ID_LENGTH}`,
    );
  }
  return `${device.productClass === '' ? 'os' : 'ops'}::${instanceId}`;
}

function decodePart(id: string, part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new EndpointIdError(`${JSON.stringify(id)}: bad percent-encoding`);
  }
}

/**
 * The device an Agent Endpoint ID names, with its Meridian deviceId: the inverse of
 * endpointIdOf. Only the canonical spelling is accepted, so one device has one Endpoint ID.
 */
export function parseEndpointId(endpointId: string): DeviceIdParts & { deviceId: string } {
  const bad = (why: string): never => {
    throw new EndpointIdError(
      `${JSON.stringify(endpointId)} is not a translated device's Endpoint ID: ${why}`,
    );
  };
  const match = /^(ops|os)::(.*)$/.exec(endpointId) ?? bad('not of the ops:: or os:: scheme');
  const [, scheme, instanceId = ''] = match;
  if (!INSTANCE_ID.test(instanceId)) bad('instance-id has characters TR-369 forbids');
  const parts = instanceId.split('-');
  const [oui = '', productClass, serialNumber] =
    scheme === 'os' && parts.length === 2
      ? [parts[0], '', parts[1]]
      : scheme === 'ops' && parts.length === 3
        ? parts
        : bad(`${scheme} takes ${scheme === 'os' ? 2 : 3} parts separated by "-"`);
  const device: DeviceIdParts = {
    oui,
    productClass: decodePart(endpointId, productClass ?? ''),
    serialNumber: decodePart(endpointId, serialNumber ?? ''),
  };
  let canonical: string | undefined;
  try {
    canonical = endpointIdOf(device);
  } catch (err) {
    bad((err as Error).message);
  }
  if (canonical !== endpointId) bad(`the canonical spelling is ${canonical}`);
  return { ...device, deviceId: deviceIdOf(device) };
}
