/** The few log calls the bus makes; apps pass their own logger, tests a silent one. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export type LogLevel = keyof Logger;

const ORDER: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** One JSON line per entry on stderr, from `minLevel` up. */
export function stderrLogger(minLevel: LogLevel = 'info', name = 'bus'): Logger {
  const at = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (ORDER.indexOf(level) < ORDER.indexOf(minLevel)) return;
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level, name, message, ...fields })}\n`,
    );
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
