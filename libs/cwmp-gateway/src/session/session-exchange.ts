import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Span } from '@opentelemetry/api';
import type { Bus } from '@meridian/bus';
import {
  ACS_CWMP_VERSIONS,
  CwmpDecodeError,
  CwmpEncodeError,
  cwmpFault,
  decodeEnvelope,
  deviceIdOf,
  encodeEnvelope,
  type CwmpEnvelope,
  type Inform,
} from '@meridian/cwmp';
import {
  isExpired,
  parseSessionState,
  reduceSession,
  resumeAcsTurn,
  idleEndsLinger,
  SessionStateError,
  type AwaitedDiagnostic,
  type IncomingMessage,
  type SessionConfig,
  type SessionEffect,
  type SessionEvent,
  type SessionReply,
  type SessionState,
  type StepResult,
} from '@meridian/cwmp-session';
import type { CommandMessage } from '@meridian/contracts';
import type { SessionStore } from '@meridian/session-store';
import {
  endSessionSpan,
  spanTraceHeaders,
  newSessionTraceparent,
  rpcSpan,
  withSpan,
} from '@meridian/telemetry';
import type { Authenticator } from '../auth/authenticator';
import { FailureLimiter } from '../auth/failure-limiter';
import type { GatewayConfig } from '../config';
import { certificateBinds } from '../http/client-certificate';
import { sessionCookie } from '../http/cookies';
import type { CwmpExchangeResult, CwmpRequest } from '../http/cwmp-http-handler';
import { isBlank } from '../http/guards';
import { retryLater, textReply, XML_CONTENT_TYPE, type HttpReply } from '../http/reply';
import type { DownstreamBacklog, KnownDevice } from '../tokens';
import { stepSpanAttributes, type SessionStep } from './session-metrics';
import { DrainRate, refusal, type LiveSessions } from './live-sessions';
import type { LingerAdmission } from './linger-admission';
import { envelopeHintsOf } from './envelope-hints';
import type { LingerEnd, SessionEnd, SessionMetrics } from './session-metrics';

/** What the gateway keeps in the session store per session: the reducer's state plus its own. */
export interface GatewaySessionRecord {
  session: SessionState;
  /** The session span's ids (telemetry's session-span scheme), parent of every RPC span. */
  traceparent: string;
}

export interface SessionExchangeDeps {
  config: GatewayConfig;
  bus: Bus;
  sessions: SessionStore;
  authenticator: Authenticator;
  liveSessions: LiveSessions;
  /** Set when auto-registration is off: a device it does not know gets 403. */
  knownDevice?: KnownDevice;
  /**
   * Messages not yet handled downstream: at config.maxBacklog, or when they would take longer
   * than config.maxBacklogSeconds to drain, new sessions get 503.
   */
  downstreamBacklog?: DownstreamBacklog;
  /**
   * Set when sessions linger and config.lingerLimitInitial is above 0: a 0 BOOTSTRAP session
   * beyond its adaptive limit is held, then refused with 503 if no place frees.
   */
  lingerAdmission?: LingerAdmission;
  /**
   * Called once a session of a device ended normally and its lease is free, with the device's
   * queue as read after the release.
   */
  onSessionEnded?: (deviceId: string, queue: readonly CommandMessage[]) => void;
  metrics: SessionMetrics;
  /** True once the replica drains: new sessions get 503, a session's last reply closes its connection. */
  draining?: () => boolean;
  now?: () => number;
}

/** Why a session ended other than normally, as logged on its span. */
const ABNORMAL_ENDS: Record<Exclude<SessionEnd, 'ok'>, string> = {
  timeout: 'session timed out',
  lease_lost: 'device lease lost',
  superseded:
    'superseded by a new session of the device (an Inform on its connection, or its BOOT)',
};

const SESSION_ID_BYTES = 16;
/** Random bytes drawn 256 session ids at a time: one call into the CSPRNG, not one per session. */
let idPool = Buffer.alloc(0);
let idOffset = 0;

/** Opaque, unguessable: 128 random bits, each byte of the pool used once. */
function randomSessionId(): string {
  if (idOffset + SESSION_ID_BYTES > idPool.length) {
    idPool = randomBytes(SESSION_ID_BYTES * 256);
    idOffset = 0;
  }
  const id = idPool.toString('base64url', idOffset, idOffset + SESSION_ID_BYTES);
  idOffset += SESSION_ID_BYTES;
  return id;
}

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
  private readonly failuresByDevice: FailureLimiter;
  private readonly failuresByAddress: FailureLimiter;
  private readonly drainRate = new DrainRate();

  constructor(private readonly deps: SessionExchangeDeps) {
    this.config = deps.config;
    this.now = deps.now ?? Date.now;
    const { maxFailuresPerDevice, maxFailuresPerAddress, failureWindowMs } = deps.config.auth;
    this.failuresByDevice = new FailureLimiter(
      { maxFailures: maxFailuresPerDevice, windowMs: failureWindowMs },
      this.now,
    );
    this.failuresByAddress = new FailureLimiter(
      { maxFailures: maxFailuresPerAddress, windowMs: failureWindowMs },
      this.now,
    );
    this.sessionConfig = {
      gatewayId: deps.config.gatewayId,
      sessionTimeoutMs: deps.config.sessionTimeoutMs,
      cwmpVersions: ACS_CWMP_VERSIONS,
      lingerMs: deps.config.lingerMs,
      lingerMaxMs: deps.config.lingerMaxMs,
      lingerSources: deps.config.lingerSources,
    };
  }

  readonly exchange = async (request: CwmpRequest): Promise<CwmpExchangeResult> => {
    const result = await this.serve(request);
    if (result.sessionId !== null || !this.deps.draining?.()) return result;
    // Draining: once its session is over a CPE's next session goes to another replica.
    return {
      ...result,
      reply: { ...result.reply, headers: { ...result.reply.headers, Connection: 'close' } },
    };
  };

  private async serve(request: CwmpRequest): Promise<CwmpExchangeResult> {
    const now = this.now();
    const stored = await this.load(request, now);
    if (!stored) return this.startSession(request, now);
    const message = decodeIncoming(request.body);
    if (request.sessionFrom === 'connection' && informOf(message)) {
      // No cookie and a new Inform on the connection: the CPE has begun a new session
      // (TR-069 §3.7.1.1), and the old one will see no more requests.
      await this.finish(stored, now, 'superseded');
      return this.startSession(request, now, message);
    }
    return this.continueSession(stored, message, request, now);
  }

  private async load(request: CwmpRequest, now: number): Promise<GatewaySessionRecord | null> {
    if (request.sessionId === undefined) return null;
    const stored = await this.deps.sessions.getSession<unknown>(request.sessionId);
    if (stored === null) return null;
    const record = parseRecord(stored);
    if (record === null) {
      this.logger.warn(`session ${request.sessionId}: unreadable record dropped`);
      await this.deps.sessions.deleteSession(request.sessionId);
      return null;
    }
    if (!isExpired(record.session, now)) return record;
    await this.finish(record, now, 'timeout');
    return null;
  }

  /** A request with no live session: only an Inform may start one. */
  private async startSession(
    request: CwmpRequest,
    now: number,
    decoded?: IncomingMessage,
  ): Promise<CwmpExchangeResult> {
    const { authenticator, liveSessions, sessions } = this.deps;
    // Cheap refusals first, before the body is even decoded.
    if (this.deps.draining?.()) {
      this.deps.metrics.rejected('draining');
      return noSession(retryLater(this.config.retryAfterSeconds, 'shutting down, retry later'));
    }
    const load = this.deps.downstreamBacklog?.();
    if (load !== undefined) this.drainRate.observe(load);
    const room = {
      sessions: liveSessions.hasRoom(now),
      backlog: load?.pending,
      drainSeconds: load === undefined ? undefined : this.drainRate.drainSeconds(load.pending),
    };
    const refused = refusal(room, this.config);
    let message = decoded;
    if (refused !== null) {
      // A CPE answering the ACS's own connection request comes for commands already queued: it
      // adds no Inform backlog of note, and turning it away would leave them waiting for its
      // back-off or its next periodic Inform. Decoded here only when refusing on the backlog.
      message = room.sessions ? (message ?? decodeIncoming(request.body)) : message;
      if (!room.sessions || !answersConnectionRequest(message)) {
        this.deps.metrics.rejected(room.sessions ? 'backlog' : 'overload');
        return noSession(retryLater(this.config.retryAfterSeconds, refused));
      }
    }
    const certificateNames = request.clientCertificateNames;
    if (
      authenticator.enabled &&
      certificateNames === undefined &&
      request.authorization === undefined
    ) {
      return noSession(unauthorized(authenticator.challenges()));
    }
    message ??= decodeIncoming(request.body);
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
    if (certificateNames !== undefined) {
      // A verified client certificate authenticates its own device, and no other.
      if (
        !certificateBinds(certificateNames, {
          deviceId,
          serialNumber: inform.deviceId.serialNumber,
        })
      ) {
        this.logger.warn(
          `client certificate of ${certificateNames.join(', ')} from ${request.remoteAddress} refused for ${deviceId}: none of its names is the deviceId or the SerialNumber`,
        );
        return noSession(textReply(403, "the client certificate is not this device's"));
      }
    } else {
      const refused = await this.authenticate(request, deviceId);
      if (refused) return noSession(refused);
    }
    // Only after authentication: an unauthenticated caller must not learn which devices exist.
    if (this.deps.knownDevice && !(await this.deps.knownDevice(deviceId))) {
      this.logger.warn(
        `unknown device ${deviceId} from ${request.remoteAddress} refused: auto-registration is off (MERIDIAN_AUTO_REGISTER=false); register it with PUT /devices/${encodeURIComponent(deviceId)} on the NBI`,
      );
      return noSession(textReply(403, 'unknown device: auto-registration is off'));
    }

    const sessionId = randomSessionId();
    // Read with the lease: a command queued later finds the device in a session.
    const lease = () =>
      sessions.acquireLeaseWithQueue(deviceId, sessionId, this.config.sessionTimeoutMs);
    let leased = await lease();
    if (leased === null && booted(inform) && (await this.endSessionOfBootedDevice(deviceId, now))) {
      leased = await lease();
    }
    if (leased === null) {
      this.deps.metrics.rejected('device_busy');
      return noSession(
        retryLater(this.config.retryAfterSeconds, 'a session of this device is in progress'),
      );
    }
    const admission = this.deps.lingerAdmission;
    const limited = admission !== undefined && bootstraps(inform);
    // Held with the device's lease: a repeated Inform of the device meanwhile gets device_busy.
    if (limited && !(await admission.admit(sessionId))) {
      await sessions.releaseLease(deviceId, sessionId);
      this.deps.metrics.rejected('linger_limit');
      return noSession(
        retryLater(this.config.retryAfterSeconds, 'provisioning is behind, retry later'),
      );
    }
    const traceparent = newSessionTraceparent();
    try {
      // A session held for admission reads the queue again: commands may have come meanwhile.
      const queue = limited ? await sessions.queue(deviceId) : leased;
      const result = await this.run(
        { state: null, traceparent },
        message,
        { ...request, sessionId },
        queue,
        limited ? this.now() : now,
        await this.awaitedHead(deviceId, queue),
      );
      if (result.sessionId === null) admission?.end(sessionId, false);
      return result;
    } catch (error) {
      // Nothing was stored: free the device for the CPE's retry.
      admission?.end(sessionId, false);
      await sessions.releaseLease(deviceId, sessionId);
      throw error;
    }
  }

  /**
   * A CPE that booted has no session left (a reboot ends it): its BOOT or BOOTSTRAP Inform ends
   * the session still held for it, as a new Inform on that session's connection does, rather
   * than answering 503 until that session times out. True when the lease is free to take again.
   * A holder without a record is still being admitted (no reply of it sent yet): it stays.
   */
  private async endSessionOfBootedDevice(deviceId: string, now: number): Promise<boolean> {
    const { sessions } = this.deps;
    const holder = await sessions.leaseHolder(deviceId);
    if (holder === null) return true;
    const stored = await sessions.getSession<unknown>(holder);
    const record = stored === null ? null : parseRecord(stored);
    if (record === null) return false;
    this.logger.warn(
      `device ${deviceId} booted while its session ${holder} was live (its connection lost mid-session): that session ended as superseded`,
    );
    await this.finish(record, now, 'superseded');
    return true;
  }

  /**
   * Password authentication, slowed per device and per address: null when the CPE is in, else
   * the 401 or 429 to answer.
   */
  private async authenticate(request: CwmpRequest, deviceId: string): Promise<HttpReply | null> {
    const { authenticator } = this.deps;
    if (!authenticator.enabled) return null;
    const address = request.remoteAddress;
    for (const check of [
      this.failuresByDevice.check(deviceId),
      this.failuresByAddress.check(address),
    ]) {
      if (check.blocked) {
        return textReply(429, 'too many failed authentications, retry later', {
          'Retry-After': String(check.retryAfterSeconds),
        });
      }
    }
    const auth = await authenticator.authenticate(request, deviceId);
    if (auth.ok) {
      this.failuresByDevice.succeed(deviceId);
      return null;
    }
    if (auth.failed) {
      const windowSeconds = Math.round(this.config.auth.failureWindowMs / 1000);
      // One line per key and window, however hard the guessing.
      if (this.failuresByDevice.fail(deviceId)) {
        this.logger.warn(
          `${deviceId}: ${this.config.auth.maxFailuresPerDevice} failed authentications (last from ${address}); its sessions get 429 for up to ${windowSeconds} s`,
        );
      }
      if (this.failuresByAddress.fail(address)) {
        this.logger.warn(
          `${address}: ${this.config.auth.maxFailuresPerAddress} failed authentications (last for ${deviceId}); its sessions get 429 for up to ${windowSeconds} s`,
        );
      }
    }
    return unauthorized(auth.challenges);
  }

  /** The queue head's diagnostic when the CPE accepted it in an earlier session. */
  private async awaitedHead(
    deviceId: string,
    queue: readonly CommandMessage[],
  ): Promise<AwaitedDiagnostic | null> {
    const head = queue[0];
    if (head?.diagnostic === undefined) return null;
    const deadline = await this.deps.sessions.completionDeadline(deviceId, head.commandId);
    return deadline === null ? null : { commandId: head.commandId, deadline };
  }

  private async continueSession(
    record: GatewaySessionRecord,
    message: IncomingMessage,
    request: CwmpRequest,
    now: number,
  ): Promise<CwmpExchangeResult> {
    const { session } = record;
    const deviceId = session.deviceId;
    const queue =
      deviceId === null
        ? []
        : await this.deps.sessions.renewLeaseWithQueue(
            deviceId,
            session.sessionId,
            session.timeoutMs,
          );
    if (queue === null) {
      // Another session of the device took over (ours had expired): ours cannot go on.
      await this.finish(record, now, 'lease_lost');
      return noSession(retryLater(this.config.retryAfterSeconds, 'session lost, start a new one'));
    }
    return this.run(
      { state: record.session, traceparent: record.traceparent },
      message,
      request,
      queue,
      now,
    );
  }

  /** One reducer step in the session's RPC span: effects in order, then save the session, then reply. */
  private async run(
    { state, traceparent }: { state: SessionState | null; traceparent: string },
    message: IncomingMessage,
    request: CwmpRequest,
    queue: readonly CommandMessage[],
    now: number,
    awaited: AwaitedDiagnostic | null = null,
  ): Promise<CwmpExchangeResult> {
    const method = methodOf(message);
    const sessionId = state?.sessionId ?? request.sessionId ?? '';
    const handlingFrom = performance.now();
    return rpcSpan(
      traceparent,
      `cwmp ${method}`,
      async (span) => {
        // The session store's calls in this step are events on its span.
        const sessions = withSpan(this.deps.sessions, span);
        let seenQueue = queue;
        // Effects already carried out while lingering (a result the next wave awaited).
        let performedEarly: readonly SessionEffect[] = [];
        const reduce = (commands: readonly CommandMessage[]) =>
          reduceSession(
            state,
            { ...this.event(message, request, sessionId, commands), awaited },
            this.sessionConfig,
            now,
          );
        let result = await this.claimingSend(sessions, reduce, queue, state);
        const deviceId = result.state.deviceId;
        const awaiting = result.effects.find((e) => e.kind === 'awaitCommands');
        if (awaiting && deviceId !== null) {
          // First publish what this step produced: a result may be what the next wave awaits.
          const rest = result.effects.filter((e) => e !== awaiting);
          await this.perform(sessions, rest, { session: result.state, traceparent }, now, span);
          performedEarly = rest;
          const lingerFrom = this.now();
          const { commands: arrived, ended: lingerEnded } = await this.waitForCommands(
            sessions,
            result.state,
            awaiting,
          );
          this.deps.metrics.lingered(lingerEnded);
          this.deps.lingerAdmission?.observe(sessionId, {
            ended: lingerEnded,
            startedAtMs: lingerFrom,
            endedAtMs: this.now(),
          });
          if (this.now() > awaiting.until) {
            // Waited on while provisioning was behind (up to half the timeout): the lease counts
            // from now, so the CPE's next request has the whole timeout (one lost meanwhile is
            // found by that request).
            const { sessionId: id, timeoutMs } = result.state;
            await sessions.renewLease(deviceId, id, timeoutMs);
          }
          if (arrived) span.addEvent('cwmp.linger', { queued: arrived.length });
          seenQueue = arrived ?? seenQueue;
          const lingered = result.state;
          result = await this.claimingSend(
            sessions,
            (commands) => resumeAcsTurn(lingered, commands, this.sessionConfig, this.now()),
            arrived ?? [],
            lingered,
          );
        }
        const next = result.state;
        if (next.deviceId !== null) span.setAttribute('cwmp.device_id', next.deviceId);
        const ended = await this.perform(
          sessions,
          result.effects,
          { session: next, traceparent },
          now,
          span,
        );
        const live = !ended && next.phase !== 'awaitingInform';
        if (live) {
          // The reducer may have lengthened the timeout (a CPE's SessionTimeout header).
          await sessions.putSession<GatewaySessionRecord>(
            next.sessionId,
            { session: next, traceparent },
            next.timeoutMs,
          );
          if (
            state === null &&
            next.deviceId !== null &&
            next.timeoutMs > this.config.sessionTimeoutMs
          ) {
            await sessions.renewLease(next.deviceId, next.sessionId, next.timeoutMs);
          }
          this.deps.liveSessions.touch(next.sessionId, now);
          this.deps.lingerAdmission?.touch(next.sessionId);
        }
        const startsSession = state === null && live;
        if (state === null && next.deviceId !== null) {
          const events = informOf(message)?.event.map((e) => e.eventCode) ?? [];
          this.deps.metrics.started(next.cwmpVersion, events, queue.length);
        }
        const step: SessionStep = {
          cpeRpc: cpeRequestOf(message),
          handledMs: performance.now() - handlingFrom,
          reply: result.reply,
          answered: state?.inFlight ?? null,
          effects: [...performedEarly, ...result.effects],
          sent: next.inFlight?.cwmpId !== state?.inFlight?.cwmpId ? next.inFlight : null,
          now: this.now(),
          createdAt: (commandId) => seenQueue.find((c) => c.commandId === commandId)?.createdAt,
        };
        this.deps.metrics.step(step);
        if (span.isRecording()) span.setAttributes(stepSpanAttributes(step));
        return {
          reply: this.httpReply(result.reply, startsSession ? next.sessionId : undefined),
          sessionId: live ? next.sessionId : null,
        };
      },
      { 'cwmp.session_id': sessionId, 'cwmp.method': method },
    );
  }

  /**
   * A step whose new ACS request is first marked sent in the session store, so from then on it cannot
   * be cancelled; a command cancelled since the queue was read is left out and the step taken
   * again (the reducer is pure: nothing of the first try was performed).
   */
  private async claimingSend(
    sessions: SessionStore,
    step: (queue: readonly CommandMessage[]) => StepResult,
    queue: readonly CommandMessage[],
    before: SessionState | null,
  ): Promise<StepResult> {
    let commands = queue;
    for (;;) {
      const result = step(commands);
      const { deviceId, inFlight } = result.state;
      if (deviceId === null || inFlight === null || inFlight.cwmpId === before?.inFlight?.cwmpId) {
        return result;
      }
      if (await sessions.markSent(deviceId, inFlight.commandId)) return result;
      commands = commands.filter((command) => command.commandId !== inFlight.commandId);
    }
  }

  /**
   * Holds the session open until a command arrives (its queue), the producer marks the device
   * idle after what this session did last (idleEndsLinger), or the wait runs out: `until`, then
   * a lingerMs more at a time while provisioning is behind or still working on a message
   * (DOWNSTREAM_BACKLOG above 0: the session's last message may be among them), never past
   * `deadline`. `commands` null unless a command came. The store wakes the wait on a change of
   * the queue or the marker (`queueChanged`: at once in the all-in-one, every 25 ms on Redis).
   */
  private async waitForCommands(
    sessions: SessionStore,
    state: SessionState,
    { until, deadline }: { until: number; deadline: number },
  ): Promise<{ commands: readonly CommandMessage[] | null; ended: LingerEnd }> {
    const { deviceId, finishedCommandIds: finished } = state;
    if (deviceId === null) return { commands: null, ended: 'caught_up' };
    let end = until;
    for (;;) {
      while (this.now() < end) {
        await sessions.queueChanged(deviceId, end);
        const { queue, idleAfter } = await sessions.queueAndIdleMarker(deviceId);
        if (queue.some((command) => !finished.includes(command.commandId))) {
          return { commands: queue, ended: 'command' };
        }
        if (idleEndsLinger(state, idleAfter)) {
          return { commands: null, ended: 'idle' };
        }
      }
      const pending = this.deps.downstreamBacklog?.().pending ?? 0;
      if (pending === 0 || end >= deadline) {
        const ended = pending === 0 ? 'caught_up' : 'cap';
        this.logger.debug(
          `session ${state.sessionId} of ${deviceId}: linger ended (${ended}) after ${this.now() - until + this.config.lingerMs} ms, ${pending} messages behind`,
        );
        return { commands: null, ended };
      }
      end = Math.min(deadline, this.now() + this.config.lingerMs);
    }
  }

  /** Performs the effects in order, each awaited: a result is acknowledged before its removal. */
  private async perform(
    sessions: SessionStore,
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
            spanTraceHeaders(span),
          );
          break;
        case 'removeCommand':
          await sessions.remove(effect.deviceId, effect.commandId);
          break;
        case 'awaitCompletion':
          await sessions.awaitCompletion(effect.deviceId, effect.commandId, effect.deadline);
          break;
        case 'clearCompletion':
          await sessions.clearCompletion(effect.deviceId, effect.commandId);
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
  private async finish(
    record: GatewaySessionRecord,
    now: number,
    end: SessionEnd = 'ok',
  ): Promise<void> {
    const { session } = record;
    const error = end === 'ok' ? undefined : ABNORMAL_ENDS[end];
    if (session.deviceId === null) {
      await this.deps.sessions.deleteSession(session.sessionId);
    } else {
      const queue = await this.deps.sessions.endSession(session.sessionId, session.deviceId);
      if (error === undefined) this.deps.onSessionEnded?.(session.deviceId, queue);
    }
    this.deps.liveSessions.end(session.sessionId);
    this.deps.lingerAdmission?.end(session.sessionId, end === 'ok');
    this.deps.metrics.ended(session.cwmpVersion, end, now - session.startedAt);
    endSessionSpan({
      traceparent: record.traceparent,
      startTime: session.startedAt,
      endTime: now,
      attributes: () => ({
        'cwmp.session_id': session.sessionId,
        'cwmp.device_id': session.deviceId ?? '',
        'cwmp.gateway_id': this.config.gatewayId,
      }),
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
        return { headers, ...encodeReply(reply) };
      }
      case 'noContent':
        return { status: 204, headers: {} };
      case 'httpError':
        return textReply(reply.status, reply.reason);
    }
  }
}

/**
 * The reply's XML. The reducer only sends commands the encoder accepts; an answer to a CPE
 * request built from what the CPE sent may still fall outside the schema (a Kicked whose Next
 * is longer than NextURL may be): that CPE gets fault 8002, never a bare HTTP 500.
 */
function encodeReply(reply: Extract<SessionReply, { kind: 'envelope' }>): {
  status: number;
  body: string;
} {
  try {
    return { status: reply.status, body: encodeEnvelope(reply.envelope) };
  } catch (error) {
    if (!(error instanceof CwmpEncodeError)) throw error;
    const { cwmpVersion, header } = reply.envelope;
    const fault = cwmpFault(8002, `Internal error: ${error.message}`);
    const faultHeader = header.id === undefined ? {} : { id: header.id };
    return {
      status: 500,
      body: encodeEnvelope({ cwmpVersion, header: faultHeader, body: fault }),
    };
  }
}

/** A stored record, checked: it is untyped JSON from the session store. */
function parseRecord(stored: unknown): GatewaySessionRecord | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const { session, traceparent } = stored as Partial<Record<keyof GatewaySessionRecord, unknown>>;
  if (typeof traceparent !== 'string') return null;
  try {
    return { session: parseSessionState(session), traceparent };
  } catch (error) {
    if (error instanceof SessionStateError) return null;
    throw error;
  }
}

const noSession = (reply: HttpReply): CwmpExchangeResult => ({ reply, sessionId: null });

const unauthorized = (challenges: string[]): HttpReply =>
  textReply(401, 'authentication required', { 'WWW-Authenticate': challenges });

/** An Inform carrying "6 CONNECTION REQUEST": the CPE answers the ACS's connection request. */
function answersConnectionRequest(message: IncomingMessage | undefined): boolean {
  const inform = message === undefined ? undefined : informOf(message);
  return inform?.event.some((event) => event.eventCode === '6 CONNECTION REQUEST') ?? false;
}

/** A first contact: its session waits on provisioning's discovery and presets (it lingers). */
const bootstraps = (inform: Inform): boolean =>
  inform.event.some((event) => event.eventCode === '0 BOOTSTRAP');

const booted = (inform: Inform): boolean =>
  inform.event.some((event) => event.eventCode === '1 BOOT' || event.eventCode === '0 BOOTSTRAP');

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

/** The CPE-initiated RPC of a request (Inform, TransferComplete, …); an unknown one as "unknown". */
function cpeRequestOf(message: IncomingMessage): string | undefined {
  if (message.kind === 'unknownMethod') return 'unknown';
  if (message.kind !== 'envelope') return undefined;
  const name = message.envelope.body.name;
  return name === 'Fault' || name.endsWith('Response') ? undefined : name;
}

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
