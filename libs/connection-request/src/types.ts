/**
 * Where and how to reach one CPE, read from the device registry and parameter cache
 * (ManagementServer.ConnectionRequestURL / Username / Password / UDPConnectionRequestAddress).
 */
export interface ConnectionRequestTarget {
  /** ManagementServer.ConnectionRequestURL, e.g. http://10.0.0.7:7547/cr */
  url?: string;
  username: string;
  password: string;
  /** ManagementServer.UDPConnectionRequestAddress, "host:port" or "host" (port 80). */
  udpAddress?: string;
}

/** Answers null when the device is not known (or has no connection request credentials). */
export type TargetLookup = (deviceId: string) => Promise<ConnectionRequestTarget | null>;

/** Time, injected so tests control backoff and the UDP timestamp. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Randomness, injected so tests can pin jitter and nonces. */
export interface Random {
  /** Uniform in [0, 1): backoff jitter. */
  next(): number;
  /** `byteCount` random bytes as lowercase hex: cnonces and message ids. */
  hex(byteCount: number): string;
}

/** The few log calls made here; the same shape as the bus's logger. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
