import 'reflect-metadata';
import { Logger } from '@nestjs/common';
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
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping`);
    await meridian.close();
    await telemetry.shutdown();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stop(signal).then(() => process.exit(0)));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
