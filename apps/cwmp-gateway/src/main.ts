import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  adaptersModule,
  createBus,
  createSessionStore,
  createStore,
  nestLogLevels,
  stopOnSignals,
} from '@meridian/adapters';
import { BUS, stderrLogger } from '@meridian/bus';
import { createConnectionRequester } from '@meridian/connection-request';
import { SESSION_STORE } from '@meridian/session-store';
import { startTelemetry } from '@meridian/telemetry';
import {
  CONNECTION_REQUESTER,
  CwmpGatewayModule,
  connectionRequestTargets,
  gatewayConfigOf,
  readStandaloneEnv,
  readTlsFiles,
  registeredDevices,
  storedCredentials,
} from '@meridian/cwmp-gateway';

/** The standalone gateway: adapters chosen by MERIDIAN_BUS / MERIDIAN_SESSION_STORE. */
async function main(): Promise<void> {
  const env = readStandaloneEnv();
  const logger = new Logger('cwmp-gateway');
  const tls = readTlsFiles(env);
  const telemetry = startTelemetry({
    serviceName: 'cwmp-gateway',
    otlpEndpoint: env.MERIDIAN_OTLP_ENDPOINT,
  });
  const bus = await createBus(env, env.MERIDIAN_GATEWAY_ID);
  const store = createSessionStore(env);
  // The registry tells where each CPE listens for connection requests, which devices are known
  // when auto-registration is off, and each device's own credentials.
  const registry = await createStore(env);
  const config = gatewayConfigOf(env, {
    tls,
    credentials: storedCredentials(registry, env.MERIDIAN_CWMP_REALM),
  });
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

  stopOnSignals(logger, async () => {
    // The listener first (sessions in progress finish), then what it used.
    await app.close();
    await bus.close();
    await store.close();
    await registry.close();
    await telemetry.shutdown();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
