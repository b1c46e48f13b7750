import {
  deviceSupports,
  downloadRequest,
  type Download,
  type ScheduleDownload,
} from '@meridian/cwmp';
import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { ObservableResult } from '@opentelemetry/api';
import { BUS, type Bus, type BusMessage, type Subscription } from '@meridian/bus';
import {
  applyOutcome,
  CAMPAIGN_STATES,
  DEVICE_STATES,
  evaluate,
  progressOf,
  nextWindow,
  type Campaign,
  type CampaignDecision,
  type CampaignDevice,
} from '@meridian/campaign';
import {
  SCHEMA_VERSION,
  Topics,
  type CancelMessage,
  type CommandMessage,
} from '@meridian/contracts';
import { KeyedLock } from '@meridian/keyed-lock';
import { STORE, type FileMeta, type Store } from '@meridian/store';
import { METRICS, Metrics } from '@meridian/telemetry';
import { signedFileUrl } from '../signing';
import { campaignCommandId } from './command-id';
import { publishCampaignEvent } from './events';

export interface CampaignRunnerOptions {
  /** The file server's base URL (known once it listens). */
  filesUrl: () => string;
  /** Key of the signed download URLs. */
  secret: string;
  /** Lifetime of a Download's signed URL. */
  urlTtlSeconds: number;
  /**
   * How long a campaign's Download may wait for its device (offline, unreachable): it expires
   * in the gateway then, and the runner cancels it (the device ends skipped, undelivered).
   */
  deliverySeconds: number;
  /** How often running campaigns are evaluated; default 1000 ms. */
  intervalMs?: number;
  /** Downloads (each with its connection request) started per second at most; default 20. */
  wakeRatePerSecond?: number;
}

export const CAMPAIGN_RUNNER_OPTIONS = Symbol('CampaignRunnerOptions');

/**
 * The device's transfer RPC: the Download; with `span`, the device's window open now or next
 * (seconds from now) goes with it: as a ScheduleDownload's one TimeWindow to a device that speaks
 * CWMP 1.2 or later (`cwmpVersion` from the registry: cwmp-1-2.xsd is the first to define it),
 * else as the Download's DelaySeconds until the window opens.
 */
function transferRequest(
  download: Download,
  span: { opens: number; closes: number } | undefined,
  cwmpVersion: string | undefined,
): Download | ScheduleDownload {
  if (span === undefined) return download;
  const { opens, closes } = span;
  if (!deviceSupports('ScheduleDownload', cwmpVersion)) {
    return { ...download, delaySeconds: opens };
  }
  const { commandKey, fileType, url, username, password, fileSize, targetFileName } = download;
  return {
    name: 'ScheduleDownload',
    commandKey,
    fileType,
    url,
    username,
    password,
    fileSize,
    targetFileName,
    timeWindowList: [
      {
        windowStart: opens,
        windowEnd: closes,
        windowMode: '1 At Any Time',
        userMessage: '',
        // The CPE's choice (TR-069 A.4.1.8).
        maxRetries: -1,
      },
    ],
  };
}

/** How long an ended campaign's final device counts are still observed (metrics). */
const ENDED_SHOWN_MS = 3_600_000;

/** The consumer group of firmware.outcomes: one per deployment, any replica handles a message. */
export const OUTCOMES_GROUP = 'firmware-campaigns';

/**
 * Runs the campaigns: every interval it evaluates each running campaign (libs/campaign) from
 * the store and carries out the decision; firmware.outcomes end its devices. All state is in
 * the store, written before anything is sent: a device is recorded in flight with its
 * (derived) commandId, then its Download is published, then `sentAt` is recorded. A restart
 * between the two publishes the same commandId again, which the gateway refuses as a
 * duplicate, so no device gets a second Download.
 */
@Injectable()
export class CampaignRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Campaigns');
  private readonly locks = new KeyedLock();
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(STORE) private readonly store: Store,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(CAMPAIGN_RUNNER_OPTIONS) private readonly options: CampaignRunnerOptions,
    @Optional() @Inject(METRICS) private readonly metrics: Metrics = new Metrics(),
  ) {}

  /**
   * meridian_campaign_devices, read from the store on each scrape: every running or paused
   * campaign's devices by state, and those of a campaign that ended in the last ENDED_SHOWN_MS
   * (its final counts: the exporter keeps a series at its last value, so one that is no longer
   * observed would stay at whatever it read last).
   */
  private readonly observeDevices = async (result: ObservableResult): Promise<void> => {
    const endedAfter = Date.now() - ENDED_SHOWN_MS;
    for (const state of CAMPAIGN_STATES) {
      const ended = state === 'completed' || state === 'aborted';
      const { items } = await this.store.campaigns.list(
        { state },
        ended ? { skip: 0, limit: 20 } : undefined,
      );
      for (const campaign of items) {
        if (ended && campaign.updatedAt.getTime() < endedAfter) continue;
        const progress = progressOf(await this.store.campaigns.devices(campaign.campaignId));
        for (const deviceState of DEVICE_STATES) {
          result.observe(progress[deviceState], {
            campaign: campaign.campaignId,
            state: deviceState,
          });
        }
      }
    }
  };

  private get intervalMs(): number {
    return this.options.intervalMs ?? 1000;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.metrics.campaignDevices.addCallback(this.observeDevices);
    this.subscription = await this.bus.subscribe(Topics.firmwareOutcomes, OUTCOMES_GROUP, (m) =>
      this.onOutcome(m),
    );
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.metrics.campaignDevices.removeCallback(this.observeDevices);
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
    await this.subscription?.close();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick()
        .catch((error: unknown) =>
          this.logger.error(`campaign tick: ${error instanceof Error ? error.stack : error}`),
        )
        .finally(() => this.schedule());
    }, this.intervalMs);
  }

  /** Evaluates every running campaign once (the timer calls it; tests may too). */
  async tick(now: Date = new Date()): Promise<void> {
    const running = await this.store.campaigns.list({ state: 'running' });
    const startLimit = Math.max(
      1,
      Math.floor(((this.options.wakeRatePerSecond ?? 20) * this.intervalMs) / 1000),
    );
    for (const campaign of running.items) {
      await this.locks.run(campaign.campaignId, () => this.run(campaign, now, startLimit));
    }
  }

  /** The tracker's outcome ends the device in flight under that command (any campaign state). */
  async onOutcome({ value: outcome }: BusMessage<'firmware.outcomes'>): Promise<void> {
    const inFlight = () => this.store.campaigns.devicesById([outcome.deviceId], ['inFlight']);
    const campaignId = (await inFlight()).find(
      (r) => r.commandId === outcome.commandId,
    )?.campaignId;
    if (campaignId === undefined) return; // not a campaign's Download, or already ended
    await this.locks.run(campaignId, async () => {
      const record = (await inFlight()).find((r) => r.commandId === outcome.commandId);
      const ended =
        record &&
        applyOutcome(record, {
          commandId: outcome.commandId,
          outcome: outcome.outcome,
          at: new Date(outcome.at),
          ...(outcome.faultCode !== undefined ? { faultCode: outcome.faultCode } : {}),
          ...(outcome.faultString !== undefined ? { faultString: outcome.faultString } : {}),
        });
      if (ended) {
        await this.store.campaigns.putDevices([ended]);
        this.metrics.campaignOutcomes.add(1, {
          outcome: outcome.outcome,
          code: String(outcome.faultCode ?? 'none'),
        });
      }
    });
  }

  private async run(listed: Campaign, now: Date, startLimit: number): Promise<void> {
    // Read again under the lock: a pause or abort through the NBI may have come meanwhile.
    const campaign = await this.store.campaigns.get(listed.campaignId);
    if (campaign?.state !== 'running') return;
    const devices = await this.store.campaigns.devices(campaign.campaignId);
    const file = await this.store.files.get(campaign.fileName);
    // Started but not sent (a restart in between): sent again under the same commandId.
    const unsent = devices.filter((d) => d.state === 'inFlight' && d.sentAt === undefined);
    if (unsent.length > 0 && file !== null) await this.send(campaign, file, unsent, now);
    await this.cancelOverdue(devices, now);

    const decision = evaluate(campaign, devices, now, { startLimit });
    await this.apply(campaign, devices, decision, file, now);
  }

  private async apply(
    campaign: Campaign,
    devices: CampaignDevice[],
    decision: CampaignDecision,
    file: FileMeta | null,
    now: Date,
  ): Promise<void> {
    const id = campaign.campaignId;
    if (decision.pause !== undefined) {
      return this.pause(campaign, decision.pause, now);
    }
    let current = campaign;
    if (decision.advanceTo !== undefined) {
      const advanced = await this.store.campaigns.update(
        id,
        { stage: decision.advanceTo, stageStartedAt: now, updatedAt: now },
        'running',
      );
      if (advanced === null) return;
      current = advanced;
      this.logger.log(`campaign ${id}: stage ${decision.advanceTo}`);
      await publishCampaignEvent(this.bus, current, 'stageAdvanced', now);
    }
    if (decision.complete) {
      const completed = await this.store.campaigns.update(
        id,
        { state: 'completed', updatedAt: now },
        'running',
      );
      if (completed !== null) {
        this.logger.log(`campaign ${id}: completed`);
        await publishCampaignEvent(this.bus, completed, 'completed', now);
      }
      return;
    }
    if (decision.start.length === 0) return;
    if (file === null) {
      return this.pause(current, `file ${campaign.fileName} is no longer in the repository`, now);
    }
    // Created at the same moment by another NBI replica, a campaign may hold the same device:
    // the one that starts it first keeps it, the other skips it.
    const elsewhere = new Set(
      (await this.store.campaigns.devicesById(decision.start, ['inFlight']))
        .filter((d) => d.campaignId !== id)
        .map((d) => d.deviceId),
    );
    const starting = new Set(decision.start.filter((deviceId) => !elsewhere.has(deviceId)));
    const skipped = devices
      .filter((d) => elsewhere.has(d.deviceId))
      .map((d): CampaignDevice => ({ ...d, state: 'skipped', skipReason: 'inAnotherCampaign' }));
    if (skipped.length > 0) await this.store.campaigns.putDevices(skipped);
    const started = devices
      .filter((d) => starting.has(d.deviceId))
      .map(
        (d): CampaignDevice => ({
          ...d,
          state: 'inFlight',
          commandId: campaignCommandId(id, d.deviceId),
          startedAt: now,
        }),
      );
    await this.store.campaigns.putDevices(started);
    await this.send(current, file, started, now);
  }

  private async pause(campaign: Campaign, reason: string, now: Date): Promise<void> {
    const paused = await this.store.campaigns.update(
      campaign.campaignId,
      { state: 'paused', pauseReason: reason, updatedAt: now },
      'running',
    );
    if (paused === null) return;
    this.logger.warn(`campaign ${campaign.campaignId} paused: ${reason}`);
    await publishCampaignEvent(this.bus, paused, 'paused', now);
  }

  /**
   * Withdraws, once each, the Downloads still in flight the delivery time after they were sent:
   * the gateway cancels one not sent to its device yet (its `cancelled` result ends the device
   * undelivered through the tracker, like one the gateway expired); one sent meanwhile runs to
   * its own outcome. The cancel is recorded first, so a restart does not repeat it.
   */
  private async cancelOverdue(devices: readonly CampaignDevice[], now: Date): Promise<void> {
    const limit = now.getTime() - this.options.deliverySeconds * 1000;
    const overdue = devices.filter(
      (d) =>
        d.state === 'inFlight' &&
        d.commandId !== undefined &&
        d.cancelledAt === undefined &&
        d.sentAt !== undefined &&
        d.sentAt.getTime() <= limit,
    );
    if (overdue.length === 0) return;
    await this.store.campaigns.putDevices(overdue.map((d) => ({ ...d, cancelledAt: now })));
    for (const device of overdue) {
      const cancel: CancelMessage = {
        schemaVersion: SCHEMA_VERSION,
        deviceId: device.deviceId,
        action: 'cancel',
        commandId: device.commandId!,
        source: 'firmware',
        createdAt: now.toISOString(),
      };
      await this.bus.publish(Topics.commands, device.deviceId, cancel);
    }
    this.logger.log(`cancelled ${overdue.length} Downloads undelivered after the delivery time`);
  }

  /** Publishes the Downloads of devices recorded in flight, then records them sent. */
  private async send(
    campaign: Campaign,
    file: FileMeta,
    devices: CampaignDevice[],
    now: Date,
  ): Promise<void> {
    const { window } = campaign;
    // Which devices may get a ScheduleDownload: the registry's version of each.
    const versions = new Map<string, string>();
    if (window?.scheduleDownload === true) {
      const { items } = await this.store.devices.list(
        { deviceIds: devices.map((d) => d.deviceId) },
        { fields: ['cwmpVersion'] },
      );
      for (const { deviceId, cwmpVersion } of items) {
        if (cwmpVersion !== undefined) versions.set(deviceId, cwmpVersion);
      }
    }
    const sent: CampaignDevice[] = [];
    for (const device of devices) {
      const commandId = device.commandId ?? campaignCommandId(campaign.campaignId, device.deviceId);
      // Handed the window, the device may fetch the file until it closes.
      const span =
        window?.scheduleDownload === true ? nextWindow(window, now, device.timeZone) : undefined;
      const expires =
        Math.floor(now.getTime() / 1000) + (span?.closes ?? 0) + this.options.urlTtlSeconds;
      const download = downloadRequest({
        commandKey: commandId,
        fileType: file.type,
        url: signedFileUrl(
          this.options.filesUrl(),
          { name: file.name, deviceId: device.deviceId, expires },
          this.options.secret,
        ),
        fileSize: file.size,
      });
      const command: CommandMessage = {
        schemaVersion: SCHEMA_VERSION,
        commandId,
        deviceId: device.deviceId,
        rpc: transferRequest(download, span, versions.get(device.deviceId)),
        // The tracker learns from it the version the device must come back with (a device back
        // on another one rolled back).
        fileName: file.name,
        // The gateway wakes the device; the start limit per tick bounds the rate.
        connectionRequest: true,
        // Not delivered by then, it is stale (its window or delay counted from now): expired.
        expiresAt: new Date(
          (device.startedAt ?? now).getTime() + this.options.deliverySeconds * 1000,
        ).toISOString(),
        source: 'firmware',
        createdAt: now.toISOString(),
      };
      await this.bus.publish(Topics.commands, device.deviceId, command);
      sent.push({ ...device, commandId, sentAt: now });
    }
    await this.store.campaigns.putDevices(sent);
  }
}
