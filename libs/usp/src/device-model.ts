import { loadDataModel, type ParameterType } from '@meridian/data-model';
import { usp } from './generated/usp-proto';
import {
  devicePresence,
  supportedModel,
  supportedPathOf,
  type DevicePresence,
  type SupportedModel,
} from './supported-dm';

const Resp = usp.GetSupportedDMResp;

/** The roots a CWMP device's data model may have: TR-181 Device:2 or TR-098 InternetGatewayDevice:1. */
export const TR181_ROOT = 'Device.';
export const TR098_ROOT = 'InternetGatewayDevice.';

/**
 * The root of a device's own data model from the names it has (its parameter cache, a read):
 * `InternetGatewayDevice.` when any name is under it, else `Device.`. A TR-098 device is
 * presented with its own root, paths unchanged (no mapping to TR-181).
 */
export function rootOfNames(names: Iterable<string>): string {
  for (const name of names) if (name.startsWith(TR098_ROOT)) return TR098_ROOT;
  return TR181_ROOT;
}

const VALUE_TYPES: Readonly<Record<ParameterType, usp.GetSupportedDMResp.ParamValueType>> = {
  string: Resp.ParamValueType.PARAM_STRING,
  int: Resp.ParamValueType.PARAM_INT,
  unsignedInt: Resp.ParamValueType.PARAM_UNSIGNED_INT,
  long: Resp.ParamValueType.PARAM_LONG,
  unsignedLong: Resp.ParamValueType.PARAM_UNSIGNED_LONG,
  boolean: Resp.ParamValueType.PARAM_BOOLEAN,
  dateTime: Resp.ParamValueType.PARAM_DATE_TIME,
  base64: Resp.ParamValueType.PARAM_BASE_64,
  hexBinary: Resp.ParamValueType.PARAM_HEX_BINARY,
};

let tr098: SupportedModel | undefined;

/**
 * TR-098 (InternetGatewayDevice:1.14, the CWMP model of `@meridian/data-model`) as a supported
 * model: objects and parameters with their types and access; it defines no USP commands,
 * events or unique keys.
 */
export function tr098SupportedModel(): SupportedModel {
  if (tr098 !== undefined) return tr098;
  const model = loadDataModel('tr-098');
  const objects = new Map(
    [...model.objects.values()].map((o) => [
      o.path,
      {
        path: o.path,
        multiInstance: o.multiInstance,
        writable: o.writable,
        params: o.parameters.map((p) => ({
          name: p.name,
          valueType: VALUE_TYPES[p.type],
          access:
            p.access === 'readOnly'
              ? Resp.ParamAccessType.PARAM_READ_ONLY
              : Resp.ParamAccessType.PARAM_READ_WRITE,
        })),
        commands: [],
        events: [],
        uniqueKeys: [],
      },
    ]),
  );
  tr098 = { version: model.version, uri: 'urn:broadband-forum-org:tr-098-1-8-0', objects };
  return tr098;
}

/** The supported model a path is answered from: TR-098 under `InternetGatewayDevice.`, else TR-181 USP. */
export function modelOfPath(path: string): SupportedModel {
  return path.startsWith(TR098_ROOT) ? tr098SupportedModel() : supportedModel();
}

/**
 * Which supported objects and parameters a device has, from its CWMP names, in the model of its
 * own root (TR-098 names count only for a device that has them) and in TR-181 USP.
 */
export function presenceOfNames(names: readonly string[]): DevicePresence {
  const tr181 = devicePresence(names);
  if (rootOfNames(names) !== TR098_ROOT) return tr181;
  const igd = devicePresence(names, tr098SupportedModel());
  return {
    objects: new Set([...tr181.objects, ...igd.objects]),
    parameters: new Set([...tr181.parameters, ...igd.parameters]),
  };
}

/** One GetParameterNames of a GetSupportedDM: the partial path, and whether its children are all it needs. */
export interface SupportedDmRead {
  name: string;
  nextLevel: boolean;
}

/**
 * The GetParameterNames that tell what a device has of the supported paths of a GetSupportedDM:
 * each path's object up to its first `{i}` (the whole table, since CWMP has no supported-model
 * notation), NextLevel when `first_level_only` asks for a (non-table) object's own parameters
 * and child objects only; a read another full one covers is left out.
 */
export function cwmpNamesOfSupportedPaths(
  paths: Iterable<string>,
  firstLevelOnly = false,
): SupportedDmRead[] {
  const reads = new Map<string, boolean>();
  for (const text of paths) {
    const path = supportedPathOf(text);
    if (path === undefined) continue;
    const table = path.indexOf('{i}');
    const name = table >= 0 ? path.slice(0, table) : path.slice(0, path.lastIndexOf('.') + 1);
    // A table's path stands for its rows ("the final {i}. may be omitted"): read them whole.
    const nextLevel =
      firstLevelOnly && name === path && !modelOfPath(path).objects.has(`${path}{i}.`);
    reads.set(name, nextLevel && reads.get(name) !== false);
  }
  const all = [...reads].map(([name, nextLevel]) => ({ name, nextLevel }));
  return all.filter((r) => !all.some((o) => o !== r && !o.nextLevel && r.name.startsWith(o.name)));
}
