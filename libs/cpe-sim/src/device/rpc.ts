import { CPE_METHODS, cwmpFault } from '@meridian/cwmp';
import type {
  AddObject,
  CpeMethodRequest,
  CpeMethodResponse,
  CwmpFault,
  DeleteObject,
  Download,
  GetParameterAttributes,
  GetParameterNames,
  GetParameterValues,
  ParameterAttributeStruct,
  ParameterInfo,
  ParameterValue,
  ScheduleDownload,
  SetParameterAttributes,
  SetParameterValues,
  SetParameterValuesFault,
  Upload,
} from '@meridian/cwmp';
import { checkValue, isObjectPath, parentPathOf, xsdTypeOf } from '@meridian/data-model';
import { requestedDiagnostics } from './diagnostics';
import type { DeviceEffect, DeviceState, ParameterAttributes, Transfer } from './state';
import {
  childrenOf,
  draftOf,
  instantiate,
  isObjectWritable,
  isTablePath,
  readValue,
  removeSubtree,
} from './tree';

export interface RpcResult {
  state: DeviceState;
  response: CpeMethodResponse | CwmpFault;
  /** What the device does once the session is over. */
  effects: DeviceEffect[];
}

/** TR-069 "Unknown Time": the transfer has not started or completed yet. */
export const UNKNOWN_TIME = '0001-01-01T00:00:00Z';

/** Every CPE method the simulator answers (TR-069 Table 5): all of them. */
export { CPE_METHODS };

const answer = (
  state: DeviceState,
  response: RpcResult['response'],
  effects: DeviceEffect[] = [],
) => ({
  state,
  response,
  effects,
});

/**
 * Answers one ACS request. Pure: the device's new state, the response (or fault) and the effects
 * to carry out after the session come back; `now` (epoch ms) is the device clock.
 */
export function handleRpc(state: DeviceState, request: CpeMethodRequest, now: number): RpcResult {
  switch (request.name) {
    case 'GetRPCMethods':
      return answer(state, { name: 'GetRPCMethodsResponse', methodList: [...CPE_METHODS] });
    case 'GetParameterValues':
      return answer(state, getParameterValues(state, request, now));
    case 'SetParameterValues':
      return setParameterValues(state, request);
    case 'GetParameterNames':
      return answer(state, getParameterNames(state, request));
    case 'SetParameterAttributes':
      return setParameterAttributes(state, request);
    case 'GetParameterAttributes':
      return answer(state, getParameterAttributes(state, request));
    case 'AddObject':
      return addObject(state, request);
    case 'DeleteObject':
      return deleteObject(state, request);
    case 'Reboot':
      return answer(state, { name: 'RebootResponse' }, [
        { kind: 'reboot', commandKey: request.commandKey },
      ]);
    case 'FactoryReset':
      return answer(state, { name: 'FactoryResetResponse' }, [{ kind: 'factoryReset' }]);
    case 'Download':
    case 'Upload':
    case 'ScheduleDownload':
      return queueTransfer(state, request);
    case 'ScheduleInform':
      // A.4.1.2: DelaySeconds MUST be greater than zero.
      if (request.delaySeconds <= 0)
        return answer(state, cwmpFault(9003, 'DelaySeconds must be > 0'));
      return answer(state, { name: 'ScheduleInformResponse' }, [
        {
          kind: 'scheduleInform',
          delaySeconds: request.delaySeconds,
          commandKey: request.commandKey,
        },
      ]);
    case 'GetQueuedTransfers':
      return answer(state, {
        name: 'GetQueuedTransfersResponse',
        transferList: state.transfers.map((t) => ({ commandKey: t.commandKey, state: t.state })),
      });
    case 'GetAllQueuedTransfers':
      return answer(state, {
        name: 'GetAllQueuedTransfersResponse',
        transferList: state.transfers.map((t) => ({
          commandKey: t.commandKey,
          state: t.state,
          isDownload: t.isDownload,
          fileType: t.fileType,
          fileSize: t.fileSize,
          targetFileName: t.targetFileName,
        })),
      });
    case 'CancelTransfer':
      return cancelTransfer(state, request.commandKey);
    case 'ChangeDUState':
      return answer(state, { name: 'ChangeDUStateResponse' }, [
        { kind: 'duStateChange', commandKey: request.commandKey, operations: request.operations },
      ]);
    case 'SetVouchers':
      // No options are enforced by the simulator: vouchers are accepted and have no effect.
      return answer(state, { name: 'SetVouchersResponse' });
    case 'GetOptions':
      return answer(state, { name: 'GetOptionsResponse', optionList: [] });
  }
}

/** The top of the hierarchy: an empty path means the root object (A.3.2.2, A.3.2.3). */
function normalisePath(state: DeviceState, path: string): string {
  return path === '' ? `${state.model.root}.` : path;
}

/** Parameter paths a name designates: itself, or every parameter beneath a partial path. */
function expandNames(state: DeviceState, name: string): string[] | undefined {
  const path = normalisePath(state, name);
  if (!isObjectPath(path)) return state.values.has(path) ? [path] : undefined;
  if (!state.objects.has(path)) return undefined;
  return [...state.values.keys()].filter((p) => p.startsWith(path));
}

function getParameterValues(
  state: DeviceState,
  request: GetParameterValues,
  now: number,
): CpeMethodResponse | CwmpFault {
  const parameterList: ParameterValue[] = [];
  for (const name of request.parameterNames) {
    const paths = expandNames(state, name);
    if (paths === undefined) return cwmpFault(9005, `Invalid parameter name ${name}`);
    for (const path of paths) parameterList.push(valueOf(state, path, now));
  }
  return { name: 'GetParameterValuesResponse', parameterList };
}

export function valueOf(state: DeviceState, path: string, now: number): ParameterValue {
  const meta = state.model.parameter(path);
  return {
    name: path,
    value: readValue(state, path, now),
    type: meta ? xsdTypeOf(meta) : 'xsd:string',
  };
}

/** A.3.2.1: all or nothing; every failing parameter is listed in SetParameterValuesFault. */
function setParameterValues(state: DeviceState, request: SetParameterValues): RpcResult {
  const faults: SetParameterValuesFault[] = [];
  const seen = new Set<string>();
  for (const { name, value } of request.parameterList) {
    if (seen.has(name)) return answer(state, cwmpFault(9003, `Parameter ${name} given twice`));
    seen.add(name);
    const fault = setFault(state, name, value);
    if (fault) faults.push({ parameterName: name, ...fault });
  }
  if (faults.length > 0) return answer(state, cwmpFault(9003, 'Invalid arguments', faults));
  const values = new Map(state.values);
  for (const { name, value } of request.parameterList) values.set(name, value);
  values.set(parameterKeyPath(state), request.parameterKey);
  // TR-069: a test requested by SetParameterValues starts after the session ends.
  const tests = requestedDiagnostics(state, request).map((objectPath) => ({
    kind: 'diagnostic' as const,
    objectPath,
  }));
  return answer({ ...state, values }, { name: 'SetParameterValuesResponse', status: 0 }, tests);
}

function setFault(
  state: DeviceState,
  name: string,
  value: string,
): { faultCode: number; faultString: string } | undefined {
  const meta = state.values.has(name) ? state.model.parameter(name) : undefined;
  if (meta === undefined) return { faultCode: 9005, faultString: 'Invalid parameter name' };
  if (!meta.writable)
    return { faultCode: 9008, faultString: 'Attempt to set a non-writable parameter' };
  const why = checkValue(meta, value);
  if (why !== undefined) return { faultCode: 9007, faultString: `Invalid parameter value: ${why}` };
  return undefined;
}

export function parameterKeyPath(state: DeviceState): string {
  return `${state.model.root}.ManagementServer.ParameterKey`;
}

/** A.3.2.3: NextLevel true lists the direct children only; false, the whole subtree and itself. */
function getParameterNames(
  state: DeviceState,
  request: GetParameterNames,
): CpeMethodResponse | CwmpFault {
  const requested = request.parameterPath;
  if (requested === '') {
    // The empty path designates the root; with NextLevel true only the root object is listed.
    const root = `${state.model.root}.`;
    if (request.nextLevel) return namesResponse([{ name: root, writable: false }]);
    return namesResponse(subtree(state, root));
  }
  if (!isObjectPath(requested)) {
    if (!state.values.has(requested)) return cwmpFault(9005, `Invalid parameter name ${requested}`);
    if (request.nextLevel) return cwmpFault(9003, 'NextLevel must be false for a parameter');
    return namesResponse([infoOf(state, requested, false)]);
  }
  if (!state.objects.has(requested)) return cwmpFault(9005, `Invalid parameter name ${requested}`);
  if (request.nextLevel) {
    return namesResponse(
      childrenOf(state, requested).map((c) => infoOf(state, c.name, c.isObject)),
    );
  }
  return namesResponse(subtree(state, requested));
}

function namesResponse(parameterList: ParameterInfo[]): CpeMethodResponse {
  return { name: 'GetParameterNamesResponse', parameterList };
}

/**
 * `path` and everything beneath it, each object followed by its parameters then its child
 * objects (childrenOf's order). The children are grouped in one pass over the tree: asking
 * childrenOf for each object scanned the whole tree once per object, which made discovery's
 * GetParameterNames cost the simulator more than the ACS (bench/results.md, issue 16).
 */
function subtree(state: DeviceState, path: string): ParameterInfo[] {
  const children = new Map<string, { name: string; isObject: boolean }[]>();
  const add = (name: string, isObject: boolean): void => {
    const parent = parentPathOf(name);
    if (!parent.startsWith(path)) return;
    const list = children.get(parent);
    if (list) list.push({ name, isObject });
    else children.set(parent, [{ name, isObject }]);
  };
  for (const name of state.values.keys()) add(name, false);
  for (const name of state.objects) if (name !== path) add(name, true);
  const out: ParameterInfo[] = [];
  const visit = (object: string): void => {
    out.push(infoOf(state, object, true));
    for (const child of children.get(object) ?? []) {
      if (child.isObject) visit(child.name);
      else out.push(infoOf(state, child.name, false));
    }
  };
  visit(path);
  return out;
}

function infoOf(state: DeviceState, path: string, isObject: boolean): ParameterInfo {
  if (isObject) return { name: path, writable: isObjectWritable(state.model, path) };
  return { name: path, writable: state.model.parameter(path)?.writable === true };
}

function setParameterAttributes(state: DeviceState, request: SetParameterAttributes): RpcResult {
  const attributes = new Map(state.attributes);
  for (const item of request.parameterList) {
    const paths = expandNames(state, item.name);
    if (paths === undefined)
      return answer(state, cwmpFault(9005, `Invalid parameter name ${item.name}`));
    for (const path of paths) {
      const current = attributesOf(state, path);
      attributes.set(path, {
        notification: item.notificationChange ? item.notification : current.notification,
        accessList: item.accessListChange ? [...item.accessList] : current.accessList,
      });
    }
  }
  return answer({ ...state, attributes }, { name: 'SetParameterAttributesResponse' });
}

function attributesOf(state: DeviceState, path: string): ParameterAttributes {
  return state.attributes.get(path) ?? { notification: 0, accessList: [] };
}

function getParameterAttributes(
  state: DeviceState,
  request: GetParameterAttributes,
): CpeMethodResponse | CwmpFault {
  const parameterList: ParameterAttributeStruct[] = [];
  for (const name of request.parameterNames) {
    const paths = expandNames(state, name);
    if (paths === undefined) return cwmpFault(9005, `Invalid parameter name ${name}`);
    for (const path of paths) {
      const a = attributesOf(state, path);
      parameterList.push({
        name: path,
        notification: a.notification,
        accessList: [...a.accessList],
      });
    }
  }
  return { name: 'GetParameterAttributesResponse', parameterList };
}

/** A.3.2.6: the object name is a table path ending with "."; the new row gets a fresh number. */
function addObject(state: DeviceState, request: AddObject): RpcResult {
  const table = request.objectName;
  const rowMeta = state.model.object(`${table}{i}.`);
  if (!state.objects.has(table) || !isTablePath(state.model, table) || rowMeta === undefined) {
    return answer(state, cwmpFault(9005, `Invalid object name ${table}`));
  }
  if (!rowMeta.writable)
    return answer(state, cwmpFault(9005, `Objects cannot be added to ${table}`));
  const draft = draftOf(state);
  const instanceNumber = draft.nextInstance.get(table) ?? 1;
  const aliasParam = rowMeta.parameters.some((p) => p.name === 'Alias');
  // TR-181: an Alias the CPE assigns starts with "cpe-".
  instantiate(
    state.model,
    draft,
    `${table}${instanceNumber}.`,
    aliasParam ? { Alias: `cpe-${instanceNumber}` } : {},
  );
  draft.values.set(parameterKeyPath(state), request.parameterKey);
  return answer(
    { ...state, values: draft.values, objects: draft.objects, nextInstance: draft.nextInstance },
    { name: 'AddObjectResponse', instanceNumber, status: 0 },
  );
}

/** A.3.2.7: the object name is a row path ("….3."); the row and all beneath it go. */
function deleteObject(state: DeviceState, request: DeleteObject): RpcResult {
  const path = request.objectName;
  if (!/\.\d+\.$/.test(path) || !state.objects.has(path)) {
    return answer(state, cwmpFault(9005, `Invalid object name ${path}`));
  }
  if (!isObjectWritable(state.model, path)) {
    return answer(state, cwmpFault(9005, `Object ${path} cannot be deleted`));
  }
  const draft = draftOf(state);
  removeSubtree(draft, path);
  draft.values.set(parameterKeyPath(state), request.parameterKey);
  const attributes = new Map([...state.attributes].filter(([p]) => !p.startsWith(path)));
  return answer(
    { ...state, values: draft.values, objects: draft.objects, attributes },
    { name: 'DeleteObjectResponse', status: 0 },
  );
}

/**
 * A.3.2.8/A.4.1.x: the transfer is queued and done after the session (status 1); its outcome
 * goes to the ACS in a later session's TransferComplete.
 */
function queueTransfer(
  state: DeviceState,
  request: Download | Upload | ScheduleDownload,
): RpcResult {
  if (!/^https?:\/\//i.test(request.url)) {
    return answer(state, cwmpFault(9013, `Unsupported protocol in ${request.url}`));
  }
  if (request.name === 'ScheduleDownload' && ![1, 2].includes(request.timeWindowList.length)) {
    return answer(state, cwmpFault(9003, 'TimeWindowList must hold one or two windows'));
  }
  const transfer: Transfer = {
    id: state.nextTransferId,
    commandKey: request.commandKey,
    isDownload: request.name !== 'Upload',
    fileType: request.fileType,
    url: request.url,
    username: request.username,
    password: request.password,
    fileSize: request.name === 'Upload' ? 0 : request.fileSize,
    targetFileName: request.name === 'Upload' ? '' : request.targetFileName,
    delaySeconds:
      request.name === 'ScheduleDownload'
        ? (request.timeWindowList[0]?.windowStart ?? 0)
        : request.delaySeconds,
    state: 1,
    method: request.name,
  };
  const next = {
    ...state,
    transfers: [...state.transfers, transfer],
    nextTransferId: transfer.id + 1,
  };
  const effects: DeviceEffect[] = [{ kind: 'transfer', transferId: transfer.id }];
  if (request.name === 'ScheduleDownload')
    return answer(next, { name: 'ScheduleDownloadResponse' }, effects);
  return answer(
    next,
    {
      name: `${request.name}Response`,
      status: 1,
      startTime: UNKNOWN_TIME,
      completeTime: UNKNOWN_TIME,
    },
    effects,
  );
}

/** A.4.1.8: only a transfer that has not started can be cancelled. */
function cancelTransfer(state: DeviceState, commandKey: string): RpcResult {
  const transfer = state.transfers.find((t) => t.commandKey === commandKey);
  if (transfer === undefined)
    return answer(state, cwmpFault(9003, `No transfer with CommandKey ${commandKey}`));
  if (transfer.state !== 1) return answer(state, cwmpFault(9021));
  return answer(
    { ...state, transfers: state.transfers.filter((t) => t !== transfer) },
    { name: 'CancelTransferResponse' },
  );
}
