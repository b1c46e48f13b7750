import { validatePresetBody } from '../src';
import { CONFIG, names, preset, sampleCpe, session, world } from './driver';

const vendorConfig = (file?: string) =>
  preset('vendor-config', [{ type: 'vendorConfig', ...(file === undefined ? {} : { file }) }]);

describe('the vendorConfig action (cwmp.provisioning.default_config_url)', () => {
  it("downloads the device's vendor configuration file from the base URL, once per version", () => {
    const w = world(sampleCpe(), {
      config: { ...CONFIG, vendorConfigUrl: 'http://acs.example.com/config/' },
      presets: [vendorConfig()],
    });
    const boot = session(w, ['0 BOOTSTRAP']);
    expect(names(boot.commands).slice(4)).toEqual(['Download']);
    expect(boot.commands.at(-1)?.rpc).toEqual({
      name: 'Download',
      commandKey: '',
      fileType: '3 Vendor Configuration File',
      url: 'http://acs.example.com/config/00D09E-Router-SN0001.cfg',
      username: '',
      password: '',
      fileSize: 0,
      targetFileName: '',
      delaySeconds: 0,
      successURL: '',
      failureURL: '',
    });
    expect(w.cpe.downloads).toEqual(['http://acs.example.com/config/00D09E-Router-SN0001.cfg']);
    expect(w.state?.applied['vendor-config']?.version).toBe(1);
    expect(session(w, ['1 BOOT']).commands).toEqual([]);
  });

  it('fills in the fields of a file name of its own', () => {
    const w = world(sampleCpe(), {
      config: { ...CONFIG, vendorConfigUrl: 'https://cfg.example.com/acs' },
      presets: [vendorConfig('{oui}/{productClass}-{serialNumber}.xml')],
    });
    session(w, ['0 BOOTSTRAP']);
    expect(w.cpe.downloads).toEqual(['https://cfg.example.com/acs/00D09E/Router-SN0001.xml']);
  });

  it('is a fault when no base URL is configured', () => {
    const w = world(sampleCpe(), { presets: [vendorConfig()] });
    session(w, ['0 BOOTSTRAP']);
    expect(w.faults.get('preset:vendor-config')).toMatchObject({ code: 'no_default_config_url' });
    expect(w.cpe.downloads).toEqual([]);
  });

  it('is validated: only the known fields in the file name', () => {
    expect(validatePresetBody({ actions: [{ type: 'vendorConfig' }] }).ok).toBe(true);
    expect(validatePresetBody({ actions: [{ type: 'vendorConfig', file: '{mac}.cfg' }] })).toEqual({
      ok: false,
      errors: [
        'actions[0].file names {mac}: only {deviceId}, {oui}, {productClass}, {serialNumber}',
      ],
    });
  });
});
