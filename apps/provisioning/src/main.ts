import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  adaptersModule,
  createBus,
  createStore,
  nestLogLevels,
  stopOnSignals,
} from '@meridian/adapters';
import { BUS } from '@meridian/bus';
import { ConfigError, infrastructureSpec, readConfig } from '@meridian/config';
import { ProvisioningModule } from '@meridian/provisioning';
import { STORE } from '@meridian/store';
import { startTelemetry } from '@meridian/telemetry';

/** The standalone provisioning service: device registry and parameter cache from cwmp.inform. */
async function main(): Promise<void> {
  const env = readConfig(infrastructureSpec);
  const telemetry = startTelemetry({
    serviceName: 'provisioning',
    otlpEndpoint: env.MERIDIAN_OTLP_ENDPOINT,
  });
  const bus = await createBus(env, 'provisioning');
  const store = await createStore(env);

  @Module({ imports: [adaptersModule({ [BUS]: bus, [STORE]: store }), ProvisioningModule] })
  class ProvisioningApp {}

  const app = await NestFactory.createApplicationContext(ProvisioningApp, {
    logger: nestLogLevels(env.MERIDIAN_LOG_LEVEL),
  });
  await app.init();
  const logger = new Logger('provisioning');
  logger.log('consuming cwmp.inform');
  stopOnSignals(logger, async () => {
    await app.close();
    await bus.close();
    await store.close();
    await telemetry.shutdown();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
