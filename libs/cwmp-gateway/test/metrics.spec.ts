import { decodeEnvelope } from '@meridian/cwmp';
import { SCHEMA_VERSION, type CommandMessage } from '@meridian/contracts';
import { Metrics } from '@meridian/telemetry';
import { GatewayService } from '../src/gateway.service';
import { CpeClient } from './support/cpe-client';
import { DEVICE_ID, deviceNumber, envelope, inform } from './support/envelopes';
import { eventually, startGateway, type RunningGateway } from './support/gateway-harness';

const gpv = (commandId: string): CommandMessage => ({
  schemaVersion: SCHEMA_VERSION,
  commandId,
  deviceId: DEVICE_ID,
  rpc: { name: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.UpTime'] },
  connectionRequest: false,
  source: 'test',
  createdAt: new Date(Date.now() - 2_000).toISOString(),
});

/** The value of one sample of the Prometheus text, e.g. `name{a="b"}`; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('gateway metrics', () => {
  let gateway: RunningGateway;
  let metrics: Metrics;
  const clients: CpeClient[] = [];
  const client = (): CpeClient => {
    const c = new CpeClient(gateway.port);
    clients.push(c);
    return c;
  };

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await gateway.close();
  });

  it('counts a session, its Inform event, its RPCs by outcome and fault code, and its end', async () => {
    metrics = new Metrics();
    gateway = await startGateway({ maxConcurrentSessions: 1 }, { metrics });
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, gpv('ok-1'));
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, gpv('fault-1'));
    await eventually(async () => (await gateway.sessions.queue(DEVICE_ID)).length === 2);

    const cpe = client();
    expect((await cpe.post(inform())).status).toBe(200);
    expect(sample(await metrics.scrape(), 'meridian_cwmp_sessions_active')).toBe(1);
    // A second device while the only slot is taken: 503, counted as overload.
    const other = await client().post(inform(deviceNumber(2)));
    expect(other.status).toBe(503);

    const first = decodeEnvelope((await cpe.post('')).body);
    const answered = envelope(
      {
        name: 'GetParameterValuesResponse',
        parameterList: [{ name: 'Device.DeviceInfo.UpTime', value: '7', type: 'xsd:unsignedInt' }],
      },
      { id: first.header.id },
    );
    const second = decodeEnvelope((await cpe.post(answered)).body);
    expect(second.body.name).toBe('GetParameterValues');
    const fault = envelope(
      {
        name: 'Fault',
        faultcode: 'Client',
        faultCode: 9005,
        faultString: 'Invalid parameter name',
        setParameterValuesFault: [],
      },
      { id: second.header.id },
    );
    expect((await cpe.post(fault)).status).toBe(204);

    const text = await metrics.scrape();
    expect(sample(text, 'meridian_cwmp_sessions_started_total{cwmp_version="1-0"}')).toBe(1);
    expect(sample(text, 'meridian_cwmp_informs_total{event="2 PERIODIC"}')).toBe(1);
    expect(sample(text, 'meridian_cwmp_rpcs_total{rpc="Inform",outcome="ok"}')).toBe(1);
    expect(sample(text, 'meridian_cwmp_rpcs_total{rpc="GetParameterValues",outcome="ok"}')).toBe(1);
    expect(sample(text, 'meridian_cwmp_rpcs_total{rpc="GetParameterValues",outcome="fault"}')).toBe(
      1,
    );
    expect(
      sample(text, 'meridian_cwmp_rpc_faults_total{rpc="GetParameterValues",code="9005"}'),
    ).toBe(1);
    expect(sample(text, 'meridian_cwmp_rpc_duration_seconds_count{rpc="GetParameterValues"}')).toBe(
      2,
    );
    expect(
      sample(text, 'meridian_cwmp_sessions_completed_total{cwmp_version="1-0",outcome="ok"}'),
    ).toBe(1);
    expect(sample(text, 'meridian_cwmp_sessions_rejected_total{reason="overload"}')).toBe(1);
    expect(sample(text, 'meridian_cwmp_sessions_active')).toBe(0);
    expect(sample(text, 'meridian_cwmp_command_queue_depth_sum')).toBe(2);
    // Both commands were created 2 s before they were sent.
    expect(sample(text, 'meridian_cwmp_command_queue_age_seconds_count')).toBe(2);
    expect(sample(text, 'meridian_cwmp_command_queue_age_seconds_sum')).toBeGreaterThanOrEqual(4);
    // No label carries the device.
    expect(text).not.toContain(DEVICE_ID);
  });
});

describe('gateway drain', () => {
  let gateway: RunningGateway;
  const clients: CpeClient[] = [];

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await gateway.close();
  });

  it('refuses new sessions with 503 + Retry-After, finishes the one in flight, then resolves', async () => {
    const metrics = new Metrics();
    gateway = await startGateway({ retryAfterSeconds: 7 }, { metrics });
    const inFlight = new CpeClient(gateway.port);
    const idle = new CpeClient(gateway.port);
    clients.push(inFlight, idle);
    // `idle` had a session and keeps its keep-alive connection open.
    expect((await idle.post(inform(deviceNumber(2)))).status).toBe(200);
    expect((await idle.post('')).status).toBe(204);
    expect((await inFlight.post(inform())).status).toBe(200);

    let drained: number | undefined;
    const draining = gateway.app
      .get(GatewayService)
      .drain(10_000)
      .then((left) => (drained = left));

    const refused = await idle.post(inform(deviceNumber(2)));
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('7');
    expect(refused.headers.connection).toBe('close');
    // No new connection is accepted any more.
    await expect(new CpeClient(gateway.port).post(inform(deviceNumber(3)))).rejects.toThrow(
      /ECONNREFUSED/,
    );
    expect(drained).toBeUndefined();

    // The session in flight goes on to its end; its last reply closes the connection.
    const end = await inFlight.post('');
    expect(end.status).toBe(204);
    expect(end.headers.connection).toBe('close');
    await draining;
    expect(drained).toBe(0);
    expect(
      sample(await metrics.scrape(), 'meridian_cwmp_sessions_rejected_total{reason="draining"}'),
    ).toBe(1);
  });

  it('gives up on sessions still live at the deadline', async () => {
    gateway = await startGateway();
    const cpe = new CpeClient(gateway.port);
    clients.push(cpe);
    expect((await cpe.post(inform())).status).toBe(200);
    expect(await gateway.app.get(GatewayService).drain(200)).toBe(1);
  });
});
