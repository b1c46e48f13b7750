import 'reflect-metadata';
import { loadConfig, runService, type OpenResource } from '@meridian/adapters';
import { startTelemetry } from '@meridian/telemetry';
import { meridianSpec, startMeridian } from './meridian';

async function main(): Promise<OpenResource[]> {
  const env = loadConfig(meridianSpec);
  const telemetry = startTelemetry({
    serviceName: 'meridian',
    otlpEndpoint: env.MERIDIAN_OTLP_ENDPOINT,
    samplePercent: env.MERIDIAN_TRACE_SAMPLE_PERCENT,
  });
  const meridian = await startMeridian(env);
  return [{ close: () => meridian.drain() }, meridian, telemetry];
}

runService('meridian', main);
