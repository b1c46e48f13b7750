import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { SCHEMA_VERSION, type CommandMessage } from '@meridian/contracts';
import type { CpeMethodRequest } from '@meridian/cwmp';
import { BROKERS, REDIS_URL, builtMain, startProcess } from '@meridian/testing';

export { BROKERS, REDIS_URL, freePort, stopProcess as stop } from '@meridian/testing';

/** Throws a clear message when the gateway entry point is not built. */
export const assertBuilt = (): void => void builtMain('cwmp-gateway');

/** Starts the gateway entry point and resolves once its CWMP port accepts connections. */
export const startGatewayProcess = (
  name: string,
  env: Record<string, string>,
): Promise<ChildProcess> =>
  startProcess(
    builtMain('cwmp-gateway'),
    { ...env, MERIDIAN_GATEWAY_ID: name },
    Number(env.MERIDIAN_CWMP_PORT),
  );

/**
 * The environment of gateway `name` in a cluster on the real Kafka and Redis: CWMP on `port` on
 * loopback, its registry a SQLite file of its own under `dataDir`; `extra` adds or overrides.
 */
export const clusterGatewayEnv = (
  name: string,
  dataDir: string,
  port: number,
  extra: Record<string, string> = {},
): Record<string, string> => ({
  MERIDIAN_BUS: 'kafka',
  MERIDIAN_KAFKA_BROKERS: BROKERS.join(','),
  MERIDIAN_SESSION_STORE: 'redis',
  MERIDIAN_REDIS_URL: REDIS_URL,
  MERIDIAN_STORE: 'sqlite',
  MERIDIAN_DATA_DIR: join(dataDir, name),
  MERIDIAN_CWMP_HOST: '127.0.0.1',
  MERIDIAN_CWMP_PORT: String(port),
  MERIDIAN_LOG_LEVEL: 'warn',
  // No provisioning consumes cwmp.inform in these tests: its group's lag (every Inform, drained at
  // no rate) must not refuse sessions (kafka-backlog.int.spec.ts and drain-rate.spec.ts test that).
  MERIDIAN_CWMP_MAX_BACKLOG: '1000000',
  MERIDIAN_CWMP_MAX_BACKLOG_SECONDS: '1000000',
  ...extra,
});

/** A command as another service produces it: no connection request, created now. */
export const commandOf = (
  commandId: string,
  deviceId: string,
  source: string,
  rpc: CpeMethodRequest = {
    name: 'GetParameterValues',
    parameterNames: ['Device.DeviceInfo.UpTime'],
  },
): CommandMessage => ({
  schemaVersion: SCHEMA_VERSION,
  commandId,
  deviceId,
  rpc,
  connectionRequest: false,
  source,
  createdAt: new Date().toISOString(),
});
