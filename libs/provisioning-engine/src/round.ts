import type { CpeMethodRequest } from '@meridian/cwmp';
import { commandIdOf } from './command-id';
import type {
  Decision,
  DiscoveredParameter,
  PlanInput,
  PlannedCommand,
  PlannedFault,
  ProvisioningState,
  Purpose,
} from './types';

/** The failures entry and fault channel of discovery and periodic refresh. */
export const DISCOVERY = 'discovery';

/** Everything one plan() call builds; `state` is the caller's state, copied. */
export interface Round {
  input: PlanInput;
  now: number;
  nowIso: string;
  state: ProvisioningState;
  commands: PlannedCommand[];
  tags: { add: string[]; remove: string[] };
  faults: PlannedFault[];
  clearedFaults: string[];
  decisions: Decision[];
  credentials?: { username: string; password: string };
  /**
   * Built only for plan()'s output: planWithoutCache throws away a round that reads the cache,
   * and the caller plans it again (a discovery's last batch: ~700 records each time).
   */
  discovered?: () => DiscoveredParameter[];
}

export function emit(round: Round, rpc: CpeMethodRequest, purpose: Purpose, reason: string): void {
  const { state } = round;
  const commandId = commandIdOf(round.input.device.deviceId, state.seq);
  state.seq += 1;
  state.inFlight[commandId] = { purpose, issuedAt: round.nowIso };
  round.commands.push({ commandId, rpc, purpose });
  decide(round, 'emitted', `${rpc.name} ${commandId}: ${reason}`, presetOf(purpose));
}

export function decide(
  round: Round,
  kind: Decision['kind'],
  message: string,
  preset?: string,
): void {
  round.decisions.push(preset === undefined ? { kind, message } : { kind, preset, message });
}

/** Whose failure a command's failure is: its preset's, or discovery's (refresh included). */
export const ownerOf = (purpose: Purpose): string =>
  purpose.kind === 'preset' ? purpose.preset : DISCOVERY;

export const presetOf = (purpose: Purpose): string | undefined =>
  purpose.kind === 'preset' ? purpose.preset : undefined;

export const inFlightOf = (state: ProvisioningState, kind: Purpose['kind']): boolean =>
  Object.values(state.inFlight).some((entry) => entry.purpose.kind === kind);

export const describeKey = (key: string): string =>
  key === DISCOVERY ? 'discovery' : `preset "${key}"`;

export function describePurpose(purpose: Purpose): string {
  switch (purpose.kind) {
    case 'discoverNames':
      return 'discovery names';
    case 'discoverValues':
      return `discovery values ${purpose.batch}/${purpose.of}`;
    case 'refresh':
      return `refresh ${purpose.path}`;
    case 'preset':
      return `preset "${purpose.preset}" v${purpose.version} action ${purpose.action} ${purpose.step ?? ''}`.trim();
  }
}
