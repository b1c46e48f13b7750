import { DeviceIdError, parseDeviceId, type DeviceIdParts } from '@meridian/cwmp';
import type { DeviceRegistration } from '@meridian/store';
import { ApiError, badRequest } from './errors';

/** The parts of a canonical deviceId; 400 `invalid_device_id` otherwise. */
export function partsOf(deviceId: string): DeviceIdParts {
  try {
    return parseDeviceId(deviceId);
  } catch (error) {
    if (!(error instanceof DeviceIdError)) throw error;
    throw new ApiError(
      400,
      'invalid_device_id',
      `${deviceId} is not OUI-ProductClass-SerialNumber or OUI-SerialNumber as the ACS spells it (each part percent-encoded outside [A-Za-z0-9_.~])`,
    );
  }
}

/** The optional body `{tags?: string[]}`: sorted, without duplicates. */
function tagsOf(body: unknown): string[] {
  if (body === undefined || body === null) return [];
  if (
    typeof body !== 'object' ||
    Array.isArray(body) ||
    Object.keys(body).some((k) => k !== 'tags')
  ) {
    throw badRequest('the body is optional and may only hold "tags"');
  }
  const tags = (body as { tags?: unknown }).tags;
  if (tags === undefined) return [];
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string' && t !== '')) {
    throw badRequest('tags must be an array of non-empty strings');
  }
  return [...new Set(tags as string[])].sort();
}

/**
 * Pure: a pre-registration from the deviceId and the request body. The identity comes from the
 * id; the manufacturer is not part of it, so it stays '' until the first Inform tells it.
 */
export function registrationOf(deviceId: string, body: unknown, now: Date): DeviceRegistration {
  return {
    deviceId,
    identity: { manufacturer: '', ...partsOf(deviceId) },
    tags: tagsOf(body),
    registeredAt: now,
  };
}
