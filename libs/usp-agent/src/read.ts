import type { ResultMessage } from '@meridian/contracts';
import type { CpeMethodRequest } from '@meridian/cwmp';
import type { ParameterSelector, Store, UspSubscription } from '@meridian/store';
import {
  UspError,
  cacheNamesOf,
  cwmpNamesOfSupportedPaths,
  cwmpReadNames,
  getInstancesResp,
  getRespFromReads,
  getSupportedDmResp,
  indexSnapshot,
  instancesReads,
  isSubscriptionPath,
  REQUEST_TABLE,
  modelOfPath,
  presenceOfNames,
  readsOfValues,
  snapshotWithReads,
  subscriptionExpired,
  uniqueKeyPaths,
  uspErrorOfCwmpFault,
  usp,
  type CwmpRead,
  type NamesRead,
  type ParameterSnapshot,
  type SnapshotEntry,
  type SupportedDmOptions,
} from '@meridian/usp';

/**
 * The device's Subscription table less the instances whose TimeToLive has run out, which are
 * deleted here: whenever the translator reads the table (a Notify to send, a Get, Set or Delete).
 */
export async function liveSubscriptions(
  store: Store,
  deviceId: string,
  now = new Date(),
): Promise<UspSubscription[]> {
  const live: UspSubscription[] = [];
  for (const row of await store.uspSubscriptions.list(deviceId)) {
    if (subscriptionExpired(row.params, now))
      await store.uspSubscriptions.delete(deviceId, row.instance);
    else live.push(row);
  }
  return live;
}

/** One CWMP command to the device; a CPE that cannot be reached throws UspError 7003. */
export type RunRpc = (deviceId: string, rpc: CpeMethodRequest) => Promise<ResultMessage>;

/** What the translator itself keeps of every device, laid over what the CPE has. */
export interface TranslatorOwned {
  /** Reads replacing the CPE's values (the Subscription table). */
  reads: readonly CwmpRead[];
  /** Names the device has through the translator, whatever the CPE has. */
  names: readonly string[];
  /** The commands and events the translator carries out (GetSupportedDM). */
  supported: SupportedDmOptions;
}

/**
 * The read side of the translator: Get, GetInstances and GetSupportedDM, fresh from the CPE
 * unless the Controller said the cache is acceptable (then from the parameter cache alone,
 * without a CWMP session). A device answers for its own data model: a TR-098 device's paths are
 * its `InternetGatewayDevice.` names, unchanged.
 */
export class DeviceReader {
  constructor(
    private readonly store: Store,
    private readonly run: RunRpc,
  ) {}

  /**
   * Get: one GetParameterValues of every path's subtree up to its first wildcard/search (leaf
   * names and partial paths together), resolved on the cache with that read laid over it.
   */
  async get(
    deviceId: string,
    get: usp.IGet,
    cacheAcceptable: boolean,
    own: TranslatorOwned,
  ): Promise<usp.IGetResp> {
    const cache = await this.cache(deviceId, cacheNamesOf(get.paramPaths ?? []));
    const names = cacheAcceptable
      ? []
      : cwmpReadNames(get.paramPaths ?? []).filter((name) => !translatorPath(name));
    const reads = await this.values(deviceId, names);
    const presence = presenceOfNames([
      ...cache.keys(),
      ...reads.flatMap((r) => (r.ok ? r.parameters.map((p) => p.name) : [])),
      ...own.names,
    ]);
    return getRespFromReads(cache, get, [...reads, ...own.reads], presence);
  }

  /**
   * GetInstances: GetParameterNames of each path's table (NextLevel with first_level_only),
   * one GetParameterValues of the subtrees where a search needs values, then one
   * GetParameterValues of the instances' unique keys.
   */
  async getInstances(
    deviceId: string,
    request: usp.IGetInstances,
    cacheAcceptable: boolean,
    own: TranslatorOwned,
  ): Promise<usp.IGetInstancesResp> {
    const paths = request.objPaths ?? [];
    const cache = await this.cache(deviceId, cacheNamesOf(paths));
    const plan = cacheAcceptable
      ? []
      : instancesReads(paths, request.firstLevelOnly === true).filter(
          (r) => !translatorPath(r.name),
        );
    const [valueReads, nameReads] = await Promise.all([
      this.values(
        deviceId,
        plan.filter((r) => r.values).map((r) => r.name),
      ),
      Promise.all(
        plan.filter((r) => !r.values).map((r) => this.names(deviceId, r.name, r.nextLevel)),
      ),
    ]);
    const reads = [...valueReads.map(notFoundIsEmpty), ...nameReads];
    const answer = (snapshot: ParameterSnapshot): usp.IGetInstancesResp => {
      const index = indexSnapshot(snapshot);
      const presence = presenceOfNames([...snapshot.keys(), ...own.names]);
      return {
        reqPathResults: paths.flatMap(
          (p) =>
            getInstancesResp(index, { ...request, objPaths: [p] }, presence, modelOfPath(p))
              .reqPathResults ?? [],
        ),
      };
    };
    const snapshot = snapshotWithReads(cache, [...reads, ...own.reads]);
    const first = answer(snapshot);
    if (cacheAcceptable) return first;
    // The unique keys' current values: the known key names, or the whole instance when the
    // names read do not tell which keys it has.
    const keyNames = paths
      .flatMap((p, i) =>
        uniqueKeyPaths({ reqPathResults: [first.reqPathResults![i]!] }, modelOfPath(p)),
      )
      .flatMap(({ instance, paths: keys }) => {
        const known = keys.filter((k) => snapshot.has(k) || cache.has(k));
        return known.length > 0 ? known : [instance];
      })
      .filter((name) => !translatorPath(name));
    const keys = await this.values(deviceId, cwmpReadNames(keyNames));
    if (keys.length === 0) return first;
    return answer(snapshotWithReads(snapshot, [...keys, ...own.reads]));
  }

  /**
   * GetSupportedDM: the model of the path's root (TR-181 USP, or TR-098 for
   * `InternetGatewayDevice.`) narrowed to the names one GetParameterNames per requested subtree
   * reports (NextLevel for an object asked `first_level_only`), and to what the translator
   * keeps and carries out.
   */
  async getSupportedDm(
    deviceId: string,
    request: usp.IGetSupportedDM,
    cacheAcceptable: boolean,
    own: TranslatorOwned,
  ): Promise<usp.IGetSupportedDMResp> {
    const paths = request.objPaths ?? [];
    const reads = cwmpNamesOfSupportedPaths(paths, request.firstLevelOnly === true);
    let names: string[];
    if (cacheAcceptable) {
      const cached = await this.cache(
        deviceId,
        reads.map((r) => r.name),
      );
      names = [...cached.keys()];
    } else {
      const subtrees = reads.filter((r) => !translatorPath(r.name));
      const answers = await Promise.all(
        subtrees.map((r) => this.names(deviceId, r.name, r.nextLevel)),
      );
      names = answers.flatMap((r) => r.parameters.map((p) => p.name));
    }
    const presence = presenceOfNames([...names, ...own.names]);
    return {
      reqObjResults: paths.flatMap(
        (p) =>
          getSupportedDmResp({ ...request, objPaths: [p] }, presence, own.supported, modelOfPath(p))
            .reqObjResults ?? [],
      ),
    };
  }

  /**
   * One GetParameterValues of many names. A 9005 fault ("Invalid parameter name") of several
   * names says none of them: each is then read alone to find which; any other fault is every
   * name's.
   */
  async values(deviceId: string, names: readonly string[]): Promise<CwmpRead[]> {
    if (names.length === 0) return [];
    const result = await this.run(deviceId, {
      name: 'GetParameterValues',
      parameterNames: [...names],
    });
    if (result.outcome === 'fault') {
      if (names.length > 1 && result.fault.faultCode === 9005) {
        return (await Promise.all(names.map((n) => this.values(deviceId, [n])))).flat();
      }
      return names.map((name) => ({ name, ok: false, fault: result.fault }));
    }
    if (result.outcome !== 'done') throw new UspError(7003, endedText(result));
    if (result.response.name !== 'GetParameterValuesResponse') {
      throw new UspError(7003, `the CPE answered ${result.response.name} to GetParameterValues`);
    }
    return readsOfValues(names, result.response.parameterList);
  }

  /**
   * GetParameterNames of a partial path: the names beneath it (its children only with
   * NextLevel); a name the CPE does not have (9005) is an empty subtree, any other fault the
   * request's error.
   */
  private async names(deviceId: string, name: string, nextLevel: boolean): Promise<NamesRead> {
    const result = await this.run(deviceId, {
      name: 'GetParameterNames',
      parameterPath: name,
      nextLevel,
    });
    if (result.outcome === 'fault') {
      if (result.fault.faultCode === 9005) return { name, ok: true, parameters: [] };
      const { errCode, errMsg } = uspErrorOfCwmpFault(result.fault);
      throw new UspError(errCode as UspError['code'], errMsg);
    }
    if (result.outcome !== 'done') throw new UspError(7003, endedText(result));
    if (result.response.name !== 'GetParameterNamesResponse') {
      throw new UspError(7003, `the CPE answered ${result.response.name} to GetParameterNames`);
    }
    // With NextLevel the path itself is not listed: it exists, since the CPE answered.
    return {
      name,
      ok: true,
      parameters: [{ name }, ...result.response.parameterList.map((p) => ({ name: p.name }))],
    };
  }

  /**
   * The device's parameter cache under `names` (CWMP names: parameters, and partial paths for
   * their subtrees), or all of it, under whichever root its model has. A Get of a few values
   * reads those, not the device's whole tree.
   */
  async cache(deviceId: string, names?: readonly string[]): Promise<ParameterSnapshot> {
    const leaves = names?.filter((n) => !n.endsWith('.')) ?? [];
    const selectors: ParameterSelector[] =
      names === undefined
        ? [{ prefix: '' }]
        : [
            ...(leaves.length > 0 ? [{ paths: leaves }] : []),
            ...names.filter((n) => n.endsWith('.')).map((prefix) => ({ prefix })),
          ];
    const cached = await Promise.all(
      selectors.map((selector) => this.store.parameters.get(deviceId, selector)),
    );
    return new Map<string, SnapshotEntry>(
      cached.flat().map((p) => [p.path, { value: p.value, type: p.type }]),
    );
  }
}

/** A faulted read of a subtree the CPE does not have (9005) reads as an empty subtree. */
function notFoundIsEmpty(read: CwmpRead): CwmpRead {
  if (read.ok) return read;
  if (read.fault.faultCode === 9005) return { name: read.name, ok: true, parameters: [] };
  const { errCode, errMsg } = uspErrorOfCwmpFault(read.fault);
  throw new UspError(errCode as UspError['code'], errMsg);
}

/** Why a CWMP command did not run: expired (not sent in time), rejected or cancelled. */
export function endedText(result: ResultMessage): string {
  const reason = 'reason' in result && result.reason ? `: ${result.reason}` : '';
  return `the CWMP ${result.rpc?.name ?? 'command'} ended ${result.outcome}${reason}`;
}

/** A path the translator answers itself (the Subscription and Request tables), never the CPE. */
function translatorPath(name: string): boolean {
  return isSubscriptionPath(name) || name.startsWith(REQUEST_TABLE);
}
