import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  adaptersModule,
  createBus,
  createStore,
  nestLogLevels,
  runService,
  type OpenResource,
} from '@meridian/adapters';
import { BUS } from '@meridian/bus';
import { infrastructureSpec, readConfig } from '@meridian/config';
import { ProvisioningModule, provisioningConfigOf, provisioningSpec } from '@meridian/provisioning';
import { STORE } from '@meridian/store';
import { startTelemetry } from '@meridian/telemetry';

/** The standalone provisioning service: registry, parameter cache and presets. */
async function main(): Promise<OpenResource[]> {
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
  new Logger('provisioning').log('consuming cwmp.inform and cwmp.results');
  return [app, bus, store, telemetry];
}

runService('provisioning', main);
