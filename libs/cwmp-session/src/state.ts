import type { CwmpVersion } from '@meridian/cwmp';
import { SessionStateError } from './errors';
import { SESSION_STATE_VERSION, type SessionPhase, type SessionState } from './types';

const PHASES: readonly SessionPhase[] = [
  'awaitingInform',
  'cpeRequests',
  'awaitingResponse',
  'ended',
];
const NAMESPACES: readonly CwmpVersion[] = ['1-0', '1-1', '1-2'];

/** A session before its first request is handled. */
export function initialSession(sessionId: string, timeoutMs: number, now: number): SessionState {
  return {
    v: SESSION_STATE_VERSION,
    sessionId,
    phase: 'awaitingInform',
    deviceId: null,
    cwmpVersion: '1-0',
    useCwmpVersion: null,
    startedAt: now,
    lastActivityAt: now,
    timeoutMs,
    inFlight: null,
    dataModel: null,
    awaited: null,
    finishedCommandIds: [],
    counters: { httpRequests: 0, cpeRequests: 0, acsRequests: 0, results: 0 },
  };
}

/** Epoch ms after which the session is dead; also what the store's TTL should cover. */
export function expiresAt(state: SessionState): number {
  return state.lastActivityAt + state.timeoutMs;
}

/** True when the session saw no request for longer than its timeout. */
export function isExpired(state: SessionState, now: number): boolean {
  return now > expiresAt(state);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Checks a record loaded from the session store (untyped JSON) before the reducer trusts it.
 * Throws SessionStateError when it is not a session state of this version.
 */
export function parseSessionState(json: unknown): SessionState {
  if (!isRecord(json)) throw new SessionStateError('not an object');
  if (json['v'] !== SESSION_STATE_VERSION)
    throw new SessionStateError(`version ${String(json['v'])}`);
  if (typeof json['sessionId'] !== 'string') throw new SessionStateError('sessionId');
  if (!PHASES.includes(json['phase'] as SessionPhase)) throw new SessionStateError('phase');
  if (json['deviceId'] !== null && typeof json['deviceId'] !== 'string') {
    throw new SessionStateError('deviceId');
  }
  if (!NAMESPACES.includes(json['cwmpVersion'] as CwmpVersion)) {
    throw new SessionStateError('cwmpVersion');
  }
  if (json['useCwmpVersion'] !== null && typeof json['useCwmpVersion'] !== 'string') {
    throw new SessionStateError('useCwmpVersion');
  }
  for (const key of ['startedAt', 'lastActivityAt', 'timeoutMs']) {
    if (!isCount(json[key])) throw new SessionStateError(key);
  }
  const inFlight = json['inFlight'];
  if (inFlight !== null) {
    if (!isRecord(inFlight)) throw new SessionStateError('inFlight');
    for (const key of ['cwmpId', 'commandId', 'source']) {
      if (typeof inFlight[key] !== 'string') throw new SessionStateError(`inFlight.${key}`);
    }
    const rpc = inFlight['rpc'];
    if (!isRecord(rpc) || typeof rpc['name'] !== 'string') {
      throw new SessionStateError('inFlight.rpc');
    }
  }
  if (json['dataModel'] !== null && !['tr-181', 'tr-098'].includes(json['dataModel'] as string)) {
    throw new SessionStateError('dataModel');
  }
  const awaited = json['awaited'];
  if (
    awaited !== null &&
    (!isRecord(awaited) ||
      typeof awaited['commandId'] !== 'string' ||
      !isCount(awaited['deadline']))
  ) {
    throw new SessionStateError('awaited');
  }
  if ((json['phase'] === 'awaitingResponse') !== (inFlight !== null)) {
    throw new SessionStateError('inFlight does not match phase');
  }
  const finished = json['finishedCommandIds'];
  if (!Array.isArray(finished) || !finished.every((id) => typeof id === 'string')) {
    throw new SessionStateError('finishedCommandIds');
  }
  const counters = json['counters'];
  if (
    !isRecord(counters) ||
    !['httpRequests', 'cpeRequests', 'acsRequests', 'results'].every((k) => isCount(counters[k]))
  ) {
    throw new SessionStateError('counters');
  }
  if (json['linger'] !== undefined && json['linger'] !== true)
    throw new SessionStateError('linger');
  // Every field the reducer reads was checked above.
  return json as unknown as SessionState;
}
