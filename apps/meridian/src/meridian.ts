import type { Server as TlsServer } from 'node:tls';
import { resolve } from 'node:path';
import { INestApplication, Logger, Module } from '@nestjs/common';
import {
  adaptersModule,
  createStore,
  describeStore,
  listenerTlsOf,
  mqttSecurityOf,
  nestLogLevels,
  watchMqttSecurity,
} from '@meridian/adapters';
import { NestFactory } from '@nestjs/core';
import { BUS, InProcessBus, stderrLogger } from '@meridian/bus';
import { Topics } from '@meridian/contracts';
import {
  campaignsSpec,
  filesSecretOf,
  filesSpec,
  gatewaySpec,
  infrastructureSpec,
  list,
  nbiSpec,
  opsSpec,
  transfersSpec,
  port,
  retentionOf,
  retentionSpec,
  uspSpec,
  type ConfigOf,
} from '@meridian/config';
import { createConnectionRequester } from '@meridian/connection-request';
import { InMemorySessionStore, SESSION_STORE } from '@meridian/session-store';
import { STORE } from '@meridian/store';
import { Health, METRICS, Metrics, opsHandler } from '@meridian/telemetry';
import {
  CONNECTION_REQUESTER,
  CwmpGatewayModule,
  GatewayService,
  connectionRequestTargets,
  gatewayConfigOf,
  gatewayExtraSpec,
  readTlsFiles,
  applyTlsChanges,
  registeredDevices,
  storedCredentials,
} from '@meridian/cwmp-gateway';
import { FileServerService, FirmwareModule, firmwareServiceOptions } from '@meridian/firmware';
import { NbiModule, parseApiKeys, setupOpenApi, watchNbiTls } from '@meridian/nbi';
import { ProvisioningModule, provisioningConfigOf, provisioningSpec } from '@meridian/provisioning';
import { startUspTranslator, uspLogLevel, type UspTranslatorService } from '@meridian/usp-agent';
import { localAdminKey, localKey } from './api-key';

export const meridianSpec = {
  ...infrastructureSpec,
  ...gatewaySpec,
  ...gatewayExtraSpec,
  ...provisioningSpec,
  ...filesSpec,
  ...campaignsSpec,
  ...transfersSpec,
  ...uspSpec,
  MERIDIAN_NBI_PORT: port(7557),
  MERIDIAN_NBI_TLS_CERT: nbiSpec.MERIDIAN_NBI_TLS_CERT,
  MERIDIAN_NBI_TLS_KEY: nbiSpec.MERIDIAN_NBI_TLS_KEY,
  MERIDIAN_NBI_API_KEYS: list([]),
  ...retentionSpec,
  MERIDIAN_DRAIN_TIMEOUT_MS: opsSpec.MERIDIAN_DRAIN_TIMEOUT_MS,
};
export type MeridianEnv = ConfigOf<typeof meridianSpec>;

export interface Meridian {
  app: INestApplication;
  /**
   * Where CWMP and the NBI listen (the real ports when configured with 0); cwmpPort is 0 when
   * CWMP is off (MERIDIAN_CWMP_ENABLED false).
   */
  cwmpPort: number;
  nbiPort: number;
  metrics: Metrics;
  health: Health;
  /** SIGTERM: not ready, new CWMP sessions refused, those in flight finish (up to the deadline). */
  drain(): Promise<void>;
  filesPort: number;
  close(): Promise<void>;
}

/**
 * The all-in-one: gateway, provisioning and NBI in one process on the embedded adapters (in-process
 * bus, in-memory session store) and the store MERIDIAN_STORE names: SQLite under MERIDIAN_DATA_DIR
 * by default (no server to install), or MongoDB.
 */
export async function startMeridian(env: MeridianEnv): Promise<Meridian> {
  const logger = new Logger('meridian');
  const dataDir = resolve(env.MERIDIAN_DATA_DIR);
  const tls = readTlsFiles(env);

  let apiKeys = parseApiKeys(env.MERIDIAN_NBI_API_KEYS);
  if (apiKeys.length === 0) {
    const local = localAdminKey(dataDir);
    apiKeys = parseApiKeys([`local-admin:admin:${local.key}`]);
    logger.log(`NBI admin key ${local.created ? 'created in' : 'read from'} ${local.file}`);
  }

  const filesSecret = filesSecretOf(env) ?? localKey(dataDir, 'files.secret').key;
  // CPEs of a laptop trial are local; a real CPE needs MERIDIAN_FILES_URL with a reachable host.
  let filesPort = env.MERIDIAN_FILES_PORT;
  const filesUrl = () =>
    env.MERIDIAN_FILES_URL ?? `${tls ? 'https' : 'http'}://127.0.0.1:${filesPort}`;

  // Embedded adapters only: nothing to check for readiness but the drain.
  const metrics = new Metrics();
  metrics.registerGlobal();
  const health = new Health();
  // Bounded: a producer waits when a consumer group is 10,000 messages behind. Sessions are
  // refused (503) long before, at MERIDIAN_CWMP_MAX_BACKLOG Informs and results provisioning
  // has not handled yet, so what is answered is what the store keeps up with.
  // 32 partitions: provisioning handles up to 32 devices' messages at once (one at a time per
  // device), so they share the SQLite store's commit at the end of each event-loop turn.
  const bus = new InProcessBus({ partitions: 32, maxPending: 10_000 });
  const sessions = new InMemorySessionStore();
  const store = await createStore(env);
  const connectionRequester = createConnectionRequester({
    lookup: connectionRequestTargets(store, {
      username: env.MERIDIAN_CR_USERNAME,
      password: env.MERIDIAN_CR_PASSWORD,
    }),
    logger: stderrLogger('warn', 'connection-request'),
  });

  @Module({
    imports: [
      adaptersModule({
        [BUS]: bus,
        [SESSION_STORE]: sessions,
        [STORE]: store,
        [CONNECTION_REQUESTER]: connectionRequester,
        [METRICS]: metrics,
      }),
      // cwmp.enabled false: the NBI, provisioning and the file server without a CWMP listener.
      ...(env.MERIDIAN_CWMP_ENABLED
        ? [
            CwmpGatewayModule.forRoot({
              config: gatewayConfigOf(env, {
                tls,
                credentials: storedCredentials(store, env.MERIDIAN_CWMP_REALM),
              }),
              knownDevice: registeredDevices(store),
              downstreamBacklog: () => ({
                pending: bus.pending(Topics.inform) + bus.pending(Topics.results),
                handled: bus.handled(Topics.inform) + bus.handled(Topics.results),
                atMs: Date.now(),
              }),
            }),
          ]
        : []),
      ProvisioningModule.forRoot({
        ...provisioningConfigOf(env),
        files: {
          baseUrl: filesUrl,
          secret: filesSecret,
          urlTtlSeconds: env.MERIDIAN_FILES_URL_TTL_SECONDS,
        },
      }),
      FirmwareModule.forRoot(
        firmwareServiceOptions(env, {
          secret: filesSecret,
          tls: tls && { cert: tls.cert, key: tls.key },
          filesUrl,
        }),
      ),
      NbiModule.forRoot({
        apiKeys,
        cwmpRealm: env.MERIDIAN_CWMP_REALM,
        retention: retentionOf(env),
        files: {
          baseUrl: filesUrl,
          secret: filesSecret,
          urlTtlSeconds: env.MERIDIAN_FILES_URL_TTL_SECONDS,
          maxBytes: env.MERIDIAN_FILES_MAX_BYTES,
        },
      }),
    ],
  })
  class MeridianModule {}

  const nbiTls = listenerTlsOf('MERIDIAN_NBI_TLS', {
    cert: env.MERIDIAN_NBI_TLS_CERT,
    key: env.MERIDIAN_NBI_TLS_KEY,
  });
  const app = await NestFactory.create(MeridianModule, {
    logger: nestLogLevels(env.MERIDIAN_LOG_LEVEL),
    ...(nbiTls ? { httpsOptions: nbiTls } : {}),
  });
  setupOpenApi(app);
  // /metrics and /health on the NBI port, before (and without) the API key guard.
  app.use(opsHandler(metrics, health));
  await app.listen(env.MERIDIAN_NBI_PORT, env.MERIDIAN_CWMP_HOST);
  const cwmpPort = env.MERIDIAN_CWMP_ENABLED ? app.get(GatewayService).address().port : 0;
  const nbiPort = (app.getHttpServer().address() as { port: number }).port;
  filesPort = app.get(FileServerService).address().port;
  // USP Controllers reach every device as a USP Agent through the translator (issue 12).
  let usp: UspTranslatorService | undefined;
  let stopMqttWatch: (() => void) | undefined;
  if (env.MERIDIAN_USP_MQTT_URL !== undefined) {
    const uspLogger = stderrLogger(uspLogLevel(env.MERIDIAN_LOG_LEVEL), 'usp-translator');
    const mqttSecurity = mqttSecurityOf(env);
    try {
      usp = await startUspTranslator({
        bus,
        store,
        sessions,
        env,
        instanceId: 'meridian',
        mqttSecurity,
        logger: uspLogger,
        metrics,
      });
    } catch (err) {
      await app.close();
      throw err;
    }
    stopMqttWatch =
      usp.mqtt &&
      watchMqttSecurity(env, mqttSecurity, usp.mqtt, {
        log: uspLogger.info,
        warn: uspLogger.warn,
      });
  }
  const stopTlsWatch = env.MERIDIAN_CWMP_ENABLED
    ? applyTlsChanges(
        env,
        tls,
        // The all-in-one's file server serves the CWMP certificate too.
        () => ({
          setTls: (renewed) => {
            app.get(GatewayService).setTls(renewed);
            app.get(FileServerService).setSecureContext({ cert: renewed.cert, key: renewed.key });
          },
        }),
        logger,
      )
    : undefined;
  const nbiTlsFiles = { cert: env.MERIDIAN_NBI_TLS_CERT, key: env.MERIDIAN_NBI_TLS_KEY };
  const stopNbiTlsWatch =
    nbiTls && watchNbiTls(nbiTlsFiles, nbiTls, app.getHttpServer() as TlsServer, metrics, logger);
  logger.log(
    `${env.MERIDIAN_CWMP_ENABLED ? `CWMP on ${tls ? 'https' : 'http'}://${env.MERIDIAN_CWMP_HOST}:${cwmpPort}` : 'CWMP off'}, NBI on ${nbiTls ? 'https' : 'http'}://${env.MERIDIAN_CWMP_HOST}:${nbiPort} (OpenAPI at /api-docs), store ${describeStore(env)}, data in ${dataDir}`,
  );
  return {
    app,
    cwmpPort,
    nbiPort,
    metrics,
    health,
    drain: async () => {
      health.startDraining();
      if (env.MERIDIAN_CWMP_ENABLED) {
        await app.get(GatewayService).drain(env.MERIDIAN_DRAIN_TIMEOUT_MS);
      }
    },
    filesPort,
    close: async () => {
      stopTlsWatch?.();
      stopNbiTlsWatch?.();
      stopMqttWatch?.();
      await usp?.close();
      await app.close();
      await bus.close();
      await sessions.close();
      await store.close();
      await metrics.shutdown();
    },
  };
}
