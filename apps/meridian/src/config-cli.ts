/**
 * `meridian config check FILE` and `meridian config print [FILE]`: cli.ts runs it, built, through
 * scripts/meridian.mjs (`npx meridian …` or `npm run meridian -- …` from the repository).
 */
import { configFilePath, configSources } from '@meridian/adapters';
import { ConfigError, allSpec, maskedValue, resolveConfig, type Env } from '@meridian/config';

export const USAGE = `Usage:
  meridian config check FILE     validate a configuration file without starting (exit 0 valid, 1 not)
  meridian config print [FILE]   the effective configuration (FILE, else MERIDIAN_CONFIG or
                                 ./meridian.yaml, overridden by MERIDIAN_* variables), secrets masked`;

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const shown = (value: unknown): string => (Array.isArray(value) ? value.join(',') : String(value));

/** Runs the command line `args` (after "meridian"); returns the exit code. */
export function runCli(args: readonly string[], env: Env, io: Io): number {
  const [group, command, file, ...rest] = args;
  if (group !== 'config' || rest.length > 0) return usage(io);
  try {
    switch (command) {
      case 'check': {
        if (file === undefined) return usage(io);
        // The file alone: what it says, whatever this shell's environment holds.
        const { settings } = resolveConfig(allSpec, configSources({}, file));
        const fromFile = settings.filter((s) => s.source !== 'default').length;
        io.out(`${file}: valid (${fromFile} settings from the file, the rest default)`);
        return 0;
      }
      case 'print': {
        const path = file ?? configFilePath(env);
        const { settings } = resolveConfig(allSpec, configSources(env, path));
        io.out(`# effective configuration: ${path ?? 'no configuration file'} + environment`);
        for (const { variable, value, source } of settings) {
          const masked = maskedValue(variable, value);
          io.out(
            `${variable}=${masked === undefined ? '' : shown(masked)}  # ${value === undefined ? 'unset' : source}`,
          );
        }
        return 0;
      }
      default:
        return usage(io);
    }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return 1;
  }
}

function usage(io: Io): number {
  io.err(USAGE);
  return 2;
}
