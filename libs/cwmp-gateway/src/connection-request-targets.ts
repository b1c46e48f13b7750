import type { ConnectionRequestTarget, TargetLookup } from '@meridian/connection-request';
import type { Store } from '@meridian/store';

export interface ConnectionRequestDefaults {
  /** Used when the cache holds no ConnectionRequestUsername/Password for the device. */
  username: string;
  password: string;
}

const FIELDS = [
  'ConnectionRequestUsername',
  'ConnectionRequestPassword',
  'UDPConnectionRequestAddress',
];
const ROOTS = ['Device.', 'InternetGatewayDevice.'];

/**
 * Where to reach a device, from the registry (ConnectionRequestURL of its last Inform) and the
 * parameter cache. CPEs read passwords back as empty strings, so a cached password is the one
 * the ACS itself set; otherwise the configured default applies.
 */
export function connectionRequestTargets(
  store: Store,
  defaults: ConnectionRequestDefaults,
): TargetLookup {
  const paths = ROOTS.flatMap((root) => FIELDS.map((f) => `${root}ManagementServer.${f}`));
  return async (deviceId) => {
    const device = await store.devices.get(deviceId);
    if (!device) return null;
    const cached = await store.parameters.get(deviceId, { paths });
    const value = (field: string): string | undefined =>
      cached.find((p) => p.path.endsWith(`.ManagementServer.${field}`) && p.value)?.value;
    const target: ConnectionRequestTarget = {
      url: device.connectionRequestUrl || undefined,
      username: value('ConnectionRequestUsername') ?? defaults.username,
      password: value('ConnectionRequestPassword') ?? defaults.password,
      udpAddress: value('UDPConnectionRequestAddress'),
    };
    return target;
  };
}
