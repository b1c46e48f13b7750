import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import type { Span } from '@opentelemetry/api';
import {
  BUS,
  handedOnHeaders,
  type Bus,
  type BusHeaders,
  type BusMessage,
  type Subscription,
} from '@meridian/bus';
import {
  Headers,
  SCHEMA_VERSION,
  Topics,
  type CommandMessage,
  type IdleMessage,
  type InformMessage,
  type ResultMessage,
} from '@meridian/contracts';
import { digestHa1, type CpeMethodRequest } from '@meridian/cwmp';
import { signedFileUrl } from '@meridian/firmware';
import {
  cacheReadsOf,
  informUnchangedUntil,
  parseState,
  readsPath,
  type CacheReads,
  plan,
  planWithoutCache,
  type Decision,
  type DeviceFacts,
  type ParameterView,
  type PlanOutput,
  type Trigger,
} from '@meridian/provisioning-engine';
import {
  STORE,
  VersionConflictError,
  type CachedParameter,
  type Device,
  type JsonValue,
  type ParameterInput,
  type ProvisioningRecord,
  type Store,
  informedDevice,
  storeWithSpan,
} from '@meridian/store';
import { METRICS, Metrics } from '@meridian/telemetry';
import { Catalog } from './catalog';
import type { ProvisioningConfig } from './config';
import { KeyedLock } from '@meridian/keyed-lock';
import { cacheUpdateOf, type CacheUpdate } from './parameter-cache';
import { parameterView } from './parameter-view';
import { SettledInforms } from './settled';
import {
  changedSinceLastInform,
  intervalSeconds,
  namesOf,
  registryUpdateOf,
  rootOf,
  rootOfNames,
  type RegistryUpdate,
} from './registry';

export const PROVISIONING_CONFIG = Symbol('ProvisioningConfig');

/** One consumer group for Informs and results: each message is handled by one replica. */
export const PROVISIONING_GROUP = 'provisioning';

/** The `source` of the commands provisioning produces. */
export const PROVISIONING_SOURCE = 'provisioning';

/** A concurrent writer (another replica) won the state: plan again on what it wrote. */
const MAX_PLAN_ATTEMPTS = 5;

/**
 * Settled devices whose next Inform is not planned (SettledInforms): ~1 KB each with the stored
 * state's text, so 64 MB at most; a device beyond it is planned as before.
 */
const SETTLED_DEVICES = 65_536;

/**
 * Registry, parameter cache and presets (ARCHITECTURE.md "provisioning"). Each Inform updates the
 * device record and cache, then the planner of @meridian/provisioning-engine decides what to
 * send; each result updates the cache and lets the planner take the next step. The per-device
 * planning state is saved (optimistic revision) before its commands are published, so a crash
 * in between loses only in-flight bookkeeping, which the planner forgets after the command TTL.
 */
@Injectable()
export class ProvisioningService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Provisioning');
  private readonly locks = new KeyedLock();
  private readonly catalog: Catalog;
  private readonly settled = new SettledInforms(SETTLED_DEVICES);
  private subscriptions: Subscription[] = [];

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(STORE) private readonly store: Store,
    @Inject(PROVISIONING_CONFIG) private readonly config: ProvisioningConfig,
    // Without one (module tests), a registry nobody reads.
    @Optional() @Inject(METRICS) private readonly metrics: Metrics = new Metrics(),
  ) {
    this.catalog = new Catalog(store, config.presetCacheMs, config.files?.baseUrl);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.subscriptions = [
      await this.bus.subscribe(Topics.inform, PROVISIONING_GROUP, (m, span) =>
        this.onInform(m, span),
      ),
      await this.bus.subscribe(Topics.results, PROVISIONING_GROUP, (m, span) =>
        this.onResult(m, span),
      ),
      await this.bus.subscribe(Topics.firmwareOutcomes, PROVISIONING_GROUP, (m, span) =>
        this.onOutcome(m, span),
      ),
    ];
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.close()));
  }

  /**
   * Idempotent for the registry and cache: the same Inform applied twice leaves the same record.
   * The device and its planner state are read once, at once. A periodic Inform of a known device
   * (changedSinceLastInform) writes the device record and only the parameters that differ from
   * the last Inform's, without reading the cache unless the planner needs it; with a settled
   * planner it writes nothing more, so its writes are one store transaction. `span`: the bus's
   * consumer span when recorded; the store's calls are its events, and what is published its
   * children.
   */
  onInform(message: BusMessage<'cwmp.inform'>, span?: Span): Promise<void> {
    const inform = message.value;
    span?.setAttribute('cwmp.device_id', inform.deviceId);
    const store = storeWithSpan(this.store, span);
    return this.locks.run(inform.deviceId, async () => {
      const { deviceId } = inform;
      const root = rootOf(inform);
      const [before, record] = await Promise.all([
        store.devices.get(deviceId),
        store.provisioning.get(deviceId),
      ]);
      const known = registryUpdateOf(inform, this.config.presence, before?.periodicInformInterval);
      const changed = changedSinceLastInform(before, known);
      const { device, created, parameters } =
        changed !== null
          ? {
              ...(await this.register(store, before, known, changed)),
              parameters: async () =>
                parameterView(await this.readCache(store, deviceId), known.parameters),
            }
          : await this.registerChanged(store, inform, root, before);
      const traceparent = message.headers[Headers.traceparent];
      if (created) {
        this.log(deviceId, traceparent, {
          kind: 'matched',
          message: `registered (${device.identity.manufacturer} ${device.identity.productClass})`,
        });
      }
      // A bootstrap session waits for what provisioning sends next: tell it when that is nothing.
      const bootstrap = inform.events.some((e) => e.eventCode === '0 BOOTSTRAP');
      await this.provision(
        store,
        device,
        root,
        parameters,
        { kind: 'inform', parameterKey: known.fields.parameterKey },
        handedOnHeaders(message, span),
        bootstrap ? inform.sessionId : undefined,
        undefined,
        record,
      );
    });
  }

  /**
   * An Inform whose changes cannot be told from the device's last one (a new device, new
   * events, no stored list): the cached records of its parameters, the PeriodicInformInterval
   * and what the planner reads are read, and only the values that differ from the cache are
   * written, with the device record.
   */
  private async registerChanged(
    store: Store,
    inform: InformMessage,
    root: string,
    before: Device | null,
  ): Promise<{ device: Device; created: boolean; parameters: ParameterView }> {
    const { deviceId } = inform;
    const intervalPath = `${root}ManagementServer.PeriodicInformInterval`;
    // A device not registered yet has no cache to read (deleting a device deletes its cache).
    const cached = before
      ? await this.readCache(store, deviceId, [
          intervalPath,
          ...inform.parameterList.map((p) => p.name),
        ])
      : [];
    const known = cached.find((p) => p.path === intervalPath);
    const update = registryUpdateOf(inform, this.config.presence, intervalSeconds(known?.value));
    const registered = await this.register(
      store,
      before,
      update,
      changedParameters(cached, update.parameters),
    );
    return { ...registered, parameters: parameterView(cached, update.parameters) };
  }

  /**
   * The Inform's writes, at once (a store that commits in groups commits them together): the
   * cache's `changed` values and the device record, updated from `before` without reading it
   * again when there is one.
   */
  private async register(
    store: Store,
    before: Device | null,
    update: RegistryUpdate,
    changed: ParameterInput[],
  ): Promise<{ device: Device; created: boolean }> {
    const { deviceId, fields, informTime } = update;
    const [, updated] = await Promise.all([
      changed.length > 0 ? store.parameters.upsertMany(deviceId, changed) : undefined,
      before !== null && store.devices.updateFromInform(before, fields, informTime),
    ]);
    if (before !== null && updated) {
      return { device: informedDevice(before, fields, informTime), created: false };
    }
    // New, or deleted since it was read.
    return store.devices.upsertFromInform(deviceId, fields, informTime);
  }

  /** Every result feeds the cache; results of provisioning's own commands drive the planner. */
  onResult(message: BusMessage<'cwmp.results'>, span?: Span): Promise<void> {
    const result = message.value;
    span?.setAttributes({
      'cwmp.device_id': result.deviceId,
      'cwmp.command_id': result.commandId,
    });
    const store = storeWithSpan(this.store, span);
    return this.locks.run(result.deviceId, async () => {
      const at = new Date(result.time);
      // Made when needed: a discovery result's records come from the plan instead (for the
      // whole tree's GetParameterNames, ~700 records nobody would read).
      let update: CacheUpdate | undefined;
      const updateOf = (): CacheUpdate => (update ??= cacheUpdateOf(result, at));
      if (result.source !== PROVISIONING_SOURCE) {
        return this.updateCache(store, result.deviceId, updateOf());
      }
      // Read at once, as for an Inform: two point reads in one round trip's time.
      const [device, record] = await Promise.all([
        store.devices.get(result.deviceId),
        store.provisioning.get(result.deviceId),
      ]);
      // The cache's update and the planner's state go together (a store that commits in groups
      // commits them at once): what the plan says a discovery result stands for (its names held
      // until the values come), else what the result tells.
      const write = (out: PlanOutput | null): Promise<void> =>
        this.updateCache(
          store,
          result.deviceId,
          out?.discovered
            ? // Not a spread ({ ...p, updatedAt }): 3× the CPU of building the records.
              { upsert: out.discovered.map((p) => Object.assign({ updatedAt: at }, p)) }
            : updateOf(),
        );
      if (!device) return write(null);
      // Provisioning's commands name paths of the device's own tree.
      const root = rootOfNames(namesOf(result.rpc));
      // Read only when the planner needs the cache (not for a discovery batch in a wave): the
      // stored records with the result laid over them, both only what the planner can read
      // (the last discovery batch's ~630 values are not, but for a preset's few paths).
      const parameters = async (): Promise<ParameterView> => {
        const reads = await this.cacheReads();
        const { upsert, deleteSubtree } = updateOf();
        return parameterView(
          withoutSubtree(await this.readCache(store, result.deviceId, [], reads), deleteSubtree),
          upsert.filter((p) => readsPath(reads, p.path)),
        );
      };
      await this.provision(
        store,
        device,
        root,
        parameters,
        triggerOf(result),
        handedOnHeaders(message, span),
        result.commandId,
        write,
        record,
      );
    });
  }

  /**
   * A transfer's outcome: a preset's download action is applied only once its transfer
   * succeeded (the planner ignores outcomes of downloads no preset awaits).
   */
  onOutcome(message: BusMessage<'firmware.outcomes'>, span?: Span): Promise<void> {
    const outcome = message.value;
    const store = storeWithSpan(this.store, span);
    return this.locks.run(outcome.deviceId, async () => {
      const state = await store.provisioning.get(outcome.deviceId);
      if (!awaitsTransfer(state?.state, outcome.commandId)) return;
      const device = await store.devices.get(outcome.deviceId);
      if (!device) return;
      const cached = await this.readCache(store, device.deviceId, TR098_PROBE);
      const root = rootOfNames(cached.map((p) => p.path));
      const trigger: Trigger = {
        kind: 'transfer',
        commandId: outcome.commandId,
        outcome: outcome.outcome,
        ...(outcome.faultCode !== undefined ? { faultCode: outcome.faultCode } : {}),
        ...(outcome.faultString !== undefined ? { faultString: outcome.faultString } : {}),
      };
      const headers = handedOnHeaders(message, span);
      await this.provision(store, device, root, parameterView(cached), trigger, headers);
    });
  }

  /**
   * The cached records the planner can read (`reads`, else the current presets'), plus
   * `paths`: point reads, never the device's whole tree.
   */
  private async readCache(
    store: Store,
    deviceId: string,
    paths: string[] = [],
    reads?: CacheReads,
  ): Promise<CachedParameter[]> {
    reads ??= await this.cacheReads();
    const parts = await Promise.all([
      store.parameters.get(deviceId, { paths: [...new Set([...reads.paths, ...paths])] }),
      ...reads.prefixes.map((prefix) => store.parameters.get(deviceId, { prefix })),
    ]);
    return parts.flat();
  }

  /** What the planner can read of a device's cache with the current presets. */
  private async cacheReads(): Promise<CacheReads> {
    return cacheReadsOf((await this.catalog.read()).presets);
  }

  private async updateCache(store: Store, deviceId: string, update: CacheUpdate): Promise<void> {
    if (update.deleteSubtree) {
      await store.parameters.deleteSubtree(deviceId, update.deleteSubtree);
    }
    if (update.upsert.length > 0) {
      await store.parameters.upsertMany(deviceId, update.upsert);
    }
  }

  /** `headers`: what the commands it publishes carry (handedOnHeaders: the message's trace). */
  private async provision(
    store: Store,
    device: Device,
    root: string,
    parameters: Parameters,
    trigger: Trigger,
    headers: BusHeaders,
    idleAfter?: string,
    withState?: (out: PlanOutput | null) => Promise<void>,
    record?: ProvisioningRecord | null,
  ): Promise<void> {
    const facts: DeviceFacts = {
      deviceId: device.deviceId,
      identity: device.identity,
      softwareVersion: device.softwareVersion,
      hardwareVersion: device.hardwareVersion,
      tags: device.tags,
      events: device.lastEvents,
      root,
    };
    const { out, idle, planned } = await this.planAndSave(
      store,
      facts,
      parameters,
      trigger,
      withState,
      record,
    );
    if (planned) this.metrics.provisioningPlans.add(1, { trigger: trigger.kind });
    if (out !== null) await this.apply(store, device, out, headers);
    // The session held open for the next wave (the gateway's linger) ends now.
    if (idle && idleAfter !== undefined)
      await this.publishIdle(device.deviceId, idleAfter, headers);
  }

  private async apply(
    store: Store,
    device: Device,
    out: PlanOutput,
    headers: BusHeaders,
  ): Promise<void> {
    const traceparent = headers[Headers.traceparent];
    this.metrics.provisioningCommands.add(out.commands.length);
    for (const fault of out.faults) {
      this.metrics.provisioningFaults.add(1, { kind: fault.channel.split(':', 1)[0] ?? '' });
    }
    const now = new Date();
    await this.publish(device.deviceId, out, now, headers);
    for (const tag of out.tags.add) await store.devices.addTag(device.deviceId, tag);
    for (const tag of out.tags.remove) await store.devices.removeTag(device.deviceId, tag);
    for (const fault of out.faults) {
      await store.faults.record({
        deviceId: device.deviceId,
        channel: fault.channel,
        code: fault.code,
        message: fault.message,
        detail: toJson(fault.detail),
        timestamp: now,
      });
    }
    for (const channel of out.clearedFaults) await store.faults.delete(device.deviceId, channel);
    for (const decision of out.decisions) this.log(device.deviceId, traceparent, decision);
  }

  /**
   * Plans and saves the new state; `out` null when the plan changed nothing. `idle`: nothing
   * to send and nothing in flight, so nothing more will come for the device on its own.
   * `planned` false: a settled device's Inform that changed nothing the planner reads.
   * `withState`: a write that goes with the state (at once), given the plan.
   * `stored`: the planner's record as the caller read it (read here when not given).
   */
  private async planAndSave(
    store: Store,
    device: DeviceFacts,
    parameters: Parameters,
    trigger: Trigger,
    withState: (out: PlanOutput | null) => Promise<void> = async () => undefined,
    stored?: ProvisioningRecord | null,
  ): Promise<{ out: PlanOutput | null; idle: boolean; planned: boolean }> {
    // Read at most once: a retry after a concurrent writer plans on the same records.
    let view = typeof parameters === 'function' ? null : parameters;
    const read = async (): Promise<ParameterView> =>
      (view ??= typeof parameters === 'function' ? await parameters() : parameters);
    for (let attempt = 1; ; attempt++) {
      const record =
        attempt === 1 && stored !== undefined
          ? stored
          : await store.provisioning.get(device.deviceId);
      const catalog = await this.catalog.read();
      const { presets, files } = catalog;
      const now = new Date();
      // An Inform of a settled device that changed nothing the planner reads: what the last one
      // planned (nothing), without planning (withState is no Inform's).
      const parameterKey = trigger.kind === 'inform' ? trigger.parameterKey : undefined;
      const settledInform =
        trigger.kind === 'inform' && attempt === 1 && record !== null && view === null;
      if (
        settledInform &&
        this.settled.holds(device, parameterKey, record.stateJson, catalog, now.getTime())
      ) {
        return { out: null, idle: true, planned: false };
      }
      const input = {
        now,
        trigger,
        device,
        presets,
        files,
        state: record ? parseState(record.state) : null,
        config: this.config.planner,
      };
      const out =
        (view === null ? planWithoutCache(input) : null) ??
        plan({ ...input, parameters: await read() });
      const idle = out.commands.length === 0 && Object.keys(out.state.inFlight).length === 0;
      // A settled device's state comes back as it was read: its one serialisation against the
      // text the store holds (no copy of either side through JSON).
      const text = JSON.stringify(out.state);
      if (record && text === record.stateJson) {
        await withState(out);
        // Planned without the cache: what it decided holds while its inputs do.
        if (settledInform && view === null) {
          const until = informUnchangedUntil(out.state, this.config.planner);
          this.settled.keep(device, parameterKey, record.stateJson, catalog, until);
        }
        return { out: null, idle, planned: true };
      }
      // The stores keep it as JSON text (undefined members dropped): no copy through JSON here.
      const state = out.state as unknown as JsonValue;
      // Before the state that says they are set: a crash in between replays the result, and the
      // CPE never holds a pair the ACS does not know.
      if (out.credentials) {
        await this.keepCredentials(store, device.deviceId, out.credentials, now);
      }
      try {
        await Promise.all([
          withState(out),
          store.provisioning.put(device.deviceId, state, record?.revision ?? null, now),
        ]);
        return { out, idle, planned: true };
      } catch (error) {
        if (!(error instanceof VersionConflictError) || attempt >= MAX_PLAN_ATTEMPTS) throw error;
      }
    }
  }

  private async keepCredentials(
    store: Store,
    deviceId: string,
    { username, password }: { username: string; password: string },
    now: Date,
  ): Promise<void> {
    const realm = this.config.cwmpRealm;
    await store.credentials.put({
      deviceId,
      username,
      realm,
      ha1: digestHa1(username, realm, password),
      updatedAt: now,
    });
  }

  private async publish(
    deviceId: string,
    out: PlanOutput,
    now: Date,
    headers: BusHeaders,
  ): Promise<void> {
    const expiresAt = new Date(now.getTime() + this.config.commandTtlMs).toISOString();
    for (const command of out.commands) {
      const message: CommandMessage = {
        schemaVersion: SCHEMA_VERSION,
        commandId: command.commandId,
        deviceId,
        ...this.signed(deviceId, command.rpc, now),
        // The gateway asks for a session only when none is live: within the Inform's own
        // session the command simply goes next.
        connectionRequest: true,
        expiresAt,
        source: PROVISIONING_SOURCE,
        createdAt: now.toISOString(),
      };
      await this.bus.publish(Topics.commands, deviceId, message, headers);
    }
  }

  private async publishIdle(deviceId: string, after: string, headers: BusHeaders): Promise<void> {
    const message: IdleMessage = {
      schemaVersion: SCHEMA_VERSION,
      deviceId,
      action: 'idle',
      after,
      source: PROVISIONING_SOURCE,
      createdAt: new Date().toISOString(),
    };
    await this.bus.publish(Topics.commands, deviceId, message, headers);
  }

  /**
   * A Download of a repository file gets a URL signed for this device (the file server refuses
   * others), and names the file (the firmware service tracks the transfer to its version); the
   * planner, pure and shared by all devices, plans with the plain URL.
   */
  private signed(
    deviceId: string,
    rpc: CpeMethodRequest,
    now: Date,
  ): { rpc: CpeMethodRequest; fileName?: string } {
    const files = this.config.files;
    if (rpc.name !== 'Download' || files?.secret === undefined) return { rpc };
    const base = `${files.baseUrl().replace(/\/+$/, '')}/`;
    if (!rpc.url.startsWith(base) || rpc.url.includes('?')) return { rpc };
    const name = decodeURIComponent(rpc.url.slice(base.length));
    const expires = Math.floor(now.getTime() / 1000) + files.urlTtlSeconds;
    return {
      rpc: { ...rpc, url: signedFileUrl(base, { name, deviceId, expires }, files.secret) },
      fileName: name,
    };
  }

  private log(deviceId: string, traceparent: string | undefined, decision: Decision): void {
    const line = `device=${deviceId} ${decision.kind}${decision.preset ? ` preset=${decision.preset}` : ''}: ${decision.message} traceparent=${traceparent ?? '-'}`;
    if (decision.kind === 'waiting' || decision.kind === 'skipped') this.logger.debug(line);
    else this.logger.log(line);
  }
}

/**
 * What the planner is given of the cache: the records already read, or how to read them when it
 * needs them (planWithoutCache first).
 */
type Parameters = ParameterView | (() => Promise<ParameterView>);

/** Read with the cache: present only on a TR-098 device, whose root it tells. */
const TR098_PROBE = ['InternetGatewayDevice.DeviceInfo.SoftwareVersion'];

/**
 * Whether the stored planner state has `commandId` in flight or awaited by a preset: only then is
 * the outcome worth a planning round.
 */
function awaitsTransfer(json: unknown, commandId: string): boolean {
  if (json === undefined) return false;
  const state = parseState(json);
  return (
    commandId in state.inFlight ||
    Object.values(state.progress).some((p) =>
      Object.values(p.transfers ?? {}).some((t) => t.commandId === commandId),
    )
  );
}

function triggerOf(result: ResultMessage): Trigger {
  const base = { kind: 'result' as const, commandId: result.commandId, rpc: result.rpc };
  switch (result.outcome) {
    case 'done':
      return { ...base, outcome: { status: 'done', response: result.response } };
    case 'fault':
      return { ...base, outcome: { status: 'fault', fault: result.fault } };
    case 'expired':
      return { ...base, outcome: { status: 'expired' } };
    case 'rejected':
      return { ...base, outcome: { status: 'rejected', reason: result.reason } };
    case 'cancelled':
      return { ...base, outcome: { status: 'cancelled' } };
  }
}

/** The Inform's parameters whose value or type differs from the cached record. */
function changedParameters(
  cached: readonly CachedParameter[],
  informed: readonly ParameterInput[],
): ParameterInput[] {
  const byPath = new Map(cached.map((p) => [p.path, p]));
  return informed.filter((p) => {
    const known = byPath.get(p.path);
    return known === undefined || known.value !== p.value || known.type !== p.type;
  });
}

/** The records a DeleteObject removed (`path` and everything under it) left out. */
function withoutSubtree(
  cached: readonly CachedParameter[],
  path: string | undefined,
): readonly CachedParameter[] {
  if (path === undefined) return cached;
  const under = path.endsWith('.') ? path : `${path}.`;
  return cached.filter((p) => p.path !== path && !p.path.startsWith(under));
}

/** Plain JSON: the store keeps state and fault details verbatim. */
const toJson = (value: unknown): JsonValue =>
  value === undefined ? null : (JSON.parse(JSON.stringify(value)) as JsonValue);
