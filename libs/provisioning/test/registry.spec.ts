import { InProcessBus } from '@meridian/bus';
import { SCHEMA_VERSION, Topics, type InformMessage } from '@meridian/contracts';
import { createSqliteStore, type Store } from '@meridian/store';
import { registryUpdateOf } from '../src/registry';
import { RegistryService } from '../src/registry.service';

function inform(overrides: Partial<InformMessage> = {}): InformMessage {
  return {
    schemaVersion: SCHEMA_VERSION,
    deviceId: '00D09E-SimRouter-SIM0001',
    deviceIdStruct: {
      manufacturer: 'Meridian',
      oui: '00D09E',
      productClass: 'SimRouter',
      serialNumber: 'SIM0001',
    },
    events: [{ eventCode: '1 BOOT', commandKey: '' }],
    parameterList: [
      { name: 'Device.DeviceInfo.SoftwareVersion', value: '1.2.3', type: 'xsd:string' },
      { name: 'Device.DeviceInfo.HardwareVersion', value: 'HW1', type: 'xsd:string' },
      {
        name: 'Device.ManagementServer.ConnectionRequestURL',
        value: 'http://127.0.0.1:17547/cr/SIM0001',
        type: 'xsd:string',
      },
      {
        name: 'Device.ManagementServer.PeriodicInformInterval',
        value: '300',
        type: 'xsd:unsignedInt',
      },
    ],
    retryCount: 0,
    currentTime: '2026-11-25T10:00:00Z',
    sessionId: 's1',
    gatewayId: 'gw-1',
    cwmpVersion: '1-0',
    remoteAddress: '127.0.0.1',
    time: '2026-11-25T10:00:00.000Z',
    ...overrides,
  };
}

describe('registryUpdateOf', () => {
  it('takes identity, versions and connection request URL from either root model', () => {
    const u = registryUpdateOf(
      inform({
        parameterList: [
          {
            name: 'InternetGatewayDevice.DeviceInfo.SoftwareVersion',
            value: 'V9',
            type: 'xsd:string',
          },
        ],
      }),
    );
    expect(u.fields.softwareVersion).toBe('V9');
    expect(u.fields.connectionRequestUrl).toBeUndefined();
    expect(u.fields.events).toEqual(['1 BOOT']);
    expect(u.informTime.toISOString()).toBe('2026-11-25T10:00:00.000Z');
  });
});

describe('RegistryService', () => {
  let bus: InProcessBus;
  let store: Store;
  let registry: RegistryService;

  beforeEach(async () => {
    bus = new InProcessBus();
    store = createSqliteStore(':memory:');
    registry = new RegistryService(bus, store);
    await registry.onApplicationBootstrap();
  });
  afterEach(async () => {
    await registry.onApplicationShutdown();
    await bus.close();
    await store.close();
  });

  async function until<T>(probe: () => Promise<T | null | undefined>): Promise<T> {
    for (let i = 0; i < 200; i++) {
      const v = await probe();
      if (v) return v;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error('timed out');
  }

  it('registers a device on its first Inform and caches the parameters it carried', async () => {
    await bus.publish(Topics.inform, '00D09E-SimRouter-SIM0001', inform());
    const device = await until(() => store.devices.get('00D09E-SimRouter-SIM0001'));
    expect(device.softwareVersion).toBe('1.2.3');
    expect(device.connectionRequestUrl).toBe('http://127.0.0.1:17547/cr/SIM0001');
    const params = await until(async () => {
      const p = await store.parameters.get(device.deviceId, { prefix: 'Device.' });
      return p.length === 4 ? p : null;
    });
    expect(params.find((p) => p.path.endsWith('PeriodicInformInterval'))?.value).toBe('300');
  });

  it('keeps firstInform and moves lastInform on later Informs, idempotently', async () => {
    await registry.onInform({ topic: Topics.inform, key: 'k', value: inform(), headers: {} });
    const later = inform({
      time: '2026-11-25T11:00:00.000Z',
      events: [{ eventCode: '2 PERIODIC', commandKey: '' }],
    });
    await registry.onInform({ topic: Topics.inform, key: 'k', value: later, headers: {} });
    await registry.onInform({ topic: Topics.inform, key: 'k', value: later, headers: {} });
    const device = await store.devices.get('00D09E-SimRouter-SIM0001');
    expect(device?.firstInform.toISOString()).toBe('2026-11-25T10:00:00.000Z');
    expect(device?.lastInform.toISOString()).toBe('2026-11-25T11:00:00.000Z');
    expect(device?.lastEvents).toEqual(['2 PERIODIC']);
  });
});
