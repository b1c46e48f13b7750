import { readConfig } from '@meridian/config';
import { provisioningConfigOf, provisioningSpec } from '../src/config';

const configOf = (env: Record<string, string>) =>
  provisioningConfigOf(readConfig(provisioningSpec, env));

describe('provisioning configuration', () => {
  it('passes the credentials secret to the planner and the realm to the service', () => {
    const config = configOf({
      MERIDIAN_PROVISIONING_CREDENTIALS_SECRET: 'sixteen-chars-ok',
      MERIDIAN_CWMP_REALM: 'acs.example.net',
    });
    expect(config.planner.credentialsSecret).toBe('sixteen-chars-ok');
    expect(config.cwmpRealm).toBe('acs.example.net');
    expect(configOf({}).planner.credentialsSecret).toBeUndefined();
    expect(configOf({}).cwmpRealm).toBe('meridian');
  });

  it('refuses a short credentials secret, naming it', () => {
    expect(() => configOf({ MERIDIAN_PROVISIONING_CREDENTIALS_SECRET: 'short' })).toThrow(
      'MERIDIAN_PROVISIONING_CREDENTIALS_SECRET must be 16 characters or more',
    );
  });
});
