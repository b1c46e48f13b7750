import { eventually } from '@meridian/testing';
import { sample, startServices, type Services } from './services-setup';

/*
 * Issue 6's proof on the deployed shape: gateway, provisioning and NBI processes on the real
 * Kafka and Redis servers, presets created through the NBI, simulated CPEs. What a carrier checks
 * is what the CPE ends up holding, so every assertion reads the simulator. Run on each store:
 * the MongoDB-wire server (FerretDB here), and one SQLite file the processes share. FerretDB
 * shaped the scenario: one device and two discovered subtrees (it writes ~100 documents/s on a
 * shared machine, so a whole tree would be most of the run).
 */
jest.setTimeout(300_000);

const SSID = 'Device.WiFi.SSID.1.SSID';
const INTERVAL = 'Device.ManagementServer.PeriodicInformInterval';
const KEYPATH = 'Device.ManagementServer.ParameterKey';

describe.each(['mongo', 'sqlite'] as const)(
  'provisioning on real infrastructure, %s store',
  (store) => {
    let services: Services;
    let call: Services['call'];

    beforeAll(async () => {
      services = await startServices({
        name: `prov${store}`,
        store,
        devices: 1,
        nbi: true,
        provisioningEnv: {
          MERIDIAN_PRESET_CACHE_MS: '0',
          MERIDIAN_PRESET_MAX_FAILURES: '2',
          MERIDIAN_PRESET_RETRY_BASE_MS: '0',
          // FerretDB scans a collection per write: keep the cached tree to what the presets touch.
          MERIDIAN_DISCOVERY_PATHS: 'NAT.,ManagementServer.',
        },
        // The presets exist before any device: a new device must reach them by itself.
        beforeDevices: async (nbi) => {
          const created = await nbi('PUT', '/presets/home-wifi', {
            weight: 10,
            precondition: { productClass: { eq: 'SimRouter' } },
            actions: [
              {
                type: 'setParameterValues',
                parameters: [
                  { path: SSID, value: 'Meridian-Home' },
                  { path: INTERVAL, value: '3600', type: 'xsd:unsignedInt' },
                ],
              },
              {
                type: 'ensureInstances',
                object: 'Device.NAT.PortMapping.',
                count: 2,
                match: { Description: 'meridian' },
              },
              { type: 'addTag', tag: 'provisioned' },
            ],
          });
          expect(created.status).toBe(201);
        },
      });
      call = services.call;
    });

    afterAll(async () => {
      await services?.stop();
    });

    const cpe = () => services.sim.devices[0]!;
    const deviceId = () => services.deviceIdOf(cpe());
    const portMappings = (description: string): string[] =>
      [...cpe().state.values.keys()].filter(
        (path) =>
          /^Device\.NAT\.PortMapping\.\d+\.Description$/.test(path) &&
          cpe().value(path) === description,
      );

    it('brings a new device to the preset configuration by itself', async () => {
      await eventually(() => cpe().value(SSID) === 'Meridian-Home', 120_000);
      await eventually(() => portMappings('meridian').length === 2, 60_000);
      expect(cpe().value(INTERVAL)).toBe('3600');
      // The one the simulator had is left alone: it does not match.
      expect(portMappings('web server')).toHaveLength(1);

      await eventually(async () => {
        const device = (await call('GET', `/devices/${deviceId()}`)).json;
        return device.tags?.includes('provisioned') === true;
      }, 30_000);
      const view = (await call('GET', `/devices/${deviceId()}`)).json;
      expect(view.online).toBe(true);
      // What was applied, at which version, and the ParameterKey the CPE holds for it.
      const provisioning = (await call('GET', `/devices/${deviceId()}/provisioning`)).json;
      expect(provisioning.applied['home-wifi']).toMatchObject({ version: 1 });
      expect(provisioning.applied['home-wifi'].parameterKey).toBe(cpe().value(KEYPATH));
      expect(provisioning.discoveredAt).toEqual(expect.any(String));
    });

    it('does not send applied configuration again after a reboot', async () => {
      const key = cpe().value(KEYPATH);
      const sessions = cpe().sessions.length;
      const record = await cpe().inform(['1 BOOT']);
      expect(record.rpcs).not.toContain('SetParameterValues');
      expect(record.rpcs).not.toContain('AddObject');
      // Nothing comes after it either (no connection request, no new session).
      await new Promise((r) => setTimeout(r, 3000));
      expect(cpe().sessions.length).toBe(sessions + 1);
      expect(cpe().value(KEYPATH)).toBe(key);
    });

    it('applies a changed preset on the next Inform', async () => {
      const current = (await call('GET', '/presets/home-wifi')).json;
      const changed = await call('PUT', '/presets/home-wifi', {
        weight: current.weight,
        precondition: current.precondition,
        actions: [
          { type: 'setParameterValues', parameters: [{ path: SSID, value: 'Meridian-Home-2' }] },
        ],
      });
      expect(changed.json.version).toBe(current.version + 1);
      await cpe().inform(['2 PERIODIC']);
      await eventually(() => cpe().value(SSID) === 'Meridian-Home-2', 60_000);
    });

    it('records a faulting preset as a fault and still applies the others', async () => {
      expect(
        (
          await call('PUT', '/presets/broken', {
            weight: 20,
            actions: [
              {
                type: 'setParameterValues',
                // Read-only in TR-181: the CPE answers 9003 with 9008 for the parameter.
                parameters: [{ path: 'Device.DeviceInfo.SerialNumber', value: 'STOLEN' }],
              },
            ],
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await call('PUT', '/presets/dns', {
            weight: 5,
            actions: [
              {
                type: 'setParameterValues',
                parameters: [
                  { path: 'Device.DNS.Client.Enable', value: 'false', type: 'xsd:boolean' },
                ],
              },
            ],
          })
        ).status,
      ).toBe(201);

      await cpe().inform(['2 PERIODIC']);
      await eventually(() => cpe().value('Device.DNS.Client.Enable') === 'false', 60_000);
      // Retried once more on the next Inform (MERIDIAN_PRESET_MAX_FAILURES=2), then given up.
      await cpe().inform(['2 PERIODIC']);
      await eventually(async () => {
        const faults = (await call('GET', `/devices/${deviceId()}/faults`)).json as {
          channel: string;
          code: string;
        }[];
        return faults.some((f) => f.channel === 'preset:broken' && f.code === '9003');
      }, 60_000);
      expect(cpe().value('Device.DeviceInfo.SerialNumber')).toBe(cpe().serialNumber);
      // What an SRE alerts on: the preset fault, counted by provisioning.
      expect(
        sample(
          await services.scrape('provisioning'),
          'meridian_provisioning_faults_total{kind="preset"}',
        ),
      ).toBe(1);
    });
  },
);
