import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTelemetry, type Telemetry } from '@meridian/telemetry';
import { CpeClient } from './support/cpe-client';
import { DEVICE_ID, inform } from './support/envelopes';
import { startGateway, type RunningGateway } from './support/gateway-harness';

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
});
