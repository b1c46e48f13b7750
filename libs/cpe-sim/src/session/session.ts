import type http from 'node:http';
import { decodeEnvelope, encodeEnvelope } from '@meridian/cwmp';
import type {
  CpeMethodRequest,
  CwmpBody,
  CwmpEnvelope,
  CwmpVersion,
  DUStateChangeComplete,
  EventStruct,
  TransferComplete,
} from '@meridian/cwmp';
import { buildInform } from '../device/inform';
import { CPE_METHODS, handleRpc } from '../device/rpc';
import type { DeviceEffect, DeviceState } from '../device/state';
import type { ClientAuth } from '../http/auth';
import { authenticatedRequest, type HttpResponse } from '../http/client';
import { CookieJar } from '../http/cookies';

/** Requests the CPE itself sends after the Inform (TR-069 A.3.3). */
export type CpeInitiatedRequest = TransferComplete | DUStateChangeComplete;

export interface SessionContext {
  acsUrl: URL;
  /** Credentials for the ACS, kept across sessions so Digest needs one challenge per nonce. */
  auth: ClientAuth | undefined;
  /** Keep-alive agent with one socket: the whole session runs on one TCP connection. */
  agent: http.Agent;
  cwmpVersion: CwmpVersion;
  now: () => number;
  timeoutMs: number;
}

export interface SessionInput {
  events: EventStruct[];
  requests: CpeInitiatedRequest[];
  retryCount: number;
  /** Parameters with notification on whose value changed since the last Inform ("4 VALUE CHANGE"). */
  changed?: readonly string[];
}

/** What a session did; the device state is handed back even when the session failed midway. */
export interface SessionOutcome {
  state: DeviceState;
  effects: DeviceEffect[];
  /** Names of the ACS requests answered, in order. */
  rpcs: string[];
  /**
   * The ParameterKey or CommandKey of each ACS request carried out (answered without a fault)
   * that has one, in order: what a test counts to tell that a command ran once on the device.
   */
  appliedKeys: string[];
  /** The ACS answered the Inform: its events are delivered (TR-069 3.7.1.5). */
  informAcknowledged: boolean;
  /** How many CPE-initiated requests the ACS acknowledged. */
  requestsAcknowledged: number;
  error?: Error;
}

const isCpeMethod = (body: CwmpBody): body is CpeMethodRequest =>
  (CPE_METHODS as readonly string[]).includes(body.name);

/** The ParameterKey or CommandKey a request carries, if its method has one. */
function keyOf(request: CpeMethodRequest): string | undefined {
  if ('parameterKey' in request) return request.parameterKey;
  if ('commandKey' in request) return request.commandKey;
  return undefined;
}

class SessionError extends Error {
  override readonly name = 'SessionError';
}

/**
 * One CWMP session (TR-069 3.7.1): Inform, the CPE's own requests, then an empty POST and the
 * ACS's requests until it answers with an empty body. HoldRequests is never used.
 */
export async function runSession(
  ctx: SessionContext,
  initial: DeviceState,
  input: SessionInput,
): Promise<SessionOutcome> {
  const outcome: SessionOutcome = {
    state: initial,
    effects: [],
    rpcs: [],
    appliedKeys: [],
    informAcknowledged: false,
    requestsAcknowledged: 0,
  };
  const cookies = new CookieJar();
  let seq = 0;
  const envelope = (body: CwmpBody, id?: string, version = ctx.cwmpVersion): CwmpEnvelope => ({
    cwmpVersion: version,
    header: { id: id ?? `${initial.deviceId.serialNumber}-${Date.now().toString(36)}-${++seq}` },
    body,
  });

  const post = async (xml: string): Promise<HttpResponse> => {
    const headers: Record<string, string> = { 'content-length': String(Buffer.byteLength(xml)) };
    if (xml !== '') {
      headers['content-type'] = 'text/xml; charset="utf-8"';
      headers.soapaction = '';
    }
    const cookie = cookies.header();
    if (cookie) headers.cookie = cookie;
    const res = await authenticatedRequest(
      {
        url: ctx.acsUrl,
        method: 'POST',
        headers,
        body: xml,
        agent: ctx.agent,
        timeoutMs: ctx.timeoutMs,
      },
      ctx.auth,
    );
    const setCookie = res.headers['set-cookie'];
    cookies.store(setCookie);
    if (res.status === 401) throw new SessionError('ACS authentication failed');
    if (res.status !== 200 && res.status !== 204)
      throw new SessionError(`ACS answered HTTP ${res.status}`);
    return res;
  };
  const expect = (res: HttpResponse, name: string): CwmpEnvelope => {
    if (res.body.length === 0) throw new SessionError(`ACS sent an empty body instead of ${name}`);
    const env = decodeEnvelope(res.body);
    if (env.body.name !== name)
      throw new SessionError(`ACS sent ${env.body.name} instead of ${name}`);
    return env;
  };

  try {
    const inform = buildInform(
      outcome.state,
      input.events,
      ctx.now(),
      input.retryCount,
      input.changed,
    );
    expect(await post(encodeEnvelope(envelope(inform))), 'InformResponse');
    outcome.informAcknowledged = true;
    for (const request of input.requests) {
      expect(await post(encodeEnvelope(envelope(request))), `${request.name}Response`);
      outcome.requestsAcknowledged++;
    }
    let res = await post('');
    while (res.status === 200 && res.body.length > 0) {
      const env = decodeEnvelope(res.body);
      if (!isCpeMethod(env.body))
        throw new SessionError(`ACS sent ${env.body.name}, not a CPE method`);
      const result = handleRpc(outcome.state, env.body, ctx.now());
      outcome.state = result.state;
      outcome.effects.push(...result.effects);
      outcome.rpcs.push(env.body.name);
      const key = keyOf(env.body);
      if (key !== undefined && result.response.name !== 'Fault') outcome.appliedKeys.push(key);
      res = await post(encodeEnvelope(envelope(result.response, env.header.id, env.cwmpVersion)));
    }
  } catch (err) {
    outcome.error = err instanceof Error ? err : new Error(String(err));
  }
  return outcome;
}
