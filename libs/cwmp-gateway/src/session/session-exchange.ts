import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Span } from '@opentelemetry/api';
import type { Bus } from '@meridian/bus';
import {
  CwmpDecodeError,
  decodeEnvelope,
  deviceIdOf,
  encodeEnvelope,
  type CwmpEnvelope,
  type Inform,
} from '@meridian/cwmp';
import {
  ACS_CWMP_VERSIONS,
  isExpired,
  parseSessionState,
  reduceSession,
  resumeAcsTurn,
  SessionStateError,
  type IncomingMessage,
  type SessionConfig,
  type SessionEffect,
  type SessionEvent,
  type SessionReply,
  type SessionState,
} from '@meridian/cwmp-session';
import type { CommandMessage } from '@meridian/contracts';
import type { SessionStore } from '@meridian/session-store';
import {
  endSessionSpan,
  injectTraceHeaders,
  newSessionTraceparent,
  rpcSpan,
} from '@meridian/telemetry';
import type { Authenticator } from '../auth/authenticator';
import type { GatewayConfig } from '../config';
import { sessionCookie } from '../http/cookies';
import type { CwmpExchangeResult, CwmpRequest } from '../http/cwmp-http-handler';
import { isBlank } from '../http/guards';
import { retryLater, textReply, XML_CONTENT_TYPE, type HttpReply } from '../http/reply';
import type { DownstreamBacklog, KnownDevice } from '../tokens';
import { refusal, type LiveSessions } from './live-sessions';
import { envelopeHintsOf } from './envelope-hints';

/** What the gateway keeps in the SessionStore per session: the reducer's state plus its own. */
export interface GatewaySessionRecord {
  session: SessionState;
  /** The session span's ids (telemetry's session-span scheme), parent of every RPC span. */
  traceparent: string;
  /** More commands are likely before the session ends (GatewayConfig.lingerMs). */
  linger?: boolean;
}

export interface SessionExchangeDeps {
  config: GatewayConfig;
  bus: Bus;
  store: SessionStore;
  authenticator: Authenticator;
  liveSessions: LiveSessions;
  /** Set when auto-registration is off: a device it does not know gets 403. */
  knownDevice?: KnownDevice;
  /** Messages not yet handled downstream: at config.maxBacklog, new sessions get 503. */
  downstreamBacklog?: DownstreamBacklog;
  /** Called once a session of a device ended normally and its lease is free. */
  onSessionEnded?: (deviceId: string) => void;
  now?: () => number;
}

const BOOTSTRAP = '0 BOOTSTRAP';
const LINGER_POLL_MS = 25;

const endsSession = (effects: readonly SessionEffect[]): boolean =>
  effects.some((effect) => effect.kind === 'endSession');

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

/** Opaque, unguessable: 128 random bits. */
const randomSessionId = (): string => randomBytes(16).toString('base64url');

/**
 * The session half of the gateway: one HTTP request of a CWMP session in, one reply out. Loads
 * the session, admits and authenticates a new one, runs the reducer of @meridian/cwmp-session,
 * performs its effects in order, then stores the session again. Holds no state between
 * requests but the overload count: any replica can serve any request of a session.
 */
export class SessionExchange {
  private readonly logger = new Logger(SessionExchange.name);
  private readonly config: GatewayConfig;
  private readonly sessionConfig: SessionConfig;
  private readonly now: () => number;

  constructor(private readonly deps: SessionExchangeDeps) {
    this.config = deps.config;
    this.now = deps.now ?? Date.now;
    this.sessionConfig = {
      gatewayId: deps.config.gatewayId,
      sessionTimeoutMs: deps.config.sessionTimeoutMs,
      cwmpVersions: ACS_CWMP_VERSIONS,
    };
  }

  readonly exchange = async (request: CwmpRequest): Promise<CwmpExchangeResult> => {
    const now = this.now();
    const stored = await this.load(request, now);
    if (!stored) return this.startSession(request, now);
    const message = decodeIncoming(request.body);
    if (request.sessionFrom === 'connection' && informOf(message)) {
      // No cookie and a new Inform on the connection: the CPE has begun a new session
      // (TR-069 §3.7.1.1), and the old one will see no more requests.
      await this.finish(stored, now, 'superseded by a new Inform on its connection');
      return this.startSession(request, now, message);
    }
    return this.continueSession(stored, message, request, now);
  };

  private async load(request: CwmpRequest, now: number): Promise<GatewaySessionRecord | null> {
    if (request.sessionId === undefined) return null;
    const stored = await this.deps.store.getSession<unknown>(request.sessionId);
    if (stored === null) return null;
    const record = parseRecord(stored);
    if (record === null) {
      this.logger.warn(`session ${request.sessionId}: unreadable record dropped`);
      await this.deps.store.deleteSession(request.sessionId);
      return null;
    }
    if (!isExpired(record.session, now)) return record;
    await this.finish(record, now, 'session timed out');
    return null;
  }

  /** A request with no live session: only an Inform may start one. */
  private async startSession(
    request: CwmpRequest,
    now: number,
    decoded?: IncomingMessage,
  ): Promise<CwmpExchangeResult> {
    const { authenticator, liveSessions, store } = this.deps;
    // Cheap refusals first, before the body is even decoded.
    const refused = refusal(
      { sessions: liveSessions.hasRoom(now), backlog: this.deps.downstreamBacklog?.() },
      this.config.maxBacklog,
    );
    if (refused !== null) return noSession(retryLater(this.config.retryAfterSeconds, refused));
    if (authenticator.enabled && request.authorization === undefined) {
      return noSession(unauthorized(authenticator.challenges()));
    }
    const message = decoded ?? decodeIncoming(request.body);
    const inform = informOf(message);
    if (!inform) {
      // The reducer answers what a session-less request gets (a fault or a 400); nothing is kept.
      const result = reduceSession(
        null,
        this.event(message, request, '', []),
        this.sessionConfig,
        now,
      );
      return noSession(this.httpReply(result.reply, undefined));
    }
    const deviceId = deviceIdOf(inform.deviceId);
    const auth = await authenticator.authenticate(request, deviceId);
    if (!auth.ok) return noSession(unauthorized(auth.challenges));
    // Only after authentication: an unauthenticated caller must not learn which devices exist.
    if (this.deps.knownDevice && !(await this.deps.knownDevice(deviceId))) {
      this.logger.warn(
        `unknown device ${deviceId} from ${request.remoteAddress} refused: auto-registration is off (MERIDIAN_AUTO_REGISTER=false); register it with PUT /devices/${encodeURIComponent(deviceId)} on the NBI`,
      );
      return noSession(textReply(403, 'unknown device: auto-registration is off'));
    }

    const sessionId = randomSessionId();
    if (!(await store.acquireLease(deviceId, sessionId, this.config.sessionTimeoutMs))) {
      return noSession(
        retryLater(this.config.retryAfterSeconds, 'a session of this device is in progress'),
      );
    }
    const traceparent = newSessionTraceparent();
    try {
      const queue = await store.queue(deviceId);
      const linger = inform.event.some((e) => e.eventCode === BOOTSTRAP);
      return await this.run(
        { state: null, traceparent, linger },
        message,
        { ...request, sessionId },
        queue,
        now,
      );
    } catch (error) {
      // Nothing was stored: free the device for the CPE's retry.
      await store.releaseLease(deviceId, sessionId);
      throw error;
    }
  }

  private async continueSession(
    record: GatewaySessionRecord,
    message: IncomingMessage,
    request: CwmpRequest,
    now: number,
  ): Promise<CwmpExchangeResult> {
    const { session } = record;
    const deviceId = session.deviceId;
    if (deviceId !== null) {
      const held = await this.deps.store.renewLease(deviceId, session.sessionId, session.timeoutMs);
      if (!held) {
        // Another session of the device took over (ours had expired): ours cannot go on.
        await this.finish(record, now, 'device lease lost');
        return noSession(
          retryLater(this.config.retryAfterSeconds, 'session lost, start a new one'),
        );
      }
    }
    const queue = deviceId === null ? [] : await this.deps.store.queue(deviceId);
    // The answer to a command of a producer that reacts to results: its next wave is coming.
    const inFlightSource = record.session.inFlight?.source;
    const linger =
      record.linger === true ||
      (inFlightSource !== undefined && this.config.lingerSources.includes(inFlightSource));
    return this.run(
      { state: record.session, traceparent: record.traceparent, linger },
      message,
      request,
      queue,
      now,
    );
  }

  /** One reducer step in the session's RPC span: effects in order, then store, then reply. */
  private async run(
    {
      state,
      traceparent,
      linger,
    }: { state: SessionState | null; traceparent: string; linger: boolean },
    message: IncomingMessage,
    request: CwmpRequest,
    queue: readonly CommandMessage[],
    now: number,
  ): Promise<CwmpExchangeResult> {
    const method = methodOf(message);
    const sessionId = state?.sessionId ?? request.sessionId ?? '';
    return rpcSpan(
      traceparent,
      `cwmp ${method}`,
      async (span) => {
        const reduce = (commands: readonly CommandMessage[]) =>
          reduceSession(
            state,
            this.event(message, request, sessionId, commands),
            this.sessionConfig,
            now,
          );
        let result = reduce(queue);
        const deviceId = result.state.deviceId;
        if (
          linger &&
          deviceId !== null &&
          result.reply.kind === 'noContent' &&
          endsSession(result.effects)
        ) {
          // First publish what this step produced: a result may be what the next wave awaits.
          const [ending, rest] = partition(result.effects, (e) => e.kind === 'endSession');
          await this.perform(rest, { session: result.state, traceparent }, now, span);
          const arrived = await this.waitForCommands(deviceId, result.state.finishedCommandIds);
          if (arrived) span.addEvent('cwmp.linger', { queued: arrived.length });
          result = arrived
            ? resumeAcsTurn(result.state, arrived, this.sessionConfig, this.now())
            : { ...result, effects: ending };
        }
        const next = result.state;
        if (next.deviceId !== null) span.setAttribute('cwmp.device_id', next.deviceId);
        const ended = await this.perform(result.effects, { session: next, traceparent }, now, span);
        const live = !ended && next.phase !== 'awaitingInform';
        if (live) {
          // The reducer may have lengthened the timeout (a CPE's SessionTimeout header).
          await this.deps.store.putSession<GatewaySessionRecord>(
            next.sessionId,
            { session: next, traceparent, ...(linger ? { linger } : {}) },
            next.timeoutMs,
          );
          if (
            state === null &&
            next.deviceId !== null &&
            next.timeoutMs > this.config.sessionTimeoutMs
          ) {
            await this.deps.store.renewLease(next.deviceId, next.sessionId, next.timeoutMs);
          }
          this.deps.liveSessions.touch(next.sessionId, now);
        }
        const startsSession = state === null && live;
        return {
          reply: this.httpReply(result.reply, startsSession ? next.sessionId : undefined),
          sessionId: live ? next.sessionId : null,
        };
      },
      { 'cwmp.session_id': sessionId, 'cwmp.method': method },
    );
  }

  /**
   * The device's queue once it holds a command this session has not finished, polled until
   * lingerMs passed; null when nothing came.
   */
  private async waitForCommands(
    deviceId: string,
    finished: readonly string[],
  ): Promise<readonly CommandMessage[] | null> {
    const deadline = Date.now() + this.config.lingerMs;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, LINGER_POLL_MS));
      const queue = await this.deps.store.queue(deviceId);
      if (queue.some((command) => !finished.includes(command.commandId))) return queue;
    }
    return null;
  }

  /** Performs the effects in order, each awaited: a result is acknowledged before its removal. */
  private async perform(
    effects: readonly SessionEffect[],
    record: GatewaySessionRecord,
    now: number,
    span: Span,
  ): Promise<boolean> {
    let ended = false;
    for (const effect of effects) {
      switch (effect.kind) {
        case 'publish':
          await this.deps.bus.publish(
            effect.topic,
            effect.key,
            effect.message,
            injectTraceHeaders(),
          );
          break;
        case 'removeCommand':
          await this.deps.store.remove(effect.deviceId, effect.commandId);
          break;
        case 'endSession':
          // Only ever the current session: expired ones are finished before the reducer runs.
          await this.finish(record, now);
          ended = true;
          break;
        case 'warn':
          span.addEvent('cwmp.warning', { message: effect.message });
          this.logger.warn(`session ${record.session.sessionId}: ${effect.message}`);
          break;
      }
    }
    return ended;
  }

  /** Ends a session: forget it, free the device, emit the session span. */
  private async finish(record: GatewaySessionRecord, now: number, error?: string): Promise<void> {
    const { session } = record;
    await this.deps.store.deleteSession(session.sessionId);
    if (session.deviceId !== null) {
      await this.deps.store.releaseLease(session.deviceId, session.sessionId);
      if (error === undefined) this.deps.onSessionEnded?.(session.deviceId);
    }
    this.deps.liveSessions.end(session.sessionId);
    endSessionSpan({
      traceparent: record.traceparent,
      startTime: session.startedAt,
      endTime: now,
      attributes: {
        'cwmp.session_id': session.sessionId,
        'cwmp.device_id': session.deviceId ?? '',
        'cwmp.gateway_id': this.config.gatewayId,
      },
      error,
    });
  }

  private event(
    message: IncomingMessage,
    request: CwmpRequest,
    newSessionId: string,
    queue: readonly CommandMessage[],
  ): SessionEvent {
    return { message, newSessionId, remoteAddress: request.remoteAddress, queue };
  }

  private httpReply(reply: SessionReply, newSessionId: string | undefined): HttpReply {
    switch (reply.kind) {
      case 'envelope': {
        const headers: HttpReply['headers'] = { 'Content-Type': XML_CONTENT_TYPE };
        if (newSessionId !== undefined) headers['Set-Cookie'] = sessionCookie(newSessionId);
        return { status: reply.status, headers, body: encodeEnvelope(reply.envelope) };
      }
      case 'noContent':
        return { status: 204, headers: {} };
      case 'httpError':
        return textReply(reply.status, reply.reason);
    }
  }
}

/** A stored record, checked: it is untyped JSON from the store. */
function parseRecord(stored: unknown): GatewaySessionRecord | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const { session, traceparent, linger } = stored as Partial<
    Record<keyof GatewaySessionRecord, unknown>
  >;
  if (typeof traceparent !== 'string') return null;
  try {
    return {
      session: parseSessionState(session),
      traceparent,
      ...(linger === true ? { linger } : {}),
    };
  } catch (error) {
    if (error instanceof SessionStateError) return null;
    throw error;
  }
}

const noSession = (reply: HttpReply): CwmpExchangeResult => ({ reply, sessionId: null });

const unauthorized = (challenges: string[]): HttpReply =>
  textReply(401, 'authentication required', { 'WWW-Authenticate': challenges });

/** The body as the reducer takes it: decoding failures become typed messages, never throws. */
export function decodeIncoming(body: Buffer): IncomingMessage {
  if (isBlank(body)) return { kind: 'empty' };
  try {
    return { kind: 'envelope', envelope: decodeEnvelope(body) };
  } catch (error) {
    if (!(error instanceof CwmpDecodeError)) throw error;
    const reason = `${error.reason}: ${error.message}`;
    switch (error.reason) {
      case 'unknown-method':
        return { kind: 'unknownMethod', ...envelopeHintsOf(body.toString('utf8')) };
      case 'invalid-content':
        // Well-formed XML: naming the method lets the reducer answer a CPE request with 8003.
        return { kind: 'malformed', reason, ...envelopeHintsOf(body.toString('utf8')) };
      default:
        return { kind: 'malformed', reason };
    }
  }
}

const informOf = (message: IncomingMessage): Inform | null =>
  message.kind === 'envelope' && message.envelope.body.name === 'Inform'
    ? (message.envelope as CwmpEnvelope<Inform>).body
    : null;

/** Span name part: the CWMP method, or what stood for it. */
function methodOf(message: IncomingMessage): string {
  switch (message.kind) {
    case 'envelope':
      return message.envelope.body.name;
    case 'empty':
      return 'empty';
    case 'unknownMethod':
      return message.method;
    case 'malformed':
      return message.method ?? 'malformed';
  }
}
