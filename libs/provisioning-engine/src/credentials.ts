import { createHmac } from 'node:crypto';
import type { Action, DeviceFacts } from './types';

export type SetCredentials = Extract<Action, { type: 'setCredentials' }>;

/**
 * The password a `setCredentials` action gives a device: HMAC-SHA256 of the deviceId and the
 * action's generation under the provisioning secret, 24 base64url characters (144 bits). Derived,
 * not stored or written in the preset: the same inputs give it back whenever it is needed.
 */
export function cpePasswordOf(secret: string, deviceId: string, generation: number): string {
  return createHmac('sha256', secret)
    .update(`${deviceId}\n${generation}`)
    .digest('base64url')
    .slice(0, 24);
}

/** The pair a `setCredentials` action sets on a device. */
export function credentialsOf(
  action: SetCredentials,
  device: DeviceFacts,
  secret: string,
): { username: string; password: string } {
  return {
    username: action.username ?? device.identity.serialNumber,
    password: cpePasswordOf(secret, device.deviceId, action.generation ?? 1),
  };
}
