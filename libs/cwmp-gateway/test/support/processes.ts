import type { ChildProcess } from 'node:child_process';
import { builtMain, startProcess } from '@meridian/testing';

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
