import {
  cacheReadsOf,
  parseState,
  plan,
  planWithoutCache,
  type CachedValue,
  type ParameterView,
  type Decision,
  type DeviceFacts,
  type FileFacts,
  type PlanOutput,
  type PlannedCommand,
  type PlannedFault,
  type PlannerConfig,
  type ProvisioningPreset,
  type ProvisioningState,
  type Trigger,
} from '../src';
import { FakeCpe } from './fake-cpe';
import { MemoryCache } from './memory-cache';

export const CONFIG: PlannerConfig = {
  discoveryBatchSize: 4,
  maxFailures: 3,
  backoff: { baseMs: 60_000, maxMs: 600_000 },
  refresh: [],
  inFlightTtlMs: 3_600_000,
  transferWaitMs: 7_200_000,
};

/** One device as the provisioning service sees it, with the CPE behind it. */
export interface World {
  cpe: FakeCpe;
  cache: MemoryCache;
  device: DeviceFacts;
  presets: ProvisioningPreset[];
  files: Record<string, FileFacts>;
  config: PlannerConfig;
  state: ProvisioningState | null;
  /** Epoch ms; each plan() call advances it by `tickMs`. */
  clock: number;
  tickMs: number;
  /** Open faults by channel, as the service records and clears them. */
  faults: Map<string, PlannedFault>;
  decisions: Decision[];
  /**
   * Also plan on only the cache records cacheReadsOf(presets) names, and expect the same output:
   * what the provisioning service loads per message is all the planner reads.
   */
  checkReads?: boolean;
  /**
   * What the firmware service reports of each Download the CPE accepted, right after its result
   * (default succeeded); null: nothing (the outcome never comes).
   */
  transferOutcome?: Extract<Trigger, { kind: 'transfer' }>['outcome'] | null;
}

export function world(cpe: FakeCpe, overrides: Partial<World> = {}): World {
  return {
    cpe,
    cache: new MemoryCache(),
    device: {
      deviceId: '00D09E-Router-SN0001',
      identity: {
        manufacturer: 'Acme',
        oui: '00D09E',
        productClass: 'Router',
        serialNumber: 'SN0001',
      },
      softwareVersion: '2.10.1',
      tags: [],
      events: [],
      root: 'Device.',
    },
    presets: [],
    files: {},
    config: CONFIG,
    state: null,
    clock: Date.parse('2026-11-25T10:00:00Z'),
    tickMs: 1000,
    faults: new Map(),
    decisions: [],
    ...overrides,
  };
}

/** A CPE with a small TR-181 tree: device info, management server, two SSIDs, NAT table. */
export function sampleCpe(): FakeCpe {
  return new FakeCpe()
    .set('Device.DeviceInfo.Manufacturer', 'Acme', 'xsd:string', false)
    .set('Device.DeviceInfo.SoftwareVersion', '2.10.1', 'xsd:string', false)
    .set('Device.DeviceInfo.UpTime', '100', 'xsd:unsignedInt', false)
    .set('Device.ManagementServer.PeriodicInformInterval', '86400', 'xsd:unsignedInt')
    .set('Device.ManagementServer.ParameterKey', '', 'xsd:string', false)
    .set('Device.WiFi.SSID.1.SSID', 'acme-1')
    .set('Device.WiFi.SSID.1.Enable', '1', 'xsd:boolean')
    .set('Device.WiFi.SSID.2.SSID', 'acme-2')
    .set('Device.WiFi.SSID.2.Enable', '0', 'xsd:boolean')
    .set('Device.Time.NTPServer1', 'pool.ntp.org')
    .table('Device.NAT.PortMapping.', {
      Enable: { value: 'false', type: 'xsd:boolean', writable: true },
      Description: { value: '', type: 'xsd:string', writable: true },
      ExternalPort: { value: '0', type: 'xsd:unsignedInt', writable: true },
    });
}

/** One plan() call, then what the service does with its output. */
export function step(w: World, trigger: Trigger, view: MemoryCache = w.cache): PlanOutput {
  w.clock += w.tickMs;
  const input = {
    now: new Date(w.clock),
    trigger,
    device: w.device,
    parameters: view,
    presets: w.presets,
    files: w.files,
    state: w.state,
    config: w.config,
  };
  const output = plan(input);
  // What the service does first: a plan that needs no cache is the plan.
  const cacheless = planWithoutCache(input);
  if (cacheless !== null) expect(cacheless).toEqual(output);
  if (w.checkReads) {
    expect(plan({ ...input, parameters: onlyReads(view, w.presets) })).toEqual(output);
  }
  // Stored as JSON between calls, as the service does.
  w.state = parseState(JSON.parse(JSON.stringify(output.state)), (reason) => {
    throw new Error(`state did not survive JSON: ${reason}`);
  });
  w.device.tags = [
    ...w.device.tags.filter((t) => !output.tags.remove.includes(t)),
    ...output.tags.add,
  ].filter((t, i, all) => all.indexOf(t) === i);
  for (const channel of output.clearedFaults) w.faults.delete(channel);
  for (const fault of output.faults) w.faults.set(fault.channel, fault);
  w.decisions.push(...output.decisions);
  return output;
}

/**
 * The CPE answers one command and plan() gets the result, the cache laid under it as the service
 * does: the planner sees the cache with the result over it, and the cache then takes what the
 * plan says a discovery result stands for, or else what the result tells.
 */
function answerWith(
  w: World,
  command: PlannedCommand,
): { outcome: ReturnType<FakeCpe['answer']>; output: PlanOutput } {
  const outcome = w.cpe.answer(command.rpc);
  const view = w.cache.clone();
  if (outcome.status === 'done') view.apply(command.rpc, outcome.response);
  const output = step(
    w,
    { kind: 'result', commandId: command.commandId, rpc: command.rpc, outcome },
    view,
  );
  if (output.discovered) {
    for (const { path, ...value } of output.discovered) w.cache.put(path, value);
  } else if (outcome.status === 'done') w.cache.apply(command.rpc, outcome.response);
  return { outcome, output };
}

export const answer = (w: World, command: PlannedCommand): PlanOutput =>
  answerWith(w, command).output;

export interface SessionLog {
  /** Every command emitted in the session, in the order the gateway sent them. */
  commands: PlannedCommand[];
  outputs: PlanOutput[];
}

/** An Inform, then each queued command answered by the CPE and its result fed back. */
export function session(w: World, events: string[], maxSteps = 500): SessionLog {
  w.device.events = events;
  const first = step(w, { kind: 'inform' });
  const log: SessionLog = { commands: [...first.commands], outputs: [first] };
  const queue = [...first.commands];
  for (let n = 0; queue.length > 0; n++) {
    if (n >= maxSteps) throw new Error(`no end after ${maxSteps} results`);
    const command = queue.shift() as PlannedCommand;
    const { outcome, output } = answerWith(w, command);
    log.outputs.push(output);
    log.commands.push(...output.commands);
    queue.push(...output.commands);
    const reported = w.transferOutcome === undefined ? 'succeeded' : w.transferOutcome;
    if (command.rpc.name === 'Download' && outcome.status === 'done' && reported !== null) {
      const confirmed = step(w, {
        kind: 'transfer',
        commandId: command.commandId,
        outcome: reported,
        ...(reported === 'failed' ? { faultCode: 9010, faultString: 'Download failure' } : {}),
      });
      log.outputs.push(confirmed);
      log.commands.push(...confirmed.commands);
      queue.push(...confirmed.commands);
    }
  }
  return log;
}

/** Sessions (a bootstrap, then periodic Informs) until one emits nothing; returns how many ran. */
export function converge(w: World, maxSessions: number): number {
  for (let n = 1; n <= maxSessions; n++) {
    const log = session(w, n === 1 ? ['0 BOOTSTRAP', '1 BOOT'] : ['2 PERIODIC']);
    if (log.commands.length === 0) return n;
  }
  throw new Error(`still emitting after ${maxSessions} sessions`);
}

export const names = (commands: PlannedCommand[]): string[] => commands.map((c) => c.rpc.name);

export function preset(
  name: string,
  actions: ProvisioningPreset['actions'],
  rest: Partial<ProvisioningPreset> = {},
): ProvisioningPreset {
  return { name, version: 1, weight: 0, events: [], precondition: {}, actions, ...rest };
}

/** The records of `cache` that cacheReadsOf(presets) names, and nothing else. */
function onlyReads(cache: MemoryCache, presets: ProvisioningPreset[]): ParameterView {
  const reads = cacheReadsOf(presets);
  const kept = new Map<string, CachedValue>();
  for (const path of reads.paths) {
    const value = cache.get(path);
    if (value !== undefined) kept.set(path, value);
  }
  for (const prefix of reads.prefixes) {
    for (const path of cache.under(prefix)) kept.set(path, cache.get(path) as CachedValue);
  }
  return {
    get: (path) => kept.get(path),
    under: (prefix) => [...kept.keys()].filter((path) => path.startsWith(prefix)).sort(),
  };
}
