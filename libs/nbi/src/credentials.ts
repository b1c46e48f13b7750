import { digestHa1 } from '@meridian/cwmp';
import type { CpeCredentials } from '@meridian/store';
import { badRequest } from './errors';
import { partsOf } from './registration';

/** TR-181 ManagementServer.Username and .Password are string(256). */
const MAX_LENGTH = 256;

function field(body: Record<string, unknown>, name: 'username' | 'password'): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '' || value.length > MAX_LENGTH) {
    throw badRequest(`${name} must be a string of 1 to ${MAX_LENGTH} characters`);
  }
  return value;
}

/**
 * Pure: the stored form of `{username, password}` for a device, checked (400 naming the field):
 * Digest HA1 for `realm`; the password itself goes no further.
 */
export function credentialsOf(
  deviceId: string,
  body: unknown,
  realm: string,
  now: Date,
): CpeCredentials {
  partsOf(deviceId);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('the body must be {"username", "password"}');
  }
  const record = body as Record<string, unknown>;
  const unknown = Object.keys(record).filter((k) => k !== 'username' && k !== 'password');
  if (unknown.length > 0) throw badRequest(`unknown field ${unknown.join(', ')}`);
  const username = field(record, 'username');
  if (username.includes(':')) throw badRequest('username must not contain ":"');
  const password = field(record, 'password');
  return { deviceId, username, realm, ha1: digestHa1(username, realm, password), updatedAt: now };
}

/** What the NBI shows of stored credentials: never HA1. */
export const credentialsView = ({ ha1: _ha1, ...view }: CpeCredentials) => view;
