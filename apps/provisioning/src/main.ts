import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  adaptersModule,
  createBus,
  createStore,
  loadConfig,
  nestLogLevels,
  runService,
  startServiceOps,
  startServiceTelemetry,
  type OpenResource,
} from '@meridian/adapters';
import { BUS } from '@meridian/bus';
import { infrastructureSpec, opsSpec } from '@meridian/config';
import { ProvisioningModule, provisioningConfigOf, provisioningSpec } from '@meridian/provisioning';
import { STORE } from '@meridian/store';
import { METRICS } from '@meridian/telemetry';

/** The standalone provisioning service: registry, parameter cache and presets. */
async function main(): Promise<OpenResource[]> {
  const env = loadConfig({ ...infrastructureSpec, ...provisioningSpec, ...opsSpec });
  const config = provisioningConfigOf(env);
  const { telemetry, metrics } = startServiceTelemetry(env, 'provisioning');
  const bus = await createBus(env, 'provisioning');
  const store = await createStore(env);

  @Module({
    imports: [
      adaptersModule({ [BUS]: bus, [STORE]: store, [METRICS]: metrics }),
      ProvisioningModule.forRoot(config),
    ],
  })
  class ProvisioningApp {}

  const app = await NestFactory.createApplicationContext(ProvisioningApp, {
    logger: nestLogLevels(env.MERIDIAN_LOG_LEVEL),
  });
  await app.init();
  const logger = new Logger('provisioning');
  const {
    health,
    close: closeHealth,
    opsServer,
  } = await startServiceOps(env, metrics, { bus: true, store: true });
  logger.log(
    `consuming cwmp.inform and cwmp.results; metrics and health on http://${env.MERIDIAN_OPS_HOST}:${opsServer.port}`,
  );
  // Closing the consumers waits for the messages being handled, commits, leaves the groups.
  return [
    { close: async () => health.startDraining() },
    app,
    bus,
    store,
    { close: closeHealth },
    opsServer,
    metrics,
    telemetry,
  ];
}

runService('provisioning', main);
