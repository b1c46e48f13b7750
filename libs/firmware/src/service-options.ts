import type { ConfigOf, campaignsSpec, filesSpec, transfersSpec } from '@meridian/config';
import type { FirmwareOptions } from './firmware.module';

/** The settings the firmware service's module is built from. */
export type FirmwareServiceEnv = ConfigOf<
  typeof filesSpec & typeof campaignsSpec & typeof transfersSpec
>;

/**
 * The firmware module's options from the settings, one builder for the standalone firmware
 * service and the all-in-one: the file server, the campaign runner and transfer tracking, whose
 * Downloads (a campaign's, a RequestDownload's answer) all point at `filesUrl`, where CPEs reach
 * the file server.
 */
export function firmwareServiceOptions(
  env: FirmwareServiceEnv,
  files: {
    secret: string;
    tls?: FirmwareOptions['tls'];
    filesUrl: () => string;
  },
): FirmwareOptions {
  const { secret, tls, filesUrl } = files;
  const urlTtlSeconds = env.MERIDIAN_FILES_URL_TTL_SECONDS;
  return {
    host: env.MERIDIAN_FILES_HOST,
    port: env.MERIDIAN_FILES_PORT,
    secret,
    ...(tls !== undefined ? { tls } : {}),
    campaigns: {
      filesUrl,
      urlTtlSeconds,
      intervalMs: env.MERIDIAN_CAMPAIGN_INTERVAL_MS,
      wakeRatePerSecond: env.MERIDIAN_CAMPAIGN_WAKE_RATE,
      deliverySeconds: env.MERIDIAN_CAMPAIGN_DELIVERY_SECONDS,
    },
    tracking: {
      timeoutMs: env.MERIDIAN_TRANSFER_TIMEOUT_SECONDS * 1000,
      sweepIntervalMs: env.MERIDIAN_TRANSFER_SWEEP_SECONDS * 1000,
      ...(env.MERIDIAN_REQUEST_DOWNLOAD_FILE_TYPES.length > 0
        ? {
            requestDownload: {
              fileTypes: env.MERIDIAN_REQUEST_DOWNLOAD_FILE_TYPES,
              baseUrl: filesUrl,
              secret,
              urlTtlSeconds,
            },
          }
        : {}),
    },
  };
}
