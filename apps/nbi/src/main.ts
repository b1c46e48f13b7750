import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  adaptersModule,
  createBus,
  createStore,
  nestLogLevels,
  runService,
  serviceHealth,
  type OpenResource,
} from '@meridian/adapters';
import { BUS } from '@meridian/bus';
import {
  cwmpRealmSpec,
  filesSecretOf,
  filesSpec,
  infrastructureSpec,
  list,
  port,
  readConfig,
  str,
} from '@meridian/config';
import { NbiModule, parseApiKeys, setupOpenApi } from '@meridian/nbi';
import { STORE } from '@meridian/store';
import { METRICS, Metrics, opsHandler, startTelemetry } from '@meridian/telemetry';

const nbiSpec = {
  ...infrastructureSpec,
  ...cwmpRealmSpec,
  ...filesSpec,
  MERIDIAN_NBI_HOST: str('0.0.0.0'),
  MERIDIAN_NBI_PORT: port(7557),
  /** Required: a standalone NBI never starts open. */
  MERIDIAN_NBI_API_KEYS: list(),
  MERIDIAN_NBI_INSTANCE_ID: str(`nbi-${process.pid}`),
};

/** The standalone northbound API. */
async function main(): Promise<OpenResource[]> {
  const env = readConfig(nbiSpec);
  const apiKeys = parseApiKeys(env.MERIDIAN_NBI_API_KEYS);
  const filesSecret = filesSecretOf(env);
  const telemetry = startTelemetry({
    serviceName: 'nbi',
    otlpEndpoint: env.MERIDIAN_OTLP_ENDPOINT,
  });
  const metrics = new Metrics();
  metrics.registerGlobal();
  const bus = await createBus(env, env.MERIDIAN_NBI_INSTANCE_ID);
  const store = await createStore(env);

  @Module({
    imports: [
      adaptersModule({ [BUS]: bus, [STORE]: store, [METRICS]: metrics }),
      NbiModule.forRoot({
        apiKeys,
        instanceId: env.MERIDIAN_NBI_INSTANCE_ID,
        cwmpRealm: env.MERIDIAN_CWMP_REALM,
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
  });
  setupOpenApi(app);
  const { health, close: closeHealth } = serviceHealth(env, { bus: true, store: true });
  // Probes and scrapers carry no API key: these paths come before the NBI's guard.
  app.use(opsHandler(metrics, health));
  await app.listen(env.MERIDIAN_NBI_PORT, env.MERIDIAN_NBI_HOST);
  new Logger('nbi').log(
    `NBI on http://${env.MERIDIAN_NBI_HOST}:${env.MERIDIAN_NBI_PORT} (OpenAPI at /api-docs)`,
  );
  return [
    { close: async () => health.startDraining() },
    app,
    bus,
    store,
    { close: closeHealth },
    metrics,
    telemetry,
  ];
}

runService('nbi', main);
