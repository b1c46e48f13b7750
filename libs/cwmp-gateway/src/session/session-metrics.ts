import { EVENT_CODES, type CwmpVersion } from '@meridian/cwmp';
import { Topics, type ResultMessage } from '@meridian/contracts';
import type { InFlightRequest, SessionEffect, SessionReply } from '@meridian/cwmp-session';
import type { Attributes } from '@opentelemetry/api';
import type { Metrics } from '@meridian/telemetry';

/*
 * What the session layer records, with every label value bounded: whatever a CPE sends (event
 * codes, fault codes, method names) is mapped onto a fixed set before it becomes a label.
 */

const STANDARD_EVENTS = new Set(EVENT_CODES);

/** A spec event code as is; vendor codes ("X OUI …", "M X_…") as "X"; anything else "other". */
export function eventLabel(code: string): string {
  if (STANDARD_EVENTS.has(code)) return code;
  if (code.startsWith('X ') || code.startsWith('M X')) return 'X';
  return 'other';
}

/** CWMP fault codes are 8000–8999 (ACS) and 9000–9899 (CPE, vendor range included). */
export function faultCodeLabel(code: number): string {
  return Number.isInteger(code) && code >= 8000 && code <= 9899 ? String(code) : 'other';
}

export type SessionEnd = 'ok' | 'timeout' | 'lease_lost' | 'superseded';
export type Rejection = 'overload' | 'backlog' | 'linger_limit' | 'device_busy' | 'draining';
/** How a session's wait for provisioning's next wave (awaitCommands) ended. */
export type LingerEnd = 'command' | 'idle' | 'caught_up' | 'cap';

const seconds = (ms: number): number => Math.max(0, ms) / 1000;

export class SessionMetrics {
  constructor(private readonly metrics: Metrics) {}

  rejected(reason: Rejection): void {
    this.metrics.cwmpSessionsRejected.add(1, { reason });
  }

  lingered(ended: LingerEnd): void {
    this.metrics.cwmpLingers.add(1, { ended });
  }

  started(cwmpVersion: CwmpVersion, events: readonly string[], queueDepth: number): void {
    this.metrics.cwmpSessionsStarted.add(1, { cwmp_version: cwmpVersion });
    for (const event of events) this.metrics.cwmpInforms.add(1, { event: eventLabel(event) });
    this.metrics.cwmpQueueDepth.record(queueDepth);
  }

  ended(cwmpVersion: CwmpVersion, outcome: SessionEnd, durationMs: number): void {
    this.metrics.cwmpSessionsCompleted.add(1, { cwmp_version: cwmpVersion, outcome });
    this.metrics.cwmpSessionDuration.record(seconds(durationMs), { outcome });
  }

  /**
   * One reducer step: the CPE's request it answered (`cpeRpc`, timed by the gateway), the ACS
   * request the CPE answered (its result is among the effects, timed from when it was sent), and
   * the ACS request this step sends (its age in the queue).
   */
  step(step: SessionStep): void {
    const { metrics } = this;
    if (step.cpeRpc !== undefined)
      this.rpc(step.cpeRpc, replyFaultCode(step.reply), step.handledMs);
    const answered = answeredOutcome(step);
    if (answered) this.rpc(answered.rpc, answered.faultCode, step.now - answered.sentAt);
    if (step.sent) {
      const createdAt = Date.parse(step.createdAt(step.sent.commandId) ?? '');
      if (!Number.isNaN(createdAt)) {
        metrics.cwmpQueueAge.record(seconds(step.now - createdAt));
      }
    }
  }

  private rpc(rpc: string, faultCode: number | undefined, durationMs: number): void {
    const outcome = faultCode === undefined ? 'ok' : 'fault';
    this.metrics.cwmpRpcs.add(1, { rpc, outcome });
    this.metrics.cwmpRpcDuration.record(seconds(durationMs), { rpc });
    if (faultCode !== undefined) {
      this.metrics.cwmpRpcFaults.add(1, { rpc, code: faultCodeLabel(faultCode) });
    }
  }
}

/** One reducer step as the gateway performed it. */
export interface SessionStep {
  cpeRpc: string | undefined;
  handledMs: number;
  reply: SessionReply;
  answered: InFlightRequest | null;
  effects: readonly SessionEffect[];
  sent: InFlightRequest | null;
  now: number;
  createdAt: (commandId: string) => string | undefined;
}

/** The fault code of the gateway's reply when it is a SOAP Fault (to a CPE request). */
function replyFaultCode(reply: SessionReply): number | undefined {
  return reply.kind === 'envelope' && reply.envelope.body.name === 'Fault'
    ? reply.envelope.body.faultCode
    : undefined;
}

/** The ACS request the CPE answered in this step, with its fault code if it faulted. */
function answeredOutcome(
  step: SessionStep,
): { rpc: string; commandId: string; sentAt: number; faultCode: number | undefined } | null {
  if (!step.answered) return null;
  const { commandId, rpc, sentAt } = step.answered;
  const result = step.effects.find(
    (effect): effect is Extract<SessionEffect, { kind: 'publish' }> =>
      effect.kind === 'publish' &&
      effect.topic === Topics.results &&
      (effect.message as ResultMessage).commandId === commandId,
  );
  const message = result?.message as ResultMessage | undefined;
  if (message?.outcome !== 'done' && message?.outcome !== 'fault') return null;
  const faultCode = message.outcome === 'fault' ? message.fault.faultCode : undefined;
  return { rpc: rpc.name, commandId, sentAt, faultCode };
}

/**
 * The attributes of a step's `cwmp <method>` span an SRE filters on: the ACS request the CPE
 * answered (`cwmp.answered_rpc`, `cwmp.answered_command_id`), the one sent in the reply
 * (`cwmp.sent_rpc`, `cwmp.sent_command_id`), and `cwmp.fault_code` when either side faulted
 * (the CPE to the answered request, or the ACS to the CPE's own request).
 */
export function stepSpanAttributes(step: SessionStep): Attributes {
  const attributes: Attributes = {};
  const answered = answeredOutcome(step);
  if (answered) {
    attributes['cwmp.answered_rpc'] = answered.rpc;
    attributes['cwmp.answered_command_id'] = answered.commandId;
  }
  const faultCode = answered?.faultCode ?? replyFaultCode(step.reply);
  if (faultCode !== undefined) attributes['cwmp.fault_code'] = faultCode;
  if (step.sent) {
    attributes['cwmp.sent_rpc'] = step.sent.rpc.name;
    attributes['cwmp.sent_command_id'] = step.sent.commandId;
  }
  return attributes;
}
