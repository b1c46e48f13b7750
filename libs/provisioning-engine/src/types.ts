import type { CpeMethodRequest, CpeMethodResponse, DeviceIdStruct, XsdType } from '@meridian/cwmp';
import type { CommandFault } from '@meridian/contracts';

// ---------------------------------------------------------------------------------------------
// Presets as provisioning reads them (parsed from the store's JSON by parsePreset).

/** A test on one string value. Exactly one operator per test. */
export type ValueTest =
  | { eq: string }
  | { ne: string }
  | { in: string[] }
  | { prefix: string }
  | { regex: string }
  | { exists: boolean }
  /** Dotted version comparison ("2.10.1" > "2.9"): numeric parts compared as numbers. */
  | { versionLt: string }
  | { versionGte: string };

/** Every given criterion must hold; an empty precondition matches every device. */
export interface Precondition {
  manufacturer?: ValueTest;
  oui?: ValueTest;
  productClass?: ValueTest;
  serialNumber?: ValueTest;
  softwareVersion?: ValueTest;
  hardwareVersion?: ValueTest;
  /** The device carries every one of these tags. */
  tags?: string[];
  /** The device carries none of these tags. */
  notTags?: string[];
  /** Cached parameter values (full paths). */
  parameters?: { path: string; test: ValueTest }[];
}

export type Action =
  | { type: 'setParameterValues'; parameters: { path: string; value: string; type?: XsdType }[] }
  /**
   * `object` (ends with ".") has exactly `count` instances whose parameters equal `match`
   * (relative names → values); missing ones are added and set to match ∪ values, extra ones
   * deleted (highest instance numbers first).
   */
  | {
      type: 'ensureInstances';
      object: string;
      count: number;
      match: Record<string, string>;
      values?: Record<string, string>;
    }
  /** Re-reads a subtree (GetParameterNames then GetParameterValues) into the cache. */
  | { type: 'refresh'; path: string }
  | {
      type: 'setNotification';
      parameters: { path: string; notification: 0 | 1 | 2 }[];
    }
  | { type: 'reboot' }
  /** A file of the file repository, by name. */
  | { type: 'download'; file: string }
  /**
   * The device's vendor configuration file from PlannerConfig.vendorConfigUrl: a Download
   * "3 Vendor Configuration File" of <base><file>, `file` a name with {deviceId}, {oui},
   * {productClass} and {serialNumber} filled in (default "{deviceId}.cfg").
   */
  | { type: 'vendorConfig'; file?: string }
  | { type: 'addTag'; tag: string }
  | { type: 'removeTag'; tag: string }
  /**
   * The device's own CPE credentials: ManagementServer.Username (default its SerialNumber) and a
   * Password derived per device (`cpePasswordOf`; a new `generation` rotates it) are set on the
   * CPE; once it accepted them, PlanOutput.credentials hands the pair to the ACS's store.
   */
  | { type: 'setCredentials'; username?: string; generation?: number };

export interface ProvisioningPreset {
  name: string;
  version: number;
  /** Higher weight applies later, so it wins a conflict. */
  weight: number;
  /** Event codes of the Inform that trigger it ("0 BOOTSTRAP", "1 BOOT", "2 PERIODIC"…); empty: any. */
  events: string[];
  precondition: Precondition;
  actions: Action[];
}

// ---------------------------------------------------------------------------------------------
// What the planner sees of a device.

export interface DeviceFacts {
  deviceId: string;
  identity: DeviceIdStruct;
  softwareVersion?: string;
  hardwareVersion?: string;
  tags: string[];
  /** Event codes of the Inform that began the current session. */
  events: string[];
  /** "Device." or "InternetGatewayDevice.". */
  root: string;
}

export interface CachedValue {
  value?: string;
  type?: XsdType;
  writable?: boolean;
}

/** Read access to the device's parameter cache. */
export interface ParameterView {
  get(path: string): CachedValue | undefined;
  /** Every cached path starting with prefix, sorted. */
  under(prefix: string): string[];
}

export interface FileFacts {
  name: string;
  type: string;
  size: number;
  url: string;
}

// ---------------------------------------------------------------------------------------------
// Provisioning's per-device state (stored as JSON by ProvisioningStateRepository).

/** Why a command was emitted: the planner resumes from it when the result comes. */
export type Purpose =
  | { kind: 'discoverNames' }
  | {
      kind: 'discoverValues';
      batch: number;
      of: number;
      /**
       * What GetParameterNames told of the batch, held until its values come so that each cached
       * record is written once: object path → its writable names, comma-separated (leaf names
       * relative to the object, "." the object itself). Absent in a batch planned by an older
       * build (whose names were cached when they came).
       */
      names?: Record<string, string>;
    }
  | { kind: 'refresh'; path: string; step: 'names' | 'values' }
  | { kind: 'preset'; preset: string; version: number; action: number; step?: string };

export interface InFlight {
  purpose: Purpose;
  /** ISO-8601. */
  issuedAt: string;
  /**
   * Another command of the same wave and owner (the preset, or discovery) failed already: the
   * failure is counted once, and a discovery whose batch failed does not complete.
   */
  waveFailed?: boolean;
}

export interface ProvisioningState {
  /** ISO-8601 time the last full discovery completed; absent until then. */
  discoveredAt?: string;
  /** Commands emitted and not yet answered, by commandId. */
  inFlight: Record<string, InFlight>;
  /** Preset name → the version applied and the ParameterKey of its last SetParameterValues. */
  applied: Record<string, { version: number; at: string; parameterKey?: string }>;
  /** Preset name → progress of the version being applied. */
  progress: Record<
    string,
    {
      version: number;
      done: number[];
      created?: Record<string, number[]>;
      /** Action index → the last step done of a multi-step action (refresh: "names"). */
      steps?: Record<string, string>;
      /** commandId of the preset's last SetParameterValues done (it became the ParameterKey). */
      parameterKey?: string;
      /**
       * Action index → the Download the CPE accepted, whose outcome (firmware.outcomes) is
       * awaited: the action is done only once the transfer succeeded.
       */
      transfers?: Record<string, { commandId: string; since: string }>;
    }
  >;
  /** Preset (or "discovery") → consecutive failures of one version, and when to try again. */
  failures: Record<string, { version: number; count: number; retryAt: string; lastError: string }>;
  /** Refreshed subtree → ISO-8601 time of its last refresh. */
  refreshedAt: Record<string, string>;
  /** Counter behind deterministic commandIds. */
  seq: number;
}

// ---------------------------------------------------------------------------------------------
// One planning step.

export type Trigger =
  | { kind: 'inform'; parameterKey?: string }
  /** A transfer's outcome, as the firmware service confirmed it (firmware.outcomes). */
  | {
      kind: 'transfer';
      commandId: string;
      outcome: 'succeeded' | 'failed' | 'rolledBack' | 'timedOut' | 'undelivered';
      faultCode?: number;
      faultString?: string;
    }
  | {
      kind: 'result';
      commandId: string;
      rpc?: CpeMethodRequest;
      outcome:
        | { status: 'done'; response: CpeMethodResponse }
        | { status: 'fault'; fault: CommandFault }
        | { status: 'expired' }
        | { status: 'rejected'; reason: string }
        | { status: 'cancelled' };
    };

export interface PlannerConfig {
  /** Parameters per discovery GetParameterValues. */
  discoveryBatchSize: number;
  /**
   * Subtrees a discovery reads, relative to the device's root ("WiFi.", "ManagementServer.");
   * absent or [""]: the whole tree. Big data models make a full discovery costly.
   */
  discoveryPaths?: string[];
  /** Failures of one preset version before it is recorded as a fault and left alone. */
  maxFailures: number;
  backoff: { baseMs: number; maxMs: number };
  /** Subtrees read again (GetParameterValues) when their last read is older than maxAgeMs. */
  refresh: { path: string; maxAgeMs: number }[];
  /** In-flight commands older than this are forgotten (their result was lost). */
  inFlightTtlMs: number;
  /**
   * How long a preset's accepted Download waits for its outcome before it counts as a failure
   * (no firmware service, or an outcome lost).
   */
  transferWaitMs: number;
  /** Key of the passwords `setCredentials` derives; absent: that action is a fault. */
  credentialsSecret?: string;
  /** Base URL of `vendorConfig` files (MERIDIAN_DEFAULT_CONFIG_URL); absent: that action is a fault. */
  vendorConfigUrl?: string;
}

export interface PlanInput {
  now: Date;
  trigger: Trigger;
  device: DeviceFacts;
  parameters: ParameterView;
  /** Every preset (the planner checks precondition and events). */
  presets: ProvisioningPreset[];
  files: Record<string, FileFacts>;
  state: ProvisioningState | null;
  config: PlannerConfig;
}

export interface PlannedCommand {
  /** Deterministic from deviceId and state.seq, at most 32 characters (it becomes the ParameterKey). */
  commandId: string;
  rpc: CpeMethodRequest;
  purpose: Purpose;
}

/** One line of the decision log. */
export interface Decision {
  kind:
    | 'matched'
    | 'skipped'
    | 'applied'
    | 'emitted'
    | 'conflict'
    | 'failed'
    | 'gaveUp'
    | 'waiting'
    | 'discovery'
    | 'refresh'
    | 'reset';
  preset?: string;
  message: string;
}

export interface PlannedFault {
  channel: string;
  code: string;
  message: string;
  detail?: unknown;
}

export interface PlanOutput {
  state: ProvisioningState;
  commands: PlannedCommand[];
  tags: { add: string[]; remove: string[] };
  faults: PlannedFault[];
  /** Fault channels that succeeded now and are cleared. */
  clearedFaults: string[];
  decisions: Decision[];
  /**
   * A pair the CPE accepted now (`setCredentials`): the ACS must keep it before the state is
   * saved, or the device could be locked out.
   */
  credentials?: { username: string; password: string };
  /**
   * A discovery result's records for the cache, written instead of what the response alone
   * tells: nothing for GetParameterNames (held until the values come, see `Purpose`), then
   * each values batch with the names, writability and objects it covers.
   */
  discovered?: DiscoveredParameter[];
}

/** One record of the parameter cache as discovery tells it; a field left out is not told. */
export interface DiscoveredParameter {
  path: string;
  value?: string;
  type?: XsdType;
  writable?: boolean;
}
