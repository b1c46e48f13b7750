import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { stopOnSignals } from '@meridian/adapters';
import { ConfigError, readConfig } from '@meridian/config';
import { startTelemetry } from '@meridian/telemetry';
import { meridianSpec, startMeridian } from './meridian';

async function main(): Promise<void> {
  const env = readConfig(meridianSpec);
  const telemetry = startTelemetry({
    serviceName: 'meridian',
    otlpEndpoint: env.MERIDIAN_OTLP_ENDPOINT,
  });
  const meridian = await startMeridian(env);
  const logger = new Logger('meridian');
  stopOnSignals(logger, async () => {
    await meridian.drain();
    await meridian.close();
    await telemetry.shutdown();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
