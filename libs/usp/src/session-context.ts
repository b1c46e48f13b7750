import type { PayloadSegment, SessionContextFields } from './record';

/**
 * The Agent side of one E2E Session Context with one Controller (TR-369 "Exchange of USP
 * Records within an E2E Session Context"), as plain data so it can live in any store. Payloads
 * are the encoded Msgs; a store that keeps JSON encodes them itself.
 */
export interface SessionContextState {
  sessionId: number;
  /** The sequence_id expected next from the Controller. */
  expectedId: number;
  /** The sequence_id of the next Record sent to the Controller. */
  nextSequenceId: number;
  /** Records sent and not yet acknowledged (R-E2E.16), oldest first, for retransmit requests. */
  sent: SentRecord[];
  /** Records received ahead of expectedId (R-E2E.20 rule 1), by sequence_id. */
  pending: SessionContextFields[];
  /**
   * The segments received so far of a Msg split over several Records (TR-369 "Segmentation and
   * Reassembly"), in sequence order: from its BEGIN until its COMPLETE. Absent: none.
   */
  segments?: Uint8Array[];
}

export interface SentRecord {
  sequenceId: number;
  payload: Uint8Array | undefined;
  /** A segment of a larger Msg (`sendSessionRecords`). */
  segment?: PayloadSegment;
  /** How often it was sent again on request. */
  retransmits: number;
}

export interface SessionContextConfig {
  /** Device.LocalAgent.Controller.{i}.E2ESession.MaxRetransmitTries. */
  maxRetransmitTries: number;
  /** Records held while one before them is missing; beyond, the context is failed. */
  maxPending: number;
  /** A Msg reassembled from segments larger than this fails the context. */
  maxMessageBytes: number;
}

export const DEFAULT_SESSION_CONTEXT_CONFIG: SessionContextConfig = {
  maxRetransmitTries: 3,
  maxPending: 16,
  maxMessageBytes: 1024 * 1024,
};

/**
 * One Record's payload into the Msg being reassembled (the Records come here in sequence order):
 * a whole Msg, or the Msg its COMPLETE segment ends; a segment out of place (a BEGIN or a whole
 * Msg while one is under way, a middle or last without its BEGIN) or a Msg over the limit fails
 * the reassembly, and with it the context (TR-369: the last Record received is failed).
 */
function reassemble(
  segments: readonly Uint8Array[],
  record: SessionContextFields & { payload: Uint8Array },
  maxMessageBytes: number,
): { segments: Uint8Array[]; msg?: Uint8Array } | { fail: string } {
  const { payload, segment, sequenceId } = record;
  const underWay = segments.length > 0;
  if (segment === undefined || segment === 'begin') {
    if (underWay)
      return { fail: `Record ${sequenceId} starts a Msg before the segmented one ended` };
    return segment === undefined ? { segments: [], msg: payload } : { segments: [payload] };
  }
  if (!underWay) return { fail: `Record ${sequenceId} is a segment without its BEGIN` };
  const parts = [...segments, payload];
  const bytes = parts.reduce((n, p) => n + p.length, 0);
  if (bytes > maxMessageBytes) {
    return { fail: `a segmented Msg of more than ${maxMessageBytes} bytes` };
  }
  return segment === 'complete' ? { segments: [], msg: Buffer.concat(parts) } : { segments: parts };
}

export type ReceiveOutcome =
  | {
      /** The context after this Record, to store. */
      state: SessionContextState;
      /** Msgs to process now, in order (this Record's and those it released from pending). */
      deliver: Uint8Array[];
      /** Records to send again, as asked by retransmit_id (rebuild with sendFields' ids). */
      retransmit: SessionContextFields[];
      /** Why nothing was processed: an old or duplicate Record (ignored gracefully), or held. */
      held?: 'duplicate' | 'pending';
    }
  | {
      /** The context is terminated: forget it. */
      state: undefined;
      /**
       * The context failed (R-E2E.21): answer with a Disconnect Record, code 7105 and this
       * reason; the Controller starts a new Session Context.
       */
      terminate: string;
    };

/**
 * What to do with a session_context Record from the Controller (R-E2E.4/6/20/25, retransmit
 * handling of "USP Record Retransmission"). `state` is the current context with this
 * Controller, if any.
 */
export function receiveSessionRecord(
  state: SessionContextState | undefined,
  record: SessionContextFields,
  config: SessionContextConfig = DEFAULT_SESSION_CONTEXT_CONFIG,
): ReceiveOutcome {
  // R-E2E.4/6: an unknown session_id starts a new context, expecting sequence_id 1.
  let s: SessionContextState =
    state !== undefined && state.sessionId === record.sessionId
      ? state
      : { sessionId: record.sessionId, expectedId: 1, nextSequenceId: 1, sent: [], pending: [] };

  if (record.sequenceId < s.expectedId) {
    return { state: s, deliver: [], retransmit: [], held: 'duplicate' };
  }
  if (record.sequenceId > s.expectedId) {
    if (s.pending.some((p) => p.sequenceId === record.sequenceId)) {
      return { state: s, deliver: [], retransmit: [], held: 'duplicate' };
    }
    if (s.pending.length >= config.maxPending) {
      return {
        state: undefined,
        terminate: `more than ${config.maxPending} Records received while sequence_id ${s.expectedId} is missing`,
      };
    }
    const pending = [...s.pending, record].sort((a, b) => a.sequenceId - b.sequenceId);
    return { state: { ...s, pending }, deliver: [], retransmit: [], held: 'pending' };
  }

  const deliver: Uint8Array[] = [];
  const retransmit: SessionContextFields[] = [];
  let next: SessionContextFields | undefined = record;
  let pending = s.pending;
  let segments = s.segments ?? [];
  while (next !== undefined) {
    const current: SessionContextFields = next;
    if (current.payload !== undefined) {
      const step = reassemble(
        segments,
        { ...current, payload: current.payload },
        config.maxMessageBytes,
      );
      if ('fail' in step) return { state: undefined, terminate: step.fail };
      segments = step.segments;
      if (step.msg !== undefined) deliver.push(step.msg);
    }
    // R-E2E.16: what the Controller expects next acknowledges everything sent before it.
    let sent = s.sent.filter((r) => r.sequenceId >= current.expectedId);
    if (current.retransmitId !== 0) {
      const asked = sent.find((r) => r.sequenceId === current.retransmitId);
      if (asked === undefined) {
        return {
          state: undefined,
          terminate: `retransmit_id ${current.retransmitId} names no Record kept for retransmission`,
        };
      }
      if (asked.retransmits >= config.maxRetransmitTries) {
        return {
          state: undefined,
          terminate: `Record ${asked.sequenceId} was already retransmitted ${asked.retransmits} times`,
        };
      }
      sent = sent.map((r) => (r === asked ? { ...r, retransmits: r.retransmits + 1 } : r));
      retransmit.push({
        sessionId: s.sessionId,
        sequenceId: asked.sequenceId,
        expectedId: current.sequenceId + 1,
        retransmitId: 0,
        payload: asked.payload,
        ...(asked.segment === undefined ? {} : { segment: asked.segment }),
      });
    }
    s = { ...s, sent, expectedId: current.sequenceId + 1 };
    next = pending[0]?.sequenceId === s.expectedId ? pending[0] : undefined;
    if (next !== undefined) pending = pending.slice(1);
  }
  const { segments: _previous, ...rest } = s;
  return {
    state: segments.length > 0 ? { ...rest, pending, segments } : { ...rest, pending },
    deliver,
    retransmit,
  };
}

/**
 * The next Record to send to the Controller in this context (a response, an Error, a Notify):
 * its fields, and the context that remembers it for retransmission.
 */
export function sendSessionRecord(
  state: SessionContextState,
  payload: Uint8Array | undefined,
  segment?: PayloadSegment,
): { state: SessionContextState; fields: SessionContextFields } {
  const fields: SessionContextFields = {
    sessionId: state.sessionId,
    sequenceId: state.nextSequenceId,
    expectedId: state.expectedId,
    retransmitId: 0,
    payload,
    ...(segment === undefined ? {} : { segment }),
  };
  const sent: SentRecord = {
    sequenceId: fields.sequenceId,
    payload,
    ...(segment === undefined ? {} : { segment }),
    retransmits: 0,
  };
  return {
    state: { ...state, nextSequenceId: state.nextSequenceId + 1, sent: [...state.sent, sent] },
    fields,
  };
}

/**
 * The Records carrying one Msg to the Controller: one, or when the Msg is larger than
 * `maxPayloadBytes` (what fits in a Record the MTP carries), its segments in as many Records,
 * BEGIN, INPROCESS…, COMPLETE (TR-369 "Segmentation and Reassembly", PLAINTEXT), each kept for
 * retransmission as any Record.
 */
export function sendSessionRecords(
  state: SessionContextState,
  payload: Uint8Array,
  maxPayloadBytes: number,
): { state: SessionContextState; fields: SessionContextFields[] } {
  if (payload.length <= maxPayloadBytes) {
    const one = sendSessionRecord(state, payload);
    return { state: one.state, fields: [one.fields] };
  }
  const size = Math.max(1, maxPayloadBytes);
  const fields: SessionContextFields[] = [];
  let s = state;
  for (let at = 0; at < payload.length; at += size) {
    const segment: PayloadSegment =
      at === 0 ? 'begin' : at + size >= payload.length ? 'complete' : 'inProcess';
    const next = sendSessionRecord(s, payload.subarray(at, at + size), segment);
    s = next.state;
    fields.push(next.fields);
  }
  return { state: s, fields };
}

/** A SessionContextState as JSON (payloads base64), for a store that keeps JSON. */
export interface StoredSessionContext {
  sessionId: number;
  expectedId: number;
  nextSequenceId: number;
  sent: {
    sequenceId: number;
    payload: string | null;
    segment?: PayloadSegment;
    retransmits: number;
  }[];
  pending: {
    sessionId: number;
    sequenceId: number;
    expectedId: number;
    retransmitId: number;
    payload: string | null;
    segment?: PayloadSegment;
  }[];
  segments?: string[];
}

const toBase64 = (bytes: Uint8Array | undefined): string | null =>
  bytes === undefined ? null : Buffer.from(bytes).toString('base64');
const fromBase64 = (text: string | null): Uint8Array | undefined =>
  text === null ? undefined : new Uint8Array(Buffer.from(text, 'base64'));

export function storedSessionContext(state: SessionContextState): StoredSessionContext {
  return {
    sessionId: state.sessionId,
    expectedId: state.expectedId,
    nextSequenceId: state.nextSequenceId,
    sent: state.sent.map((r) => ({ ...r, payload: toBase64(r.payload) })),
    pending: state.pending.map((r) => ({ ...r, payload: toBase64(r.payload) })),
    ...(state.segments === undefined
      ? {}
      : { segments: state.segments.map((p) => Buffer.from(p).toString('base64')) }),
  };
}

export function sessionContextOfStored(stored: StoredSessionContext): SessionContextState {
  return {
    sessionId: stored.sessionId,
    expectedId: stored.expectedId,
    nextSequenceId: stored.nextSequenceId,
    sent: stored.sent.map((r) => ({ ...r, payload: fromBase64(r.payload) })),
    pending: stored.pending.map((r) => ({ ...r, payload: fromBase64(r.payload) })),
    ...(stored.segments === undefined
      ? {}
      : { segments: stored.segments.map((p) => new Uint8Array(Buffer.from(p, 'base64'))) }),
  };
}
