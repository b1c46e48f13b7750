import type { Logger } from '@meridian/bus';
import type { Metrics } from '@meridian/telemetry';
import { randomBytes } from 'node:crypto';
import type { InformMessage, ResultMessage } from '@meridian/contracts';
import type { CpeMethodRequest, XsdType } from '@meridian/cwmp';
import { KeyedLock } from '@meridian/keyed-lock';
import type { Store } from '@meridian/store';
import {
  EndpointIdError,
  MsgError,
  RecordError,
  UspError,
  addAnswer,
  addTarget,
  afterSetFault,
  deleteAnswer,
  deleteTargets,
  uniqueKeysOf,
  answerToFailedRecord,
  planSet,
  resolvePath,
  setAnswer,
  setAttempt,
  setDone,
  setPrecheck,
  snapshotWithReads,
  cpeUnreachableError,
  cwmpReadName,
  cacheNamesOf,
  cwmpReadNames,
  uspErrorOfCwmpFault,
  disconnectRecord,
  encodeMsg,
  errorMsg,
  getSupportedProtocolResp,
  indexSnapshot,
  noSessionContextRecord,
  parseEndpointId,
  parseMsg,
  parseRecord,
  responseMsg,
  usp,
  NOTIFY_EVENTS,
  OPERATE_COMMANDS,
  operateSearch,
  parameterCommands,
  REQUEST_TABLE,
  SUBSCRIPTION_TABLE,
  changedInformParameters,
  deviceEventsOfInform,
  endpointIdOf,
  isSubscriptionPath,
  newSubscription,
  notifExpiresAt,
  notifiesFor,
  notifyMsg,
  subscriptionEntries,
  subscriptionInstanceOf,
  subscriptionSet,
  notifTypeOf,
  type AddOutcome,
  type CwmpRead,
  type SnapshotIndex,
  type DeviceEvent,
  type DeleteEntry,
  type ParamError,
  type SetOutcome,
  type SetTarget,
  type ParsedMsg,
  type ParsedRecord,
} from '@meridian/usp';
import { USP_TRANSLATOR_SOURCE, type CwmpClient } from './cwmp-client';
import type { OutgoingNotify } from './notify-delivery';
import type { SessionContexts } from './session-contexts';
import { DeviceReader, endedText, liveSubscriptions, type TranslatorOwned } from './read';
import { UspOperations } from './operate';

/** What the MTP tells about one request beyond its Record. */
export interface RequestContext {
  /** The Controller said a Get may be answered from the parameter cache (no CPE read). */
  cacheAcceptable: boolean;
  /**
   * The Controller's MTP address (MQTT: the topic its answers go to), kept with the
   * subscriptions it creates for their Notify messages; null when the MTP carries no Notify.
   */
  replyTo: string | null;
}

export interface TranslatorOptions {
  /** Larger Records are answered 7005 "Resources exceeded". */
  maxRecordBytes: number;
  /** An Operate the CPE has not ended this long after it was asked fails (operate.ts). */
  requestTimeoutMs: number;
  logger: Logger;
  /** Requests answered and Records refused (meridian_usp_*). */
  metrics: Metrics;
  /** E2E Session Contexts; without, a session_context Record is answered Disconnect 7106. */
  sessionContexts?: SessionContexts;
  /** Sends the Notify messages of the translator's own Add and Delete (ObjectCreation/…). */
  notify?: (notifies: OutgoingNotify[]) => Promise<void>;
  /** A Controller answered the Notify `msgId` (NotifyResp or Error): no more retries. */
  notifyAnswered?: (msgId: string) => Promise<void>;
}

let supportedCommandPaths: ReadonlySet<string> | undefined;

/**
 * The commands the translator carries out, as GetSupportedDM reports them (operate.ts): made at
 * the first request, not when a process that may never serve USP loads this module.
 */
function supportedCommands(): ReadonlySet<string> {
  supportedCommandPaths ??= new Set<string>([...OPERATE_COMMANDS.keys(), ...parameterCommands()]);
  return supportedCommandPaths;
}
/** The events the translator emits (Notify of Event subscriptions). */
export const SUPPORTED_EVENTS: ReadonlySet<string> = NOTIFY_EVENTS;

/** Who sent a request (its MTP context and Endpoint ID) and to which Agent. */
type Caller = RequestContext & { controllerId: string; agentId: string };

/**
 * Names of one Subscription instance: the table is there for every device (the translator keeps
 * it), with or without instances, whatever the CPE has (Get, GetSupportedDM). So is the Request
 * table (Operate), and a FirmwareImage instance to Download() to (operate.ts).
 */
const SUBSCRIPTION_NAMES: readonly string[] = [
  ...subscriptionEntries([
    {
      instance: 1,
      params: newSubscription(1, [{ param: 'NotifType', value: 'Event' }], '', new Date(0)).params,
    },
  ]).map((p) => p.name),
  `${REQUEST_TABLE}1.`,
  'Device.DeviceInfo.FirmwareImage.1.',
];

/** A message-level failure that names the parameters at fault (Set, Add). */
class MessageError extends UspError {
  constructor(
    code: UspError['code'],
    message: string,
    readonly paramErrs: readonly ParamError[],
  ) {
    super(code, message);
  }
}

/**
 * The MTP-independent USP Agent side of every CWMP device: one Record in, the Record to send back
 * (or nothing, when TR-369 says to ignore it). Requests to one device are handled one after the
 * other, in arrival order; different devices concurrently.
 */
export class UspTranslator {
  private readonly devices = new KeyedLock();
  private readonly reader: DeviceReader;
  /** Operate, the Request table and OperationComplete. */
  readonly operations: UspOperations;

  constructor(
    private readonly store: Store,
    private readonly cwmp: CwmpClient,
    private readonly options: TranslatorOptions,
  ) {
    this.reader = new DeviceReader(store, (deviceId, rpc) => this.run(deviceId, rpc));
    this.operations = new UspOperations(store, cwmp, {
      logger: options.logger,
      requestTimeoutMs: options.requestTimeoutMs,
    });
  }

  /**
   * The Records to send back for one received Record, in order: none when TR-369 says to ignore
   * it, one answer for a no_session_context Record, those of an E2E Session Context step.
   */
  async handle(bytes: Uint8Array, context: RequestContext): Promise<Uint8Array[]> {
    const log = this.options.logger;
    if (bytes.length > this.options.maxRecordBytes) {
      const error = new UspError(
        7005,
        `USP Record of ${bytes.length} bytes is larger than the ${this.options.maxRecordBytes} bytes the translator accepts`,
      );
      log.warn('USP Record refused: too large', { bytes: bytes.length });
      this.refused(String(error.code));
      return this.answerFailed(bytes, error, toIdOf(bytes));
    }
    let record: ParsedRecord;
    try {
      record = parseRecord(bytes);
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      log.warn('USP Record refused', { code: err.code, reason: err.message });
      this.refused(String(err.code));
      return this.answerFailed(bytes, err, err.partial?.toId);
    }
    const deviceId = await this.deviceOf(record.toId);
    if (deviceId === undefined) {
      // R-E2E.1: a Record not addressed to one of our Endpoint IDs is ignored.
      log.warn('USP Record ignored: to_id is not a device of this translator', {
        toId: record.toId,
        fromId: record.fromId,
      });
      this.refused('unknown_agent');
      return [];
    }
    const back = { toId: record.fromId, fromId: record.toId };
    const caller: Caller = { ...context, controllerId: record.fromId, agentId: record.toId };
    if (record.type === 'sessionContext') {
      const contexts = this.options.sessionContexts;
      if (contexts === undefined) {
        return [
          disconnectRecord(
            back,
            7106,
            'E2E Session Context is not supported: send no_session_context Records',
          ),
        ];
      }
      return contexts.receive(back, record, (payload) => this.answerMsg(deviceId, payload, caller));
    }
    // R-MTP.7: the Controller forgets the context; so does the Agent.
    if (record.type === 'disconnect') await this.options.sessionContexts?.forget(back);
    if (record.type !== 'noSessionContext') return [];
    const answer = await this.answerMsg(deviceId, record.payload, caller);
    return answer === undefined ? [] : [noSessionContextRecord(back, answer)];
  }

  /** The encoded Msg answering one received Msg, or undefined when none is due. */
  private async answerMsg(
    deviceId: string,
    payload: Uint8Array,
    caller: Caller,
  ): Promise<Uint8Array | undefined> {
    let msg: ParsedMsg;
    try {
      msg = parseMsg(payload);
    } catch (err) {
      if (err instanceof MsgError) {
        return encodeMsg(errorMsg(err.msgId, err.code, err.message));
      }
      if (err instanceof UspError) {
        this.options.logger.warn('USP Msg ignored: no msg_id can be read', {
          reason: err.message,
        });
        return undefined;
      }
      throw err;
    }
    // Responses and Errors need no answer; those to a Notify end its retries.
    if (msg.class !== 'request') {
      if (msg.class === 'error' || msg.kind === 'notifyResp') {
        await this.options.notifyAnswered?.(msg.msgId);
      }
      return undefined;
    }
    const answer = await this.devices.run(deviceId, () =>
      this.answer(deviceId, msg.msgId, msg.kind, msg.request, caller),
    );
    // An Operate with send_resp false is carried out without an OperateResp (TR-369).
    const silent = msg.kind === 'operate' && msg.request.operate?.sendResp === false;
    return silent && answer.body?.response ? undefined : encodeMsg(answer);
  }

  private async answerFailed(
    bytes: Uint8Array,
    error: UspError,
    toId: string | undefined,
  ): Promise<Uint8Array[]> {
    const own = toId !== undefined && (await this.deviceOf(toId)) !== undefined;
    const answer = answerToFailedRecord(bytes, error, (id) => own && id === toId);
    return answer === undefined ? [] : [answer];
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

  private refused(reason: string): void {
    this.options.metrics.uspRecordsRefused.add(1, { reason });
  }

  /** The answer of one request, counted and timed by its type and outcome. */
  private async answer(
    deviceId: string,
    msgId: string,
    kind: string,
    request: usp.IRequest,
    context: Caller,
  ): Promise<usp.IMsg> {
    const started = performance.now();
    const answer = await this.answerOf(deviceId, msgId, kind, request, context);
    const { metrics } = this.options;
    const errCode = answer.body?.error?.errCode;
    metrics.uspRequests.add(1, { msg_type: kind, outcome: errCode ? String(errCode) : 'ok' });
    metrics.uspRequestDuration.record((performance.now() - started) / 1000, { msg_type: kind });
    return answer;
  }

  private async answerOf(
    deviceId: string,
    msgId: string,
    kind: string,
    request: usp.IRequest,
    context: Caller,
  ): Promise<usp.IMsg> {
    try {
      const response = await this.respond(deviceId, kind, request, context);
      return response === undefined
        ? errorMsg(msgId, 7001, `${kind} is not supported by the CWMP-to-USP translator`)
        : responseMsg(msgId, response);
    } catch (err) {
      if (err instanceof MessageError) {
        return errorMsg(msgId, err.code, err.message, err.paramErrs);
      }
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
    context: Caller,
  ): Promise<usp.IResponse | undefined> {
    switch (kind) {
      case 'get':
        return { getResp: await this.get(deviceId, request.get!, context) };
      case 'getInstances':
        return {
          getInstancesResp: await this.reader.getInstances(
            deviceId,
            request.getInstances!,
            context.cacheAcceptable,
            await this.owned(deviceId),
          ),
        };
      case 'getSupportedDm':
        return {
          getSupportedDmResp: await this.reader.getSupportedDm(
            deviceId,
            request.getSupportedDm!,
            context.cacheAcceptable,
            await this.owned(deviceId),
          ),
        };
      case 'getSupportedProtocol':
        return { getSupportedProtocolResp: getSupportedProtocolResp() };
      case 'set':
        return { setResp: await this.set(deviceId, request.set!) };
      case 'add':
        return { addResp: await this.add(deviceId, request.add!, context) };
      case 'delete':
        return { deleteResp: await this.delete(deviceId, request.delete!, context) };
      case 'operate':
        return { operateResp: await this.operate(deviceId, request.operate!, context) };
      default:
        return undefined;
    }
  }

  /**
   * A Get reads the CPE (one GetParameterValues of all its paths' subtrees) unless the
   * Controller said the cache is acceptable: USP promises the Agent's current values, and the
   * cache is only as fresh as the last Inform or read.
   */
  private async get(
    deviceId: string,
    get: usp.IGet,
    context: RequestContext,
  ): Promise<usp.IGetResp> {
    return this.reader.get(deviceId, get, context.cacheAcceptable, await this.owned(deviceId));
  }

  /** What the translator keeps of the device itself: the Subscription and Request tables, its commands. */
  private async owned(deviceId: string): Promise<TranslatorOwned> {
    return {
      // The Subscription and Request tables are the translator's: laid over the CPE's values, never read there.
      reads: [await this.subscriptionRead(deviceId), await this.operations.requestRead(deviceId)],
      names: SUBSCRIPTION_NAMES,
      supported: { commands: supportedCommands(), events: SUPPORTED_EVENTS },
    };
  }

  /**
   * Set: the objects are resolved in a fresh read of each obj_path's subtree (which also gives
   * the values to restore), then each object is one SetParameterValues, all or nothing on the
   * CPE (TR-069), sent again without the non-required parameters that failed. Objects already
   * updated are rolled back by setting their old values again when their obj_path fails
   * (R-SET.2a) or, with allow_partial false, when any object fails (R-SET.1); with allow_partial
   * false the first failure stops the Set.
   */
  private async set(deviceId: string, set: usp.ISet): Promise<usp.ISetResp> {
    const objPaths = (set.updateObjs ?? []).map((u) => u.objPath ?? '');
    const cache = await this.reader.cache(deviceId, cacheNamesOf(objPaths));
    const names = cwmpReadNames(objPaths).filter((name) => !isSubscriptionPath(name));
    const reads = await this.reader.values(deviceId, names);
    const subscriptions = await this.subscriptionRead(deviceId);
    const plan = planSet(indexSnapshot(snapshotWithReads(cache, [...reads, subscriptions])), set);
    const allowPartial = set.allowPartial === true;
    const outcomes = new Map<SetTarget, SetOutcome>();
    run: for (const entry of plan) {
      if (!allowPartial && entry.error) break;
      for (const target of entry.targets) {
        const outcome =
          setPrecheck(target) ??
          (subscriptionInstanceOf(target.objectPath) === undefined
            ? await this.setObject(deviceId, target)
            : await this.setSubscription(deviceId, target));
        outcomes.set(target, outcome);
        if (!outcome.ok) {
          if (!allowPartial) break run;
          break;
        }
      }
    }
    const answer = setAnswer(plan, outcomes, allowPartial);
    for (const target of [...answer.rollback].reverse()) {
      const outcome = outcomes.get(target);
      await this.rollback(deviceId, target, outcome?.ok ? Object.keys(outcome.updated) : []);
    }
    if (answer.kind === 'error')
      throw new MessageError(answer.errCode as UspError['code'], answer.errMsg, answer.paramErrs);
    return answer.setResp;
  }

  /**
   * A Set of a Subscription instance, kept by the translator: the new parameters stored. A
   * ValueChange subscription that is enabled by it, or whose ReferenceList or NotifType it
   * changes, first turns on active notification of its ReferenceList on the CPE, as Add does.
   */
  private async setSubscription(deviceId: string, target: SetTarget): Promise<SetOutcome> {
    const instance = subscriptionInstanceOf(target.objectPath)!;
    const row = (await liveSubscriptions(this.store, deviceId)).find(
      (r) => r.instance === instance,
    );
    if (row === undefined) {
      return {
        ok: false,
        errCode: 7016,
        errMsg: `${target.objectPath} was deleted`,
        paramErrs: [],
      };
    }
    const { outcome, params } = subscriptionSet(target, row.params);
    if (!outcome.ok) return outcome;
    const watched = (p: Readonly<Record<string, string>>) =>
      p.NotifType === 'ValueChange' && p.Enable === 'true' ? (p.ReferenceList ?? '') : undefined;
    const references = watched(params);
    if (references !== undefined && references !== watched(row.params)) {
      const failure = await this.notifyOn(deviceId, references);
      if (failure !== undefined) return { ok: false, ...failure, paramErrs: outcome.paramErrs };
    }
    if (!(await this.store.uspSubscriptions.update(deviceId, instance, params))) {
      return {
        ok: false,
        errCode: 7016,
        errMsg: `${target.objectPath} was deleted`,
        paramErrs: [],
      };
    }
    return outcome;
  }

  private async setObject(deviceId: string, target: SetTarget): Promise<SetOutcome> {
    let dropped: ReadonlySet<string> = new Set();
    const earlier: ParamError[] = [];
    for (;;) {
      const params = setAttempt(target, dropped);
      if (params.length === 0) return setDone(target, dropped, earlier);
      const result = await this.run(deviceId, {
        name: 'SetParameterValues',
        parameterList: params.map((p) => ({
          name: `${target.objectPath}${p.param}`,
          value: p.value,
          type: p.type as XsdType,
        })),
        parameterKey: '',
      });
      if (result.outcome === 'done') return setDone(target, dropped, earlier);
      if (result.outcome === 'rejected') {
        // The gateway checks values against the data model before the CPE sees them.
        return { ok: false, errCode: 7004, errMsg: endedText(result), paramErrs: [] };
      }
      if (result.outcome !== 'fault') {
        return { ok: false, errCode: 7003, errMsg: endedText(result), paramErrs: [] };
      }
      const step = afterSetFault(target, dropped, result.fault);
      if ('outcome' in step) return step.outcome;
      dropped = step.retry;
      earlier.push(...step.paramErrs);
    }
  }

  /**
   * Add: AddObject in the table, a read of the new instance (the CWMP types of its parameters,
   * its unique keys), then one SetParameterValues of param_settings like a Set of that object;
   * if that fails the new instance is deleted again. With allow_partial false the first failure
   * stops the Add and the instances already created are deleted (R-ADD.1).
   */
  private async add(deviceId: string, add: usp.IAdd, caller: Caller): Promise<usp.IAddResp> {
    const allowPartial = add.allowPartial === true;
    const results: { requestedPath: string; outcome: AddOutcome | undefined }[] = [];
    const refused = (err: unknown): AddOutcome => {
      if (!(err instanceof UspError) || err.code === 7003) throw err;
      return { ok: false, errCode: err.code, errMsg: err.message, paramErrs: [] };
    };
    run: for (const create of add.createObjs ?? []) {
      const requestedPath = create.objPath ?? '';
      let tables: string[];
      try {
        tables = await this.addTables(deviceId, requestedPath);
      } catch (err) {
        results.push({ requestedPath, outcome: refused(err) });
        if (!allowPartial) break;
        continue;
      }
      if (tables.length === 0) results.push({ requestedPath, outcome: undefined });
      for (const table of tables) {
        let outcome: AddOutcome;
        try {
          outcome =
            table === SUBSCRIPTION_TABLE
              ? await this.createSubscription(deviceId, create.paramSettings ?? [], caller)
              : await this.createObject(deviceId, table, create.paramSettings ?? []);
        } catch (err) {
          outcome = refused(err);
        }
        results.push({ requestedPath, outcome });
        if (!outcome.ok && !allowPartial) break run;
      }
    }
    const answer = addAnswer(results, allowPartial);
    if (answer.kind === 'response') {
      this.notifyLater(
        caller,
        results.flatMap(({ outcome }): DeviceEvent[] =>
          outcome?.ok
            ? [
                {
                  kind: 'objectCreation',
                  objPath: outcome.instancePath,
                  uniqueKeys: outcome.uniqueKeys,
                },
              ]
            : [],
        ),
      );
      return answer.addResp;
    }
    for (const instancePath of answer.rollback) await this.deleteInstance(deviceId, instancePath);
    throw new MessageError(answer.errCode as UspError['code'], answer.errMsg, answer.paramErrs);
  }

  /**
   * The tables an Add's obj_path creates an instance in: the one it names, or for a search
   * path (R-ADD.2a) the table in each object the search matches in a fresh read (none: nothing).
   */
  private async addTables(deviceId: string, objPath: string): Promise<string[]> {
    const target = addTarget(objPath);
    if (!('parent' in target)) return [target.table];
    return (await this.objectsOf(deviceId, target.parent)).map((o) => `${o}${target.table}`);
  }

  /**
   * Operate: a Command Path is one command (operations.ts); on a wildcard or search path, the
   * command of each object the path matches in a fresh read, in turn, their results together
   * (none matched: no result, R-MSG.4a).
   */
  private async operate(
    deviceId: string,
    operate: usp.IOperate,
    caller: Caller,
  ): Promise<usp.IOperateResp> {
    const search = operateSearch(operate.command ?? '');
    if (search === undefined)
      return this.operations.operate(deviceId, operate, caller.controllerId);
    const operationResults: usp.OperateResp.IOperationResult[] = [];
    for (const objPath of await this.objectsOf(deviceId, search.objects)) {
      const command = `${objPath}${search.commandName}`;
      const resp = await this.operations.operate(
        deviceId,
        { ...operate, command },
        caller.controllerId,
      );
      operationResults.push(...(resp.operationResults ?? []));
    }
    return { operationResults };
  }

  /** The objects a search path matches in a fresh read of the device (`freshIndex`). */
  private async objectsOf(deviceId: string, searchPath: string): Promise<string[]> {
    return resolvePath(await this.freshIndex(deviceId, [searchPath]), searchPath).objects;
  }

  /**
   * The subtrees of `paths` as the device has them now: a read of the CPE (a path it does not
   * have, 9005, reads as empty), with the translator's own Subscription and Request tables laid
   * over it, over the cache (the types).
   */
  private async freshIndex(deviceId: string, paths: readonly string[]): Promise<SnapshotIndex> {
    const cache = await this.reader.cache(deviceId, cacheNamesOf(paths));
    const names = cwmpReadNames(paths).filter(
      (name) => !isSubscriptionPath(name) && !name.startsWith(REQUEST_TABLE),
    );
    const reads = (await this.reader.values(deviceId, names)).map(
      (r): CwmpRead =>
        r.ok || r.fault.faultCode !== 9005 ? r : { name: r.name, ok: true, parameters: [] },
    );
    const owned = await this.owned(deviceId);
    return indexSnapshot(snapshotWithReads(cache, [...reads, ...owned.reads]));
  }

  private async createObject(
    deviceId: string,
    table: string,
    settings: usp.Add.ICreateParamSetting[],
  ): Promise<AddOutcome> {
    const added = await this.run(deviceId, {
      name: 'AddObject',
      objectName: table,
      parameterKey: '',
    });
    if (added.outcome === 'fault')
      return { ...uspErrorOfCwmpFault(added.fault), paramErrs: [], ok: false };
    if (added.outcome !== 'done' || added.response.name !== 'AddObjectResponse') {
      return { ok: false, errCode: 7017, errMsg: endedText(added), paramErrs: [] };
    }
    const instancePath = `${table}${added.response.instanceNumber}.`;
    const read = await this.read(deviceId, instancePath);
    const [entry] = planSet(indexSnapshot(snapshotWithReads(new Map(), [read])), {
      updateObjs: [{ objPath: instancePath, paramSettings: settings }],
    });
    const target = entry?.targets[0];
    const outcome: SetOutcome =
      target === undefined
        ? {
            ok: false,
            errCode: 7017,
            errMsg: `${instancePath} could not be read after AddObject`,
            paramErrs: [],
          }
        : (setPrecheck(target) ?? (await this.setObject(deviceId, target)));
    if (!outcome.ok) {
      await this.deleteInstance(deviceId, instancePath);
      return outcome;
    }
    const values = new Map<string, string>(
      read.ok ? read.parameters.map((p) => [p.name.slice(instancePath.length), p.value]) : [],
    );
    for (const [param, value] of Object.entries(outcome.updated)) values.set(param, value);
    return {
      ok: true,
      instancePath,
      paramErrs: outcome.paramErrs,
      uniqueKeys: uniqueKeysOf(instancePath, values),
    };
  }

  /**
   * A Subscription instance, kept by the translator (the CPE knows nothing of it); Recipient is
   * the Controller that adds it, and its MTP address is where the Notify messages go. A
   * ValueChange subscription first turns on active notification (SetParameterAttributes 2) of
   * its ReferenceList on the CPE, which then informs "4 VALUE CHANGE" when a value changes.
   */
  private async createSubscription(
    deviceId: string,
    settings: usp.Add.ICreateParamSetting[],
    caller: Caller,
  ): Promise<AddOutcome> {
    const make = (instance: number) =>
      newSubscription(instance, settings, caller.controllerId, new Date());
    let checked;
    try {
      checked = make(0);
    } catch (err) {
      if (!(err instanceof UspError)) throw err;
      return { ok: false, errCode: err.code, errMsg: err.message, paramErrs: [] };
    }
    if (checked.params.NotifType === 'ValueChange' && checked.params.Enable === 'true') {
      const failure = await this.notifyOn(deviceId, checked.params.ReferenceList ?? '');
      if (failure !== undefined) return { ok: false, ...failure, paramErrs: [] };
    }
    const stored = await this.store.uspSubscriptions.create(deviceId, (instance) => ({
      params: make(instance).params,
      replyTo: caller.replyTo,
    }));
    const instancePath = `${SUBSCRIPTION_TABLE}${stored.instance}.`;
    return {
      ok: true,
      instancePath,
      paramErrs: checked.paramErrs.map((e) => ({
        paramPath: `${instancePath}${e.param}`,
        errCode: e.errCode,
        errMsg: e.errMsg,
      })),
      uniqueKeys: uniqueKeysOf(instancePath, new Map(Object.entries(stored.params))),
    };
  }

  /** SetParameterAttributes notification 2 (active) on what a ReferenceList names. */
  private async notifyOn(
    deviceId: string,
    referenceList: string,
  ): Promise<{ errCode: number; errMsg: string } | undefined> {
    const names = [
      ...new Set(
        referenceList
          .split(',')
          .map((r) => r.trim())
          .flatMap((r) => (r === '' ? [] : (cwmpReadName(r) ?? []))),
      ),
    ];
    if (names.length === 0) return undefined;
    const result = await this.run(deviceId, {
      name: 'SetParameterAttributes',
      parameterList: names.map((name) => ({
        name,
        notificationChange: true,
        notification: 2,
        accessListChange: false,
        accessList: [],
      })),
    });
    if (result.outcome === 'done') return undefined;
    return result.outcome === 'fault'
      ? uspErrorOfCwmpFault(result.fault)
      : { errCode: 7003, errMsg: endedText(result) };
  }

  /** The Subscription table as a read that replaces the CPE's (or the cache's) values there. */
  private async subscriptionRead(deviceId: string): Promise<CwmpRead & { ok: true }> {
    const rows = await liveSubscriptions(this.store, deviceId);
    return { name: SUBSCRIPTION_TABLE, ok: true, parameters: subscriptionEntries(rows) };
  }

  /**
   * The Notify Records an Inform gives (Boot!, ValueChange, OnBoardRequest) for the device's
   * subscriptions, each to the Controller that subscribed, on the address it subscribed from.
   */
  async notifiesOfInform(inform: InformMessage): Promise<OutgoingNotify[]> {
    const events = deviceEventsOfInform(inform.events, inform.parameterList);
    return this.notifiesOf(
      inform.deviceId,
      inform.deviceIdStruct,
      await this.changedOnly(inform, events),
    );
  }

  /** The Notify Records of the device's subscriptions that these events match. */
  private async notifiesOf(
    deviceId: string,
    device: { oui: string; productClass: string; serialNumber: string },
    events: readonly DeviceEvent[],
  ): Promise<OutgoingNotify[]> {
    if (events.length === 0) return [];
    const rows = await liveSubscriptions(this.store, deviceId);
    if (rows.length === 0) return [];
    let fromId: string;
    try {
      fromId = endpointIdOf(device);
    } catch (err) {
      if (err instanceof EndpointIdError) return [];
      throw err;
    }
    const out: OutgoingNotify[] = [];
    for (const event of events) {
      for (const planned of notifiesFor(rows, event, device)) {
        const row = rows.find((r) =>
          planned.instance === undefined
            ? r.params.Recipient === planned.recipient && r.replyTo !== null
            : r.instance === planned.instance,
        );
        if (row?.replyTo == null) continue;
        const msgId = `notify-${randomBytes(8).toString('hex')}`;
        const record = noSessionContextRecord(
          { toId: planned.recipient, fromId },
          encodeMsg(notifyMsg(msgId, planned.notify)),
        );
        out.push({
          replyTo: row.replyTo,
          fromId,
          toId: planned.recipient,
          msgId,
          notifType: notifTypeOf(planned.notify),
          sendResp: planned.notify.sendResp === true,
          // OnBoardRequest never expires (R-NOT.6); a subscription's after NotifExpiration.
          expiresAt: planned.instance === undefined ? undefined : notifExpiresAt(row, Date.now()),
          record,
        });
      }
    }
    return out;
  }

  /**
   * ObjectCreation/ObjectDeletion Notify for an AddObject or DeleteObject the CPE carried out for
   * another service (an NBI task, a preset): the translator's own are notified with their answer
   * (`notifyLater`). A new instance's unique keys are what the parameter cache holds of it when
   * the result arrives: none when nothing has read or set them yet.
   */
  async notifiesOfResult(result: ResultMessage): Promise<OutgoingNotify[]> {
    if (result.source === USP_TRANSLATOR_SOURCE || result.outcome !== 'done') return [];
    const { rpc, response } = result;
    let event: DeviceEvent;
    if (rpc?.name === 'AddObject' && response.name === 'AddObjectResponse') {
      const objPath = `${rpc.objectName}${response.instanceNumber}.`;
      const cached = await this.store.parameters.get(result.deviceId, { prefix: objPath });
      const values = new Map(
        cached.flatMap((p) =>
          p.value === undefined ? [] : [[p.path.slice(objPath.length), p.value]],
        ),
      );
      event = { kind: 'objectCreation', objPath, uniqueKeys: uniqueKeysOf(objPath, values) };
    } else if (rpc?.name === 'DeleteObject' && response.name === 'DeleteObjectResponse') {
      event = { kind: 'objectDeletion', objPath: rpc.objectName };
    } else {
      return [];
    }
    const device = await this.store.devices.get(result.deviceId);
    if (device === null) return [];
    return this.notifiesOf(result.deviceId, device.identity, [event]);
  }

  /**
   * ObjectCreation/ObjectDeletion Notify for what the translator itself added or deleted, sent
   * beside the answer (not waited for: a failure is logged).
   */
  private notifyLater(caller: Caller, events: DeviceEvent[]): void {
    const send = this.options.notify;
    if (send === undefined || events.length === 0) return;
    const { deviceId, ...device } = parseEndpointId(caller.agentId);
    void this.notifiesOf(deviceId, device, events)
      .then(send)
      .catch((err: unknown) =>
        this.options.logger.warn('USP Notify of an Add or Delete failed', {
          deviceId,
          error: (err as Error).message,
        }),
      );
  }

  /** ValueChange events without the Inform parameters whose value did not change. */
  private async changedOnly(
    inform: InformMessage,
    events: readonly DeviceEvent[],
  ): Promise<DeviceEvent[]> {
    const change = events.find((e) => e.kind === 'valueChange');
    if (change === undefined) return [...events];
    const cached = await this.store.parameters.get(inform.deviceId, {
      paths: change.parameters.map((p) => p.name),
    });
    const parameters = changedInformParameters(
      change.parameters,
      new Map(cached.map((p) => [p.path, p])),
      new Date(inform.time),
    );
    return events.map((e) => (e === change ? { ...change, parameters } : e));
  }

  /** DeleteObject of an instance the translator created; a failure is logged. */
  private async deleteInstance(deviceId: string, instancePath: string): Promise<void> {
    const subscription = subscriptionInstanceOf(instancePath);
    if (subscription !== undefined) {
      await this.store.uspSubscriptions.delete(deviceId, subscription);
      return;
    }
    const result = await this.cwmp.run(deviceId, {
      name: 'DeleteObject',
      objectName: instancePath,
      parameterKey: '',
    });
    if (result.outcome !== 'done') {
      this.options.logger.error('USP Add rollback failed: the new instance stays', {
        deviceId,
        instancePath,
        outcome: result.outcome,
      });
    }
  }

  /**
   * Delete: each obj_path resolved in a fresh read of its subtree (an instance the CPE does not
   * have deletes nothing, R-DEL.2a), then one DeleteObject per instance. With allow_partial
   * false the first failure stops the Delete and is an Error (deletions cannot be undone).
   */
  private async delete(
    deviceId: string,
    del: usp.IDelete,
    caller: Caller,
  ): Promise<usp.IDeleteResp> {
    const allowPartial = del.allowPartial === true;
    const paths = del.objPaths ?? [];
    const index = await this.freshIndex(deviceId, paths);
    const entries: DeleteEntry[] = [];
    run: for (const requestedPath of paths) {
      let instances: string[];
      try {
        instances = deleteTargets(index, requestedPath);
      } catch (err) {
        if (!(err instanceof UspError)) throw err;
        entries.push({
          requestedPath,
          error: { errCode: err.code, errMsg: err.message },
          instances: [],
        });
        if (!allowPartial) break;
        continue;
      }
      const entry: DeleteEntry = { requestedPath, instances: [] };
      entries.push(entry);
      for (const path of instances) {
        const subscription = subscriptionInstanceOf(path);
        if (subscription !== undefined) {
          await this.store.uspSubscriptions.delete(deviceId, subscription);
          entry.instances.push({ path });
          continue;
        }
        if (path.startsWith(REQUEST_TABLE)) {
          // The Agent's own table (not writable in the model): a Request ends, or is canceled.
          const errMsg = `${path}: a Request ends by itself or by its Cancel(), not by Delete`;
          entry.instances.push({ path, error: { errCode: 7024, errMsg } });
          if (!allowPartial) break run;
          continue;
        }
        const result = await this.run(deviceId, {
          name: 'DeleteObject',
          objectName: path,
          parameterKey: '',
        });
        const error =
          result.outcome === 'done'
            ? undefined
            : {
                errCode: 7024,
                errMsg:
                  result.outcome === 'fault'
                    ? uspErrorOfCwmpFault(result.fault).errMsg
                    : endedText(result),
              };
        entry.instances.push({ path, error });
        if (error && !allowPartial) break run;
      }
    }
    // What was deleted stays deleted, Error or not (deletions are not undone).
    this.notifyLater(
      caller,
      entries.flatMap((e) =>
        e.instances.flatMap((i): DeviceEvent[] =>
          i.error === undefined ? [{ kind: 'objectDeletion', objPath: i.path }] : [],
        ),
      ),
    );
    const answer = deleteAnswer(entries, allowPartial);
    if (answer.kind === 'error')
      throw new UspError(answer.errCode as UspError['code'], answer.errMsg);
    return answer.deleteResp;
  }

  /** Sets the old values of an object's updated parameters again; a failure is logged. */
  private async rollback(deviceId: string, target: SetTarget, updated: string[]): Promise<void> {
    const params = target.params.filter((p) => updated.includes(p.param));
    if (params.length === 0) return;
    const subscription = subscriptionInstanceOf(target.objectPath);
    if (subscription !== undefined) {
      const row = (await liveSubscriptions(this.store, deviceId)).find(
        (r) => r.instance === subscription,
      );
      const old = Object.fromEntries(params.map((p) => [p.param, p.oldValue]));
      if (row)
        await this.store.uspSubscriptions.update(deviceId, subscription, { ...row.params, ...old });
      return;
    }
    const result = await this.cwmp.run(deviceId, {
      name: 'SetParameterValues',
      parameterList: params.map((p) => ({
        name: `${target.objectPath}${p.param}`,
        value: p.oldValue,
        type: p.type as XsdType,
      })),
      parameterKey: '',
    });
    if (result.outcome !== 'done') {
      this.options.logger.error('USP Set rollback failed: the device keeps the new values', {
        deviceId,
        objectPath: target.objectPath,
        outcome: result.outcome,
      });
    }
  }

  /** One CWMP command; a CPE that cannot be reached fails the whole request with 7003. */
  private async run(deviceId: string, rpc: CpeMethodRequest): Promise<ResultMessage> {
    const result = await this.cwmp.run(deviceId, rpc);
    if (result.outcome === 'unreachable') {
      // The whole request fails: 7003 with the plain reason, whatever the message type.
      const { errCode, errMsg } = cpeUnreachableError(deviceId, result.waitedMs);
      throw new UspError(errCode, errMsg);
    }
    return result;
  }

  private async read(deviceId: string, name: string): Promise<CwmpRead> {
    const result = await this.run(deviceId, {
      name: 'GetParameterValues',
      parameterNames: [name],
    });
    if (result.outcome === 'fault') return { name, ok: false, fault: result.fault };
    if (result.outcome !== 'done') throw new UspError(7003, endedText(result));
    if (result.response.name !== 'GetParameterValuesResponse') {
      throw new UspError(7003, `the CPE answered ${result.response.name} to GetParameterValues`);
    }
    return { name, ok: true, parameters: result.response.parameterList };
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
