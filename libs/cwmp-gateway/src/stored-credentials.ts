import { Logger } from '@nestjs/common';
import type { Store } from '@meridian/store';
import type { CredentialsLookup } from './config';

const logger = new Logger('Credentials');

/**
 * A device's own credentials from the registry (set through the NBI), null when it has none
 * (the gateway's default pair applies). Credentials kept for another realm cannot be checked:
 * the device is refused, and this says why.
 */
export const storedCredentials =
  (store: Pick<Store, 'credentials'>, realm: string): CredentialsLookup =>
  async (deviceId) => {
    const stored = await store.credentials.get(deviceId);
    if (stored === null) return null;
    if (stored.realm !== realm) {
      logger.warn(
        `credentials of ${deviceId} were set for realm "${stored.realm}", not "${realm}" (MERIDIAN_CWMP_REALM): set them again`,
      );
    }
    return { username: stored.username, realm: stored.realm, ha1: stored.ha1 };
  };
