import { usp } from './generated/usp-proto';
import tr181Usp from './generated/tr-181-usp.json';

const Resp = usp.GetSupportedDMResp;

/** The on-disk encoding written by scripts/generate-model.mjs (see its header). */
interface EncodedModel {
  model: string;
  uri: string;
  objects: [
    path: string,
    flags: number,
    params: [name: string, type: string, access: number][],
    commands: [name: string, async: number, input: string[], output: string[]][],
    events: [name: string, args: string[]][],
    uniqueKeys: string[][],
  ][];
}

export interface SupportedParam {
  name: string;
  valueType: usp.GetSupportedDMResp.ParamValueType;
  /** writeOnceReadOnly is reported read-write, as TR-369 says. */
  access: usp.GetSupportedDMResp.ParamAccessType;
}

export interface SupportedCommand {
  name: string;
  async: boolean;
  inputArgs: readonly string[];
  outputArgs: readonly string[];
}

export interface SupportedEvent {
  name: string;
  args: readonly string[];
}

export interface SupportedObject {
  /** Supported Data Model notation: "Device.WiFi.SSID.{i}.". */
  path: string;
  multiInstance: boolean;
  /** Controllers may Add and Delete instances. */
  writable: boolean;
  params: readonly SupportedParam[];
  commands: readonly SupportedCommand[];
  events: readonly SupportedEvent[];
  uniqueKeys: readonly (readonly string[])[];
}

/** The TR-181 USP data model (Device:2.16) with commands and events. */
export interface SupportedModel {
  /** e.g. "Device:2.16". */
  version: string;
  /** The model's URN, for data_model_inst_uri. */
  uri: string;
  /** By supported path, in the model's order. */
  objects: ReadonlyMap<string, SupportedObject>;
}

const VALUE_TYPES: Readonly<Record<string, usp.GetSupportedDMResp.ParamValueType>> = {
  s: Resp.ParamValueType.PARAM_STRING,
  i: Resp.ParamValueType.PARAM_INT,
  u: Resp.ParamValueType.PARAM_UNSIGNED_INT,
  l: Resp.ParamValueType.PARAM_LONG,
  U: Resp.ParamValueType.PARAM_UNSIGNED_LONG,
  b: Resp.ParamValueType.PARAM_BOOLEAN,
  d: Resp.ParamValueType.PARAM_DATE_TIME,
  6: Resp.ParamValueType.PARAM_BASE_64,
  x: Resp.ParamValueType.PARAM_HEX_BINARY,
  D: Resp.ParamValueType.PARAM_DECIMAL,
};

let loaded: SupportedModel | undefined;

/** The supported model, decoded once per process (read-only, shared). */
export function supportedModel(): SupportedModel {
  if (loaded !== undefined) return loaded;
  const encoded = tr181Usp as unknown as EncodedModel;
  const objects = new Map<string, SupportedObject>();
  for (const [path, flags, params, commands, events, uniqueKeys] of encoded.objects) {
    objects.set(path, {
      path,
      multiInstance: (flags & 1) !== 0,
      writable: (flags & 2) !== 0,
      params: params.map(([name, type, access]) => ({
        name,
        valueType: VALUE_TYPES[type] ?? Resp.ParamValueType.PARAM_UNKNOWN,
        access:
          access === 0
            ? Resp.ParamAccessType.PARAM_READ_ONLY
            : Resp.ParamAccessType.PARAM_READ_WRITE,
      })),
      commands: commands.map(([name, async, inputArgs, outputArgs]) => ({
        name,
        async: async === 1,
        inputArgs,
        outputArgs,
      })),
      events: events.map(([name, args]) => ({ name, args })),
      uniqueKeys,
    });
  }
  loaded = { version: encoded.model, uri: encoded.uri, objects };
  return loaded;
}

const INSTANCE = /\.(?:[0-9]+|\*|\{i\}|\[[^\]]*\])(?=\.|$)/g;
const SUPPORTED_PATH =
  /^[A-Za-z_][A-Za-z0-9_]*\.(?:(?:[A-Za-z_][A-Za-z0-9_]*|\{i\})\.)*(?:[A-Za-z_][A-Za-z0-9_]*(?:\(\)|!)?)?$/;

/**
 * A path in Supported Data Model notation: instance numbers, wildcards and search expressions
 * become "{i}" (`Device.WiFi.SSID.1.SSID` → `Device.WiFi.SSID.{i}.SSID`). Undefined when the
 * text is not a path.
 */
export function supportedPathOf(path: string): string | undefined {
  const normalized = path.replace(INSTANCE, '.{i}');
  return SUPPORTED_PATH.test(normalized) ? normalized : undefined;
}

/**
 * The supported object paths a device has, from the CWMP names it reported (GetParameterNames:
 * objects end in ".", parameters do not) with every ancestor; a table counts when its instances
 * or the table itself are named. `parameters` is the set of supported parameter paths.
 */
export interface DevicePresence {
  objects: ReadonlySet<string>;
  parameters: ReadonlySet<string>;
}

export function devicePresence(
  parameterNames: Iterable<string>,
  model: SupportedModel = supportedModel(),
): DevicePresence {
  const objects = new Set<string>();
  const parameters = new Set<string>();
  // The parameters of one object share its ancestors: each object's are looked up once.
  const objectsDone = new Set<string>();
  for (const name of parameterNames) {
    const path = supportedPathOf(name);
    if (path === undefined) continue;
    const isObject = path.endsWith('.');
    const objectPath = isObject ? path : path.slice(0, path.lastIndexOf('.') + 1);
    if (!isObject) parameters.add(path);
    if (objectsDone.has(objectPath)) continue;
    objectsDone.add(objectPath);
    let prefix = '';
    for (const segment of objectPath.slice(0, -1).split('.')) {
      prefix += `${segment}.`;
      if (model.objects.has(prefix)) objects.add(prefix);
      // CWMP names a table "Device.WiFi.SSID."; the model's object is its row "….{i}.".
      if (model.objects.has(`${prefix}{i}.`)) objects.add(`${prefix}{i}.`);
    }
  }
  return { objects, parameters };
}

export interface SupportedDmOptions {
  /**
   * Commands the translator can carry out, as supported paths ("Device.Reboot()"); others are
   * not reported. All of the model's when absent.
   */
  commands?: ReadonlySet<string>;
  /** Events the translator can emit ("Device.Boot!"); all of the model's when absent. */
  events?: ReadonlySet<string>;
}

/**
 * The GetSupportedDMResp for a device: each requested path resolved in the TR-181 USP model,
 * narrowed to the objects and parameters the device has. A path the model or the device lacks
 * is 7026 "Invalid path"; text that is not a path is 7008 "Invalid path syntax".
 */
export function getSupportedDmResp(
  request: usp.IGetSupportedDM,
  device: DevicePresence,
  options: SupportedDmOptions = {},
  model: SupportedModel = supportedModel(),
): usp.IGetSupportedDMResp {
  return {
    reqObjResults: (request.objPaths ?? []).map((reqObjPath) =>
      requestedObjectResult(reqObjPath, request, device, options, model),
    ),
  };
}

function requestedObjectResult(
  reqObjPath: string,
  request: usp.IGetSupportedDM,
  device: DevicePresence,
  options: SupportedDmOptions,
  model: SupportedModel,
): usp.GetSupportedDMResp.IRequestedObjectResult {
  const fail = (errCode: number, errMsg: string) => ({ reqObjPath, errCode, errMsg });
  const path = supportedPathOf(reqObjPath);
  if (path === undefined) return fail(7008, `${reqObjPath} is not a path name`);
  const notSupported = () =>
    fail(7026, `${reqObjPath} is not in the device's supported data model`);
  const ok = (supportedObjs: usp.GetSupportedDMResp.ISupportedObjectResult[]) => ({
    reqObjPath,
    errCode: 0,
    errMsg: '',
    dataModelInstUri: model.uri,
    supportedObjs,
  });
  const include = { commands: false, events: false, params: false, uniqueKeys: false };

  if (path.endsWith('.')) {
    // "For Path Names from the Supported Data Model the omission of the final {i}. is allowed."
    const objectPath = [path, `${path}{i}.`].find((p) => device.objects.has(p));
    if (objectPath === undefined) return notSupported();
    const wanted = {
      commands: request.returnCommands === true,
      events: request.returnEvents === true,
      params: request.returnParams === true,
      uniqueKeys: request.returnUniqueKeySets === true,
    };
    const depth = objectPath.split('.').length;
    const objs = [...model.objects.values()].filter((o) => {
      if (!device.objects.has(o.path) || !o.path.startsWith(objectPath)) return false;
      return (
        request.firstLevelOnly !== true ||
        o.path.split('.').length <= depth + 1 + (o.multiInstance ? 1 : 0)
      );
    });
    return ok(
      // First level only: the children are listed without their contents (TR-369).
      objs.map((o) =>
        objectResult(
          o,
          o.path === objectPath || request.firstLevelOnly !== true ? wanted : include,
          device,
          options,
        ),
      ),
    );
  }

  // A parameter, command or event path: its object, carrying that one item.
  const at = path.lastIndexOf('.') + 1;
  const object = model.objects.get(path.slice(0, at));
  const name = path.slice(at);
  if (object === undefined || !device.objects.has(object.path)) return notSupported();
  const single = { ...object, params: [], commands: [], events: [], uniqueKeys: [] };
  if (name.endsWith('()')) {
    const command = object.commands.find((c) => c.name === name);
    if (command === undefined || !allowed(options.commands, path)) return notSupported();
    return ok([
      objectResult(
        { ...single, commands: [command] },
        { ...include, commands: true },
        device,
        options,
      ),
    ]);
  }
  if (name.endsWith('!')) {
    const event = object.events.find((e) => e.name === name);
    if (event === undefined || !allowed(options.events, path)) return notSupported();
    return ok([
      objectResult({ ...single, events: [event] }, { ...include, events: true }, device, options),
    ]);
  }
  const param = object.params.find((p) => p.name === name);
  if (param === undefined || !device.parameters.has(path)) return notSupported();
  return ok([
    objectResult({ ...single, params: [param] }, { ...include, params: true }, device, options),
  ]);
}

function allowed(set: ReadonlySet<string> | undefined, path: string): boolean {
  return set === undefined || set.has(path);
}

function objectResult(
  o: SupportedObject,
  include: { commands: boolean; events: boolean; params: boolean; uniqueKeys: boolean },
  device: DevicePresence,
  options: SupportedDmOptions,
): usp.GetSupportedDMResp.ISupportedObjectResult {
  return {
    supportedObjPath: o.path,
    access: o.writable ? Resp.ObjAccessType.OBJ_ADD_DELETE : Resp.ObjAccessType.OBJ_READ_ONLY,
    isMultiInstance: o.multiInstance,
    supportedParams: include.params
      ? o.params
          .filter((p) => device.parameters.has(o.path + p.name))
          .map((p) => ({
            paramName: p.name,
            access: p.access,
            valueType: p.valueType,
            valueChange: Resp.ValueChangeType.VALUE_CHANGE_ALLOWED,
          }))
      : [],
    supportedCommands: include.commands
      ? o.commands
          .filter((c) => allowed(options.commands, o.path + c.name))
          .map((c) => ({
            commandName: c.name,
            inputArgNames: [...c.inputArgs],
            outputArgNames: [...c.outputArgs],
            commandType: c.async ? Resp.CmdType.CMD_ASYNC : Resp.CmdType.CMD_SYNC,
          }))
      : [],
    supportedEvents: include.events
      ? o.events
          .filter((e) => allowed(options.events, o.path + e.name))
          .map((e) => ({ eventName: e.name, argNames: [...e.args] }))
      : [],
    uniqueKeySets: include.uniqueKeys ? o.uniqueKeys.map((k) => ({ keyNames: [...k] })) : [],
  };
}
