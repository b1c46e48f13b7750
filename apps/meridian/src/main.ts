import 'reflect-metadata';
import { runService, type OpenResource } from '@meridian/adapters';
import { readConfig } from '@meridian/config';
import { startTelemetry } from '@meridian/telemetry';
import { meridianSpec, startMeridian } from './meridian';

async function main(): Promise<OpenResource[]> {
  const env = readConfig(meridianSpec);
  const telemetry = startTelemetry({
    serviceName: 'meridian',
    otlpEndpoint: env.MERIDIAN_OTLP_ENDPOINT,
  });
  const meridian = await startMeridian(env);
  return [{ close: () => meridian.drain() }, meridian, telemetry];
}

runService('meridian', main);
