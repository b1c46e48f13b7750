import type { Logger } from '@meridian/bus';
import { KeyedLock } from '@meridian/keyed-lock';
import type { Store } from '@meridian/store';
import {
  EndpointIdError,
  MsgError,
  RecordError,
  UspError,
  answerToFailedRecord,
  cpeUnreachableError,
  cwmpReadName,
  devicePresence,
  disconnectRecord,
  encodeMsg,
  errorMsg,
  getInstancesResp,
  getResp,
  getRespFromReads,
  getSupportedDmResp,
  getSupportedProtocolResp,
  indexSnapshot,
  noSessionContextRecord,
  parseEndpointId,
  parseMsg,
  parseRecord,
  responseMsg,
  usp,
  type CwmpRead,
  type ParameterSnapshot,
  type ParsedMsg,
  type ParsedRecord,
  type SnapshotEntry,
} from '@meridian/usp';
import type { CwmpClient } from './cwmp-client';

/** What the MTP tells about one request beyond its Record. */
export interface RequestContext {
  /** The Controller said a Get may be answered from the parameter cache (no CPE read). */
  cacheAcceptable: boolean;
}

export interface TranslatorOptions {
  /** Larger Records are answered 7005 "Resources exceeded". */
  maxRecordBytes: number;
  logger: Logger;
}

/** The commands the translator carries out, as GetSupportedDM reports them. */
export const SUPPORTED_COMMANDS: ReadonlySet<string> = new Set<string>();
/** The events the translator emits (none yet: no Notify). */
export const SUPPORTED_EVENTS: ReadonlySet<string> = new Set<string>();

/** The root of the devices' data model as the translator presents it (TR-181 Device:2). */
const ROOT = 'Device.';

/**
 * The MTP-independent USP Agent side of every CWMP device: one Record in, the Record to send back
 * (or nothing, when TR-369 says to ignore it). Requests to one device are handled one after the
 * other, in arrival order; different devices concurrently.
 */
export class UspTranslator {
  private readonly devices = new KeyedLock();

  constructor(
    private readonly store: Store,
    private readonly cwmp: CwmpClient,
    private readonly options: TranslatorOptions,
  ) {}

  async handle(bytes: Uint8Array, context: RequestContext): Promise<Uint8Array | undefined> {
    const log = this.options.logger;
    if (bytes.length > this.options.maxRecordBytes) {
      const error = new UspError(
        7005,
        `USP Record of ${bytes.length} bytes is larger than the ${this.options.maxRecordBytes} bytes the translator accepts`,
      );
      log.warn('USP Record refused: too large', { bytes: bytes.length });
      return this.answerFailed(bytes, error, toIdOf(bytes));
    }
    let record: ParsedRecord;
    try {
      record = parseRecord(bytes);
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      log.warn('USP Record refused', { code: err.code, reason: err.message });
      return this.answerFailed(bytes, err, err.partial?.toId);
    }
    const deviceId = await this.deviceOf(record.toId);
    if (deviceId === undefined) {
      // R-E2E.1: a Record not addressed to one of our Endpoint IDs is ignored.
      log.warn('USP Record ignored: to_id is not a device of this translator', {
        toId: record.toId,
        fromId: record.fromId,
      });
      return undefined;
    }
    const back = { toId: record.fromId, fromId: record.toId };
    if (record.type === 'sessionContext') {
      return disconnectRecord(
        back,
        7106,
        'E2E Session Context is not supported: send no_session_context Records',
      );
    }
    if (record.type !== 'noSessionContext') return undefined;
    let msg: ParsedMsg;
    try {
      msg = parseMsg(record.payload);
    } catch (err) {
      if (err instanceof MsgError) {
        return noSessionContextRecord(back, encodeMsg(errorMsg(err.msgId, err.code, err.message)));
      }
      if (err instanceof UspError) {
        log.warn('USP Msg ignored: no msg_id can be read', { reason: err.message });
        return undefined;
      }
      throw err;
    }
    // Responses (to Notify) and Errors from a Controller need no answer.
    if (msg.class !== 'request') return undefined;
    const answer = await this.devices.run(deviceId, () =>
      this.answer(deviceId, msg.msgId, msg.kind, msg.request, context),
    );
    return noSessionContextRecord(back, encodeMsg(answer));
  }

  private async answerFailed(
    bytes: Uint8Array,
    error: UspError,
    toId: string | undefined,
  ): Promise<Uint8Array | undefined> {
    const own = toId !== undefined && (await this.deviceOf(toId)) !== undefined;
    return answerToFailedRecord(bytes, error, (id) => own && id === toId);
  }

  /** The deviceId an Agent Endpoint ID names, when the device is registered. */
  private async deviceOf(endpointId: string): Promise<string | undefined> {
    let deviceId: string;
    try {
      deviceId = parseEndpointId(endpointId).deviceId;
    } catch (err) {
      if (err instanceof EndpointIdError) return undefined;
      throw err;
    }
    return (await this.store.devices.get(deviceId)) ? deviceId : undefined;
  }

  private async answer(
    deviceId: string,
    msgId: string,
    kind: string,
    request: usp.IRequest,
    context: RequestContext,
  ): Promise<usp.IMsg> {
    try {
      const response = await this.respond(deviceId, kind, request, context);
      return response === undefined
        ? errorMsg(msgId, 7001, `${kind} is not supported by the CWMP-to-USP translator`)
        : responseMsg(msgId, response);
    } catch (err) {
      if (err instanceof UspError) return errorMsg(msgId, err.code, err.message);
      this.options.logger.error('USP request failed', {
        deviceId,
        msgId,
        error: (err as Error).stack,
      });
      return errorMsg(msgId, 7003, `internal error of the translator: ${(err as Error).message}`);
    }
  }

  private async respond(
    deviceId: string,
    kind: string,
    request: usp.IRequest,
    context: RequestContext,
  ): Promise<usp.IResponse | undefined> {
    switch (kind) {
      case 'get':
        return { getResp: await this.get(deviceId, request.get!, context) };
      case 'getInstances': {
        const cache = await this.cache(deviceId);
        return {
          getInstancesResp: getInstancesResp(
            indexSnapshot(cache),
            request.getInstances!,
            devicePresence(cache.keys()),
          ),
        };
      }
      case 'getSupportedDm': {
        const cache = await this.cache(deviceId);
        return {
          getSupportedDmResp: getSupportedDmResp(
            request.getSupportedDm!,
            devicePresence(cache.keys()),
            { commands: SUPPORTED_COMMANDS, events: SUPPORTED_EVENTS },
          ),
        };
      }
      case 'getSupportedProtocol':
        return { getSupportedProtocolResp: getSupportedProtocolResp() };
      default:
        return undefined;
    }
  }

  /**
   * A Get reads the CPE (one GetParameterValues per distinct subtree, in one CWMP session when
   * the CPE stays connected) unless the Controller said the cache is acceptable: USP promises
   * the Agent's current values, and the cache is only as fresh as the last Inform or read.
   */
  private async get(
    deviceId: string,
    get: usp.IGet,
    context: RequestContext,
  ): Promise<usp.IGetResp> {
    const cache = await this.cache(deviceId);
    if (context.cacheAcceptable) {
      return getResp(indexSnapshot(cache), get, devicePresence(cache.keys()));
    }
    const names = [...new Set((get.paramPaths ?? []).flatMap((p) => cwmpReadName(p) ?? []))];
    const reads = await Promise.all(names.map((name) => this.read(deviceId, name)));
    return getRespFromReads(cache, get, reads, devicePresence(cache.keys()));
  }

  private async read(deviceId: string, name: string): Promise<CwmpRead> {
    const result = await this.cwmp.run(deviceId, {
      name: 'GetParameterValues',
      parameterNames: [name],
    });
    switch (result.outcome) {
      case 'done':
        if (result.response.name !== 'GetParameterValuesResponse') {
          throw new UspError(
            7003,
            `the CPE answered ${result.response.name} to GetParameterValues`,
          );
        }
        return { name, ok: true, parameters: result.response.parameterList };
      case 'fault':
        return { name, ok: false, fault: result.fault };
      case 'unreachable': {
        // The whole request fails: 7003 with the plain reason, whatever the message type.
        const { errCode, errMsg } = cpeUnreachableError(deviceId, result.waitedMs);
        throw new UspError(errCode, errMsg);
      }
      default:
        throw new UspError(
          7003,
          `the CWMP command reading ${name} ended ${result.outcome}${'reason' in result ? `: ${result.reason}` : ''}`,
        );
    }
  }

  private async cache(deviceId: string): Promise<ParameterSnapshot> {
    const cached = await this.store.parameters.get(deviceId, { prefix: ROOT });
    return new Map<string, SnapshotEntry>(
      cached.map((p) => [p.path, { value: p.value, type: p.type }]),
    );
  }
}

/** The to_id of bytes that may not be a whole Record (for an answer to a refused one). */
function toIdOf(bytes: Uint8Array): string | undefined {
  try {
    return parseRecord(bytes).toId;
  } catch (err) {
    return err instanceof RecordError ? err.partial?.toId : undefined;
  }
}
