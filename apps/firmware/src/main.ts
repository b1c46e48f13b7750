import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  adaptersModule,
  createBus,
  createStore,
  listenerTlsOf,
  loadConfig,
  nestLogLevels,
  runService,
  startServiceOps,
  startServiceTelemetry,
  watchListenerTls,
  type OpenResource,
} from '@meridian/adapters';
import { BUS } from '@meridian/bus';
import {
  campaignsSpec,
  ConfigError,
  filesSecretOf,
  filesSpec,
  filesTlsSpec,
  infrastructureSpec,
  opsSpec,
  transfersSpec,
} from '@meridian/config';
import { FileServerService, FirmwareModule, firmwareServiceOptions } from '@meridian/firmware';
import { STORE } from '@meridian/store';
import { METRICS } from '@meridian/telemetry';

const firmwareSpec = {
  ...infrastructureSpec,
  ...filesSpec,
  ...campaignsSpec,
  ...opsSpec,
  ...filesTlsSpec,
  ...transfersSpec,
};

/** The standalone firmware service: the file server CPEs download from, the campaign runner and transfer tracking. */
async function main(): Promise<OpenResource[]> {
  const env = loadConfig(firmwareSpec);
  const secret = filesSecretOf(env);
  if (secret === undefined) {
    throw new ConfigError([
      'MERIDIAN_FILES_SECRET: required, 16+ characters (the NBI signs with it)',
    ]);
  }
  const tlsFiles = { cert: env.MERIDIAN_FILES_TLS_CERT, key: env.MERIDIAN_FILES_TLS_KEY };
  const tls = listenerTlsOf('MERIDIAN_FILES_TLS', tlsFiles);
  const { telemetry, metrics } = startServiceTelemetry(env, 'firmware');
  const bus = await createBus(env, 'firmware');
  const store = await createStore(env);

  @Module({
    imports: [
      adaptersModule({ [BUS]: bus, [STORE]: store, [METRICS]: metrics }),
      FirmwareModule.forRoot(
        firmwareServiceOptions(env, {
          secret,
          tls,
          // The URL CPEs reach the file server at (behind a load balancer: set it).
          filesUrl: () =>
            env.MERIDIAN_FILES_URL ??
            `${tls ? 'https' : 'http'}://127.0.0.1:${env.MERIDIAN_FILES_PORT}`,
        }),
      ),
    ],
  })
  class FirmwareApp {}

  const app = await NestFactory.createApplicationContext(FirmwareApp, {
    logger: nestLogLevels(env.MERIDIAN_LOG_LEVEL),
  });
  await app.init();
  // /metrics and /health on the ops port, as the gateway and provisioning do.
  const {
    health,
    close: closeHealth,
    opsServer,
  } = await startServiceOps(env, metrics, { bus: true, store: true });
  const logger = new Logger('firmware');
  const stopTlsWatch =
    tls &&
    watchListenerTls('MERIDIAN_FILES_TLS', tlsFiles, tls, app.get(FileServerService), logger);
  logger.log(
    `files on port ${env.MERIDIAN_FILES_PORT}, campaigns every ${env.MERIDIAN_CAMPAIGN_INTERVAL_MS} ms; tracking transfers from cwmp.results, cwmp.events and cwmp.inform; metrics and health on http://${env.MERIDIAN_OPS_HOST}:${opsServer.port}`,
  );
  return [
    { close: async () => health.startDraining() },
    { close: async () => stopTlsWatch?.() },
    app,
    bus,
    store,
    { close: closeHealth },
    opsServer,
    metrics,
    telemetry,
  ];
}

runService('firmware', main);
