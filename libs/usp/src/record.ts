import { UspError, type UspErrorCode } from './errors';
import { usp, usp_record } from './generated/usp-proto';
import { encodeMsg, errorMsg } from './msg';

/** The USP versions Meridian speaks (GetSupportedProtocolResp, Record.version). */
export const SUPPORTED_USP_VERSIONS = ['1.0', '1.1', '1.2', '1.3', '1.4'] as const;
/** The version Meridian writes in its Records. */
export const USP_VERSION = '1.4';

export interface RecordAddress {
  toId: string;
  fromId: string;
  /** Defaults to USP_VERSION. */
  version?: string;
}

/** The fields of a session_context Record, 64-bit ids as numbers (see parseRecord). */
export interface SessionContextFields {
  sessionId: number;
  sequenceId: number;
  expectedId: number;
  /** 0: no retransmission asked. */
  retransmitId: number;
  /** The Msg it carries; undefined for an empty Record (one that only restarts or acks). */
  payload: Uint8Array | undefined;
  /**
   * A segment of a Msg split over several Records (payload_sar_state, the same as
   * payloadrec_sar_state for PLAINTEXT): its first, a middle or its last; undefined for a whole
   * Msg (NONE).
   */
  segment?: PayloadSegment;
}

/** payload_sar_state BEGIN, INPROCESS, COMPLETE. */
export type PayloadSegment = 'begin' | 'inProcess' | 'complete';

const SAR = usp_record.SessionContextRecord.PayloadSARState;
const SEGMENTS: Readonly<Record<number, PayloadSegment | undefined>> = {
  [SAR.NONE]: undefined,
  [SAR.BEGIN]: 'begin',
  [SAR.INPROCESS]: 'inProcess',
  [SAR.COMPLETE]: 'complete',
};
const SAR_STATES: Readonly<
  Record<PayloadSegment, usp_record.SessionContextRecord.PayloadSARState>
> = {
  begin: SAR.BEGIN,
  inProcess: SAR.INPROCESS,
  complete: SAR.COMPLETE,
};

/** A decoded Record, checked: the record types Meridian handles, PLAINTEXT. */
export type ParsedRecord = {
  version: string;
  toId: string;
  fromId: string;
} & (
  | { type: 'noSessionContext'; payload: Uint8Array }
  | ({ type: 'sessionContext' } & SessionContextFields)
  | { type: 'disconnect'; reasonCode: number; reason: string }
  | { type: 'mqttConnect'; mqttVersion: 'V3_1_1' | 'V5'; subscribedTopic: string }
  | { type: 'stompConnect'; subscribedDestination: string }
  | { type: 'websocketConnect' }
  | { type: 'udsConnect' }
);

/** A Record that cannot be handled; `code` is one of TR-369's USP Record errors (71xx). */
export class RecordError extends UspError {
  constructor(
    code: UspErrorCode,
    message: string,
    /** What could be read of the Record: an answer needs both ids (R-MTP.5). */
    readonly partial: { toId: string; fromId: string } | undefined,
  ) {
    super(code, message);
  }
}

/** A uint64 as a number; ids beyond 2^53 are refused rather than rounded. */
function safeNumber(v: number | { toNumber(): number; toString(): string }, field: string): number {
  const n = typeof v === 'number' ? v : v.toNumber();
  if (!Number.isSafeInteger(n)) throw new TypeError(`${field} ${v.toString()} is too large`);
  return n;
}

/**
 * Decodes and checks a Record. Throws RecordError: 7100 (not a Record), 7102 (payload security
 * other than PLAINTEXT), 7104 (a field has a value the spec forbids: no record type, an empty
 * no_session_context payload, ids beyond 2^53, a segment without payload or whose two SAR states
 * differ).
 */
export function parseRecord(bytes: Uint8Array): ParsedRecord {
  let r: usp_record.Record;
  try {
    r = usp_record.Record.decode(bytes);
  } catch (err) {
    throw new RecordError(
      7100,
      `USP Record could not be parsed: ${(err as Error).message}`,
      undefined,
    );
  }
  const head = { version: r.version, toId: r.toId, fromId: r.fromId };
  const fail = (code: UspErrorCode, text: string): never => {
    throw new RecordError(code, text, { toId: r.toId, fromId: r.fromId });
  };
  if (r.payloadSecurity !== usp_record.Record.PayloadSecurity.PLAINTEXT) {
    fail(7102, 'payload_security TLS12 is not supported: send PLAINTEXT Records');
  }
  if (r.noSessionContext) {
    const payload = r.noSessionContext.payload ?? new Uint8Array();
    // R-E2E.26: a no_session_context Record carries a payload.
    if (payload.length === 0) fail(7104, 'no_session_context Record without payload');
    return { ...head, type: 'noSessionContext', payload };
  }
  if (r.sessionContext) {
    const s = r.sessionContext;
    const state = s.payloadSarState ?? SAR.NONE;
    // PLAINTEXT: a payload record is the payload, so both states say the same (TR-369 SAR).
    if (state !== (s.payloadrecSarState ?? SAR.NONE)) {
      fail(7104, 'payload_sar_state and payloadrec_sar_state differ in a PLAINTEXT Record');
    }
    const payloads = s.payload ?? [];
    // With PLAINTEXT, a Record carries its Msg (or a segment of it) in a single payload field.
    if (payloads.length > 1) fail(7104, `${payloads.length} payload fields in a PLAINTEXT Record`);
    const payload = payloads[0]?.length ? payloads[0] : undefined;
    const segment = SEGMENTS[state];
    if (segment !== undefined && payload === undefined) fail(7104, 'a segment without payload');
    try {
      return {
        ...head,
        type: 'sessionContext',
        sessionId: safeNumber(s.sessionId ?? 0, 'session_id'),
        sequenceId: safeNumber(s.sequenceId ?? 0, 'sequence_id'),
        expectedId: safeNumber(s.expectedId ?? 0, 'expected_id'),
        retransmitId: safeNumber(s.retransmitId ?? 0, 'retransmit_id'),
        payload,
        ...(segment === undefined ? {} : { segment }),
      };
    } catch (err) {
      return fail(7104, (err as Error).message);
    }
  }
  if (r.disconnect) {
    return {
      ...head,
      type: 'disconnect',
      reasonCode: r.disconnect.reasonCode ?? 0,
      reason: r.disconnect.reason ?? '',
    };
  }
  if (r.mqttConnect) {
    const v5 = r.mqttConnect.version === usp_record.MQTTConnectRecord.MQTTVersion.V5;
    return {
      ...head,
      type: 'mqttConnect',
      mqttVersion: v5 ? 'V5' : 'V3_1_1',
      subscribedTopic: r.mqttConnect.subscribedTopic ?? '',
    };
  }
  if (r.stompConnect) {
    const subscribedDestination = r.stompConnect.subscribedDestination ?? '';
    return { ...head, type: 'stompConnect', subscribedDestination };
  }
  if (r.websocketConnect) return { ...head, type: 'websocketConnect' };
  if (r.udsConnect) return { ...head, type: 'udsConnect' };
  return fail(7104, 'Record has no record_type');
}

function address(a: RecordAddress): Pick<usp_record.IRecord, 'version' | 'toId' | 'fromId'> {
  return { version: a.version ?? USP_VERSION, toId: a.toId, fromId: a.fromId };
}

function encode(record: usp_record.IRecord): Uint8Array {
  return usp_record.Record.encode(record).finish();
}

/** A no_session_context Record carrying one encoded Msg. */
export function noSessionContextRecord(to: RecordAddress, payload: Uint8Array): Uint8Array {
  return encode({ ...address(to), noSessionContext: { payload } });
}

/** A session_context Record (fields from the session context, see session-context.ts). */
export function sessionContextRecord(to: RecordAddress, fields: SessionContextFields): Uint8Array {
  const { payload, segment, ...ids } = fields;
  const state = segment === undefined ? SAR.NONE : SAR_STATES[segment];
  return encode({
    ...address(to),
    sessionContext: {
      ...ids,
      payloadSarState: state,
      payloadrecSarState: state,
      payload: payload === undefined ? [] : [payload],
    },
  });
}

/** A Disconnect Record; `reasonCode` from the USP Record errors (e.g. 7105, 7106). */
export function disconnectRecord(
  to: RecordAddress,
  reasonCode: number,
  reason: string,
): Uint8Array {
  return encode({ ...address(to), disconnect: { reasonCode, reason } });
}

/** The MQTT Connect Record an Agent publishes once subscribed (TR-369 R-MTP.6). */
export function mqttConnectRecord(
  to: RecordAddress,
  mqttVersion: 'V3_1_1' | 'V5',
  subscribedTopic: string,
): Uint8Array {
  const version = usp_record.MQTTConnectRecord.MQTTVersion[mqttVersion];
  return encode({ ...address(to), mqttConnect: { version, subscribedTopic } });
}

/**
 * The Record answering one that could not be processed (R-MTP.5): an Error message with the
 * failure's code, sent back only when the Record's `from_id` is an Endpoint ID, its `to_id` is
 * ours, and it carries a request whose msg_id can be read; otherwise undefined (ignore it). The
 * answer is a no_session_context Record: a failed session context is ended with a Disconnect
 * instead (see receiveSessionRecord).
 */
export function answerToFailedRecord(
  bytes: Uint8Array,
  error: UspError,
  isOwnEndpointId: (toId: string) => boolean,
): Uint8Array | undefined {
  let record: usp_record.Record;
  let msg: usp.Msg;
  try {
    record = usp_record.Record.decode(bytes);
    const payload = record.noSessionContext?.payload ?? record.sessionContext?.payload?.[0];
    if (payload === undefined || payload.length === 0) return undefined;
    msg = usp.Msg.decode(payload);
  } catch {
    return undefined;
  }
  const msgId = msg.header?.msgId ?? '';
  if (!ENDPOINT_ID.test(record.fromId) || !isOwnEndpointId(record.toId)) return undefined;
  if (msgId === '' || !msg.body?.request) return undefined;
  const answer = errorMsg(msgId, error.code, error.message);
  return noSessionContextRecord({ toId: record.fromId, fromId: record.toId }, encodeMsg(answer));
}

/** `authority-scheme ":" [authority-id] ":" instance-id` (TR-369 "Endpoint Identifier"). */
const ENDPOINT_ID = /^(?:oui|cid|pen|self|user|os|ops|uuid|imei|proto|doc|fqdn):[^:]*:.+$/;

/** The answer to GetSupportedProtocol: the USP versions Meridian speaks, comma-separated. */
export function getSupportedProtocolResp(): usp.IGetSupportedProtocolResp {
  return { agentSupportedProtocolVersions: SUPPORTED_USP_VERSIONS.join(',') };
}
