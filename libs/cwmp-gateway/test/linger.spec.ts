import { decodeEnvelope, encodeEnvelope, type Inform } from '@meridian/cwmp';
import { InProcessBus } from '@meridian/bus';
import { SCHEMA_VERSION, type CommandMessage } from '@meridian/contracts';
import { Metrics } from '@meridian/telemetry';
import { CpeClient } from './support/cpe-client';
import { DEVICE, DEVICE_ID } from './support/envelopes';
import { startGateway, type RunningGateway } from './support/gateway-harness';

const informWith = (eventCode: string): string => {
  const body: Inform = {
    name: 'Inform',
    deviceId: DEVICE,
    event: [{ eventCode, commandKey: '' }],
    maxEnvelopes: 1,
    currentTime: '2026-11-25T20:00:00Z',
    retryCount: 0,
    parameterList: [
      { name: 'Device.ManagementServer.ParameterKey', value: '', type: 'xsd:string' },
    ],
  };
  return encodeEnvelope({ cwmpVersion: '1-0', header: { id: 'i-1' }, body });
};

const command = (commandId: string, source: string): CommandMessage => ({
  schemaVersion: SCHEMA_VERSION,
  commandId,
  deviceId: DEVICE_ID,
  rpc: { name: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.UpTime'] },
  connectionRequest: false,
  source,
  createdAt: new Date().toISOString(),
});

/** How many lingers ended this way, from the gateway's Prometheus text (0 when none did). */
const lingersEnded = async (metrics: Metrics, ended: string): Promise<number> => {
  const line = (await metrics.scrape())
    .split('\n')
    .find((l) => l.startsWith(`meridian_cwmp_lingers_total{ended="${ended}"} `));
  return line === undefined ? 0 : Number(line.split(' ')[1]);
};

const gpvResponse = (id: string): string =>
  encodeEnvelope({
    cwmpVersion: '1-0',
    header: { id },
    body: {
      name: 'GetParameterValuesResponse',
      parameterList: [{ name: 'Device.DeviceInfo.UpTime', value: '7', type: 'xsd:unsignedInt' }],
    },
  });

/*
 * Provisioning answers an Inform (and each result) with commands a few milliseconds later. A
 * session that ended at once would need a connection request per wave; lingering lets the
 * waves run in the session the CPE opened.
 */
describe('lingering for the next wave of commands', () => {
  let gateway: RunningGateway;
  let client: CpeClient;

  beforeEach(async () => {
    gateway = await startGateway({ lingerMs: 1_000 });
    client = new CpeClient(gateway.port);
  });
  afterEach(async () => {
    client.close();
    await gateway.close();
  });

  const later = (ms: number, what: () => Promise<void>) => setTimeout(() => void what(), ms);

  it('keeps a bootstrap session open for commands that arrive after the empty POST', async () => {
    expect((await client.post(informWith('0 BOOTSTRAP'))).status).toBe(200);
    later(200, () =>
      gateway.bus.publish('cwmp.commands', DEVICE_ID, command('w-1', 'provisioning')),
    );
    const first = await client.post('');
    expect(first.status).toBe(200);
    const rpc = decodeEnvelope(first.body);
    expect(rpc.body.name).toBe('GetParameterValues');

    // The answer to a provisioning command: its follow-up is awaited the same way.
    later(200, () =>
      gateway.bus.publish('cwmp.commands', DEVICE_ID, command('w-2', 'provisioning')),
    );
    const second = await client.post(gpvResponse(rpc.header.id ?? ''));
    expect(decodeEnvelope(second.body).body.name).toBe('GetParameterValues');

    // Nothing more comes: the session ends after the linger.
    const started = Date.now();
    const last = await client.post(gpvResponse(decodeEnvelope(second.body).header.id ?? ''));
    expect(last.status).toBe(204);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('ends the session at once when the CPE accepted a diagnostic: it runs the test after it', async () => {
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, {
      schemaVersion: SCHEMA_VERSION,
      commandId: 'd-1',
      deviceId: DEVICE_ID,
      diagnostic: { kind: 'ipPing', inputs: { Host: '127.0.0.1' } },
      connectionRequest: false,
      source: 'provisioning',
      createdAt: new Date().toISOString(),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await client.post(informWith('0 BOOTSTRAP'))).status).toBe(200);
    const request = decodeEnvelope((await client.post('')).body);
    expect(request.body).toMatchObject({ name: 'SetParameterValues', parameterKey: 'd-1' });

    const started = Date.now();
    const accepted = encodeEnvelope({
      cwmpVersion: '1-0',
      header: { id: request.header.id ?? '' },
      body: { name: 'SetParameterValuesResponse', status: 0 },
    });
    expect((await client.post(accepted)).status).toBe(204);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('ends a periodic session at once when nothing is queued', async () => {
    expect((await client.post(informWith('2 PERIODIC'))).status).toBe(200);
    const started = Date.now();
    expect((await client.post('')).status).toBe(204);
    expect(Date.now() - started).toBeLessThan(500);
  });
});

/*
 * Provisioning tells the gateway when it has nothing more (an idle marker on cwmp.commands): the
 * session ends then, not when the linger runs out. The linger here outlasts the test's timeout,
 * so a session that waited it out would fail the test.
 */
describe('ending the linger on the idle marker', () => {
  let gateway: RunningGateway;
  let client: CpeClient;
  const idle = (after: string) => ({
    schemaVersion: SCHEMA_VERSION,
    deviceId: DEVICE_ID,
    action: 'idle' as const,
    after,
    source: 'provisioning',
    createdAt: new Date().toISOString(),
  });

  let metrics: Metrics;

  beforeEach(async () => {
    metrics = new Metrics();
    gateway = await startGateway({ lingerMs: 600_000 }, { metrics });
    client = new CpeClient(gateway.port);
  });
  afterEach(async () => {
    client.close();
    await gateway.close();
  });

  it('ends a bootstrap session once provisioning has nothing for its Inform', async () => {
    // What provisioning does: it reads the Inform, plans nothing, and says so.
    await gateway.bus.subscribe('cwmp.inform', 'fake-provisioning', async ({ value }) => {
      await gateway.bus.publish('cwmp.commands', DEVICE_ID, idle(value.sessionId));
    });
    expect((await client.post(informWith('0 BOOTSTRAP'))).status).toBe(200);
    expect((await client.post('')).status).toBe(204);
    expect(await lingersEnded(metrics, 'idle')).toBe(1);
  });

  it('ends after the last wave, and not on a marker about an earlier step', async () => {
    expect((await client.post(informWith('0 BOOTSTRAP'))).status).toBe(200);
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, command('w-1', 'provisioning'));
    const first = decodeEnvelope((await client.post('')).body);
    expect(first.body.name).toBe('GetParameterValues');

    // A marker about something before w-1's answer, then the next wave: the session waited for it.
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, idle('not-the-last-step'));
    setTimeout(
      () => void gateway.bus.publish('cwmp.commands', DEVICE_ID, command('w-2', 'provisioning')),
      200,
    );
    const second = decodeEnvelope((await client.post(gpvResponse(first.header.id ?? ''))).body);
    expect(second.body.name).toBe('GetParameterValues');

    // Provisioning handled w-2's result and has nothing more.
    await gateway.bus.subscribe('cwmp.results', 'fake-provisioning', async ({ value }) => {
      if (value.commandId === 'w-2') {
        await gateway.bus.publish('cwmp.commands', DEVICE_ID, idle('w-2'));
      }
    });
    expect((await client.post(gpvResponse(second.header.id ?? ''))).status).toBe(204);
  });
});

/*
 * Provisioning that is slow to plan (a busy store, a backlog of other devices' messages) answers
 * after the linger: the session stays open while provisioning has not handled the session's
 * last message (DOWNSTREAM_BACKLOG above 0), up to the hard cap, so the next command still goes
 * in this session instead of a connection request's.
 */
describe('lingering while provisioning is behind', () => {
  let bus: InProcessBus;
  let gateway: RunningGateway;
  let client: CpeClient;
  let metrics: Metrics;
  /** Releases the fake provisioning's handler of the message it is working on. */
  let release: () => void = () => undefined;

  beforeEach(async () => {
    bus = new InProcessBus();
    metrics = new Metrics();
    gateway = await startGateway(
      { lingerMs: 50, lingerMaxMs: 2_000 },
      {
        bus,
        metrics,
        downstreamBacklog: () => ({
          pending: bus.pending('cwmp.inform') + bus.pending('cwmp.results'),
          handled: 0,
          atMs: Date.now(),
        }),
      },
    );
    client = new CpeClient(gateway.port);
    // Provisioning: handles each Inform only once the test lets it, then sends a command.
    await bus.subscribe('cwmp.inform', 'slow-provisioning', async () => {
      await new Promise<void>((resolve) => (release = resolve));
      await bus.publish('cwmp.commands', DEVICE_ID, command('slow-1', 'provisioning'));
    });
  });
  afterEach(async () => {
    release();
    client.close();
    await gateway.close();
    await bus.close();
  });

  it('sends the command planned after the linger in the same session', async () => {
    expect((await client.post(informWith('0 BOOTSTRAP'))).status).toBe(200);
    const reply = client.post('');
    // Well past the 50 ms linger (and within the 2 s cap), provisioning is still planning.
    await new Promise((resolve) => setTimeout(resolve, 400));
    release();
    const first = await reply;
    expect(first.status).toBe(200);
    expect(decodeEnvelope(first.body).body.name).toBe('GetParameterValues');
    expect(await lingersEnded(metrics, 'command')).toBe(1);
  });

  it('gives the CPE the whole session timeout for its next request after a long wait', async () => {
    await gateway.close();
    // A 1 s session timeout: the wait is capped at 500 ms, and the CPE answers 800 ms after it.
    gateway = await startGateway(
      { lingerMs: 50, lingerMaxMs: 2_000, sessionTimeoutMs: 1_000 },
      {
        bus,
        downstreamBacklog: () => ({
          pending: bus.pending('cwmp.inform'),
          handled: 0,
          atMs: Date.now(),
        }),
      },
    );
    client.close();
    client = new CpeClient(gateway.port);
    expect((await client.post(informWith('0 BOOTSTRAP'))).status).toBe(200);
    const reply = client.post('');
    await new Promise((resolve) => setTimeout(resolve, 400));
    release();
    const request = decodeEnvelope((await reply).body);
    expect(request.body.name).toBe('GetParameterValues');
    await new Promise((resolve) => setTimeout(resolve, 800));
    // The device's lease still holds: the answer is taken (no 503 "session lost").
    expect((await client.post(gpvResponse(request.header.id ?? ''))).status).toBe(204);
  });

  it('ends the session at the hard cap when provisioning never answers', async () => {
    expect((await client.post(informWith('0 BOOTSTRAP'))).status).toBe(200);
    // Provisioning is stuck on the Inform (never released): the wait stops at lingerMaxMs,
    // which the gateway's metric tells from provisioning having nothing more.
    expect((await client.post('')).status).toBe(204);
    expect(await lingersEnded(metrics, 'cap')).toBe(1);
    expect(await lingersEnded(metrics, 'caught_up')).toBe(0);
  });

  it('ends the session once provisioning has handled everything and sent nothing', async () => {
    await gateway.close();
    gateway = await startGateway(
      { lingerMs: 50, lingerMaxMs: 600_000 },
      { metrics, downstreamBacklog: () => ({ pending: 0, handled: 0, atMs: Date.now() }) },
    );
    client.close();
    client = new CpeClient(gateway.port);
    expect((await client.post(informWith('0 BOOTSTRAP'))).status).toBe(200);
    expect((await client.post('')).status).toBe(204);
    expect(await lingersEnded(metrics, 'caught_up')).toBe(1);
  });
});
