import type { Bus, Logger, LogLevel } from '@meridian/bus';
import type { ConfigOf, uspSpec } from '@meridian/config';
import type { Store } from '@meridian/store';
import { CwmpClient } from './cwmp-client';
import { MqttMtp } from './mqtt-mtp';
import { UspTranslator } from './translator';

export interface UspTranslatorService {
  translator: UspTranslator;
  close(): Promise<void>;
}

/**
 * The translator on the ports it needs (the bus to reach CPEs, the store for devices and the
 * parameter cache) and its MTPs: MQTT when MERIDIAN_USP_MQTT_URL is set.
 */
export async function startUspTranslator(deps: {
  bus: Bus;
  store: Store;
  env: ConfigOf<typeof uspSpec>;
  instanceId: string;
  logger: Logger;
}): Promise<UspTranslatorService> {
  const { env } = deps;
  const cwmp = new CwmpClient(deps.bus, {
    instanceId: deps.instanceId,
    timeoutMs: env.MERIDIAN_USP_CWMP_TIMEOUT_MS,
  });
  await cwmp.start();
  const translator = new UspTranslator(deps.store, cwmp, {
    maxRecordBytes: env.MERIDIAN_USP_MAX_RECORD_BYTES,
    logger: deps.logger,
  });
  let mqtt: MqttMtp | undefined;
  try {
    if (env.MERIDIAN_USP_MQTT_URL !== undefined) {
      mqtt = await MqttMtp.start(
        {
          url: env.MERIDIAN_USP_MQTT_URL,
          agentTopic: env.MERIDIAN_USP_AGENT_TOPIC,
          controllerTopic: env.MERIDIAN_USP_CONTROLLER_TOPIC,
          clientId: `meridian-usp-${deps.instanceId}`,
          logger: deps.logger,
        },
        (record, context) => translator.handle(record, context),
      );
    }
  } catch (err) {
    await cwmp.close();
    throw err;
  }
  return {
    translator,
    close: async () => {
      await mqtt?.close();
      await cwmp.close();
    },
  };
}

/** The translator's log level from MERIDIAN_LOG_LEVEL (Nest's names). */
export function uspLogLevel(level: 'error' | 'warn' | 'log' | 'debug' | 'verbose'): LogLevel {
  return level === 'log' ? 'info' : level === 'verbose' ? 'debug' : level;
}
