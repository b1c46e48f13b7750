import { backoffCeiling } from '@meridian/backoff';
import type { CpeMethodResponse } from '@meridian/cwmp';
import { credentialsOf } from './credentials';
import { discoveredRecords, discoveryBatches, namedRecords } from './discovery';
import { planningRound } from './planning';
import { DISCOVERY, decide, describeKey, emit, inFlightOf, ownerOf, type Round } from './round';
import type { Progress } from './steps';
import type { InFlight, Purpose, Trigger } from './types';

type Outcome = Extract<Trigger, { kind: 'result' }>['outcome'];
interface Failure {
  code: string;
  message: string;
}

/**
 * A command's result: progress on done, a counted failure otherwise; the round that follows
 * the last result of a wave continues the work within the session.
 */
export function onResult(round: Round, trigger: Extract<Trigger, { kind: 'result' }>): void {
  const { state } = round;
  const entry = state.inFlight[trigger.commandId];
  if (!entry) {
    decide(
      round,
      'skipped',
      `result of ${trigger.commandId} ignored: not in flight (a duplicate, or not ours)`,
    );
    return;
  }
  delete state.inFlight[trigger.commandId];
  const { outcome } = trigger;
  if (outcome.status === 'done') onDone(round, trigger.commandId, entry, outcome.response);
  else onFailure(round, trigger.commandId, entry, failureOf(outcome));

  const { purpose } = entry;
  const discovering = purpose.kind === 'discoverNames' || purpose.kind === 'discoverValues';
  if (
    discovering &&
    !inFlightOf(state, 'discoverNames') &&
    // A names step with leaves has just put its values batches in flight.
    !inFlightOf(state, 'discoverValues')
  ) {
    const failed = entry.waveFailed === true || outcome.status !== 'done';
    finishDiscovery(round, purpose.kind === 'discoverValues' ? purpose.of : 0, failed);
  }
  if (Object.keys(state.inFlight).length === 0) planningRound(round);
}

function failureOf(outcome: Exclude<Outcome, { status: 'done' }>): Failure {
  switch (outcome.status) {
    case 'fault': {
      const { faultCode, faultString, setParameterValuesFault } = outcome.fault;
      const details = (setParameterValuesFault ?? [])
        .map((f) => `${f.parameterName}: ${f.faultCode} ${f.faultString}`)
        .join('; ');
      return {
        code: String(faultCode),
        message: details ? `${faultString} (${details})` : faultString,
      };
    }
    case 'expired':
      return { code: 'expired', message: 'the command expired before the device took it' };
    case 'rejected':
      return { code: 'rejected', message: outcome.reason };
    case 'cancelled':
      return { code: 'cancelled', message: 'the command was cancelled before it was sent' };
  }
}

function onDone(
  round: Round,
  commandId: string,
  entry: InFlight,
  response: CpeMethodResponse,
): void {
  const { state, input } = round;
  const { purpose } = entry;
  switch (purpose.kind) {
    case 'discoverNames': {
      if (response.name !== 'GetParameterNamesResponse') {
        onFailure(round, commandId, entry, unexpected(response));
        return;
      }
      const { rpc } = input.trigger.kind === 'result' ? input.trigger : {};
      // The object asked for ("" is the root).
      const top = (rpc?.name === 'GetParameterNames' && rpc.parameterPath) || input.device.root;
      const batches = discoveryBatches(
        top,
        response.parameterList,
        input.config.discoveryBatchSize,
      );
      // Held until the values come (in the batches' purposes); a tree without leaves has none.
      round.discovered = () => (batches.length > 0 ? [] : namedRecords(response.parameterList));
      const leaves = batches.reduce((n, b) => n + b.leaves, 0);
      let from = 1;
      batches.forEach(({ parameterNames, leaves: count, names }, i) => {
        emit(
          round,
          { name: 'GetParameterValues', parameterNames },
          { kind: 'discoverValues', batch: i + 1, of: batches.length, names },
          `discovery: values ${from}-${from + count - 1} of ${leaves}`,
        );
        from += count;
      });
      return;
    }
    case 'discoverValues':
      if (response.name === 'GetParameterValuesResponse') {
        const { names } = purpose;
        // A batch planned without the names: they were cached when they came.
        if (names !== undefined) round.discovered = () => discoveredRecords(names, response);
      }
      return;
    case 'refresh':
      if (purpose.step === 'values') {
        state.refreshedAt[purpose.path] = round.nowIso;
        decide(round, 'refresh', `${purpose.path} read again`);
        // Discovery is done, so a recorded failure came from a refresh, which now worked.
        if (state.discoveredAt && state.failures[DISCOVERY]) {
          delete state.failures[DISCOVERY];
          round.clearedFaults.push(DISCOVERY);
        }
      }
      return;
    case 'preset':
      recordProgress(round, commandId, purpose, response);
      return;
  }
}

const unexpected = (response: CpeMethodResponse): Failure => ({
  code: 'unexpected_response',
  message: `unexpected ${response.name}`,
});

function recordProgress(
  round: Round,
  commandId: string,
  purpose: Extract<Purpose, { kind: 'preset' }>,
  response: CpeMethodResponse,
): void {
  const progress = round.state.progress[purpose.preset];
  // Progress of another version (the preset changed, or BOOTSTRAP reset it): nothing to resume.
  if (!progress || progress.version !== purpose.version) return;
  const action = String(purpose.action);
  switch (purpose.step) {
    case 'set':
      progress.parameterKey = commandId;
      // Not sent again for this version even if the cache disagrees: no loop on a CPE that
      // reports a value other than the one it accepted.
      markDone(progress, purpose.action);
      return;
    case 'setCreated':
      progress.parameterKey = commandId;
      return;
    case 'credentials': {
      progress.parameterKey = commandId;
      markDone(progress, purpose.action);
      const setting = round.input.presets.find(
        (p) => p.name === purpose.preset && p.version === purpose.version,
      )?.actions[purpose.action];
      const secret = round.input.config.credentialsSecret;
      if (setting?.type === 'setCredentials' && secret !== undefined) {
        round.credentials = credentialsOf(setting, round.input.device, secret);
        decide(
          round,
          'applied',
          `the CPE took its own credentials (${round.credentials.username}); the ACS keeps them`,
          purpose.preset,
        );
      }
      return;
    }
    case 'add': {
      const object = round.input.presets.find(
        (p) => p.name === purpose.preset && p.version === purpose.version,
      )?.actions[purpose.action];
      if (response.name !== 'AddObjectResponse' || object?.type !== 'ensureInstances') return;
      progress.created ??= {};
      (progress.created[object.object] ??= []).push(response.instanceNumber);
      return;
    }
    case 'names':
      (progress.steps ??= {})[action] = 'names';
      return;
    case 'download':
      // Accepted is not applied: the action is done once the firmware service confirms it.
      if (progress.steps) {
        delete progress.steps[action];
        if (Object.keys(progress.steps).length === 0) delete progress.steps;
      }
      (progress.transfers ??= {})[action] = { commandId, since: round.nowIso };
      return;
    case 'values':
    case 'notify':
    case 'reboot':
      if (progress.steps) {
        delete progress.steps[action];
        if (Object.keys(progress.steps).length === 0) delete progress.steps;
      }
      markDone(progress, purpose.action);
      return;
  }
}

/**
 * A transfer's outcome: the preset's download action is done when it succeeded, a counted
 * failure otherwise. An outcome that overtook the Download's own result ends the command too.
 */
export function onTransfer(round: Round, trigger: Extract<Trigger, { kind: 'transfer' }>): void {
  const { state } = round;
  const { commandId } = trigger;
  const entry = state.inFlight[commandId];
  if (entry?.purpose.kind === 'preset' && entry.purpose.step === 'download') {
    delete state.inFlight[commandId];
    const progress = state.progress[entry.purpose.preset];
    if (progress?.version === entry.purpose.version) {
      (progress.transfers ??= {})[String(entry.purpose.action)] = {
        commandId,
        since: round.nowIso,
      };
    }
  }
  const awaiting = Object.entries(state.progress).flatMap(([preset, progress]) =>
    Object.entries(progress.transfers ?? {})
      .filter(([, t]) => t.commandId === commandId)
      .map(([action]) => ({ preset, progress, action: Number(action) })),
  );
  const found = awaiting[0];
  if (!found) {
    decide(round, 'skipped', `outcome of ${commandId} ignored: no preset awaits it`);
    return;
  }
  const { preset, progress, action } = found;
  endTransfer(progress, action);
  if (trigger.outcome === 'succeeded') {
    markDone(progress, action);
    decide(round, 'applied', `download ${commandId} confirmed: the device runs it`, preset);
  } else {
    const failure = {
      code: trigger.faultCode !== undefined ? String(trigger.faultCode) : trigger.outcome,
      message: `download ${trigger.outcome}${trigger.faultString ? `: ${trigger.faultString}` : ''}`,
    };
    const detail = { preset, version: progress.version, action, commandId };
    recordFailure(round, preset, progress.version, failure, `preset:${preset}`, detail, false);
  }
  if (Object.keys(state.inFlight).length === 0) planningRound(round);
}

/**
 * Downloads awaited longer than transferWaitMs count as failures (no firmware service, or an
 * outcome lost), so the preset is retried rather than stuck.
 */
export function expireTransfers(round: Round): void {
  const { state, input } = round;
  for (const [preset, progress] of Object.entries(state.progress)) {
    for (const [action, transfer] of Object.entries(progress.transfers ?? {})) {
      if (round.now - Date.parse(transfer.since) <= input.config.transferWaitMs) continue;
      endTransfer(progress, Number(action));
      const failure = {
        code: 'transfer_unconfirmed',
        message: `no outcome of download ${transfer.commandId} since ${transfer.since}`,
      };
      const detail = { preset, version: progress.version, action: Number(action) };
      recordFailure(round, preset, progress.version, failure, `preset:${preset}`, detail, false);
    }
  }
}

function endTransfer(progress: Progress, action: number): void {
  if (!progress.transfers) return;
  delete progress.transfers[String(action)];
  if (Object.keys(progress.transfers).length === 0) delete progress.transfers;
}

function markDone(progress: Progress, action: number): void {
  if (!progress.done.includes(action)) progress.done.push(action);
}

function onFailure(round: Round, commandId: string, entry: InFlight, failure: Failure): void {
  const { purpose } = entry;
  const key = ownerOf(purpose);
  // The rest of the wave of the same owner fails with it: counted once, discovery incomplete.
  for (const other of Object.values(round.state.inFlight)) {
    if (ownerOf(other.purpose) === key) other.waveFailed = true;
  }
  const counted = entry.waveFailed === true;
  if (purpose.kind === 'preset') {
    const detail = { preset: key, version: purpose.version, action: purpose.action, commandId };
    recordFailure(round, key, purpose.version, failure, `preset:${key}`, detail, counted);
  } else {
    recordFailure(round, DISCOVERY, 0, failure, DISCOVERY, { purpose, commandId }, counted);
  }
}

function recordFailure(
  round: Round,
  key: string,
  version: number,
  failure: Failure,
  channel: string,
  detail: Record<string, unknown>,
  counted: boolean,
): void {
  const { state, input, now } = round;
  const { maxFailures, backoff } = input.config;
  const preset = key === DISCOVERY ? undefined : key;
  const lastError = `${failure.code} ${failure.message}`;
  const previous = state.failures[key]?.version === version ? state.failures[key] : undefined;
  if (previous && (counted || previous.count >= maxFailures)) {
    previous.lastError = lastError;
    decide(
      round,
      'failed',
      `${describeKey(key)}: ${lastError} (this wave's failure is counted)`,
      preset,
    );
    return;
  }
  const count = (previous?.count ?? 0) + 1;
  // No jitter: the planner is deterministic, and a retry waits for the device's next Inform anyway.
  const retryAt = new Date(
    now + backoffCeiling({ initialDelayMs: backoff.baseMs, maxDelayMs: backoff.maxMs }, count),
  );
  state.failures[key] = { version, count, retryAt: retryAt.toISOString(), lastError };
  if (count >= maxFailures) {
    round.faults.push({ channel, code: failure.code, message: failure.message, detail });
    decide(
      round,
      'gaveUp',
      `${describeKey(key)}: ${lastError}; failed ${count} times, given up`,
      preset,
    );
  } else {
    decide(
      round,
      'failed',
      `${describeKey(key)}: ${lastError}; failure ${count} of ${maxFailures}, retry after ${retryAt.toISOString()}`,
      preset,
    );
  }
}

function finishDiscovery(round: Round, batches: number, failed: boolean): void {
  const { state, input } = round;
  if (failed) {
    decide(round, 'discovery', 'discovery incomplete: a batch failed; it will be retried');
    return;
  }
  state.discoveredAt = round.nowIso;
  delete state.failures[DISCOVERY];
  round.clearedFaults.push(DISCOVERY);
  decide(
    round,
    'discovery',
    `discovery done under ${input.device.root}: values read in ${batches} batch(es)`,
  );
}
