import {
  CPE_METHODS,
  cwmpFault,
  isMethodInVersion,
  deviceIdOf,
  negotiateCwmpVersion,
  type CpeMethodRequest,
  type CpeMethodResponse,
  type CwmpBody,
  type CwmpEnvelope,
  type CwmpFault,
  type CwmpHeader,
  type CwmpVersion,
  type Inform,
} from '@meridian/cwmp';
import {
  SCHEMA_VERSION,
  type CommandMessage,
  type DiagnosticRequest,
  type DiagnosticResult,
  type EventMessage,
  type InformMessage,
  type ResultMessage,
} from '@meridian/contracts';
import {
  DIAGNOSTIC_ERROR_FAULT,
  dataModelOf,
  diagnosticExpiredReason,
  diagnosticTimeoutMs,
  diagnosticObjectPath,
  parseResults,
  requestParameters,
  validateDiagnostic,
} from '@meridian/diagnostics';
import {
  isCommandExpired,
  recoverCommand,
  unsendableFault,
  wireKeyOf,
  withCommandKey,
} from './commands';
import { answerCpeRequest, isCpeRequest, isCpeRequestName } from './cpe-requests';
import { initialSession, isExpired } from './state';
import type {
  IncomingMessage,
  InFlightRequest,
  SessionConfig,
  SessionEffect,
  SessionEvent,
  SessionReply,
  SessionState,
  StepResult,
} from './types';

/** Upper bound on a CPE's SessionTimeout header, so one device cannot pin state for days. */
export const MAX_CPE_SESSION_TIMEOUT_MS = 60 * 60 * 1000;

/** Every method the ACS may send; a CPE response is one of these names + "Response". */
const CPE_METHOD_NAMES: ReadonlySet<string> = new Set(CPE_METHODS);

function isCpeResponse(body: CwmpBody): body is CpeMethodResponse {
  return (
    body.name.endsWith('Response') && CPE_METHOD_NAMES.has(body.name.slice(0, -'Response'.length))
  );
}

/** What every handler of an established session needs. */
interface Context {
  state: SessionState;
  deviceId: string;
  event: SessionEvent;
  config: SessionConfig;
  now: number;
}

/**
 * The CWMP session state machine: one call per HTTP POST of a session. Pure: the gateway loads
 * `state` (null for a request without a live session), performs `effects` in order, stores
 * `state` (or deletes it on endSession) and sends `reply`. See README.md.
 */
export function reduceSession(
  state: SessionState | null,
  event: SessionEvent,
  config: SessionConfig,
  now: number,
): StepResult {
  if (state !== null && state.phase !== 'ended' && !isExpired(state, now)) {
    return step(state, event, config, now);
  }
  // No live session: this request starts one. A dead session's in-flight command is still
  // queued, and the recovery check of the coming Inform decides on it.
  const fresh = step(
    initialSession(event.newSessionId, config.sessionTimeoutMs, now),
    event,
    config,
    now,
  );
  if (state === null || state.phase === 'ended') return fresh;
  const stale: SessionEffect[] = [
    { kind: 'warn', message: `session ${state.sessionId} timed out in phase ${state.phase}` },
    endSession(state),
  ];
  return { ...fresh, effects: [...stale, ...fresh.effects] };
}

/**
 * The ACS's turn once more, for a session whose step found nothing to send and was held open
 * while commands arrived (awaitCommands): sends the first due command of `queue`, or ends the
 * session, without waiting again. `ended` is the state that step returned.
 */
export function resumeAcsTurn(
  ended: SessionState,
  queue: SessionEvent['queue'],
  config: SessionConfig,
  now: number,
): StepResult {
  if (ended.deviceId === null) throw new Error('resumeAcsTurn: the session has no device');
  const state: SessionState = { ...ended, phase: 'cpeRequests', lastActivityAt: now };
  const event: SessionEvent = {
    message: { kind: 'empty' },
    newSessionId: '',
    remoteAddress: '',
    queue,
  };
  const noLinger = { ...config, lingerMs: 0 };
  return acsTurn({ state, deviceId: ended.deviceId, event, config: noLinger, now }, state, []);
}

function step(
  state: SessionState,
  event: SessionEvent,
  config: SessionConfig,
  now: number,
): StepResult {
  // The answer to a command of a producer that reacts to results: its next wave is coming.
  const source = state.inFlight?.source;
  const lingerSource = source !== undefined && (config.lingerSources ?? []).includes(source);
  const touched: SessionState = {
    ...state,
    lastActivityAt: now,
    counters: { ...state.counters, httpRequests: state.counters.httpRequests + 1 },
    ...(lingerSource ? { linger: true as const } : {}),
  };
  if (touched.phase === 'awaitingInform' || touched.deviceId === null) {
    return firstRequest(touched, event, config, now);
  }
  const ctx: Context = { state: touched, deviceId: touched.deviceId, event, config, now };
  const message = event.message;
  switch (message.kind) {
    case 'empty':
      return onEmptyPost(ctx);
    case 'envelope':
      return onEnvelope(ctx, message.envelope);
    case 'unknownMethod':
      // TR-069 A.5.1: 8000 Method not supported; the session goes on.
      return faultReply(
        ctx.state,
        message.header.id,
        8000,
        `Method not supported: ${message.method}`,
      );
    case 'malformed':
      return onMalformed(ctx, message);
  }
}

// ------------------------------------------------------------------ session start (§3.7.1.1)

function firstRequest(
  state: SessionState,
  event: SessionEvent,
  config: SessionConfig,
  now: number,
): StepResult {
  const message = event.message;
  if (message.kind === 'envelope' && message.envelope.body.name === 'Inform') {
    return acceptInform(state, message.envelope as CwmpEnvelope<Inform>, event, config, now);
  }
  // §3.7.1.1: a session begins with an Inform. Without a session there is nothing to answer a
  // SOAP fault in, so the HTTP request is refused; the CPE retries with a new session.
  return end(state, [], {
    kind: 'httpError',
    status: 400,
    reason: `no CWMP session: the first request must be an Inform, got ${describe(message)}`,
  });
}

function acceptInform(
  state: SessionState,
  envelope: CwmpEnvelope<Inform>,
  event: SessionEvent,
  config: SessionConfig,
  now: number,
): StepResult {
  const inform = envelope.body;
  const header = envelope.header;
  const negotiation = negotiateCwmpVersion(
    header.supportedCWMPVersions,
    envelope.cwmpVersion,
    config.cwmpVersions,
  );
  if (negotiation.kind === 'incompatible') {
    const fault = cwmpFault(
      8006,
      `ACS version incompatible with CPE: supports ${config.cwmpVersions.join(',')}`,
    );
    return end(
      { ...state, cwmpVersion: envelope.cwmpVersion },
      [],
      faultEnvelope(envelope.cwmpVersion, header.id, fault),
    );
  }
  const deviceId = deviceIdOf(inform.deviceId);
  const cwmpVersion = negotiation.kind === 'use' ? negotiation.cwmpVersion : envelope.cwmpVersion;
  const time = new Date(now).toISOString();
  const informMessage: InformMessage = {
    schemaVersion: SCHEMA_VERSION,
    deviceId,
    deviceIdStruct: inform.deviceId,
    events: inform.event,
    parameterList: inform.parameterList,
    retryCount: inform.retryCount,
    currentTime: inform.currentTime,
    sessionId: state.sessionId,
    gatewayId: config.gatewayId,
    cwmpVersion,
    remoteAddress: event.remoteAddress,
    time,
  };
  const effects: SessionEffect[] = [
    { kind: 'publish', topic: 'cwmp.inform', key: deviceId, message: informMessage },
  ];
  let finishedCommandIds = state.finishedCommandIds;
  let results = state.counters.results;
  // Only the head can have been in flight when a previous session died: commands go in order.
  const head = event.queue.find((c) => c.deviceId === deviceId);
  let awaited =
    head !== undefined && event.awaited?.commandId === head.commandId ? event.awaited : null;
  if (head !== undefined && awaited === null) {
    const decision = recoverCommand(head, inform);
    if (decision.action === 'await') {
      // Accepted before a crash lost the record of it: its deadline counts from now.
      awaited = { commandId: head.commandId, deadline: now + diagnosticTimeoutMs(head.diagnostic) };
      effects.push({ kind: 'awaitCompletion', deviceId, ...awaited });
    } else if (decision.action === 'reportDone') {
      effects.push(
        publishResult(deviceId, sentAs(head), now, {
          outcome: 'done',
          response: decision.response,
        }),
        { kind: 'removeCommand', deviceId, commandId: head.commandId },
      );
      finishedCommandIds = [...finishedCommandIds, head.commandId];
      results += 1;
    }
  }
  if (inform.event.some((e) => e.eventCode === DIAGNOSTICS_COMPLETE)) {
    effects.push(
      publishEvent(
        { deviceId, state, config, now },
        {
          name: 'DiagnosticsComplete',
          ...(awaited !== null ? { commandId: awaited.commandId } : {}),
        },
      ),
    );
  }
  const replyHeader: CwmpHeader = idHeader(header.id);
  if (negotiation.kind === 'use') replyHeader.useCWMPVersion = negotiation.useCwmpVersion;
  return {
    state: {
      ...state,
      phase: 'cpeRequests',
      deviceId,
      cwmpVersion,
      useCwmpVersion: negotiation.kind === 'use' ? negotiation.useCwmpVersion : null,
      dataModel: dataModelOf(inform.parameterList.map((p) => p.name)) ?? null,
      awaited,
      timeoutMs: sessionTimeoutMs(config, header.sessionTimeout),
      finishedCommandIds,
      counters: { ...state.counters, cpeRequests: state.counters.cpeRequests + 1, results },
      // A new device's discovery and presets follow its first Inform.
      ...(inform.event.some((e) => e.eventCode === '0 BOOTSTRAP') ? { linger: true as const } : {}),
    },
    // A.3.3.1: MaxEnvelopes in the InformResponse is 1.
    reply: ok(cwmpVersion, replyHeader, { name: 'InformResponse', maxEnvelopes: 1 }),
    effects,
  };
}

/** A CPE's SessionTimeout header (seconds, cwmp-1-3) can lengthen the session, never shorten it. */
function sessionTimeoutMs(config: SessionConfig, headerSeconds: number | undefined): number {
  if (headerSeconds === undefined || !Number.isFinite(headerSeconds))
    return config.sessionTimeoutMs;
  return Math.max(
    config.sessionTimeoutMs,
    Math.min(headerSeconds * 1000, MAX_CPE_SESSION_TIMEOUT_MS),
  );
}

// ------------------------------------------------------------------ established session

function onEnvelope(ctx: Context, envelope: CwmpEnvelope): StepResult {
  const body = envelope.body;
  const id = envelope.header.id;
  if (body.name === 'Inform') {
    // §3.7.1.1: one Inform per session. 8001 (request denied), not 8002 (internal error) or
    // 8005 (retry request), which would invite the CPE to send it again.
    return faultReply(ctx.state, id, 8001, 'Inform already accepted in this session');
  }
  if (isCpeRequest(body) && !isMethodInVersion(body.name, ctx.state.cwmpVersion)) {
    // A method the session's CWMP version lacks (DUStateChangeComplete in cwmp-1-0): its answer
    // does not exist in that version either. A.5.1 8000, the session goes on.
    return faultReply(
      ctx.state,
      id,
      8000,
      `Method not supported in cwmp-${ctx.state.cwmpVersion}: ${body.name}`,
    );
  }
  if (isCpeRequest(body)) {
    // With MaxEnvelopes 1 a reply carries one envelope: the answer, never an ACS request. That
    // is also what a CPE's HoldRequests=true asks for.
    const answer = answerCpeRequest(body);
    const effects: SessionEffect[] = answer.event === null ? [] : [publishEvent(ctx, answer.event)];
    const state = {
      ...ctx.state,
      counters: { ...ctx.state.counters, cpeRequests: ctx.state.counters.cpeRequests + 1 },
    };
    return { state, reply: ok(state.cwmpVersion, idHeader(id), answer.response), effects };
  }
  if (body.name === 'Fault' || isCpeResponse(body)) return onResponse(ctx, body, envelope.header);
  // A method the ACS does not implement (e.g. a CPE method sent to the ACS): A.5.1 8000.
  return faultReply(ctx.state, id, 8000, `Method not supported: ${body.name}`);
}

/** §3.7.2.3: the CPE's response or Fault to the ACS request in flight. */
function onResponse(
  ctx: Context,
  body: CpeMethodResponse | CwmpFault,
  header: CwmpHeader,
): StepResult {
  const inFlight = ctx.state.inFlight;
  if (inFlight === null) {
    const warn = `${body.name} with no ACS request in flight: ignored`;
    return acsTurn(ctx, ctx.state, [{ kind: 'warn', message: warn }]);
  }
  const effects: SessionEffect[] = [];
  if (header.id !== inFlight.cwmpId) {
    // With one request in flight there is nothing else it can answer; many CPEs echo no ID.
    effects.push({
      kind: 'warn',
      message: `cwmp:ID ${header.id ?? '(none)'} does not match ${inFlight.cwmpId}: matched to the only request in flight`,
    });
  }
  const method = inFlight.rpc.name;
  if (body.name !== 'Fault' && body.name !== `${method}Response`) {
    // Not an answer to our request: keep the command queued (the next session resends or
    // recovers it) rather than guess an outcome.
    effects.push({ kind: 'warn', message: `${body.name} does not answer ${method}` });
    return end(ctx.state, effects, {
      kind: 'httpError',
      status: 400,
      reason: `expected ${method}Response or Fault, got ${body.name}`,
    });
  }
  if (inFlight.diagnostic !== undefined && body.name !== 'Fault') {
    return onDiagnosticResponse(ctx, inFlight, inFlight.diagnostic, body, effects);
  }
  if (inFlight.diagnostic?.step === 'results') {
    // The results could not be read: the command ends with that fault, so stop awaiting it.
    effects.push({
      kind: 'clearCompletion',
      deviceId: ctx.deviceId,
      commandId: inFlight.commandId,
    });
  }
  const outcome: ResultOutcome =
    body.name === 'Fault'
      ? {
          outcome: 'fault',
          fault: {
            faultCode: body.faultCode,
            faultString: body.faultString,
            ...(body.setParameterValuesFault.length > 0
              ? { setParameterValuesFault: body.setParameterValuesFault }
              : {}),
          },
        }
      : { outcome: 'done', response: body };
  return acsTurn(
    ctx,
    ...finish(ctx, { ...ctx.state, phase: 'cpeRequests' }, inFlight, outcome, effects),
  );
}

/**
 * A diagnostic's step answered: the request accepted (the CPE runs the test once this session
 * is over: end it, the command stays queued and awaited), or its results read.
 */
function onDiagnosticResponse(
  ctx: Context,
  inFlight: InFlightRequest,
  diagnostic: NonNullable<InFlightRequest['diagnostic']>,
  body: CpeMethodResponse,
  effects: SessionEffect[],
): StepResult {
  const state: SessionState = { ...ctx.state, phase: 'cpeRequests', inFlight: null };
  if (diagnostic.step === 'request') {
    const awaited = {
      commandId: inFlight.commandId,
      deadline: ctx.now + diagnosticTimeoutMs(diagnostic.request),
    };
    effects.push({ kind: 'awaitCompletion', deviceId: ctx.deviceId, ...awaited });
    return end({ ...state, awaited }, effects, { kind: 'noContent' });
  }
  const parameterList = body.name === 'GetParameterValuesResponse' ? body.parameterList : [];
  const parsed = parseResults(
    diagnostic.request.kind,
    ctx.state.dataModel ?? 'tr-181',
    parameterList,
  );
  if (parsed.status === 'running') {
    // Still Requested: the test has not finished (or has not started); keep awaiting it.
    return end(state, effects, { kind: 'noContent' });
  }
  const outcome: ResultOutcome =
    parsed.status === 'complete'
      ? { outcome: 'done', response: body, diagnosticResult: parsed.result }
      : {
          outcome: 'fault',
          fault: {
            faultCode: DIAGNOSTIC_ERROR_FAULT,
            faultString: parsed.result.diagnosticsState || 'no DiagnosticsState',
          },
          diagnosticResult: parsed.result,
        };
  effects.push({ kind: 'clearCompletion', deviceId: ctx.deviceId, commandId: inFlight.commandId });
  return acsTurn(ctx, ...finish(ctx, { ...state, awaited: null }, inFlight, outcome, effects));
}

/** Publishes a command's outcome, then removes it from the queue: the session goes on. */
function finish(
  ctx: Context,
  from: SessionState,
  command: SentCommand,
  outcome: ResultOutcome,
  effects: SessionEffect[],
): [SessionState, SessionEffect[]] {
  const state: SessionState = {
    ...from,
    inFlight: null,
    finishedCommandIds: [...from.finishedCommandIds, command.commandId],
    counters: { ...from.counters, results: from.counters.results + 1 },
  };
  return [
    state,
    [
      ...effects,
      publishResult(ctx.deviceId, command, ctx.now, outcome),
      { kind: 'removeCommand', deviceId: ctx.deviceId, commandId: command.commandId },
    ],
  ];
}

/** §3.7.1.3: an empty POST says the CPE has no more requests; the ACS's turn begins. */
function onEmptyPost(ctx: Context): StepResult {
  const inFlight = ctx.state.inFlight;
  if (inFlight === null) return acsTurn(ctx, ctx.state, []);
  // The CPE owes a response (§3.7.1.2) and sent nothing: end here, the command stays queued.
  const warn = `empty POST while ${inFlight.rpc.name} ${inFlight.cwmpId} awaits its response`;
  return end(ctx.state, [{ kind: 'warn', message: warn }], { kind: 'noContent' });
}

function onMalformed(
  ctx: Context,
  message: Extract<IncomingMessage, { kind: 'malformed' }>,
): StepResult {
  const method = message.method;
  if (method !== undefined && (method === 'Inform' || isCpeRequestName(method))) {
    // A CPE request with bad arguments: A.5.1 8003, and the session goes on.
    return faultReply(ctx.state, message.header?.id, 8003, `Invalid arguments: ${message.reason}`);
  }
  // An undecodable response cannot be matched to an outcome: keep the command queued.
  return end(ctx.state, [{ kind: 'warn', message: `malformed message: ${message.reason}` }], {
    kind: 'httpError',
    status: 400,
    reason: message.reason,
  });
}

// ------------------------------------------------------------------ ACS requests (§3.7.2.3)

/**
 * Sends the first queued command still due, or ends the session when there is none. A command
 * that expired, or that this device cannot take (its CWMP version lacks the method or the
 * argument), gets its result here and leaves the queue: one command never blocks the next.
 */
function acsTurn(ctx: Context, from: SessionState, effectsSoFar: SessionEffect[]): StepResult {
  let effects = [...effectsSoFar];
  let state = from;
  for (const command of ctx.event.queue) {
    // Another device's command would be a wiring bug of the caller: never send it here.
    if (command.deviceId !== ctx.deviceId) continue;
    if (state.finishedCommandIds.includes(command.commandId)) continue;
    if (command.diagnostic !== undefined) {
      const turn = diagnosticTurn(ctx, state, command, command.diagnostic, effects);
      if ('reply' in turn) return turn;
      [state, effects] = [turn.state, turn.effects];
      continue;
    }
    const sent = sentAs(command);
    if (isCommandExpired(command, ctx.now) || sent.rpc === undefined) {
      [state, effects] = finish(ctx, state, sent, { outcome: 'expired' }, effects);
      continue;
    }
    const unsendable = unsendableFault(sent.rpc, state.cwmpVersion);
    if (unsendable === null) return send(state, { ...sent, rpc: sent.rpc }, effects, ctx.now);
    [state, effects] = finish(ctx, state, sent, { outcome: 'fault', fault: unsendable }, [
      ...effects,
      { kind: 'warn', message: `${sent.rpc.name} ${command.commandId}: ${unsendable.faultString}` },
    ]);
  }
  // §3.7.2.4: nothing more to send; the empty response ends the session.
  return endOrLinger(ctx, state, effects);
}

/**
 * Whether a producer's idle marker (`after`: the commandId of the last result it handled, or the
 * sessionId of the Inform) ends the wait of a session held open by awaitCommands: only a marker
 * about what the session did last does; an older one (its producer has not yet seen the latest
 * result) does not.
 */
export function idleEndsLinger(state: SessionState, after: string | null): boolean {
  return after !== null && after === (state.finishedCommandIds.at(-1) ?? state.sessionId);
}

/**
 * A session with nothing to send ends, unless more commands are likely: then it waits lingerMs
 * for them (provisioning is a separate consumer, its next wave comes a few ms after each result),
 * and on while that producer is behind, up to lingerMaxMs, so a wave costs no connection request
 * and no new session. The cap stays within half the session's timeout: the device's lease,
 * renewed by each request, must outlast the wait and the CPE's next request.
 */
function endOrLinger(ctx: Context, state: SessionState, effects: SessionEffect[]): StepResult {
  const lingerMs = ctx.config.lingerMs ?? 0;
  // A diagnostic the CPE runs once the session is over blocks the queue: nothing to wait for.
  if (state.linger !== true || lingerMs <= 0 || state.awaited !== null) {
    return end(state, effects, { kind: 'noContent' });
  }
  const capMs = Math.max(
    lingerMs,
    Math.min(ctx.config.lingerMaxMs ?? lingerMs, Math.floor(state.timeoutMs / 2)),
  );
  return {
    state,
    reply: { kind: 'noContent' },
    effects: [
      ...effects,
      { kind: 'awaitCommands', until: ctx.now + lingerMs, deadline: ctx.now + capMs },
    ],
  };
}

/**
 * A diagnostic at the head of the queue: the one the CPE runs blocks the queue until its results
 * are read (TR-069 allows one test per object at a time, and the ParameterKey proving it was
 * requested must not be overwritten) or its deadline passes; a new one is requested. Returns the
 * step when something is sent or the session ends, else the state the loop goes on with.
 */
function diagnosticTurn(
  ctx: Context,
  state: SessionState,
  command: CommandMessage,
  request: DiagnosticRequest,
  effects: SessionEffect[],
): StepResult | { state: SessionState; effects: SessionEffect[] } {
  const objectPath =
    state.dataModel === null ? undefined : diagnosticObjectPath(request.kind, state.dataModel);
  const sent = producerOf(command);
  if (state.awaited?.commandId === command.commandId) {
    if (ctx.now > state.awaited.deadline) {
      const [next, more] = finish(
        ctx,
        { ...state, awaited: null },
        sent,
        { outcome: 'expired', reason: diagnosticExpiredReason(request) },
        [
          ...effects,
          { kind: 'clearCompletion', deviceId: ctx.deviceId, commandId: command.commandId },
        ],
      );
      return { state: next, effects: more };
    }
    if (objectPath === undefined) return end(state, effects, { kind: 'noContent' });
    // Read whether or not this Inform said "8 DIAGNOSTICS COMPLETE": the session that carried
    // it may have died before its results were read.
    const rpc: CpeMethodRequest = { name: 'GetParameterValues', parameterNames: [objectPath] };
    return send(
      state,
      { ...sent, rpc, diagnostic: { step: 'results', request } },
      effects,
      ctx.now,
    );
  }
  if (isCommandExpired(command, ctx.now)) {
    const [next, more] = finish(ctx, state, sent, { outcome: 'expired' }, effects);
    return { state: next, effects: more };
  }
  // A producer on Kafka may not have checked it as the NBI does.
  const valid = validateDiagnostic(request);
  const parameters = !valid.ok
    ? valid
    : state.dataModel === null
      ? ({ ok: false, reason: 'the root data model of the device is unknown' } as const)
      : requestParameters(request, state.dataModel);
  if (!parameters.ok) {
    const [next, more] = finish(
      ctx,
      state,
      sent,
      { outcome: 'rejected', reason: parameters.reason },
      effects,
    );
    return { state: next, effects: more };
  }
  // Its ParameterKey is the wire key: crash recovery finds it in the next Inform. The inputs
  // passed validateDiagnostic (the data model's types and ranges), so the encoder takes them.
  const rpc: CpeMethodRequest = {
    name: 'SetParameterValues',
    parameterList: parameters.value,
    parameterKey: wireKeyOf(command.commandId),
  };
  return send(state, { ...sent, rpc, diagnostic: { step: 'request', request } }, effects, ctx.now);
}

function send(
  state: SessionState,
  command: Omit<InFlightRequest, 'cwmpId' | 'sentAt'>,
  effects: SessionEffect[],
  now: number,
): StepResult {
  const sequence = state.counters.acsRequests + 1;
  // Deterministic, so a replayed step sends the same ID; unique, as sessionIds are.
  const cwmpId = `${state.sessionId}-${sequence}`;
  const { rpc, diagnostic, fileName } = command;
  return {
    state: {
      ...state,
      phase: 'awaitingResponse',
      inFlight: {
        cwmpId,
        commandId: command.commandId,
        ...(command.taskId !== undefined ? { taskId: command.taskId } : {}),
        source: command.source,
        rpc,
        ...(fileName !== undefined ? { fileName } : {}),
        ...(diagnostic !== undefined ? { diagnostic } : {}),
        sentAt: now,
      },
      counters: { ...state.counters, acsRequests: sequence },
    },
    reply: ok(state.cwmpVersion, { id: cwmpId }, rpc),
    effects,
  };
}

// ------------------------------------------------------------------ helpers

type ResultOutcome = (
  | { outcome: 'done'; response: CpeMethodResponse }
  | { outcome: 'fault'; fault: Extract<ResultMessage, { outcome: 'fault' }>['fault'] }
  | { outcome: 'expired'; reason?: string }
  | { outcome: 'rejected'; reason: string }
) & { diagnosticResult?: DiagnosticResult };

/**
 * What a result names of its command: who asked, and the RPC as it is (or would be) sent; none
 * for a diagnostic that ends before an RPC of it was sent.
 */
interface SentCommand {
  commandId: string;
  /** The command's task, when it is one step of several (echoed in its ResultMessage). */
  taskId?: string;
  source: string;
  rpc?: CpeMethodRequest;
  fileName?: string;
}

/** Who a command's result goes to: its commandId, taskId (if any) and producer. */
const producerOf = (command: CommandMessage): SentCommand => ({
  commandId: command.commandId,
  ...(command.taskId !== undefined ? { taskId: command.taskId } : {}),
  source: command.source,
});

/** "8 DIAGNOSTICS COMPLETE" (TR-069 Table 7). */
const DIAGNOSTICS_COMPLETE = '8 DIAGNOSTICS COMPLETE';

/** The command with its ParameterKey/CommandKey = its wire key, as the CPE gets it. */
function sentAs(command: CommandMessage): SentCommand {
  return {
    ...producerOf(command),
    ...(command.rpc !== undefined ? { rpc: withCommandKey(command.rpc, command.commandId) } : {}),
    ...(command.fileName !== undefined ? { fileName: command.fileName } : {}),
  };
}

function publishResult(
  deviceId: string,
  command: SentCommand,
  now: number,
  outcome: ResultOutcome,
): SessionEffect {
  const message: ResultMessage = {
    schemaVersion: SCHEMA_VERSION,
    commandId: command.commandId,
    ...(command.taskId !== undefined ? { taskId: command.taskId } : {}),
    deviceId,
    source: command.source,
    time: new Date(now).toISOString(),
    ...(command.fileName !== undefined ? { fileName: command.fileName } : {}),
    ...(command.rpc !== undefined ? { rpc: command.rpc } : {}),
    ...outcome,
  };
  return { kind: 'publish', topic: 'cwmp.results', key: deviceId, message };
}

function publishEvent(
  ctx: Pick<Context, 'deviceId' | 'state' | 'config' | 'now'>,
  rpc: EventMessage['rpc'],
): SessionEffect {
  const message: EventMessage = {
    schemaVersion: SCHEMA_VERSION,
    deviceId: ctx.deviceId,
    sessionId: ctx.state.sessionId,
    gatewayId: ctx.config.gatewayId,
    time: new Date(ctx.now).toISOString(),
    rpc,
  };
  return { kind: 'publish', topic: 'cwmp.events', key: ctx.deviceId, message };
}

function endSession(state: SessionState): SessionEffect {
  return { kind: 'endSession', sessionId: state.sessionId, deviceId: state.deviceId };
}

function end(state: SessionState, effects: SessionEffect[], reply: SessionReply): StepResult {
  const ended: SessionState = { ...state, phase: 'ended', inFlight: null };
  return { state: ended, reply, effects: [...effects, endSession(ended)] };
}

/** A.2.2: the response to a request carries the request's cwmp:ID. */
function idHeader(id: string | undefined): CwmpHeader {
  return id === undefined ? {} : { id };
}

function ok(cwmpVersion: CwmpVersion, header: CwmpHeader, body: CwmpBody): SessionReply {
  return { kind: 'envelope', status: 200, envelope: { cwmpVersion, header, body } };
}

function faultEnvelope(
  cwmpVersion: CwmpVersion,
  id: string | undefined,
  fault: CwmpFault,
): SessionReply {
  return {
    kind: 'envelope',
    status: 500,
    envelope: { cwmpVersion, header: idHeader(id), body: fault },
  };
}

/** Answers a CPE request with an ACS fault (A.5.1); the session state is unchanged. */
function faultReply(
  state: SessionState,
  id: string | undefined,
  code: number,
  reason: string,
): StepResult {
  return {
    state,
    reply: faultEnvelope(state.cwmpVersion, id, cwmpFault(code, reason)),
    effects: [],
  };
}

function describe(message: IncomingMessage): string {
  switch (message.kind) {
    case 'empty':
      return 'an empty POST';
    case 'envelope':
      return message.envelope.body.name;
    case 'unknownMethod':
      return message.method;
    case 'malformed':
      return `a malformed message (${message.reason})`;
  }
}
