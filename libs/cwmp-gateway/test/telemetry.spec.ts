import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { SCHEMA_VERSION, type CommandMessage } from '@meridian/contracts';
import { decodeEnvelope } from '@meridian/cwmp';
import { startTelemetry, type Telemetry } from '@meridian/telemetry';
import { CpeClient } from './support/cpe-client';
import { DEVICE_ID, envelope, inform } from './support/envelopes';
import { eventually, startGateway, type RunningGateway } from './support/gateway-harness';

const gpv = (commandId: string): CommandMessage => ({
  schemaVersion: SCHEMA_VERSION,
  commandId,
  deviceId: DEVICE_ID,
  rpc: { name: 'GetParameterValues', parameterNames: ['Device.NoSuch.'] },
  connectionRequest: false,
  source: 'test',
  createdAt: new Date().toISOString(),
});

describe('cwmp-gateway tracing', () => {
  let telemetry: Telemetry;
  let gateway: RunningGateway;
  const exporter = new InMemorySpanExporter();

  beforeAll(() => {
    telemetry = startTelemetry({ serviceName: 'cwmp-gateway-test', exporter });
  });
  afterAll(async () => {
    await telemetry.shutdown();
  });

  it('emits one span per session with a child per RPC, tagged with deviceId, sessionId and method', async () => {
    gateway = await startGateway();
    const cpe = new CpeClient(gateway.port);
    try {
      expect((await cpe.post(inform())).status).toBe(200);
      expect((await cpe.post('')).status).toBe(204);
    } finally {
      cpe.close();
      await gateway.close();
    }
    const spans = exporter.getFinishedSpans();
    const session = spans.find((s) => s.name === 'cwmp.session');
    const rpcs = spans.filter((s) => s.name.startsWith('cwmp ')).map((s) => s.name);
    expect(rpcs).toEqual(['cwmp Inform', 'cwmp empty']);
    expect(session).toBeDefined();
    const sessionId = session?.attributes['cwmp.session_id'];
    expect(session?.attributes['cwmp.device_id']).toBe(DEVICE_ID);
    for (const rpc of spans.filter((s) => s.name.startsWith('cwmp '))) {
      expect(rpc.spanContext().traceId).toBe(session?.spanContext().traceId);
      expect(rpc.parentSpanContext?.spanId).toBe(session?.spanContext().spanId);
      expect(rpc.attributes['cwmp.session_id']).toBe(sessionId);
      expect(rpc.attributes['cwmp.device_id']).toBe(DEVICE_ID);
      expect(rpc.attributes['cwmp.method']).toBe(rpc.name.slice('cwmp '.length));
    }
  });

  it('names on request spans the command sent, the one answered and the CPE fault code', async () => {
    exporter.reset();
    gateway = await startGateway();
    const cpe = new CpeClient(gateway.port);
    try {
      await gateway.bus.publish('cwmp.commands', DEVICE_ID, gpv('cmd-1'));
      await eventually(async () => (await gateway.sessions.queue(DEVICE_ID)).length === 1);
      expect((await cpe.post(inform())).status).toBe(200);
      const sent = decodeEnvelope((await cpe.post('')).body);
      expect(sent.body.name).toBe('GetParameterValues');
      const fault = envelope(
        {
          name: 'Fault',
          faultcode: 'Client',
          faultCode: 9005,
          faultString: 'Invalid parameter name',
          setParameterValuesFault: [],
        },
        { id: sent.header.id },
      );
      expect((await cpe.post(fault)).status).toBe(204);
    } finally {
      cpe.close();
      await gateway.close();
    }
    const spans = exporter.getFinishedSpans();
    const span = (name: string) => spans.find((s) => s.name === name)?.attributes;
    expect(span('cwmp empty')).toMatchObject({
      'cwmp.sent_rpc': 'GetParameterValues',
      'cwmp.sent_command_id': 'cmd-1',
    });
    expect(span('cwmp empty')).not.toHaveProperty('cwmp.fault_code');
    expect(span('cwmp Fault')).toMatchObject({
      'cwmp.answered_rpc': 'GetParameterValues',
      'cwmp.answered_command_id': 'cmd-1',
      'cwmp.fault_code': 9005,
    });
    // The intake of the command, on the bus's process span.
    expect(span('cwmp.commands process')).toMatchObject({
      'cwmp.device_id': DEVICE_ID,
      'cwmp.command_id': 'cmd-1',
    });
  });
});
