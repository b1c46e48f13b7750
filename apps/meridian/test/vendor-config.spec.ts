import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '@meridian/config';
import { createSimulator, type Simulator } from '@meridian/cpe-sim';
import { eventually, nbiClient, startFileServer, type FileServer } from '@meridian/testing';
import { meridianSpec, startMeridian, type Meridian } from '../src/meridian';

const KEY = 'vendor-config-key-0123456789';
jest.setTimeout(30_000);

/**
 * cwmp.provisioning.default_config_url end to end: a preset's vendorConfig action makes the CPE
 * download its own configuration file from that base URL.
 */
describe('all-in-one: the vendor configuration file from default_config_url', () => {
  let dataDir: string;
  let configServer: FileServer;
  let meridian: Meridian;
  let sim: Simulator;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'meridian-vendor-config-'));
    configServer = await startFileServer({
      '/config/00D09E-SimRouter-SIM000001.cfg': 'wifi.ssid=acme\n',
    });
    const yaml = [
      'cwmp:',
      '  host: 127.0.0.1',
      '  port: 0',
      '  provisioning:',
      `    default_config_url: "${configServer.url}config/"`,
      `nbi: { port: 0, api_keys: ["ops:admin:${KEY}"] }`,
      'files: { port: 0 }',
      // A preset is seen by the very next Inform.
      'provisioning: { preset_cache: 0s }',
      `store: { data_dir: "${dataDir}" }`,
      'logging: { level: warn }',
    ].join('\n');
    const { config } = resolveConfig(meridianSpec, {
      env: {},
      file: { text: yaml, name: 'meridian.yaml' },
      readSecret: () => {
        throw new Error('no secrets here');
      },
    });
    meridian = await startMeridian(config);
    const preset = await nbiClient(`http://127.0.0.1:${meridian.nbiPort}`, KEY)(
      'PUT',
      '/presets/vendor-config',
      { events: ['0 BOOTSTRAP'], actions: [{ type: 'vendorConfig' }] },
    );
    expect(preset.status).toBe(201);
    sim = await createSimulator({
      count: 1,
      acsUrl: `http://127.0.0.1:${meridian.cwmpPort}/`,
      crPort: 0,
      periodicInformInterval: 0,
    });
    await sim.booted;
  });

  afterAll(async () => {
    await sim?.stop();
    await meridian?.close();
    await configServer?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the bootstrapping CPE downloads <default_config_url><deviceId>.cfg', async () => {
    expect(sim.devices[0]!.serialNumber).toBe('SIM000001');
    await eventually(() => configServer.downloads.length > 0, 15_000);
    expect(configServer.downloads).toEqual(['/config/00D09E-SimRouter-SIM000001.cfg']);
  });
});
