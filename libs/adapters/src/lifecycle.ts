import { Global, Logger, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ConfigError } from '@meridian/config';

@Global()
@Module({})
class AdaptersModule {}

/** A global module that provides these adapter instances (BUS, STORE, …) to every feature module. */
export function adaptersModule(values: Record<symbol, unknown>): DynamicModule {
  const providers: Provider[] = Object.getOwnPropertySymbols(values).map((token) => ({
    provide: token,
    useValue: values[token],
  }));
  return {
    module: AdaptersModule,
    providers,
    exports: providers.map((p) => (p as { provide: symbol }).provide),
  };
}

/** Runs `stop` once on SIGINT or SIGTERM, then exits (1 if stopping failed). */
function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.log(`${signal}: stopping`);
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error(`shutdown failed: ${String(error)}`);
          process.exit(1);
        },
      );
    });
  }
}

/** What a service holds open: its NestJS application, its adapters, its telemetry. */
export type OpenResource = { close(): Promise<unknown> } | { shutdown(): Promise<unknown> };

/**
 * Runs a service's `main`, which starts it and returns what it holds open in closing order (the
 * application first, so work in progress finishes, then what it used). A start that throws prints
 * why (a ConfigError by its message alone) and exits 1; SIGINT or SIGTERM closes everything, then
 * exits.
 */
export function runService(name: string, main: () => Promise<OpenResource[]>): void {
  main().then(
    (resources) =>
      stopOnSignals(new Logger(name), async () => {
        for (const resource of resources)
          await ('close' in resource ? resource.close() : resource.shutdown());
      }),
    (error: unknown) => {
      console.error(error instanceof ConfigError ? error.message : error);
      process.exit(1);
    },
  );
}

const LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
type Level = (typeof LEVELS)[number];

/** NestJS enables exactly the levels listed: MERIDIAN_LOG_LEVEL=log means error, warn and log. */
export const nestLogLevels = (level: Level): Level[] => LEVELS.slice(0, LEVELS.indexOf(level) + 1);
