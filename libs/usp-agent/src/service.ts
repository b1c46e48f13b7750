import type { Bus, KafkaSecurity, Logger, LogLevel, Subscription } from '@meridian/bus';
import { Topics } from '@meridian/contracts';
import type { ConfigOf, uspSpec } from '@meridian/config';
import type { SessionStore } from '@meridian/session-store';
import type { Store } from '@meridian/store';
import { Metrics } from '@meridian/telemetry';
import { DEFAULT_SESSION_CONTEXT_CONFIG } from '@meridian/usp';
import { CwmpClient } from './cwmp-client';
import { KafkaMtp } from './kafka-mtp';
import { MqttMtp, type MqttSecurity } from './mqtt-mtp';
import { KAFKA_REPLY_TO, NotifyDelivery, type OutgoingNotify } from './notify-delivery';
import { SessionContexts } from './session-contexts';
import { UspTranslator, type RequestContext } from './translator';

export interface UspTranslatorService {
  translator: UspTranslator;
  /** The MQTT MTP, when MERIDIAN_USP_MQTT_URL is set. */
  mqtt: MqttMtp | undefined;
  close(): Promise<void>;
}

/**
 * The translator on the ports it needs (the bus to reach CPEs, the store for devices and the
 * parameter cache, the session store for E2E Session Contexts and Notify awaiting a response)
 * and its MTPs: MQTT when MERIDIAN_USP_MQTT_URL is set, Kafka when asked.
 */
export async function startUspTranslator(deps: {
  bus: Bus;
  store: Store;
  /** Shared by the replicas (Redis for the service; the all-in-one's own memory store). */
  sessions: SessionStore;
  env: ConfigOf<typeof uspSpec>;
  instanceId: string;
  logger: Logger;
  /** Serve `usp.requests` too, on these Kafka brokers (the bus's). */
  kafka?: { brokers: string[]; security?: KafkaSecurity; topicPrefix: string };
  /** Credentials and TLS material for MERIDIAN_USP_MQTT_URL's server. */
  mqttSecurity?: MqttSecurity;
  /** The process's metrics (meridian_usp_*); by default ones nobody scrapes. */
  metrics?: Metrics;
}): Promise<UspTranslatorService> {
  const { env } = deps;
  const metrics = deps.metrics ?? new Metrics();
  const cwmp = new CwmpClient(deps.bus, deps.sessions, {
    instanceId: deps.instanceId,
    timeoutMs: env.MERIDIAN_USP_CWMP_TIMEOUT_MS,
  });
  await cwmp.start();
  let mqtt: MqttMtp | undefined;
  let kafka: KafkaMtp | undefined;
  // Each Notify on the MTP its Controller subscribed over.
  const notifies = new NotifyDelivery(
    deps.sessions,
    async (notify: OutgoingNotify) => {
      if (notify.replyTo === KAFKA_REPLY_TO) await kafka?.publish(notify.record);
      else await mqtt?.publish(notify.replyTo, notify.fromId, notify.record, 1);
      deps.logger.debug('USP Notify sent', {
        agent: notify.fromId,
        controller: notify.toId,
        replyTo: notify.replyTo,
        msgId: notify.msgId,
      });
    },
    {
      retry: { minWaitMs: env.MERIDIAN_USP_NOTIF_RETRY_MIN_WAIT_MS, intervalMultiplier: 2000 },
      logger: deps.logger,
      metrics,
    },
  );
  const deliver = async (list: OutgoingNotify[]) => {
    for (const notify of list) await notifies.deliver(notify);
  };
  const translator = new UspTranslator(deps.store, cwmp, {
    maxRecordBytes: env.MERIDIAN_USP_MAX_RECORD_BYTES,
    requestTimeoutMs: env.MERIDIAN_USP_REQUEST_TIMEOUT_MS,
    logger: deps.logger,
    metrics,
    sessionContexts: new SessionContexts(deps.sessions, {
      expirationMs: env.MERIDIAN_USP_SESSION_EXPIRATION_MS,
      // The MTP carries Records this large both ways: larger answers go in segments.
      maxRecordBytes: env.MERIDIAN_USP_MAX_RECORD_BYTES,
      // A Msg segmented over Records (TR-369 SAR) may be as large as 16 of them.
      config: {
        ...DEFAULT_SESSION_CONTEXT_CONFIG,
        maxMessageBytes: 16 * env.MERIDIAN_USP_MAX_RECORD_BYTES,
      },
      logger: deps.logger,
    }),
    notify: deliver,
    notifyAnswered: (msgId) => notifies.acknowledge(msgId),
  });
  const handler = (record: Uint8Array, context: RequestContext) =>
    translator.handle(record, context);
  try {
    if (deps.kafka !== undefined) {
      kafka = await KafkaMtp.start(
        { ...deps.kafka, clientId: `usp-translator-${deps.instanceId}`, logger: deps.logger },
        handler,
      );
    }
    if (env.MERIDIAN_USP_MQTT_URL !== undefined) {
      mqtt = await MqttMtp.start(
        {
          url: env.MERIDIAN_USP_MQTT_URL,
          security: deps.mqttSecurity,
          agentTopic: env.MERIDIAN_USP_AGENT_TOPIC,
          controllerTopic: env.MERIDIAN_USP_CONTROLLER_TOPIC,
          clientId: `meridian-usp-${deps.instanceId}`,
          logger: deps.logger,
        },
        handler,
      );
    }
  } catch (err) {
    await kafka?.close();
    await cwmp.close();
    throw err;
  }
  // Notify: every Inform is read once per deployment (one consumer group for all replicas).
  const informs: Subscription = await deps.bus.subscribe(
    Topics.inform,
    NOTIFY_GROUP,
    async ({ value }) => deliver(await translator.notifiesOfInform(value)),
  );
  // The ends of Operate requests (Request instances in the store), read once per deployment:
  // Notify OperationComplete to the subscribed Controllers. The same read of cwmp.results gives
  // ObjectCreation/ObjectDeletion of what other services added or deleted.
  const ended = [
    await deps.bus.subscribe(Topics.results, OPERATE_GROUP, async ({ value }) =>
      deliver([
        ...(await translator.operations.ofResult(value)),
        ...(await translator.notifiesOfResult(value)),
      ]),
    ),
    await deps.bus.subscribe(Topics.events, OPERATE_GROUP, async ({ value }) =>
      deliver(await translator.operations.ofEvent(value)),
    ),
    await deps.bus.subscribe(Topics.inform, OPERATE_GROUP, async ({ value }) =>
      deliver(await translator.operations.ofInform(value)),
    ),
  ];
  // Requests past their deadline, on every replica (the one that removes a Request notifies).
  let sweeping: Promise<void> = Promise.resolve();
  const sweep = setInterval(
    () => {
      sweeping = sweeping
        .then(async () => deliver(await translator.operations.sweep(new Date())))
        .catch((err: unknown) =>
          deps.logger.warn('USP Request sweep failed', { error: String(err) }),
        );
    },
    Math.min(env.MERIDIAN_USP_REQUEST_TIMEOUT_MS / 4, MAX_SWEEP_INTERVAL_MS),
  );
  sweep.unref();
  return {
    translator,
    mqtt,
    close: async () => {
      clearInterval(sweep);
      await sweeping;
      for (const subscription of ended) await subscription.close();
      await informs.close();
      notifies.close();
      await mqtt?.close();
      await kafka?.close();
      await cwmp.close();
    },
  };
}

/** Requests past their deadline are looked for at least this often. */
const MAX_SWEEP_INTERVAL_MS = 60_000;

/** The consumer group of cwmp.inform that turns Informs into Notify messages. */
export const NOTIFY_GROUP = 'usp-translator-notify';

/** The consumer group of cwmp.results, cwmp.events and cwmp.inform that ends Operate requests. */
export const OPERATE_GROUP = 'usp-translator-operate';

/** The translator's log level from MERIDIAN_LOG_LEVEL (Nest's names). */
export function uspLogLevel(level: 'error' | 'warn' | 'log' | 'debug' | 'verbose'): LogLevel {
  return level === 'log' ? 'info' : level === 'verbose' ? 'debug' : level;
}
