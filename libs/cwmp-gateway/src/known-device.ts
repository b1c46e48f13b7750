import type { Store } from '@meridian/store';
import type { KnownDevice } from './tokens';

/** A device is known when the registry holds its record (created by an Inform or by the NBI). */
export const registeredDevices =
  (store: Pick<Store, 'devices'>): KnownDevice =>
  async (deviceId) =>
    (await store.devices.get(deviceId)) !== null;
