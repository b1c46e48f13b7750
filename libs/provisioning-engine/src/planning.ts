import { conflictFault, conflictMessage, droppedSettings, findConflicts } from './conflicts';
import { matches, triggeredBy } from './precondition';
import { DISCOVERY, decide, emit, type Round } from './round';
import { nextStep, type Draft, type Progress } from './steps';
import type { ProvisioningPreset, ProvisioningState } from './types';

// ---------------------------------------------------------------------------------------------
// Planning round: discovery, then periodic refresh, then presets.

export function planningRound(round: Round): void {
  const { state, input } = round;
  const blocked = discoveryBlocked(round);
  if (!state.discoveredAt) {
    if (!blocked) {
      const { root } = input.device;
      for (const relative of input.config.discoveryPaths ?? ['']) {
        emit(
          round,
          { name: 'GetParameterNames', parameterPath: root + relative, nextLevel: false },
          { kind: 'discoverNames' },
          `discovery: the names under ${root + relative}`,
        );
      }
      return;
    }
    if (blocked === 'backoff') {
      decide(
        round,
        'waiting',
        `presets wait for discovery, retried after ${state.failures[DISCOVERY]?.retryAt}`,
      );
      return;
    }
    // Discovery gave up (a visible fault): presets go on with what the cache holds.
  }
  if (!blocked && refresh(round)) return;
  presetRound(round);
}

function discoveryBlocked(round: Round): 'backoff' | 'gaveUp' | undefined {
  const failure = round.state.failures[DISCOVERY];
  if (!failure) return undefined;
  if (failure.count >= round.input.config.maxFailures) return 'gaveUp';
  return Date.parse(failure.retryAt) > round.now ? 'backoff' : undefined;
}

/** Emits the due refreshes; true if any (presets then wait for fresh values). */
function refresh(round: Round): boolean {
  const { state, input, now } = round;
  const due = input.config.refresh.filter(({ path, maxAgeMs }) => {
    const last = state.refreshedAt[path] ?? state.discoveredAt;
    return last === undefined || now - Date.parse(last) > maxAgeMs;
  });
  for (const { path, maxAgeMs } of due) {
    const last = state.refreshedAt[path] ?? state.discoveredAt;
    emit(
      round,
      { name: 'GetParameterValues', parameterNames: [path] },
      { kind: 'refresh', path, step: 'values' },
      `${path} last read ${last ?? 'never'}, older than ${maxAgeMs} ms`,
    );
  }
  return due.length > 0;
}

function presetRound(round: Round): void {
  const { state, input } = round;
  const { device, parameters } = input;
  const triggered = input.presets
    .filter((p) => triggeredBy(p, device.events))
    .sort((a, b) => a.weight - b.weight || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // A preset applied, given up or waiting out its retry is skipped whatever the cache holds: the
  // cache is read (preconditions, steps) only when one may be applied now, so the periodic
  // Inform of a provisioned device plans without it (planWithoutCache).
  const skips = new Map<string, string>();
  for (const preset of triggered) {
    const skip = skipReason(round, preset);
    if (skip === undefined) continue;
    skips.set(preset.name, skip);
    decide(round, 'skipped', skip, preset.name);
  }
  if (skips.size === triggered.length) return;
  // Skipped presets stay candidates: a conflict with one still drops the other's setting.
  const candidates = triggered.filter((p) => matches(p.precondition, device, parameters));
  const pending = candidates.filter((preset) => !skips.has(preset.name));
  for (const preset of pending) {
    decide(round, 'matched', `version ${preset.version}, weight ${preset.weight}`, preset.name);
  }

  const conflicts = findConflicts(candidates);
  // Reported while a preset of the conflict is being applied, not again on every later round.
  const open = new Set(pending.map((p) => p.name));
  for (const conflict of conflicts) {
    if (![conflict.winner, ...conflict.losers].some((s) => open.has(s.preset))) continue;
    round.faults.push(conflictFault(conflict));
    decide(round, 'conflict', conflictMessage(conflict), conflict.winner.preset);
  }
  const dropped = droppedSettings(conflicts);
  const conflicted = new Set(conflicts.map((c) => c.path));

  const drafts: Draft[] = [];
  const reboots: Draft[] = [];
  for (const preset of pending) {
    const progress = progressOf(state, preset);
    const step = nextStep(preset, progress, {
      device,
      parameters,
      files: input.files,
      dropped: dropped.get(preset.name) ?? new Set(),
      credentialsSecret: input.config.credentialsSecret,
      vendorConfigUrl: input.config.vendorConfigUrl,
      tag: (change, tag) => round.tags[change].push(tag),
    });
    switch (step.kind) {
      case 'satisfied':
        markApplied(round, preset, progress, conflicted);
        continue;
      case 'commands':
        drafts.push(...step.drafts);
        break;
      case 'reboot':
        reboots.push(step.draft);
        break;
      case 'waiting':
        decide(round, 'waiting', step.message, preset.name);
        break;
      case 'fault':
        giveUp(round, preset, step);
        break;
    }
    state.progress[preset.name] = progress;
  }
  // A reboot ends the session: it goes alone, after everything else, one at a time.
  const wave = drafts.length > 0 ? drafts : reboots.slice(0, 1);
  for (const draft of wave) emit(round, draft.rpc, draft.purpose, draft.reason);
}

function skipReason(round: Round, preset: ProvisioningPreset): string | undefined {
  const { state, input, now } = round;
  if (state.applied[preset.name]?.version === preset.version) {
    return `version ${preset.version} already applied at ${state.applied[preset.name]?.at}`;
  }
  const failure = state.failures[preset.name];
  if (failure?.version !== preset.version) return undefined;
  if (failure.count >= input.config.maxFailures) {
    return `version ${preset.version} given up after ${failure.count} failure(s): ${failure.lastError}`;
  }
  if (Date.parse(failure.retryAt) > now) {
    return `version ${preset.version} failed (${failure.lastError}); retry after ${failure.retryAt}`;
  }
  return undefined;
}

/** The progress of the preset's current version (a new version starts over). */
function progressOf(state: ProvisioningState, preset: ProvisioningPreset): Progress {
  const progress = state.progress[preset.name];
  return progress?.version === preset.version ? progress : { version: preset.version, done: [] };
}

function markApplied(
  round: Round,
  preset: ProvisioningPreset,
  progress: Progress,
  conflicted: ReadonlySet<string>,
): void {
  const { state } = round;
  state.applied[preset.name] = {
    version: preset.version,
    at: round.nowIso,
    ...(progress.parameterKey ? { parameterKey: progress.parameterKey } : {}),
  };
  delete state.progress[preset.name];
  delete state.failures[preset.name];
  round.clearedFaults.push(`preset:${preset.name}`);
  // A conflict on a path of this preset that no longer exists is over.
  for (const action of preset.actions) {
    if (action.type !== 'setParameterValues') continue;
    for (const { path } of action.parameters) {
      if (!conflicted.has(path)) round.clearedFaults.push(`conflict:${path}`);
    }
  }
  decide(round, 'applied', `version ${preset.version} applied`, preset.name);
}

function giveUp(
  round: Round,
  preset: ProvisioningPreset,
  step: Extract<ReturnType<typeof nextStep>, { kind: 'fault' }>,
): void {
  const { maxFailures } = round.input.config;
  round.state.failures[preset.name] = {
    version: preset.version,
    count: maxFailures,
    retryAt: round.nowIso,
    lastError: `${step.code} ${step.message}`,
  };
  round.faults.push({
    channel: `preset:${preset.name}`,
    code: step.code,
    message: step.message,
    detail: step.detail,
  });
  decide(round, 'gaveUp', `${step.code}: ${step.message}; not retried`, preset.name);
}
