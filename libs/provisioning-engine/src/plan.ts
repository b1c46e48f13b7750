import { planningRound } from './planning';
import { expireTransfers, onResult, onTransfer } from './results';
import { decide, describePurpose, presetOf, type Round } from './round';
import { emptyState } from './state';
import type { PlanInput, PlannerConfig, PlanOutput, ProvisioningState } from './types';

const BOOTSTRAP = '0 BOOTSTRAP';

/**
 * One planning step for one device: what to send next, given the device, its cache, the presets
 * and the planner's own state. Pure and deterministic: time comes from `input.now` and
 * commandIds from `state.seq`.
 */
export function plan(input: PlanInput): PlanOutput {
  return outputOf(planned(input));
}

/**
 * plan() for a caller that has not read the parameter cache: the output when planning reads
 * nothing of it (discovery, refresh, a wave still in flight, every triggered preset applied or
 * waiting out a retry: the periodic Inform of a provisioned device), null when it would. On
 * null the caller reads what cacheReadsOf(presets) names and calls plan().
 */
export function planWithoutCache(input: Omit<PlanInput, 'parameters'>): PlanOutput | null {
  let read = false;
  const round = planned({
    ...input,
    parameters: {
      get() {
        read = true;
        return undefined;
      },
      under() {
        read = true;
        return [];
      },
    },
  });
  return read ? null : outputOf(round);
}

/**
 * Until when (ms since the epoch, inclusive) an Inform planned on `state` decides what it decides
 * now, for the same device facts, trigger, presets and files: the planner reads the clock only
 * for commands in flight, awaited transfers, failures' retries and refreshes. -Infinity when any
 * of the first three is there or discovery is not done (those are rare for a settled device, and
 * are then planned every time); else the first refresh due, or Infinity.
 */
export function informUnchangedUntil(state: ProvisioningState, config: PlannerConfig): number {
  if (
    state.discoveredAt === undefined ||
    Object.keys(state.inFlight).length > 0 ||
    Object.keys(state.failures).length > 0 ||
    Object.values(state.progress).some((p) => Object.keys(p.transfers ?? {}).length > 0)
  ) {
    return -Infinity;
  }
  let until = Infinity;
  for (const { path, maxAgeMs } of config.refresh) {
    const last = state.refreshedAt[path] ?? state.discoveredAt;
    until = Math.min(until, Date.parse(last) + maxAgeMs);
  }
  return until;
}

function planned(input: PlanInput): Round {
  const round: Round = {
    input,
    now: input.now.getTime(),
    nowIso: input.now.toISOString(),
    state: input.state ? structuredClone(input.state) : emptyState(),
    commands: [],
    tags: { add: [], remove: [] },
    faults: [],
    clearedFaults: [],
    decisions: [],
  };
  if (input.trigger.kind === 'inform') onInform(round);
  else if (input.trigger.kind === 'transfer') onTransfer(round, input.trigger);
  else onResult(round, input.trigger);
  return round;
}

function outputOf(round: Round): PlanOutput {
  const { state, commands, tags, faults, clearedFaults, decisions, credentials, discovered } =
    round;
  return {
    state,
    commands,
    tags,
    faults,
    clearedFaults: [...new Set(clearedFaults)],
    decisions,
    ...(credentials ? { credentials } : {}),
    ...(discovered ? { discovered: discovered() } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// The Inform trigger (results: results.ts)

function onInform(round: Round): void {
  const { state, input } = round;
  if (input.device.events.includes(BOOTSTRAP)) {
    // A new or factory-reset CPE: nothing applied before holds any more.
    state.applied = {};
    state.progress = {};
    state.failures = {};
    state.refreshedAt = {};
    delete state.discoveredAt;
    decide(round, 'reset', `${BOOTSTRAP}: applied presets, progress and failures forgotten`);
  }
  forgetLost(round);
  expireTransfers(round);
  const waiting = Object.keys(state.inFlight).length;
  if (waiting > 0) {
    decide(round, 'waiting', `${waiting} command(s) of the previous wave still in flight`);
    return;
  }
  planningRound(round);
}

function forgetLost(round: Round): void {
  const { state, input } = round;
  for (const [commandId, entry] of Object.entries(state.inFlight)) {
    if (round.now - Date.parse(entry.issuedAt) <= input.config.inFlightTtlMs) continue;
    delete state.inFlight[commandId];
    decide(
      round,
      'failed',
      `no result for ${commandId} (${describePurpose(entry.purpose)}) since ${entry.issuedAt}; forgotten`,
      presetOf(entry.purpose),
    );
  }
}
