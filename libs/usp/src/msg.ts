import { UspError, type UspErrorCode } from './errors';
import { usp } from './generated/usp-proto';

const MsgType = usp.Header.MsgType;

/** Request bodies (the `req_type` oneof of usp.Request) and the header type each must carry. */
export const REQUEST_TYPES = {
  get: MsgType.GET,
  getSupportedDm: MsgType.GET_SUPPORTED_DM,
  getInstances: MsgType.GET_INSTANCES,
  set: MsgType.SET,
  add: MsgType.ADD,
  delete: MsgType.DELETE,
  operate: MsgType.OPERATE,
  notify: MsgType.NOTIFY,
  getSupportedProtocol: MsgType.GET_SUPPORTED_PROTO,
  register: MsgType.REGISTER,
  deregister: MsgType.DEREGISTER,
} as const satisfies Record<keyof usp.IRequest, usp.Header.MsgType>;

/** Response bodies (the `resp_type` oneof of usp.Response) and their header types. */
export const RESPONSE_TYPES = {
  getResp: MsgType.GET_RESP,
  getSupportedDmResp: MsgType.GET_SUPPORTED_DM_RESP,
  getInstancesResp: MsgType.GET_INSTANCES_RESP,
  setResp: MsgType.SET_RESP,
  addResp: MsgType.ADD_RESP,
  deleteResp: MsgType.DELETE_RESP,
  operateResp: MsgType.OPERATE_RESP,
  notifyResp: MsgType.NOTIFY_RESP,
  getSupportedProtocolResp: MsgType.GET_SUPPORTED_PROTO_RESP,
  registerResp: MsgType.REGISTER_RESP,
  deregisterResp: MsgType.DEREGISTER_RESP,
} as const satisfies Record<keyof usp.IResponse, usp.Header.MsgType>;

export type RequestKind = keyof typeof REQUEST_TYPES;
export type ResponseKind = keyof typeof RESPONSE_TYPES;

/** A decoded Msg, checked: an id, exactly one body, and a header type that matches it. */
export type ParsedMsg =
  | { class: 'request'; msgId: string; kind: RequestKind; request: usp.IRequest }
  | { class: 'response'; msgId: string; kind: ResponseKind; response: usp.IResponse }
  | { class: 'error'; msgId: string; error: usp.IError };

export function encodeMsg(msg: usp.IMsg): Uint8Array {
  return usp.Msg.encode(msg).finish();
}

/** The one member of a oneof that is set, among `keys`. */
function setMember<K extends string>(
  of: Partial<Record<K, unknown>>,
  keys: readonly K[],
): K | undefined {
  return keys.find((k) => of[k] !== null && of[k] !== undefined);
}

const REQUEST_KINDS = Object.keys(REQUEST_TYPES) as RequestKind[];
const RESPONSE_KINDS = Object.keys(RESPONSE_TYPES) as ResponseKind[];

/**
 * Decodes and checks a Msg. Throws UspError: 7100 when the bytes are not a Msg (no id can be
 * read, so nothing can be answered), 7004 when it has an id but no body or a header type that
 * contradicts its body (`err.msgId` is set then, so an Error message can answer it).
 */
export function parseMsg(bytes: Uint8Array): ParsedMsg {
  let msg: usp.Msg;
  try {
    msg = usp.Msg.decode(bytes);
  } catch (err) {
    throw new UspError(7100, `USP Msg could not be parsed: ${(err as Error).message}`);
  }
  const msgId = msg.header?.msgId ?? '';
  if (msgId === '') throw new UspError(7100, 'USP Msg has no header.msg_id');
  const type = msg.header?.msgType ?? MsgType.ERROR;
  const invalid = (text: string): never => {
    throw new MsgError(msgId, 7004, text);
  };
  const body = msg.body;
  if (body?.request) {
    const kind = setMember(body.request, REQUEST_KINDS) ?? invalid('request has no body');
    if (REQUEST_TYPES[kind] !== type) invalid(mismatch(type, kind));
    return { class: 'request', msgId, kind, request: body.request };
  }
  if (body?.response) {
    const kind = setMember(body.response, RESPONSE_KINDS) ?? invalid('response has no body');
    if (RESPONSE_TYPES[kind] !== type) invalid(mismatch(type, kind));
    return { class: 'response', msgId, kind, response: body.response };
  }
  if (body?.error) {
    if (type !== MsgType.ERROR) invalid(mismatch(type, 'error'));
    return { class: 'error', msgId, error: body.error };
  }
  return invalid('Msg has no body');
}

function mismatch(type: usp.Header.MsgType, kind: string): string {
  return `header.msg_type ${MsgType[type] ?? type} does not match the body (${kind})`;
}

/** A UspError about a Msg whose id is known: it can be answered with an Error message. */
export class MsgError extends UspError {
  constructor(
    readonly msgId: string,
    code: UspErrorCode,
    message: string,
  ) {
    super(code, message);
  }
}

/** A request Msg; the header type follows from the body. */
export function requestMsg(msgId: string, request: usp.IRequest): usp.IMsg {
  const kind = setMember(request, REQUEST_KINDS);
  if (kind === undefined) throw new TypeError('requestMsg: the request has no body');
  return { header: { msgId, msgType: REQUEST_TYPES[kind] }, body: { request } };
}

/** A response Msg to the request `msgId` (a response carries the request's msg_id). */
export function responseMsg(msgId: string, response: usp.IResponse): usp.IMsg {
  const kind = setMember(response, RESPONSE_KINDS);
  if (kind === undefined) throw new TypeError('responseMsg: the response has no body');
  return { header: { msgId, msgType: RESPONSE_TYPES[kind] }, body: { response } };
}

export interface ParamError {
  paramPath: string;
  errCode: number;
  errMsg: string;
}

/** An Error message answering `msgId`; Set and Add failures list the parameters at fault. */
export function errorMsg(
  msgId: string,
  errCode: number,
  errMsg: string,
  paramErrs: readonly ParamError[] = [],
): usp.IMsg {
  return {
    header: { msgId, msgType: MsgType.ERROR },
    body: { error: { errCode, errMsg, paramErrs: [...paramErrs] } },
  };
}
