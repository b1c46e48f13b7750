import type { DeviceFacts } from './types';

/** The names a `vendorConfig` file may carry, filled in per device. */
export const VENDOR_CONFIG_FIELDS = ['deviceId', 'oui', 'productClass', 'serialNumber'];

export const DEFAULT_VENDOR_CONFIG_FILE = '{deviceId}.cfg';

/**
 * Where a device's vendor configuration file is: `base` (a trailing "/" added when missing) and
 * the file name with the device's fields filled in, each URL-encoded.
 */
export function vendorConfigFileUrl(
  base: string,
  file: string = DEFAULT_VENDOR_CONFIG_FILE,
  device: Pick<DeviceFacts, 'deviceId' | 'identity'>,
): string {
  const fields: Record<string, string> = {
    deviceId: device.deviceId,
    oui: device.identity.oui,
    productClass: device.identity.productClass,
    serialNumber: device.identity.serialNumber,
  };
  const name = file.replace(/\{(\w+)\}/g, (whole, field: string) =>
    field in fields ? encodeURIComponent(fields[field] as string) : whole,
  );
  return `${base.endsWith('/') ? base : `${base}/`}${name}`;
}
