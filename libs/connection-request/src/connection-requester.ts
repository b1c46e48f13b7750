import { randomBytes } from 'node:crypto';
import { AttemptFailure, ConnectionRequestError, type ConnectionRequestMethod } from './errors';
import {
  defaultHttpRequestOptions,
  httpConnectionRequest,
  type HttpRequestOptions,
} from './http-request';
import { defaultRetryPolicy, retry, type RetryPolicy } from './retry';
import type { Clock, ConnectionRequestTarget, Logger, Random, TargetLookup } from './types';
import {
  defaultUdpRequestOptions,
  udpConnectionRequest,
  type UdpRequestOptions,
} from './udp-request';

/** How a delivered connection request went. */
export interface ConnectionRequestDelivery {
  method: ConnectionRequestMethod;
  /** Attempts it took, the delivered one included. */
  attempts: number;
}

/** Asks a CPE to open a CWMP session now; the gateway's CONNECTION_REQUESTER. */
export interface ConnectionRequester {
  /** Resolves once the request was delivered; rejects with a ConnectionRequestError. */
  request(deviceId: string): Promise<ConnectionRequestDelivery>;
}

export interface ConnectionRequesterOptions {
  lookup: TargetLookup;
  logger: Logger;
  http?: Partial<HttpRequestOptions>;
  udp?: Partial<UdpRequestOptions>;
  retry?: Partial<RetryPolicy>;
  clock?: Clock;
  random?: Random;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export const systemRandom: Random = {
  next: () => Math.random(),
  hex: (byteCount) => randomBytes(byteCount).toString('hex'),
};

interface Settings {
  http: HttpRequestOptions;
  udp: UdpRequestOptions;
  clock: Clock;
  random: Random;
}

/**
 * One attempt: HTTP to the ConnectionRequestURL when there is one; UDP (Annex G) when there is a
 * UDPConnectionRequestAddress and HTTP is absent or failed for a reason other than credentials
 * (a CPE behind NAT reports a URL the ACS cannot reach). Resolves with the channel that worked.
 */
async function attempt(
  target: ConnectionRequestTarget,
  settings: Settings,
): Promise<ConnectionRequestMethod> {
  let httpFailure: AttemptFailure | undefined;
  if (present(target.url)) {
    try {
      await httpConnectionRequest(target.url, target, settings.http, () => settings.random.hex(16));
      return 'http';
    } catch (error) {
      if (!(error instanceof AttemptFailure)) throw error;
      httpFailure = error.via('http');
    }
  }
  if (present(target.udpAddress)) {
    if (httpFailure?.reason === 'auth-failed') throw httpFailure; // same credentials sign UDP
    try {
      await udpConnectionRequest(
        target.udpAddress,
        target,
        settings.udp,
        settings.clock,
        settings.random,
      );
    } catch (error) {
      throw error instanceof AttemptFailure ? error.via('udp') : error;
    }
    return 'udp';
  }
  throw httpFailure ?? new AttemptFailure('unreachable', 'no ConnectionRequestURL nor UDP address');
}

function present(address: string | undefined): address is string {
  return address !== undefined && address !== '';
}

/** Settings that would make every request fail, or succeed without sending, are refused at start. */
function validate(settings: Settings, policy: RetryPolicy): void {
  const problems = [
    settings.http.timeoutMs > 0 ? '' : 'http.timeoutMs must be > 0',
    settings.udp.copies >= 1 ? '' : 'udp.copies must be >= 1',
    settings.udp.intervalMs >= 0 ? '' : 'udp.intervalMs must be >= 0',
    policy.maxAttempts >= 1 ? '' : 'retry.maxAttempts must be >= 1',
    policy.initialDelayMs >= 0 && policy.maxDelayMs >= policy.initialDelayMs
      ? ''
      : 'retry delays must satisfy 0 <= initialDelayMs <= maxDelayMs',
  ].filter((problem) => problem !== '');
  if (problems.length > 0)
    throw new Error(`invalid connection request options: ${problems.join('; ')}`);
}

/**
 * The connection requester: looks the device up, then tries with jittered exponential backoff
 * while failures may pass (unreachable, timeout, 5xx). Concurrent requests for one device share
 * one delivery, since one request opens the session all queued commands wait for.
 */
export function createConnectionRequester(
  options: ConnectionRequesterOptions,
): ConnectionRequester {
  const settings: Settings = {
    http: { ...defaultHttpRequestOptions, ...options.http },
    udp: { ...defaultUdpRequestOptions, ...options.udp },
    clock: options.clock ?? systemClock,
    random: options.random ?? systemRandom,
  };
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  validate(settings, policy);
  const { logger } = options;
  const inFlight = new Map<string, Promise<ConnectionRequestDelivery>>();

  async function deliver(deviceId: string): Promise<ConnectionRequestDelivery> {
    const target = await options.lookup(deviceId);
    if (target === null) {
      throw new ConnectionRequestError(
        deviceId,
        'unknown-target',
        0,
        'no ConnectionRequestURL known: the device is not in the registry',
      );
    }
    if (!present(target.url) && !present(target.udpAddress)) {
      throw new ConnectionRequestError(
        deviceId,
        'unreachable',
        0,
        'no ConnectionRequestURL known: the CPE reported none, nor a UDPConnectionRequestAddress',
      );
    }
    let attempts = 0;
    try {
      const method = await retry(
        (n) => {
          attempts = n;
          return attempt(target, settings);
        },
        {
          policy,
          clock: settings.clock,
          random: () => settings.random.next(),
          isRetriable: (error) => error instanceof AttemptFailure && error.retriable,
          onRetry: (error, n, delayMs) =>
            logger.debug('connection request attempt failed, retrying', {
              deviceId,
              attempt: n,
              delayMs,
              error: (error as Error).message,
            }),
        },
      );
      logger.info('connection request delivered', { deviceId, method, attempts });
      return { method, attempts };
    } catch (error) {
      if (!(error instanceof AttemptFailure)) throw error;
      throw ConnectionRequestError.fromAttempt(deviceId, error, attempts);
    }
  }

  return {
    request(deviceId) {
      const pending = inFlight.get(deviceId);
      if (pending !== undefined) return pending;
      const delivery = deliver(deviceId)
        .catch((error: unknown) => {
          if (error instanceof ConnectionRequestError) {
            logger.warn('connection request failed', {
              deviceId,
              reason: error.reason,
              attempts: error.attempts,
              error: error.message,
            });
          }
          throw error;
        })
        .finally(() => inFlight.delete(deviceId));
      inFlight.set(deviceId, delivery);
      return delivery;
    },
  };
}
