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
import { ProvisioningModule, provisioningConfigOf, provisioningSpec } from '@meridian/provisioning';
import { STORE } from '@meridian/store';
import { startTelemetry } from '@meridian/telemetry';

/** The standalone provisioning service: registry, parameter cache and presets. */
async function main(): Promise<void> {
  const env = readConfig({ ...infrastructureSpec, ...provisioningSpec });
  const config = provisioningConfigOf(env);
  const telemetry = startTelemetry({
    serviceName: 'provisioning',
    otlpEndpoint: env.MERIDIAN_OTLP_ENDPOINT,
  });
  const bus = await createBus(env, 'provisioning');
  const store = await createStore(env);

  @Module({
    imports: [adaptersModule({ [BUS]: bus, [STORE]: store }), ProvisioningModule.forRoot(config)],
  })
  class ProvisioningApp {}

  const app = await NestFactory.createApplicationContext(ProvisioningApp, {
    logger: nestLogLevels(env.MERIDIAN_LOG_LEVEL),
  });
  await app.init();
  const logger = new Logger('provisioning');
  logger.log('consuming cwmp.inform and cwmp.results');
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
