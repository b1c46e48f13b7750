/**
 * A consumer in another process, for kafka.int.spec.ts: joins the group given in argv, and on
 * each "report" request sends back what it received and the spans it finished.
 */
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTelemetry } from '@meridian/telemetry';
import { KafkaBus, silentLogger, type BusMessage } from '../../src';

export interface ChildConfig {
  brokers: string[];
  topicPrefix: string;
  groupId: string;
}

export interface ChildSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
}

export type ChildReport =
  | { type: 'ready' }
  | { type: 'report'; received: BusMessage<'cwmp.inform'>[]; spans: ChildSpan[] };

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
  const exporter = new InMemorySpanExporter();
  const telemetry = startTelemetry({ serviceName: 'child-consumer', exporter });
  const bus = await KafkaBus.connect({
    brokers: config.brokers,
    clientId: 'child-consumer',
    partitions: 3,
    topicPrefix: config.topicPrefix,
    ensureTopics: false,
    heartbeatIntervalMs: 500,
    sessionTimeoutMs: 6_000,
    maxWaitTimeMs: 200,
    logger: silentLogger,
  });
  const received: BusMessage<'cwmp.inform'>[] = [];
  await bus.subscribe('cwmp.inform', config.groupId, async (message) => {
    received.push(message);
  });
  const send = (report: ChildReport) => process.send?.(report);
  process.on('message', async (request: string) => {
    if (request === 'report') {
      await telemetry.forceFlush();
      const spans = exporter.getFinishedSpans().map((s) => ({
        name: s.name,
        traceId: s.spanContext().traceId,
        spanId: s.spanContext().spanId,
        parentSpanId: s.parentSpanContext?.spanId,
      }));
      send({ type: 'report', received, spans });
    } else if (request === 'stop') {
      await bus.close();
      await telemetry.shutdown();
      process.disconnect();
    }
  });
  send({ type: 'ready' });
}

main().catch((error: unknown) => {
  process.stderr.write(`child-consumer: ${String(error)}\n`);
  process.exit(1);
});
