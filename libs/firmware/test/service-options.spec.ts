import { campaignsSpec, filesSpec, readConfig, transfersSpec } from '@meridian/config';
import { firmwareServiceOptions } from '../src';

const spec = { ...filesSpec, ...campaignsSpec, ...transfersSpec };

describe('firmwareServiceOptions', () => {
  it('points campaign Downloads and RequestDownload answers at the one URL CPEs reach', () => {
    const env = readConfig(spec, {
      MERIDIAN_FILES_PORT: '8443',
      MERIDIAN_CAMPAIGN_WAKE_RATE: '7',
      MERIDIAN_CAMPAIGN_DELIVERY_SECONDS: '900',
      MERIDIAN_TRANSFER_TIMEOUT_SECONDS: '600',
      MERIDIAN_REQUEST_DOWNLOAD_FILE_TYPES: '1 Firmware Upgrade Image',
    });
    const filesUrl = () => 'https://files.example:8443';
    const options = firmwareServiceOptions(env, { secret: 's'.repeat(16), filesUrl });
    expect(options).toMatchObject({
      port: 8443,
      campaigns: { wakeRatePerSecond: 7, deliverySeconds: 900, urlTtlSeconds: 86_400 },
      tracking: {
        timeoutMs: 600_000,
        requestDownload: { fileTypes: ['1 Firmware Upgrade Image'], urlTtlSeconds: 86_400 },
      },
    });
    expect(options.campaigns?.filesUrl()).toBe('https://files.example:8443');
    expect(options.tracking?.requestDownload?.baseUrl()).toBe('https://files.example:8443');
  });

  it('refuses every RequestDownload when no file type is listed', () => {
    const options = firmwareServiceOptions(readConfig(spec, {}), {
      secret: 's'.repeat(16),
      filesUrl: () => 'http://127.0.0.1:7567',
    });
    expect(options.tracking).not.toHaveProperty('requestDownload');
  });
});
