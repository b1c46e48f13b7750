import { minutesOf } from './spec';
import { isTimeZone, localMinutes } from './time-zone';
import {
  DEVICE_TIME_ZONE,
  type Campaign,
  type CampaignDecision,
  type CampaignDevice,
  type CampaignProgress,
  type CampaignStage,
  type Candidate,
  type MaintenanceWindow,
  type TransferOutcome,
} from './types';

/** The stage failure rate is judged once this many of the stage's devices finished (or all). */
export const RATE_MIN_SAMPLE = 10;

/** FNV-1a, 32 bits: a stable pseudo-random order without crypto. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** How many devices stages 0..i hold together, of `eligible`: at least one per stage. */
export function stageEnds(stages: CampaignStage[], eligible: number): number[] {
  let previous = 0;
  return stages.map((stage, i) => {
    const end =
      i === stages.length - 1
        ? eligible
        : Math.min(eligible, Math.max(previous + 1, Math.ceil((stage.percent * eligible) / 100)));
    previous = end;
    return end;
  });
}

/**
 * The campaign's devices from what its target query found: those already on the version and
 * those pending or in flight in another campaign are skipped; the others get a stable
 * pseudo-random order (hash of campaignId and deviceId, so a canary is not the oldest devices
 * of one serial range) and their stage by the cumulative percentages.
 */
export function planDevices(
  campaign: Pick<Campaign, 'campaignId' | 'version' | 'stages'>,
  candidates: Candidate[],
): CampaignDevice[] {
  const skipped: CampaignDevice[] = [];
  const eligible: Candidate[] = [];
  for (const candidate of candidates) {
    const base = { campaignId: campaign.campaignId, deviceId: candidate.deviceId, stage: 0 };
    if (candidate.softwareVersion === campaign.version) {
      skipped.push({ ...base, order: 0, state: 'skipped', skipReason: 'onTargetVersion' });
    } else if (candidate.busyIn !== undefined && candidate.busyIn !== campaign.campaignId) {
      skipped.push({ ...base, order: 0, state: 'skipped', skipReason: 'inAnotherCampaign' });
    } else {
      eligible.push(candidate);
    }
  }
  const key = (c: Candidate) => hash(`${campaign.campaignId}\n${c.deviceId}`);
  eligible.sort((a, b) => key(a) - key(b) || (a.deviceId < b.deviceId ? -1 : 1));
  const ends = stageEnds(campaign.stages, eligible.length);
  const planned = eligible.map((candidate, order): CampaignDevice => {
    const stage = ends.findIndex((end) => order < end);
    return {
      campaignId: campaign.campaignId,
      deviceId: candidate.deviceId,
      order,
      stage,
      state: 'pending',
      ...(candidate.timeZone !== undefined ? { timeZone: candidate.timeZone } : {}),
    };
  });
  return [...planned, ...skipped.map((device, i) => ({ ...device, order: planned.length + i }))];
}

/**
 * The zone a window is read in for a device: the window's own, or with DEVICE_TIME_ZONE the
 * device's (when it is a zone) else the fallback (UTC without one).
 */
export function windowZone(window: MaintenanceWindow, deviceZone?: string): string {
  if (window.timeZone !== DEVICE_TIME_ZONE) return window.timeZone;
  if (deviceZone !== undefined && isTimeZone(deviceZone)) return deviceZone;
  return window.fallbackTimeZone ?? 'UTC';
}

/**
 * Whether `at` is inside the window (for a device in `deviceZone`, when the window is in the
 * devices' zones); a window whose end is before its start spans midnight.
 */
export function inWindow(window: MaintenanceWindow, at: Date, deviceZone?: string): boolean {
  const start = minutesOf(window.start) ?? 0;
  const end = minutesOf(window.end) ?? 0;
  const now = localMinutes(at, windowZone(window, deviceZone)) ?? 0;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/**
 * The window (for a device in `deviceZone`) open now or next, in seconds from `at`: `opens` 0
 * inside it. What the runner hands a device whose window says `scheduleDownload`: a
 * ScheduleDownload's TimeWindow (windowStart, windowEnd), or a Download's DelaySeconds (`opens`).
 */
export function nextWindow(
  window: MaintenanceWindow,
  at: Date,
  deviceZone?: string,
): { opens: number; closes: number } {
  const start = minutesOf(window.start) ?? 0;
  const end = minutesOf(window.end) ?? 0;
  const now = localMinutes(at, windowZone(window, deviceZone)) ?? 0;
  const seconds = at.getUTCSeconds();
  if (inWindow(window, at, deviceZone)) {
    return { opens: 0, closes: ((end - now + 1440) % 1440 || 1440) * 60 - seconds };
  }
  const opens = ((start - now + 1440) % 1440) * 60 - seconds;
  return { opens, closes: opens + ((end - start + 1440) % 1440) * 60 };
}

const isFinished = (d: CampaignDevice): boolean => d.state === 'succeeded' || d.state === 'failed';

/**
 * The device after the tracker's outcome; null when it is not in flight under that command. A
 * Download that never reached the device (undelivered) skips it: neither upgraded nor failed, it
 * counts in no stop rule.
 */
export function applyOutcome(
  device: CampaignDevice,
  outcome: {
    commandId: string;
    outcome: TransferOutcome;
    faultCode?: number;
    faultString?: string;
    at: Date;
  },
): CampaignDevice | null {
  if (device.state !== 'inFlight' || device.commandId !== outcome.commandId) return null;
  if (outcome.outcome === 'undelivered') {
    return {
      ...device,
      state: 'skipped',
      skipReason: 'undelivered',
      outcome: outcome.outcome,
      finishedAt: outcome.at,
    };
  }
  return {
    ...device,
    state: outcome.outcome === 'succeeded' ? 'succeeded' : 'failed',
    outcome: outcome.outcome,
    finishedAt: outcome.at,
    ...(outcome.faultCode !== undefined ? { faultCode: outcome.faultCode } : {}),
    ...(outcome.faultString !== undefined ? { faultString: outcome.faultString } : {}),
  };
}

/** Counts per state, failures by fault code and outcome, skips by reason. */
export function progressOf(devices: readonly CampaignDevice[]): CampaignProgress {
  const progress: CampaignProgress = {
    total: devices.length,
    pending: 0,
    inFlight: 0,
    succeeded: 0,
    failed: 0,
    failedByFaultCode: {},
    failedByOutcome: {},
    skipped: 0,
    skippedByReason: {},
  };
  const bump = (counts: Record<string, number>, key: string) => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  for (const device of devices) {
    progress[device.state] += 1;
    if (device.state === 'failed') {
      bump(progress.failedByFaultCode, String(device.faultCode ?? 'none'));
      bump(progress.failedByOutcome, device.outcome ?? 'failed');
    }
    if (device.state === 'skipped') bump(progress.skippedByReason, device.skipReason ?? 'unknown');
  }
  return progress;
}

/** The stop rule that holds, worded as the pause reason; null when none does. */
export function stopReason(
  campaign: Campaign,
  devices: readonly CampaignDevice[],
  now: Date,
): string | null {
  const { failuresInWindow, stageFailureRatePercent, stageTimeoutSeconds } = campaign.stopRules;
  if (failuresInWindow !== undefined) {
    const recent = devices
      .filter(
        (d) => isFinished(d) && d.finishedAt !== undefined && d.finishedAt >= campaign.countFrom,
      )
      .sort((a, b) => b.finishedAt!.getTime() - a.finishedAt!.getTime())
      .slice(0, failuresInWindow.window);
    const failed = recent.filter((d) => d.state === 'failed').length;
    if (failed > failuresInWindow.failures) {
      return `stop rule failuresInWindow: ${failed} failures in the last ${recent.length} devices (more than ${failuresInWindow.failures} of ${failuresInWindow.window})`;
    }
  }
  const stage = devices.filter((d) => d.stage === campaign.stage && d.state !== 'skipped');
  if (stageFailureRatePercent !== undefined) {
    const finished = stage.filter(isFinished);
    const failed = finished.filter((d) => d.state === 'failed').length;
    const judged = finished.length >= Math.min(RATE_MIN_SAMPLE, stage.length);
    const rate = finished.length === 0 ? 0 : (100 * failed) / finished.length;
    if (judged && finished.length > 0 && rate > stageFailureRatePercent) {
      return `stop rule stageFailureRatePercent: ${failed} of ${finished.length} devices of stage ${campaign.stage} failed (${rate.toFixed(1)} % > ${stageFailureRatePercent} %)`;
    }
  }
  if (stageTimeoutSeconds !== undefined && stage.some((d) => !isFinished(d))) {
    const elapsed = (now.getTime() - campaign.stageStartedAt.getTime()) / 1000;
    if (elapsed > stageTimeoutSeconds) {
      return `stop rule stageTimeoutSeconds: stage ${campaign.stage} not finished ${stageTimeoutSeconds} s after it started`;
    }
  }
  return null;
}

export interface EvaluateOptions {
  /** At most this many devices start in this evaluation (the connection request rate). */
  startLimit: number;
}

/**
 * The next actions of a running campaign at `now`, from its devices: pause when a stop rule
 * holds; complete when the last stage has finished; advance once a finished stage has soaked
 * (the soak runs from its last device's outcome; an empty stage is passed at once); start
 * pending devices of the current stage inside the maintenance window (at any time when the window
 * says `scheduleDownload`: each device gets its window in the RPC), up to maxInFlight in flight
 * and `startLimit` at once.
 * Skipped devices count nowhere. A campaign that is not running does nothing.
 */
export function evaluate(
  campaign: Campaign,
  devices: readonly CampaignDevice[],
  now: Date,
  options: EvaluateOptions,
): CampaignDecision {
  if (campaign.state !== 'running') return { start: [] };
  const reason = stopReason(campaign, devices, now);
  if (reason !== null) return { start: [], pause: reason };

  let stage = campaign.stage;
  let advanceTo: number | undefined;
  const active = devices.filter((d) => d.state !== 'skipped');
  const stageDevices = (s: number) => active.filter((d) => d.stage === s);
  for (;;) {
    const current = stageDevices(stage);
    if (current.some((d) => !isFinished(d))) break;
    if (stage >= campaign.stages.length - 1)
      return { start: [], complete: true, ...(advanceTo !== undefined ? { advanceTo } : {}) };
    // The soak runs from the stage's last outcome; a stage without devices has nothing to soak.
    const lastOutcome = Math.max(0, ...current.map((d) => d.finishedAt?.getTime() ?? 0));
    const soakEnds =
      current.length === 0 ? 0 : lastOutcome + (campaign.stages[stage]?.soakSeconds ?? 0) * 1000;
    if (now.getTime() < soakEnds) {
      return {
        start: [],
        ...(advanceTo !== undefined ? { advanceTo } : {}),
        waiting: `stage ${stage} soaking until ${new Date(soakEnds).toISOString()}`,
      };
    }
    stage += 1;
    advanceTo = stage;
  }
  const advanced = advanceTo !== undefined ? { advanceTo } : {};
  // Handed to the devices (scheduleDownload), the window gates no start here.
  const window = campaign.window?.scheduleDownload === true ? undefined : campaign.window;
  const outside =
    window === undefined
      ? undefined
      : `outside the maintenance window ${window.start}-${window.end} ${window.timeZone}`;
  if (window !== undefined && window.timeZone !== DEVICE_TIME_ZONE && !inWindow(window, now)) {
    return { start: [], ...advanced, waiting: outside };
  }
  const pending = stageDevices(stage).filter((d) => d.state === 'pending');
  // In the devices' zones: only those whose window is open now (the others wait their turn).
  const ready =
    window?.timeZone === DEVICE_TIME_ZONE
      ? pending.filter((d) => inWindow(window, now, d.timeZone))
      : pending;
  const inFlight = active.filter((d) => d.state === 'inFlight').length;
  const room = Math.min(campaign.maxInFlight - inFlight, options.startLimit);
  const start = ready
    .sort((a, b) => a.order - b.order)
    .slice(0, Math.max(0, room))
    .map((d) => d.deviceId);
  const waiting =
    start.length > 0
      ? undefined
      : room <= 0
        ? `${inFlight} devices in flight`
        : pending.length > 0
          ? `${outside} of every pending device`
          : undefined;
  return { start, ...advanced, ...(waiting !== undefined ? { waiting } : {}) };
}
