import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  adaptersModule,
  createBus,
  createSessionStore,
  createStore,
  kafkaSecurityOf,
  loadConfig,
  nestLogLevels,
  runService,
  startServiceOps,
  startServiceTelemetry,
  type OpenResource,
} from '@meridian/adapters';
import { BUS, KafkaGroupLag, stderrLogger } from '@meridian/bus';
import { Topics } from '@meridian/contracts';
import { PROVISIONING_GROUP } from '@meridian/provisioning';
import { ConfigError, opsSpec } from '@meridian/config';
import { createConnectionRequester } from '@meridian/connection-request';
import { SESSION_STORE } from '@meridian/session-store';
import { METRICS } from '@meridian/telemetry';
import {
  CONNECTION_REQUESTER,
  CwmpGatewayModule,
  GatewayService,
  connectionRequestTargets,
  gatewayConfigOf,
  readTlsFiles,
  applyTlsChanges,
  registeredDevices,
  standaloneGatewaySpec,
  storedCredentials,
  type DownstreamLoad,
} from '@meridian/cwmp-gateway';

/** The standalone gateway: adapters chosen by MERIDIAN_BUS / MERIDIAN_SESSION_STORE. */
async function main(): Promise<OpenResource[]> {
  const env = loadConfig({ ...standaloneGatewaySpec, ...opsSpec });
  if (!env.MERIDIAN_CWMP_ENABLED) {
    throw new ConfigError([
      'MERIDIAN_CWMP_ENABLED (cwmp.enabled) is false: the CWMP gateway has nothing to serve',
    ]);
  }
  const logger = new Logger('cwmp-gateway');
  const tls = readTlsFiles(env);
  const { telemetry, metrics } = startServiceTelemetry(env, 'cwmp-gateway');
  const bus = await createBus(env, env.MERIDIAN_GATEWAY_ID);
  const sessions = createSessionStore(env);
  // The registry tells where each CPE listens for connection requests, which devices are known
  // when auto-registration is off, and each device's own credentials.
  const store = await createStore(env);
  const config = gatewayConfigOf(env, {
    tls,
    credentials: storedCredentials(store, env.MERIDIAN_CWMP_REALM),
  });
  const connectionRequester = createConnectionRequester({
    lookup: connectionRequestTargets(store, {
      username: env.MERIDIAN_CR_USERNAME,
      password: env.MERIDIAN_CR_PASSWORD,
    }),
    logger: stderrLogger('warn', 'connection-request'),
  });
  // Downstream backlog (MERIDIAN_CWMP_MAX_BACKLOG[_SECONDS], and the linger's wait while provisioning is
  // behind): on Kafka, how far the provisioning groups are behind on cwmp.inform and on
  // cwmp.results (its group of that topic is `provisioning.cwmp.results`: withKafkaGroups), read
  // from the broker's offsets once a second, or twice per linger when that is shorter: a session
  // whose linger runs out then sees a figure read after its own last message was published.
  const lagIntervalMs = Math.max(100, Math.min(1000, env.MERIDIAN_CWMP_LINGER_MS / 2));
  const prefix = env.MERIDIAN_KAFKA_TOPIC_PREFIX;
  const provisioningLags =
    env.MERIDIAN_BUS === 'kafka'
      ? await Promise.all(
          [
            { topic: Topics.inform, group: PROVISIONING_GROUP },
            { topic: Topics.results, group: `${PROVISIONING_GROUP}.${Topics.results}` },
          ].map(({ topic, group }) =>
            KafkaGroupLag.start({
              brokers: env.MERIDIAN_KAFKA_BROKERS,
              security: kafkaSecurityOf(env),
              clientId: `${env.MERIDIAN_GATEWAY_ID}-lag`,
              topic: `${prefix}${topic}`,
              groupId: `${prefix}${group}`,
              intervalMs: lagIntervalMs,
              logger: stderrLogger('warn', 'kafka-lag'),
            }),
          ),
        )
      : [];
  // Both groups together, as the all-in-one counts both topics; read as of the older reading.
  const downstreamBacklog = (): DownstreamLoad =>
    provisioningLags
      .map((lag) => lag.current())
      .reduce((sum, load) => ({
        pending: sum.pending + load.pending,
        handled: sum.handled + load.handled,
        atMs: Math.min(sum.atMs, load.atMs),
      }));
  const app = await NestFactory.createApplicationContext(
    CwmpGatewayModule.forRoot({
      config,
      knownDevice: registeredDevices(store),
      ...(provisioningLags.length > 0 ? { downstreamBacklog } : {}),
      imports: [
        adaptersModule({
          [BUS]: bus,
          [SESSION_STORE]: sessions,
          [CONNECTION_REQUESTER]: connectionRequester,
          [METRICS]: metrics,
        }),
      ],
    }),
    { logger: nestLogLevels(env.MERIDIAN_LOG_LEVEL) },
  );
  await app.init();
  const stopTlsWatch = applyTlsChanges(env, tls, () => app.get(GatewayService), logger);
  // /metrics and /health on a port of their own: the CWMP port faces the CPEs.
  const {
    health,
    close: closeHealth,
    opsServer,
  } = await startServiceOps(env, metrics, {
    bus: true,
    sessionStore: true,
    store: true,
  });
  logger.log(`metrics and health on http://${env.MERIDIAN_OPS_HOST}:${opsServer.port}`);

  return [
    {
      // Not ready any more; new sessions refused, those in flight finish (up to the deadline).
      close: async () => {
        stopTlsWatch?.();
        health.startDraining();
        await app.get(GatewayService).drain(env.MERIDIAN_DRAIN_TIMEOUT_MS);
      },
    },
    // Then the consumers leave their groups (offsets of handled commands are committed).
    app,
    ...provisioningLags,
    bus,
    sessions,
    store,
    { close: closeHealth },
    opsServer,
    metrics,
    telemetry,
  ];
}

runService('cwmp-gateway', main);
