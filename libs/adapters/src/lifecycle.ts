import { Global, Module, type DynamicModule, type Logger, type Provider } from '@nestjs/common';

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
export function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
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

const LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
type Level = (typeof LEVELS)[number];

/** NestJS enables exactly the levels listed: MERIDIAN_LOG_LEVEL=log means error, warn and log. */
export const nestLogLevels = (level: Level): Level[] => LEVELS.slice(0, LEVELS.indexOf(level) + 1);
