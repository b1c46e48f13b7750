import 'reflect-metadata';
import type { Server as TlsServer } from 'node:tls';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  adaptersModule,
  createBus,
  createSessionStore,
  createStore,
  listenerTlsOf,
  loadConfig,
  nestLogLevels,
  runService,
  serviceHealth,
  startServiceTelemetry,
  type OpenResource,
} from '@meridian/adapters';
import { BUS } from '@meridian/bus';
import {
  ConfigError,
  cwmpRealmSpec,
  filesSecretOf,
  filesSpec,
  infrastructureSpec,
  nbiSpec,
  retentionOf,
} from '@meridian/config';
import { NbiModule, parseApiKeys, setupOpenApi, watchNbiTls } from '@meridian/nbi';
import { SESSION_STORE } from '@meridian/session-store';
import { STORE } from '@meridian/store';
import { METRICS, opsHandler } from '@meridian/telemetry';

const standaloneNbiSpec = {
  ...infrastructureSpec,
  ...cwmpRealmSpec,
  ...filesSpec,
  ...nbiSpec,
};

/** The standalone northbound API. */
async function main(): Promise<OpenResource[]> {
  const env = loadConfig(standaloneNbiSpec);
  if (env.MERIDIAN_BUS === 'kafka' && env.MERIDIAN_SESSION_STORE === 'memory') {
    // A cancel takes the command out of the gateways' queues: it must reach their Redis.
    throw new ConfigError([
      "MERIDIAN_SESSION_STORE must be redis (the gateways' store) when MERIDIAN_BUS is kafka",
    ]);
  }
  const apiKeys = parseApiKeys(env.MERIDIAN_NBI_API_KEYS);
  const tlsFiles = { cert: env.MERIDIAN_NBI_TLS_CERT, key: env.MERIDIAN_NBI_TLS_KEY };
  const tls = listenerTlsOf('MERIDIAN_NBI_TLS', tlsFiles);
  const filesSecret = filesSecretOf(env);
  const { telemetry, metrics } = startServiceTelemetry(env, 'nbi');
  const bus = await createBus(env, env.MERIDIAN_NBI_INSTANCE_ID);
  const store = await createStore(env);
  const sessions = createSessionStore(env);

  @Module({
    imports: [
      adaptersModule({
        [BUS]: bus,
        [STORE]: store,
        [SESSION_STORE]: sessions,
        [METRICS]: metrics,
      }),
      NbiModule.forRoot({
        apiKeys,
        instanceId: env.MERIDIAN_NBI_INSTANCE_ID,
        cwmpRealm: env.MERIDIAN_CWMP_REALM,
        retention: retentionOf(env),
        // Tasks name repository files once the NBI can sign URLs for the firmware service.
        files:
          filesSecret === undefined
            ? undefined
            : {
                baseUrl: () =>
                  env.MERIDIAN_FILES_URL ?? `http://127.0.0.1:${env.MERIDIAN_FILES_PORT}`,
                secret: filesSecret,
                urlTtlSeconds: env.MERIDIAN_FILES_URL_TTL_SECONDS,
                maxBytes: env.MERIDIAN_FILES_MAX_BYTES,
              },
      }),
    ],
  })
  class NbiApp {}

  const app = await NestFactory.create(NbiApp, {
    logger: nestLogLevels(env.MERIDIAN_LOG_LEVEL),
    ...(tls ? { httpsOptions: tls } : {}),
  });
  setupOpenApi(app);
  const { health, close: closeHealth } = serviceHealth(env, {
    bus: true,
    sessionStore: true,
    store: true,
  });
  // Probes and scrapers carry no API key: these paths come before the NBI's guard.
  app.use(opsHandler(metrics, health));
  await app.listen(env.MERIDIAN_NBI_PORT, env.MERIDIAN_NBI_HOST);
  const logger = new Logger('nbi');
  const stopTlsWatch =
    tls && watchNbiTls(tlsFiles, tls, app.getHttpServer() as TlsServer, metrics, logger);
  logger.log(
    `NBI on ${tls ? 'https' : 'http'}://${env.MERIDIAN_NBI_HOST}:${env.MERIDIAN_NBI_PORT} (OpenAPI at /api-docs)`,
  );
  return [
    { close: async () => health.startDraining() },
    { close: async () => stopTlsWatch?.() },
    app,
    bus,
    store,
    sessions,
    { close: closeHealth },
    metrics,
    telemetry,
  ];
}

runService('nbi', main);
