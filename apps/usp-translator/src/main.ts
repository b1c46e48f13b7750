import 'reflect-metadata';
import {
  createBus,
  createSessionStore,
  createStore,
  kafkaSecurityOf,
  loadConfig,
  mqttSecurityOf,
  watchMqttSecurity,
  runService,
  startServiceOps,
  startServiceTelemetry,
  type OpenResource,
} from '@meridian/adapters';
import { stderrLogger } from '@meridian/bus';
import {
  ConfigError,
  infrastructureSpec,
  opsSpec,
  uspServiceSpec,
  uspSpec,
  withoutCredentials,
} from '@meridian/config';
import { startUspTranslator, uspLogLevel } from '@meridian/usp-agent';

const translatorSpec = {
  ...infrastructureSpec,
  ...opsSpec,
  ...uspSpec,
  ...uspServiceSpec,
};

/** The standalone CWMP-to-USP translator: every CWMP device answers USP Controllers. */
async function main(): Promise<OpenResource[]> {
  const env = loadConfig(translatorSpec);
  if (env.MERIDIAN_USP_MQTT_URL === undefined && !env.MERIDIAN_USP_KAFKA_MTP) {
    throw new ConfigError([
      'set MERIDIAN_USP_MQTT_URL or MERIDIAN_USP_KAFKA_MTP=true: the translator has no MTP to serve',
    ]);
  }
  if (env.MERIDIAN_USP_KAFKA_MTP && env.MERIDIAN_BUS !== 'kafka') {
    throw new ConfigError([
      'MERIDIAN_USP_KAFKA_MTP needs MERIDIAN_BUS=kafka (its brokers and topics)',
    ]);
  }
  const { telemetry, metrics } = startServiceTelemetry(env, 'usp-translator');
  const bus = await createBus(env, env.MERIDIAN_USP_INSTANCE_ID);
  const store = await createStore(env);
  // E2E Session Contexts and Notify awaiting a response, shared by the replicas.
  const sessions = createSessionStore(env);
  const logger = stderrLogger(uspLogLevel(env.MERIDIAN_LOG_LEVEL), 'usp-translator');
  const mqttSecurity = mqttSecurityOf(env);
  const usp = await startUspTranslator({
    bus,
    store,
    sessions,
    env,
    instanceId: env.MERIDIAN_USP_INSTANCE_ID,
    logger,
    metrics,
    kafka: env.MERIDIAN_USP_KAFKA_MTP
      ? {
          brokers: env.MERIDIAN_KAFKA_BROKERS,
          security: kafkaSecurityOf(env),
          topicPrefix: env.MERIDIAN_KAFKA_TOPIC_PREFIX,
        }
      : undefined,
    mqttSecurity,
  });
  const stopMqttWatch =
    usp.mqtt &&
    watchMqttSecurity(env, mqttSecurity, usp.mqtt, { log: logger.info, warn: logger.warn });
  const {
    health,
    close: closeHealth,
    opsServer,
  } = await startServiceOps(env, metrics, {
    bus: true,
    sessionStore: true,
    store: true,
  });
  logger.info('USP translator started', {
    mqtt: env.MERIDIAN_USP_MQTT_URL && withoutCredentials(env.MERIDIAN_USP_MQTT_URL),
    kafka: env.MERIDIAN_USP_KAFKA_MTP,
    ops: `http://${env.MERIDIAN_OPS_HOST}:${opsServer.port}`,
  });
  return [
    { close: async () => health.startDraining() },
    { close: async () => stopMqttWatch?.() },
    usp,
    bus,
    sessions,
    store,
    { close: closeHealth },
    opsServer,
    metrics,
    telemetry,
  ];
}

runService('usp-translator', main);
