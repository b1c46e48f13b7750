import { ConfigError, filesSecretOf, provisioningSpec, type ConfigOf } from '@meridian/config';
import type { PlannerConfig } from '@meridian/provisioning-engine';
import type { PresenceRule } from './registry';

export { provisioningSpec };

export interface ProvisioningFiles {
  /** Known once the file server listens (the all-in-one may choose its port at start). */
  baseUrl: () => string;
  /** Key of the file server's signed URLs; without it URLs go unsigned (another file server). */
  secret?: string;
  urlTtlSeconds: number;
}

export interface ProvisioningConfig {
  planner: PlannerConfig;
  presence: PresenceRule;
  commandTtlMs: number;
  presetCacheMs: number;
  /** Without it, `download` actions fault file_not_found: no CPE could fetch a file. */
  files?: ProvisioningFiles;
  /** MERIDIAN_CWMP_REALM: what the credentials of `setCredentials` are kept for. */
  cwmpRealm: string;
}

/** "path=seconds" → a refresh rule; problems are reported with the variable's name. */
function refreshRules(entries: readonly string[]): PlannerConfig['refresh'] {
  const problems: string[] = [];
  const rules = entries.flatMap((entry) => {
    const match = /^(.+\.)=(\d+)$/.exec(entry);
    if (!match) {
      problems.push(
        `MERIDIAN_REFRESH entry ${JSON.stringify(entry)} is not "<path ending in .>=<seconds>"`,
      );
      return [];
    }
    return [{ path: match[1] as string, maxAgeMs: Number(match[2]) * 1000 }];
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return rules;
}

function discoveryPaths(entries: readonly string[]): string[] | undefined {
  if (entries.length === 0) return undefined;
  const wrong = entries.filter((e) => !/^([A-Za-z_][\w-]*\.|\d+\.)+$/.test(e));
  if (wrong.length > 0) {
    throw new ConfigError(
      wrong.map(
        (e) =>
          `MERIDIAN_DISCOVERY_PATHS entry ${JSON.stringify(e)} is not a partial path relative to the root, like "WiFi."`,
      ),
    );
  }
  return [...entries];
}

export function provisioningConfigOf(env: ConfigOf<typeof provisioningSpec>): ProvisioningConfig {
  const commandTtlMs = env.MERIDIAN_PROVISIONING_COMMAND_TTL_MS;
  const credentialsSecret = env.MERIDIAN_PROVISIONING_CREDENTIALS_SECRET;
  if (credentialsSecret !== undefined && credentialsSecret.length < 16) {
    throw new ConfigError([
      'MERIDIAN_PROVISIONING_CREDENTIALS_SECRET must be 16 characters or more',
    ]);
  }
  return {
    planner: {
      discoveryBatchSize: env.MERIDIAN_DISCOVERY_BATCH_SIZE,
      discoveryPaths: discoveryPaths(env.MERIDIAN_DISCOVERY_PATHS),
      maxFailures: env.MERIDIAN_PRESET_MAX_FAILURES,
      backoff: {
        baseMs: env.MERIDIAN_PRESET_RETRY_BASE_MS,
        maxMs: env.MERIDIAN_PRESET_RETRY_MAX_MS,
      },
      refresh: refreshRules(env.MERIDIAN_REFRESH),
      inFlightTtlMs: commandTtlMs,
      transferWaitMs: env.MERIDIAN_PROVISIONING_TRANSFER_WAIT_MS,
      credentialsSecret,
      vendorConfigUrl: env.MERIDIAN_DEFAULT_CONFIG_URL,
    },
    presence: {
      graceSeconds: env.MERIDIAN_ONLINE_GRACE_SECONDS,
      defaultIntervalSeconds: env.MERIDIAN_DEFAULT_INFORM_INTERVAL_SECONDS,
    },
    commandTtlMs,
    presetCacheMs: env.MERIDIAN_PRESET_CACHE_MS,
    files: filesOf(env),
    cwmpRealm: env.MERIDIAN_CWMP_REALM,
  };
}

function filesOf(env: ConfigOf<typeof provisioningSpec>): ProvisioningFiles | undefined {
  const url = env.MERIDIAN_FILES_URL;
  if (url === undefined) return undefined;
  return {
    baseUrl: () => url,
    secret: filesSecretOf(env),
    urlTtlSeconds: env.MERIDIAN_FILES_URL_TTL_SECONDS,
  };
}
