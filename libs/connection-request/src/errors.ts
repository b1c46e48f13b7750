/** Why a connection request did not reach the CPE. */
export type ConnectionRequestFailure =
  | 'unknown-target'
  | 'unreachable'
  | 'auth-failed'
  | 'timeout'
  | 'bad-status';

/** How a connection request reaches the CPE: HTTP GET (§3.2.2) or a UDP datagram (Annex G). */
export type ConnectionRequestMethod = 'http' | 'udp';

interface FailureOptions {
  cause?: unknown;
  status?: number;
  method?: ConnectionRequestMethod;
}

/** The outcome of one failed attempt: what went wrong, before we know how many attempts were made. */
export class AttemptFailure extends Error {
  /** HTTP status of the CPE's answer, for 'bad-status' and 'auth-failed'. */
  readonly status: number | undefined;
  /** The method that failed; undefined when there was none to try. */
  readonly method: ConnectionRequestMethod | undefined;

  constructor(
    readonly reason: ConnectionRequestFailure,
    message: string,
    options: FailureOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AttemptFailure';
    this.status = options.status;
    this.method = options.method;
  }

  /** The same failure, naming the method that met it. */
  via(method: ConnectionRequestMethod): AttemptFailure {
    return new AttemptFailure(this.reason, this.message, {
      cause: this.cause,
      status: this.status,
      method,
    });
  }

  /**
   * Wrong credentials stay wrong and a 4xx answer will be the same next time; the network and a
   * busy CPE (5xx) may recover.
   */
  get retriable(): boolean {
    if (this.reason === 'unreachable' || this.reason === 'timeout') return true;
    return this.reason === 'bad-status' && (this.status ?? 0) >= 500;
  }
}

/** Rejection of `ConnectionRequester.request`: the caller records `reason` on the task. */
export class ConnectionRequestError extends Error {
  /** HTTP status of the CPE's last answer, for 'bad-status' and 'auth-failed'. */
  readonly status: number | undefined;
  /** The method of the last attempt; undefined when there was nothing to try. */
  readonly method: ConnectionRequestMethod | undefined;

  constructor(
    readonly deviceId: string,
    readonly reason: ConnectionRequestFailure,
    /** Attempts made; 0 when there was nothing to try (unknown target, no address). */
    readonly attempts: number,
    /** What went wrong in clear text, e.g. "HTTP 401 after Digest", "ECONNREFUSED 10.0.0.7:7547". */
    readonly detail: string,
    options: FailureOptions = {},
  ) {
    super(`connection request to ${deviceId} failed after ${attempts} attempt(s): ${detail}`, {
      cause: options.cause,
    });
    this.name = 'ConnectionRequestError';
    this.status = options.status;
    this.method = options.method;
  }

  /** The last attempt's failure, as the caller sees it. */
  static fromAttempt(deviceId: string, failure: AttemptFailure, attempts: number) {
    return new ConnectionRequestError(deviceId, failure.reason, attempts, failure.message, {
      cause: failure.cause,
      status: failure.status,
      method: failure.method,
    });
  }
}
