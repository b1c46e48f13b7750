import type { Device, DeviceField } from '@meridian/store';
import { badRequest } from './errors';

/** Every field a device view may be projected on: the record's, and `online`. */
export const DEVICE_FIELDS: readonly DeviceField[] = [
  'deviceId',
  'identity',
  'status',
  'tags',
  'registeredAt',
  'firstInform',
  'lastInform',
  'parameterKey',
  'periodicInformInterval',
  'onlineUntil',
  'lastBoot',
  'lastBootstrap',
  'lastEvents',
  'softwareVersion',
  'hardwareVersion',
  'connectionRequestUrl',
  'remoteAddress',
  'cwmpVersion',
];
const ONLINE = 'online';

/** What `?fields=` asks for: store fields, and whether `online` (computed) is wanted. */
export interface Projection {
  /** Absent: every field. */
  fields?: DeviceField[];
  online: boolean;
}

export function projectionOf(value: string | undefined): Projection {
  if (!value) return { online: true };
  const asked = value.split(',');
  const bad = asked.find((f) => f !== ONLINE && !DEVICE_FIELDS.includes(f as DeviceField));
  if (bad) {
    throw badRequest(`unknown field ${bad}; fields: ${[...DEVICE_FIELDS, ONLINE].join(', ')}`);
  }
  return {
    fields: asked.filter((f): f is DeviceField => f !== ONLINE),
    online: asked.includes(ONLINE),
  };
}

/** The store fields to read for a projection: `online` needs onlineUntil. */
export function storeFieldsOf(p: Projection): DeviceField[] | undefined {
  if (!p.fields) return undefined;
  return p.online && !p.fields.includes('onlineUntil') ? [...p.fields, 'onlineUntil'] : p.fields;
}

/** Online while onlineUntil is later than now; a device never heard from is offline. */
export const isOnline = (onlineUntil: Date | undefined, now: Date): boolean =>
  onlineUntil !== undefined && onlineUntil.getTime() > now.getTime();

/**
 * A device (or its projection) as the NBI shows it: with `online` when asked for, without the
 * last Inform's ParameterList (provisioning's bookkeeping; its values are in the cache).
 */
export function deviceView<T extends Partial<Device>>(
  device: T,
  p: Projection,
  now: Date,
): Omit<T, 'informParameters'> & { online?: boolean } {
  const { informParameters: _bookkeeping, ...shown } = device;
  if (!p.online) return shown;
  const view: typeof shown & { online?: boolean } = {
    ...shown,
    online: isOnline(device.onlineUntil, now),
  };
  if (p.fields && !p.fields.includes('onlineUntil')) delete view.onlineUntil;
  return view;
}
