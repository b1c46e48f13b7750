import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import {
  ConfigError,
  resolveConfig,
  type ConfigOf,
  type ConfigSources,
  type Env,
  type Setting,
  type Spec,
} from '@meridian/config';

/** Where the configuration file is: MERIDIAN_CONFIG, else meridian.yaml in `cwd` when there is one. */
export function configFilePath(env: Env = process.env, cwd = process.cwd()): string | undefined {
  const named = env.MERIDIAN_CONFIG?.trim();
  if (named) return resolve(cwd, named);
  const local = resolve(cwd, 'meridian.yaml');
  return existsSync(local) ? local : undefined;
}

const readSecret = (path: string): string => readFileSync(path, 'utf8');

/** The sources of the configuration: that file (when any), the environment, secret files. */
export function configSources(
  env: Env = process.env,
  path: string | undefined = configFilePath(env),
): ConfigSources {
  if (path === undefined) return { env, readSecret };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([
      `configuration file ${path} cannot be read: ${(error as Error).message}`,
    ]);
  }
  return { env, file: { text, name: path }, readSecret };
}

/**
 * A service's configuration: meridian.yaml (or MERIDIAN_CONFIG), overridden by the environment.
 * Throws ConfigError listing every problem (runService prints them and exits 1).
 */
export function loadConfig<S extends Spec>(spec: S, env: Env = process.env): ConfigOf<S> {
  const sources = configSources(env);
  const { config } = resolveConfig(spec, sources);
  if (sources.file) new Logger('config').log(`configuration file ${sources.file.name}`);
  return config;
}

/** The same, with where each value came from (`meridian config print`). */
export function loadSettings<S extends Spec>(
  spec: S,
  env: Env = process.env,
  path?: string,
): Setting[] {
  return resolveConfig(spec, configSources(env, path ?? configFilePath(env))).settings;
}
