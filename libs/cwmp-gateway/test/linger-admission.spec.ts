import { SCHEMA_VERSION, type CommandMessage } from '@meridian/contracts';
import { Metrics } from '@meridian/telemetry';
import { CpeClient, type CpeResponse } from './support/cpe-client';
import { DEVICE_ID, deviceNumber, envelope, inform } from './support/envelopes';
import { startGateway, type RunningGateway } from './support/gateway-harness';

/*
 * New devices' boot sessions wait on provisioning (they linger for its waves). Beyond the
 * adaptive limit (MERIDIAN_CWMP_LINGER_LIMIT_INITIAL at start) a boot Inform is held until a
 * place frees, and gets 503 + Retry-After if none does within the linger's cap: the CPE comes
 * back in a session of its own instead of one that would end before provisioning answers it.
 */
const boot = (n: number) => inform(deviceNumber(n), `boot-${n}`, '0 BOOTSTRAP');

const command = (commandId: string): CommandMessage => ({
  schemaVersion: SCHEMA_VERSION,
  commandId,
  deviceId: DEVICE_ID,
  rpc: { name: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.UpTime'] },
  connectionRequest: false,
  source: 'provisioning',
  createdAt: new Date().toISOString(),
});

const gpvResponse = (id: string): string =>
  envelope(
    {
      name: 'GetParameterValuesResponse',
      parameterList: [{ name: 'Device.DeviceInfo.UpTime', value: '7', type: 'xsd:unsignedInt' }],
    },
    { id },
  );

/** A metric's value from the gateway's Prometheus text (0 when absent). */
const metric = async (metrics: Metrics, series: string): Promise<number> => {
  const line = (await metrics.scrape()).split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.split(' ')[1]);
};

const settled = (reply: Promise<CpeResponse>) => {
  const state = { done: false };
  void reply.then(() => (state.done = true));
  return state;
};

describe('admission of new devices under the linger limit', () => {
  let gateway: RunningGateway;
  let metrics: Metrics;
  const clients: CpeClient[] = [];
  /** Whether the fake provisioning is behind (DOWNSTREAM_BACKLOG above 0). */
  let behind = true;
  const client = () => {
    const c = new CpeClient(gateway.port);
    clients.push(c);
    return c;
  };
  const start = async (lingerMaxMs: number) => {
    metrics = new Metrics();
    gateway = await startGateway(
      { lingerMs: 50, lingerMaxMs, lingerLimitInitial: 1 },
      {
        metrics,
        downstreamBacklog: () => ({ pending: behind ? 1 : 0, handled: 0, atMs: Date.now() }),
      },
    );
  };

  beforeEach(() => (behind = true));
  afterEach(async () => {
    behind = false;
    for (const c of clients.splice(0)) c.close();
    await gateway.close();
  });

  it('holds a boot Inform beyond the limit until a session ends, then runs it', async () => {
    await start(10_000);
    const first = client();
    expect((await first.post(boot(1))).status).toBe(200);
    const lingering = first.post(''); // waits on provisioning, which is behind
    const held = client().post(boot(2));
    const heldState = settled(held);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heldState.done).toBe(false);
    behind = false; // provisioning caught up with nothing more: the first session ends
    expect((await lingering).status).toBe(204);
    expect((await held).status).toBe(200);
    expect(
      await metric(metrics, 'meridian_cwmp_sessions_rejected_total{reason="linger_limit"}'),
    ).toBe(0);
  });

  it('refuses it with 503 and Retry-After when no place frees within the cap', async () => {
    await start(300);
    // The first device's session stays live (its CPE has not sent its next request yet).
    expect((await client().post(boot(1))).status).toBe(200);
    const refused = await client().post(boot(2));
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(
      await metric(metrics, 'meridian_cwmp_sessions_rejected_total{reason="linger_limit"}'),
    ).toBe(1);
  });

  it('does not hold a periodic Inform while the limit is taken', async () => {
    await start(10_000);
    expect((await client().post(boot(1))).status).toBe(200);
    expect((await client().post(inform(deviceNumber(3)))).status).toBe(200);
  });

  it('grows after a session answered fast, so the next new device gets in at once', async () => {
    await start(10_000);
    expect(await metric(metrics, 'meridian_cwmp_linger_limit')).toBe(1);
    const first = new CpeClient(gateway.port);
    clients.push(first);
    expect((await first.post(inform(undefined, 'boot-0', '0 BOOTSTRAP'))).status).toBe(200);
    const lingering = first.post('');
    setTimeout(() => void gateway.bus.publish('cwmp.commands', DEVICE_ID, command('c-1')), 100);
    const request = await lingering; // the command, in the same session
    expect(request.status).toBe(200);
    behind = false; // provisioning has nothing more: the session ends after the answer
    const id = /<cwmp:ID[^>]*>([^<]+)</.exec(request.body)?.[1] ?? '';
    expect((await first.post(gpvResponse(id))).status).toBe(204);
    expect(await metric(metrics, 'meridian_cwmp_linger_limit')).toBe(2);
    expect((await client().post(boot(2))).status).toBe(200);
  });
});
