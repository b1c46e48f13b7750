import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { InProcessBus, type BusMessage } from '@meridian/bus';
import {
  SCHEMA_VERSION,
  Topics,
  type CommandMessage,
  type IdleMessage,
  type ResultMessage,
  isCommandMessage,
  isIdleMessage,
} from '@meridian/contracts';
import { digestHa1, type CpeMethodResponse } from '@meridian/cwmp';
import { cpePasswordOf } from '@meridian/provisioning-engine';
import { createSqliteStore, type Store } from '@meridian/store';
import { Metrics, startTelemetry } from '@meridian/telemetry';
import { provisioningConfigOf, provisioningSpec } from '../src/config';
import { readConfig } from '@meridian/config';
import { ProvisioningService } from '../src/provisioning.service';
import { inform } from './fixtures';

/*
 * The service's wiring on the embedded adapters: what it writes to the registry and cache, and
 * what it publishes. The planning rules themselves are tested in @meridian/provisioning-engine.
 */
const DEVICE = '00D09E-SimRouter-SIM0001';
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const SECRET = 'provisioning-test-secret';

/** The value of one series of the Prometheus text; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('ProvisioningService', () => {
  let bus: InProcessBus;
  let store: Store;
  let service: ProvisioningService;
  let config: ReturnType<typeof provisioningConfigOf>;
  let commands: CommandMessage[];
  let commandHeaders: Record<string, string>[];
  let idles: IdleMessage[];

  beforeEach(async () => {
    bus = new InProcessBus();
    store = createSqliteStore(':memory:');
    config = provisioningConfigOf(
      readConfig(provisioningSpec, {
        MERIDIAN_PRESET_CACHE_MS: '0',
        MERIDIAN_PROVISIONING_CREDENTIALS_SECRET: SECRET,
        // Below the test tree's 150 leaves: discovery then takes more than one batch.
        MERIDIAN_DISCOVERY_BATCH_SIZE: '100',
      }),
    );
    service = new ProvisioningService(bus, store, config);
    commands = [];
    commandHeaders = [];
    idles = [];
    await bus.subscribe(Topics.commands, 'test', async (m: BusMessage<'cwmp.commands'>) => {
      if (isIdleMessage(m.value)) idles.push(m.value);
      if (!isCommandMessage(m.value)) return;
      commands.push(m.value);
      commandHeaders.push(m.headers);
    });
  });
  afterEach(async () => {
    await bus.close();
    await store.close();
  });

  const informMessage = (overrides: Parameters<typeof inform>[0] = {}) => ({
    topic: Topics.inform,
    key: DEVICE,
    value: inform(overrides),
    headers: { traceparent: TRACEPARENT },
  });

  const result = (
    commandId: string,
    rest: Pick<ResultMessage, 'outcome'> & Partial<ResultMessage>,
  ): BusMessage<'cwmp.results'> => ({
    topic: Topics.results,
    key: DEVICE,
    headers: { traceparent: TRACEPARENT },
    value: {
      schemaVersion: SCHEMA_VERSION,
      commandId,
      deviceId: DEVICE,
      source: 'provisioning',
      time: '2026-11-25T10:00:01.000Z',
      ...rest,
    } as ResultMessage,
  });

  /** The CPE's `done` answer to one of provisioning's commands, fed back as its result. */
  const answer = (command: CommandMessage | undefined, response: CpeMethodResponse) =>
    service.onResult(result(command!.commandId, { outcome: 'done', rpc: command!.rpc, response }));

  const until = async (check: () => boolean): Promise<void> => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(check()).toBe(true);
  };

  it('registers a device with its ParameterKey and presence, and caches the Inform', async () => {
    await service.onInform(
      informMessage({
        parameterList: [
          ...inform().parameterList,
          { name: 'Device.ManagementServer.ParameterKey', value: 'k1', type: 'xsd:string' },
        ],
      }),
    );
    const device = await store.devices.get(DEVICE);
    expect(device?.parameterKey).toBe('k1');
    expect(device?.periodicInformInterval).toBe(300);
    // 10:00:00 + 300 s + the default grace of 120 s
    expect(device?.onlineUntil?.toISOString()).toBe('2026-11-25T10:07:00.000Z');
    const cached = await store.parameters.get(DEVICE, { prefix: 'Device.' });
    expect(cached.map((p) => p.path)).toContain('Device.DeviceInfo.SoftwareVersion');
  });

  it('starts discovery of a new device with a command that carries the Inform trace', async () => {
    await service.onInform(
      informMessage({ events: [{ eventCode: '0 BOOTSTRAP', commandKey: '' }] }),
    );
    await until(() => commands.length === 1);
    const [command] = commands;
    expect(command?.rpc).toEqual({
      name: 'GetParameterNames',
      parameterPath: 'Device.',
      nextLevel: false,
    });
    expect(command?.source).toBe('provisioning');
    expect(command?.connectionRequest).toBe(true);
    expect(command?.commandId.length).toBeLessThanOrEqual(32);
    expect(commandHeaders[0]?.traceparent).toContain('0af7651916cd43dd8448eb211c80319c');
  });

  it('traces an Inform as a child of its traceparent, its store calls as events, and its commands as children, with no active context', async () => {
    const exporter = new InMemorySpanExporter();
    const telemetry = startTelemetry({ serviceName: 'provisioning-spec', exporter });
    try {
      await service.onApplicationBootstrap();
      await bus.publish(
        Topics.inform,
        DEVICE,
        inform({ events: [{ eventCode: '0 BOOTSTRAP', commandKey: '' }] }),
        { traceparent: TRACEPARENT },
      );
      await until(() => commands.length === 1);
      await telemetry.forceFlush();
      const [process] = exporter.getFinishedSpans().filter((s) => s.name === 'cwmp.inform process');
      // Child of the gateway's request span (the traceparent), in its trace.
      expect(process?.spanContext().traceId).toBe(TRACEPARENT.split('-')[1]);
      expect(process?.parentSpanContext?.spanId).toBe(TRACEPARENT.split('-')[2]);
      expect(process?.attributes['cwmp.device_id']).toBe(DEVICE);
      expect(process?.events.map((e) => e.name)).toEqual(
        expect.arrayContaining(['store.devices.get', 'store.devices.upsertFromInform']),
      );
      // The command it published is the process span's child.
      const { traceId, spanId } = process!.spanContext();
      expect(commandHeaders[0]?.traceparent).toBe(`00-${traceId}-${spanId}-01`);
      // The span was handed over, not made active: no context manager is registered.
      const span = trace.getTracer('spec').startSpan('x');
      expect(context.with(trace.setSpan(ROOT_CONTEXT, span), () => trace.getActiveSpan())).toBe(
        undefined,
      );
      span.end();
    } finally {
      await service.onApplicationShutdown();
      await telemetry.shutdown();
    }
  });

  it('reads the values in batches and caches each discovered parameter once, names and values together', async () => {
    await service.onInform(
      informMessage({ events: [{ eventCode: '0 BOOTSTRAP', commandKey: '' }] }),
    );
    await until(() => commands.length === 1);
    const names = [
      { name: 'Device.', writable: false },
      { name: 'Device.X.', writable: false },
      ...Array.from({ length: 150 }, (_, i) => ({
        name: `Device.X.${String(i).padStart(3, '0')}`,
        writable: i % 2 === 0,
      })),
    ];
    await answer(commands[0], { name: 'GetParameterNamesResponse', parameterList: names });
    // The names wait for their values.
    expect(await store.parameters.get(DEVICE, { prefix: 'Device.X.' })).toEqual([]);
    await until(() => commands.length === 3);
    const batches = commands.slice(1);
    expect(batches.map((c) => c.rpc?.name)).toEqual(['GetParameterValues', 'GetParameterValues']);
    for (const batch of batches) {
      const asked = batch.rpc?.name === 'GetParameterValues' ? batch.rpc.parameterNames : [];
      await answer(batch, {
        name: 'GetParameterValuesResponse',
        parameterList: asked.map((name) => ({ name, value: `v-${name}`, type: 'xsd:string' })),
      });
    }
    const cached = await store.parameters.get(DEVICE, { prefix: 'Device.X.' });
    expect(cached).toHaveLength(151);
    expect(cached.find((p) => p.path === 'Device.X.000')).toMatchObject({
      value: 'v-Device.X.000',
      type: 'xsd:string',
      writable: true,
    });
    expect(cached.find((p) => p.path === 'Device.X.001')?.writable).toBe(false);
    expect(cached.find((p) => p.path === 'Device.X.')).toMatchObject({ writable: false });
  });

  it('says when it has nothing more for a bootstrapping device: after the result of its last command', async () => {
    await service.onInform(
      informMessage({ events: [{ eventCode: '0 BOOTSTRAP', commandKey: '' }] }),
    );
    await until(() => commands.length === 1);
    const names = [
      { name: 'Device.X.A', writable: true },
      { name: 'Device.X.B', writable: false },
    ];
    await answer(commands[0], { name: 'GetParameterNamesResponse', parameterList: names });
    await until(() => commands.length === 2);
    expect(idles).toEqual([]);
    const values = commands[1]!;
    await answer(values, {
      name: 'GetParameterValuesResponse',
      parameterList: names.map((p) => ({ name: p.name, value: 'v', type: 'xsd:string' })),
    });
    // Discovery is over and no preset applies: the session waiting for more can end.
    await until(() => idles.length === 1);
    expect(idles[0]).toMatchObject({ deviceId: DEVICE, after: values.commandId });
    expect(commands).toHaveLength(2);

    // A periodic Inform: no session waits for a next wave, nothing is said.
    await service.onInform(
      informMessage({ events: [{ eventCode: '2 PERIODIC', commandKey: '' }] }),
    );
    expect(idles).toHaveLength(1);
  });

  it('reads the device and its planner state once for a periodic Inform, and writes the device record and only the values that differ from the last Inform', async () => {
    // A preset whose precondition and action read the cache, already holding on the CPE.
    await store.presets.create({
      name: 'ntp',
      channel: 'presets',
      weight: 0,
      events: [],
      precondition: {
        parameters: [{ path: 'Device.DeviceInfo.HardwareVersion', test: { eq: 'HW1' } }],
      },
      configurations: [
        {
          type: 'setParameterValues',
          parameters: [{ path: 'Device.Time.NTPServer1', value: 'ntp.corp' }],
        },
      ],
    });
    await service.onInform(
      informMessage({ events: [{ eventCode: '0 BOOTSTRAP', commandKey: '' }] }),
    );
    await until(() => commands.length === 1);
    const names = [{ name: 'Device.Time.NTPServer1', writable: true }];
    await answer(commands[0], { name: 'GetParameterNamesResponse', parameterList: names });
    await until(() => commands.length === 2);
    await answer(commands[1], {
      name: 'GetParameterValuesResponse',
      parameterList: [{ name: 'Device.Time.NTPServer1', value: 'ntp.corp', type: 'xsd:string' }],
    });
    await until(() => idles.length === 1);
    const periodic = (time: string, parameterList = inform().parameterList) =>
      informMessage({ events: [{ eventCode: '2 PERIODIC', commandKey: '' }], time, parameterList });
    await service.onInform(periodic('2026-11-25T10:05:00.000Z'));
    const applied = await store.provisioning.get(DEVICE);
    expect(applied?.state).toMatchObject({ applied: { ntp: { version: 1 } } });

    // From here on, every store call the service makes is recorded.
    const calls: { call: string; args: unknown[] }[] = [];
    const recorded = new ProvisioningService(bus, recording(store, calls), config);
    await recorded.onInform(periodic('2026-11-25T10:10:00.000Z'));

    // Reads of the device and its planning state, once each; the device record is the one
    // write, without reading it again; the settled planner state is not written (the catalog's
    // reads of presets and files are left out: cached in service, not in this test).
    const perDevice = () => calls.map((c) => c.call).filter((c) => !/^(presets|files)\./.test(c));
    expect(perDevice()).toEqual(['devices.get', 'provisioning.get', 'devices.updateFromInform']);
    const device = await store.devices.get(DEVICE);
    expect(device?.lastInform?.toISOString()).toBe('2026-11-25T10:10:00.000Z');
    // Presence still counts on the interval the earlier Informs gave (300 s + 120 s of grace).
    expect(device?.onlineUntil?.toISOString()).toBe('2026-11-25T10:17:00.000Z');
    expect(commands).toHaveLength(2);

    // A new firmware version: that value alone goes to the cache.
    const upgraded = inform().parameterList.map((p) =>
      p.name === 'Device.DeviceInfo.SoftwareVersion' ? { ...p, value: '1.2.4' } : p,
    );
    calls.length = 0;
    await recorded.onInform(periodic('2026-11-25T10:15:00.000Z', upgraded));
    // Told from the last Inform, not from the cache: no cache read.
    expect(perDevice().sort()).toEqual([
      'devices.get',
      'devices.updateFromInform',
      'parameters.upsertMany',
      'provisioning.get',
    ]);
    const cacheWrites = calls.filter((c) => c.call === 'parameters.upsertMany');
    expect(cacheWrites[0]?.args[1]).toEqual([
      expect.objectContaining({ path: 'Device.DeviceInfo.SoftwareVersion', value: '1.2.4' }),
    ]);
    const [version] = await store.parameters.get(DEVICE, {
      paths: ['Device.DeviceInfo.SoftwareVersion'],
    });
    expect(version?.value).toBe('1.2.4');
    expect(await store.devices.get(DEVICE)).toMatchObject({
      softwareVersion: '1.2.4',
      lastInform: new Date('2026-11-25T10:15:00.000Z'),
    });
    // The planner's state was written once, when the preset was applied, not by these Informs.
    expect((await store.provisioning.get(DEVICE))?.revision).toBe(applied?.revision);
  });

  it('does not plan the periodic Inform of a settled device, yet applies a preset or a tag changed after it settled at the next Inform', async () => {
    const metrics = new Metrics();
    service = new ProvisioningService(bus, store, config, metrics);
    const plans = async () =>
      sample(await metrics.scrape(), 'meridian_provisioning_plans_total{trigger="inform"}');
    await service.onInform(
      informMessage({ events: [{ eventCode: '0 BOOTSTRAP', commandKey: '' }] }),
    );
    await until(() => commands.length === 1);
    const names = [
      { name: 'Device.Time.NTPServer1', writable: true },
      { name: 'Device.Time.NTPServer2', writable: true },
    ];
    await answer(commands[0], { name: 'GetParameterNamesResponse', parameterList: names });
    await until(() => commands.length === 2);
    await answer(commands[1], {
      name: 'GetParameterValuesResponse',
      parameterList: names.map((p) => ({ name: p.name, value: 'old', type: 'xsd:string' })),
    });
    await until(() => idles.length === 1);
    let minute = 0;
    const periodic = () =>
      service.onInform(
        informMessage({
          events: [{ eventCode: '2 PERIODIC', commandKey: '' }],
          time: `2026-11-25T10:${String(++minute).padStart(2, '0')}:00.000Z`,
        }),
      );
    // The first periodic Inform is planned (its events differ from the boot's); the next are not,
    // and each still updates the registry.
    await periodic();
    const settled = await plans();
    await periodic();
    await periodic();
    expect(await plans()).toBe(settled);
    expect((await store.devices.get(DEVICE))?.lastInform?.toISOString()).toBe(
      '2026-11-25T10:03:00.000Z',
    );
    expect(commands).toHaveLength(2);

    // A preset made after the device settled (the catalog is read again: no cache here).
    await store.presets.create({
      name: 'ntp1',
      channel: 'presets',
      weight: 0,
      events: [],
      precondition: {},
      configurations: [
        {
          type: 'setParameterValues',
          parameters: [{ path: 'Device.Time.NTPServer1', value: 'ntp.corp' }],
        },
      ],
    });
    await periodic();
    await until(() => commands.length === 3);
    expect(commands[2]?.rpc).toMatchObject({
      name: 'SetParameterValues',
      parameterList: [{ name: 'Device.Time.NTPServer1', value: 'ntp.corp' }],
    });
    await answer(commands[2], { name: 'SetParameterValuesResponse', status: 0 });
    await periodic();
    const applied = await plans();
    await periodic();
    expect(await plans()).toBe(applied);

    // A preset waiting for a tag, then the tag set through the store (as the NBI does).
    await store.presets.create({
      name: 'ntp2',
      channel: 'presets',
      weight: 0,
      events: [],
      precondition: { tags: ['vip'] },
      configurations: [
        {
          type: 'setParameterValues',
          parameters: [{ path: 'Device.Time.NTPServer2', value: 'ntp.vip' }],
        },
      ],
    });
    await periodic();
    await periodic();
    expect(commands).toHaveLength(3);
    await store.devices.addTag(DEVICE, 'vip');
    await periodic();
    await until(() => commands.length === 4);
    expect(commands[3]?.rpc).toMatchObject({
      name: 'SetParameterValues',
      parameterList: [{ name: 'Device.Time.NTPServer2', value: 'ntp.vip' }],
    });
  });

  it('updates the cache from the results of commands it did not produce', async () => {
    await service.onInform(informMessage());
    await service.onResult(
      result('nbi-task-1', {
        source: 'nbi',
        outcome: 'done',
        rpc: {
          name: 'SetParameterValues',
          parameterList: [{ name: 'Device.WiFi.SSID.1.SSID', value: 'Home', type: 'xsd:string' }],
          parameterKey: 'nbi-task-1',
        },
        response: { name: 'SetParameterValuesResponse', status: 0 },
      }),
    );
    const [ssid] = await store.parameters.get(DEVICE, { paths: ['Device.WiFi.SSID.1.SSID'] });
    expect(ssid?.value).toBe('Home');
  });

  it('keeps the credentials a setCredentials preset gave the CPE, as Digest HA1, and never caches the password', async () => {
    await store.presets.create({
      name: 'own-credentials',
      channel: 'presets',
      weight: 0,
      events: [],
      precondition: {},
      configurations: [{ type: 'setCredentials' }],
    });
    await service.onInform(
      informMessage({ events: [{ eventCode: '0 BOOTSTRAP', commandKey: '' }] }),
    );
    // The CPE's side: discovery finds nothing, the SetParameterValues is accepted.
    for (let answered = 0; ; answered++) {
      await until(() => commands.length > answered);
      const command = commands[answered]!;
      const rpc = command.rpc;
      if (rpc === undefined) throw new Error(`command ${command.commandId} carries no RPC`);
      const response: CpeMethodResponse =
        rpc.name === 'GetParameterNames'
          ? { name: 'GetParameterNamesResponse', parameterList: [] }
          : rpc.name === 'GetParameterValues'
            ? { name: 'GetParameterValuesResponse', parameterList: [] }
            : { name: 'SetParameterValuesResponse', status: 0 };
      expect(await store.credentials.get(DEVICE)).toBeNull();
      await service.onResult(result(command.commandId, { outcome: 'done', rpc, response }));
      if (rpc.name === 'SetParameterValues') break;
    }
    const password = cpePasswordOf(SECRET, DEVICE, 1);
    expect(commands.at(-1)?.rpc).toMatchObject({
      name: 'SetParameterValues',
      parameterList: [
        { name: 'Device.ManagementServer.Username', value: 'SIM0001' },
        { name: 'Device.ManagementServer.Password', value: password },
      ],
    });
    expect(await store.credentials.get(DEVICE)).toMatchObject({
      username: 'SIM0001',
      realm: 'meridian',
      ha1: digestHa1('SIM0001', 'meridian', password),
    });
    const cached = await store.parameters.get(DEVICE, { prefix: 'Device.ManagementServer.' });
    expect(cached.find((p) => p.path.endsWith('.Username'))?.value).toBe('SIM0001');
    expect(cached.find((p) => p.path.endsWith('.Password'))?.value).toBe('');
  });
});

/** The store, with each repository call of the service appended to `calls`. */
function recording(store: Store, calls: { call: string; args: unknown[] }[]): Store {
  const repository = (name: string, repo: object): object =>
    new Proxy(repo, {
      get(target, method) {
        const value: unknown = Reflect.get(target, method);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]): unknown => {
          calls.push({ call: `${name}.${String(method)}`, args });
          return Reflect.apply(value, target, args);
        };
      },
    });
  return new Proxy(store, {
    get(target, name) {
      const value: unknown = Reflect.get(target, name);
      return typeof value === 'object' && value !== null ? repository(String(name), value) : value;
    },
  });
}
