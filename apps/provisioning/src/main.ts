import 'reflect-metadata';
import { Global, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createBus, createStore } from '@meridian/adapters';
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

  @Global()
  @Module({
    providers: [
      { provide: BUS, useValue: bus },
      { provide: STORE, useValue: store },
    ],
    exports: [BUS, STORE],
  })
  class Adapters {}

  @Module({ imports: [Adapters, ProvisioningModule] })
  class ProvisioningApp {}

  const app = await NestFactory.createApplicationContext(ProvisioningApp, {
    logger: [env.MERIDIAN_LOG_LEVEL, 'error', 'warn'],
  });
  await app.init();
  const logger = new Logger('provisioning');
  logger.log('consuming cwmp.inform');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.log(`${signal}: stopping`);
      void (async () => {
        await app.close();
        await bus.close();
        await store.close();
        await telemetry.shutdown();
        process.exit(0);
      })();
    });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
