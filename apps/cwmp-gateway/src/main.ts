import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { readFileSync } from 'node:fs';
import {
  adaptersModule,
  createBus,
  createSessionStore,
  createStore,
  nestLogLevels,
  runService,
  type OpenResource,
} from '@meridian/adapters';
import { BUS, stderrLogger } from '@meridian/bus';
import { ConfigError } from '@meridian/config';
import { createConnectionRequester } from '@meridian/connection-request';
import { SESSION_STORE } from '@meridian/session-store';
import { startTelemetry } from '@meridian/telemetry';
import {
  CONNECTION_REQUESTER,
  CwmpGatewayModule,
  connectionRequestTargets,
  gatewayConfigOf,
  readStandaloneEnv,
  registeredDevices,
  type GatewayConfig,
  type StandaloneGatewayEnv,
} from '@meridian/cwmp-gateway';

/** The standalone gateway: adapters chosen by MERIDIAN_BUS / MERIDIAN_SESSION_STORE. */
async function main(): Promise<OpenResource[]> {
  const env = readStandaloneEnv();
  const config = gatewayConfigOf(env, readTls(env));
  const telemetry = startTelemetry({
    serviceName: 'cwmp-gateway',
    otlpEndpoint: env.MERIDIAN_OTLP_ENDPOINT,
  });
  const bus = await createBus(env, config.gatewayId);
  const store = createSessionStore(env);
  // The registry tells where each CPE listens for connection requests, and which devices are
  // known when auto-registration is off.
  const registry = await createStore(env);
  const connectionRequester = createConnectionRequester({
    lookup: connectionRequestTargets(registry, {
      username: env.MERIDIAN_CR_USERNAME,
      password: env.MERIDIAN_CR_PASSWORD,
    }),
    logger: stderrLogger('warn', 'connection-request'),
  });
  const app = await NestFactory.createApplicationContext(
    CwmpGatewayModule.forRoot({
      config,
      knownDevice: registeredDevices(registry),
      imports: [
        adaptersModule({
          [BUS]: bus,
          [SESSION_STORE]: store,
          [CONNECTION_REQUESTER]: connectionRequester,
        }),
      ],
    }),
    { logger: nestLogLevels(env.MERIDIAN_LOG_LEVEL) },
  );
  await app.init();

  // The listener first (sessions in progress finish), then what it used.
  return [app, bus, store, registry, telemetry];
}

function readTls(env: StandaloneGatewayEnv): GatewayConfig['tls'] {
  const { MERIDIAN_CWMP_TLS_CERT: cert, MERIDIAN_CWMP_TLS_KEY: key } = env;
  if (cert === undefined && key === undefined) return undefined;
  if (cert === undefined || key === undefined) {
    throw new ConfigError(['MERIDIAN_CWMP_TLS_CERT and MERIDIAN_CWMP_TLS_KEY go together']);
  }
  return { cert: readFileSync(cert), key: readFileSync(key) };
}

runService('cwmp-gateway', main);
