/** The devices a campaign upgrades: every given criterion must hold. */
export interface CampaignTarget {
  oui?: string;
  productClass?: string;
  /** The version the devices run now (DeviceInfo.SoftwareVersion as last reported). */
  softwareVersion?: string;
  /** The device carries every one of these tags. */
  tags?: string[];
  /** A cached parameter holds exactly this value. */
  parameter?: { path: string; value: string };
}

/**
 * One stage: by its end `percent` of the campaign's devices (cumulative, the last stage 100)
 * have been upgraded; then `soakSeconds` pass before the next stage starts.
 */
export interface CampaignStage {
  percent: number;
  soakSeconds: number;
}

/** Devices start only between `start` and `end` (HH:MM, local time of `timeZone`). */
export interface MaintenanceWindow {
  start: string;
  end: string;
  /**
   * An IANA time zone ("Europe/Paris"), a POSIX TZ string ("CET-1CEST,M3.5.0,M10.5.0/3"), or
   * DEVICE_TIME_ZONE: each device's own, as it reports it (Device.Time.LocalTimeZone,
   * InternetGatewayDevice.Time.LocalTimeZoneName).
   */
  timeZone: string;
  /** With DEVICE_TIME_ZONE: the zone of a device that reports none (or one unreadable); UTC. */
  fallbackTimeZone?: string;
  /**
   * Hand the window to the devices: they start at any time (within maxInFlight and the stages),
   * each with its window in the RPC. A device whose registry says it speaks CWMP 1.2 or later
   * (cwmpVersion "cwmp-1-2", the first schema with ScheduleDownload) gets a ScheduleDownload
   * whose one TimeWindow is its window open now or next (one that cannot transfer in it reports
   * 9020 rather than installing outside it); an older one, or one whose version is unknown, a
   * Download whose DelaySeconds waits until its window opens.
   */
  scheduleDownload?: boolean;
}

/** MaintenanceWindow.timeZone: the window is in each device's own time zone. */
export const DEVICE_TIME_ZONE = 'device';

/** When one holds, the campaign pauses with the rule as its reason. */
export interface StopRules {
  /** More than `failures` failed among the last `window` devices that finished. */
  failuresInWindow?: { failures: number; window: number };
  /**
   * The failed share of the stage's finished devices above `percent`, checked once
   * RATE_MIN_SAMPLE of them (or all of the stage's) have finished.
   */
  stageFailureRatePercent?: number;
  /** The stage has not finished this long after it started (or was resumed). */
  stageTimeoutSeconds?: number;
}

export const CAMPAIGN_STATES = ['running', 'paused', 'completed', 'aborted'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

/** What the operator asks for. */
export interface CampaignSpec {
  name: string;
  /** The image, by its name in the file repository. */
  fileName: string;
  /** The version the image installs: a device reporting it is done (or skipped). */
  version: string;
  target: CampaignTarget;
  stages: CampaignStage[];
  maxInFlight: number;
  window?: MaintenanceWindow;
  stopRules: StopRules;
}

export interface Campaign extends CampaignSpec {
  campaignId: string;
  state: CampaignState;
  /** Index of the current stage. */
  stage: number;
  /** When the current stage started or was last resumed: its timeout runs from there. */
  stageStartedAt: Date;
  /** Window failures count from here: set on resume, so an old streak does not pause again. */
  countFrom: Date;
  /** Why the campaign paused (a stop rule, or "paused by <actor>"). */
  pauseReason?: string;
  createdAt: Date;
  updatedAt: Date;
}

export const DEVICE_STATES = ['pending', 'inFlight', 'succeeded', 'failed', 'skipped'] as const;
export type CampaignDeviceState = (typeof DEVICE_STATES)[number];

/**
 * undelivered: its Download expired or was cancelled before it reached the device (offline
 * longer than the campaign's delivery time): the device was not upgraded, and did not fail.
 */
export type SkipReason = 'onTargetVersion' | 'inAnotherCampaign' | 'undelivered';

/** What the transfer tracker reported (firmware.outcomes). */
export type TransferOutcome = 'succeeded' | 'failed' | 'rolledBack' | 'timedOut' | 'undelivered';

/** One device of a campaign. */
export interface CampaignDevice {
  campaignId: string;
  deviceId: string;
  /** Its place in the rollout order, 0 first. */
  order: number;
  /** The stage it belongs to. */
  stage: number;
  state: CampaignDeviceState;
  skipReason?: SkipReason;
  /** The Download command's id, fixed when the device starts. */
  commandId?: string;
  startedAt?: Date;
  /** When the Download was published (absent: started but not yet sent). */
  sentAt?: Date;
  /**
   * When the runner asked the gateway to withdraw the Download, undelivered after the delivery
   * time (its `cancelled` result, or the Download's own if it was sent meanwhile, ends it).
   */
  cancelledAt?: Date;
  finishedAt?: Date;
  outcome?: TransferOutcome;
  faultCode?: number;
  faultString?: string;
  /** The time zone the device reported when the campaign was created (POSIX TZ or IANA). */
  timeZone?: string;
}

/** A device the target query found, as the planner needs it. */
export interface Candidate {
  deviceId: string;
  softwareVersion?: string;
  /** Its time zone as it reports it, when the campaign's window is in the devices' zones. */
  timeZone?: string;
  /** The other campaign (running or paused) the device is pending or in flight in. */
  busyIn?: string;
}

export interface CampaignProgress {
  total: number;
  pending: number;
  inFlight: number;
  succeeded: number;
  /** Failed devices (rolled back and timed out included), and by fault code ("none": no code). */
  failed: number;
  failedByFaultCode: Record<string, number>;
  /** By outcome: failed, rolledBack, timedOut. */
  failedByOutcome: Record<string, number>;
  skipped: number;
  skippedByReason: Record<string, number>;
}

/** What the runner does next for one campaign. */
export interface CampaignDecision {
  /** Devices to send the Download to now, in order. */
  start: string[];
  /** The stage to move to (its devices may be in `start` already). */
  advanceTo?: number;
  /** Pause, with this reason; nothing starts. */
  pause?: string;
  complete?: boolean;
  /** Why nothing starts now although devices wait (outside the window, soaking, full). */
  waiting?: string;
}
