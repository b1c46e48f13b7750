import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '@meridian/config';
import { createSimulator, type Simulator, type SimulatorOptions } from '@meridian/cpe-sim';
import { meridianSpec, startMeridian, type Meridian } from '../src/meridian';

/** The connection request credentials the all-in-one uses and the simulators accept. */
const CR = { username: 'cr', password: 'cr-secret' };

export interface AllInOne {
  meridian: Meridian;
  /** The NBI's base URL. */
  nbi: string;
  /** Stops the all-in-one and removes its data directory. */
  close(): Promise<void>;
}

/**
 * The all-in-one as the tests run it: every port ephemeral on loopback, its data in a temporary
 * directory of its own, connection requests as `cr`, warnings only in the log. `env` adds to
 * that or overrides it (API keys, CWMP auth, TLS, a MongoDB store…).
 */
export async function startAllInOne(
  name: string,
  env: Record<string, string> = {},
): Promise<AllInOne> {
  const dataDir = mkdtempSync(join(tmpdir(), `meridian-${name}-`));
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  let meridian: Meridian;
  try {
    meridian = await startMeridian(
      readConfig(meridianSpec, {
        MERIDIAN_DATA_DIR: dataDir,
        MERIDIAN_CWMP_HOST: '127.0.0.1',
        MERIDIAN_CWMP_PORT: '0',
        MERIDIAN_NBI_PORT: '0',
        MERIDIAN_FILES_PORT: '0',
        MERIDIAN_CR_USERNAME: CR.username,
        MERIDIAN_CR_PASSWORD: CR.password,
        MERIDIAN_LOG_LEVEL: 'warn',
        ...env,
      }),
    );
  } catch (error) {
    removeData();
    throw error;
  }
  return {
    meridian,
    nbi: `http://127.0.0.1:${meridian.nbiPort}`,
    close: async () => {
      await meridian.close();
      removeData();
    },
  };
}

/**
 * Simulated routers that Inform this all-in-one: one unless `count` says otherwise, no periodic
 * Informs, a connection request listener on an ephemeral port with the all-in-one's credentials.
 */
export const simulatorsOf = (
  meridian: Meridian,
  options: Partial<SimulatorOptions> = {},
): Promise<Simulator> =>
  createSimulator({
    count: 1,
    acsUrl: `http://127.0.0.1:${meridian.cwmpPort}/`,
    crPort: 0,
    connectionRequestUsername: CR.username,
    connectionRequestPassword: CR.password,
    periodicInformInterval: 0,
    ...options,
  });
