import { downloadRequest } from '@meridian/cwmp';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Span } from '@opentelemetry/api';
import {
  BUS,
  handedOnHeaders,
  type Bus,
  type BusHeaders,
  type BusMessage,
  type Subscription,
} from '@meridian/bus';
import { SCHEMA_VERSION, Topics, type CommandMessage } from '@meridian/contracts';
import { wireKeyOf } from '@meridian/cwmp-session';
import { KeyedLock } from '@meridian/keyed-lock';
import { STORE, type Store, type Transfer, type TransferEnd } from '@meridian/store';
import { answerRequest, type RequestDownloadRule } from './request-download';
import { signedFileUrl } from './signing';
import {
  admitResult,
  bootReport,
  isTransferResult,
  nextEnd,
  outcomeMessage,
  transferCompleteOf,
  type TransferEvent,
  type TransferFile,
} from './transfer-state';

export interface TransferTrackingOptions {
  /** A transfer whose device has not reported by then ends timedOut. */
  timeoutMs: number;
  /** How often the store is swept for timeouts and unpublished outcomes. */
  sweepIntervalMs: number;
  /** Clock; default the system's. */
  now?: () => Date;
  /**
   * CPE-initiated RequestDownload: the file types CPEs may ask for, and how the Download's URL
   * is made (the file server's base and key). Without it every request is refused.
   */
  requestDownload?: RequestDownloadRule & {
    baseUrl: () => string;
    secret: string;
    urlTtlSeconds: number;
  };
}

/** The source of the Downloads the firmware service sends itself (RequestDownload answers). */
export const FIRMWARE_SOURCE = 'firmware';

/** Fault channel of a refused RequestDownload, listed under the device's faults. */
export const REQUEST_DOWNLOAD_CHANNEL = 'firmware.requestDownload';

export const TRANSFER_TRACKING = Symbol('TransferTrackingOptions');

/** Consumer group of the tracker on each topic. */
export const FIRMWARE_GROUP = 'firmware';

/**
 * A report can overtake the result that opens its transfer (another topic, another consumer):
 * one naming an unknown key is retried by the bus for this long after it was sent, then dropped
 * (a transfer Meridian never sent).
 */
const REPORT_GRACE_MS = 30_000;

/** How many transfers one sweep handles at most; the next sweep takes the rest. */
const SWEEP_BATCH = 500;

/**
 * Transfer tracking: a Download's result opens its transfer (store), the device's
 * TransferComplete and the Inform it comes back with end it, the sweep times out the silent
 * ones. Every outcome is written before it is published to firmware.outcomes and marked
 * published after, so a crash in between publishes it at the next sweep (at least once; the
 * key is the commandId).
 */
@Injectable()
export class TransferTracker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Transfers');
  private readonly locks = new KeyedLock();
  private subscriptions: Subscription[] = [];
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private readonly now: () => Date;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(STORE) private readonly store: Store,
    @Inject(TRANSFER_TRACKING) private readonly options: TransferTrackingOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async onApplicationBootstrap(): Promise<void> {
    this.subscriptions = [
      await this.bus.subscribe(Topics.results, FIRMWARE_GROUP, (m, span) => this.onResult(m, span)),
      await this.bus.subscribe(Topics.events, FIRMWARE_GROUP, (m, span) => this.onEvent(m, span)),
      // Only the Informs that report a transfer: the others get no consumer span in their trace.
      await this.bus.subscribe(Topics.inform, FIRMWARE_GROUP, (m, span) => this.onInform(m, span), {
        accepts: (m) => bootReport(m.value).commandKeys.length > 0,
      }),
    ];
    // Outcomes a previous run wrote but did not publish go out first.
    await this.sweep();
    this.timer = setInterval(() => void this.sweep(), this.options.sweepIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all(this.subscriptions.map((s) => s.close()));
    await this.sweeping;
  }

  /** A Download's (or ScheduleDownload's) result opens its transfer. */
  onResult(message: BusMessage<'cwmp.results'>, span?: Span): Promise<void> {
    const result = message.value;
    // Most results are not transfers: no store read for them.
    if (!isTransferResult(result)) return Promise.resolve();
    return this.locks.run(result.deviceId, async () => {
      const file = await this.fileOf(result.fileName);
      const device = await this.store.devices.get(result.deviceId);
      const admission = admitResult(result, {
        commandKey: wireKeyOf(result.commandId),
        ...(file ? { file } : {}),
        ...(device?.softwareVersion !== undefined ? { fromVersion: device.softwareVersion } : {}),
        timeoutMs: this.options.timeoutMs,
      });
      if (admission === null) return;
      // Delivered again after a crash between the two writes: the end is conditional, so it
      // happens (and is published) once.
      const { transfer } = await this.store.transfers.create(admission.transfer);
      if (admission.end) await this.end(transfer, admission.end, handedOnHeaders(message, span));
    });
  }

  /** TransferComplete / AutonomousTransferComplete: a fault ends the transfer failed. */
  onEvent(message: BusMessage<'cwmp.events'>, span?: Span): Promise<void> {
    // What it publishes stays in the session's trace.
    const headers = handedOnHeaders(message, span);
    if (message.value.rpc.name === 'RequestDownload') {
      const { deviceId } = message.value;
      const fileType = message.value.rpc.fileType;
      return this.locks.run(deviceId, () => this.onRequestDownload(deviceId, fileType, headers));
    }
    const complete = transferCompleteOf(message.value);
    if (complete === null) return Promise.resolve();
    const { deviceId } = message.value;
    return this.locks.run(deviceId, async () => {
      const transfer =
        complete.commandKey !== undefined
          ? await this.store.transfers.findByKey(deviceId, complete.commandKey)
          : await this.autonomousOf(deviceId, complete.fileType);
      if (transfer === null) {
        if (complete.commandKey !== undefined)
          this.unknown(complete.commandKey, message.value.time);
        return;
      }
      await this.apply(
        transfer,
        {
          kind: 'transferComplete',
          faultCode: complete.faultCode,
          faultString: complete.faultString,
        },
        headers,
      );
    });
  }

  /** "M Download" + "1 BOOT": the device is back; its SoftwareVersion tells how it went. */
  onInform(message: BusMessage<'cwmp.inform'>, span?: Span): Promise<void> {
    const { commandKeys, softwareVersion } = bootReport(message.value);
    if (commandKeys.length === 0) return Promise.resolve();
    const { deviceId } = message.value;
    return this.locks.run(deviceId, async () => {
      for (const key of commandKeys) {
        const transfer = await this.store.transfers.findByKey(deviceId, key);
        if (transfer === null) {
          this.unknown(key, message.value.time);
          continue;
        }
        await this.apply(
          transfer,
          { kind: 'booted', ...(softwareVersion !== undefined ? { softwareVersion } : {}) },
          handedOnHeaders(message, span),
        );
      }
    });
  }

  /**
   * Times out transfers past their deadline and publishes outcomes not published yet. One at a
   * time: a sweep still running when the timer fires is not doubled.
   */
  sweep(): Promise<void> {
    this.sweeping ??= this.sweepOnce().finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  private async sweepOnce(): Promise<void> {
    try {
      const now = this.now();
      for (const due of await this.store.transfers.listDue(now, SWEEP_BATCH)) {
        await this.locks.run(due.deviceId, async () => {
          if (due.state === 'waiting') await this.apply(due, { kind: 'deadline', now }, {});
          else await this.publish(due, {});
        });
      }
    } catch (error) {
      this.logger.warn(`sweep failed, retried at the next one: ${(error as Error).message}`);
    }
  }

  /**
   * A RequestDownload: a Download of the matching repository file when the rule allows it
   * (tracked like any other), else a refusal recorded under the device's faults.
   */
  private async onRequestDownload(
    deviceId: string,
    fileType: string,
    headers: BusHeaders,
  ): Promise<void> {
    const device = await this.store.devices.get(deviceId);
    if (!device) return;
    const rule = this.options.requestDownload;
    if (!rule) {
      await this.refuse(deviceId, fileType, 'CPE-initiated downloads are not enabled');
      return;
    }
    const files = (await this.store.files.list({ type: fileType })).items;
    const answer = answerRequest(
      fileType,
      {
        oui: device.identity.oui,
        productClass: device.identity.productClass,
        ...(device.softwareVersion !== undefined
          ? { softwareVersion: device.softwareVersion }
          : {}),
      },
      files,
      rule,
    );
    if (answer.kind === 'refuse') {
      await this.refuse(deviceId, fileType, answer.reason);
      return;
    }
    const now = this.now();
    const { file } = answer;
    const expires = Math.floor(now.getTime() / 1000) + rule.urlTtlSeconds;
    const command: CommandMessage = {
      schemaVersion: SCHEMA_VERSION,
      commandId: `fw-${randomUUID().replace(/-/g, '').slice(0, 29)}`,
      deviceId,
      rpc: downloadRequest({
        fileType: file.type,
        url: signedFileUrl(rule.baseUrl(), { name: file.name, deviceId, expires }, rule.secret),
        fileSize: file.size,
      }),
      fileName: file.name,
      connectionRequest: true,
      source: FIRMWARE_SOURCE,
      createdAt: now.toISOString(),
    };
    await this.bus.publish(Topics.commands, deviceId, command, headers);
    await this.store.faults.delete(deviceId, REQUEST_DOWNLOAD_CHANNEL);
    this.logger.log(`device=${deviceId} RequestDownload "${fileType}" answered with ${file.name}`);
  }

  private async refuse(deviceId: string, fileType: string, reason: string): Promise<void> {
    this.logger.log(`device=${deviceId} RequestDownload "${fileType}" refused: ${reason}`);
    await this.store.faults.record({
      deviceId,
      channel: REQUEST_DOWNLOAD_CHANNEL,
      code: 'refused',
      message: reason,
      detail: { fileType },
      timestamp: this.now(),
    });
  }

  /** Throws (the bus retries) while the result of `key` may still be on its way. */
  private unknown(key: string, sentAt: string): void {
    if (this.now().getTime() - Date.parse(sentAt) < REPORT_GRACE_MS) {
      throw new Error(`no transfer under CommandKey ${key} yet; its result may be on its way`);
    }
  }

  /** `headers`: what the outcome published carries (the trace of the message that ended it). */
  private async apply(
    transfer: Transfer,
    event: TransferEvent,
    headers: BusHeaders,
  ): Promise<void> {
    const end = nextEnd(transfer, event);
    if (end !== null) await this.end(transfer, end, headers);
  }

  private async end(
    transfer: Transfer,
    end: Omit<TransferEnd, 'at'>,
    headers: BusHeaders,
  ): Promise<void> {
    const ended = await this.store.transfers.end(transfer.commandId, { ...end, at: this.now() });
    if (ended === null) return;
    this.logger.log(
      `device=${ended.deviceId} transfer ${ended.commandId} ${ended.state}${ended.faultCode !== undefined ? ` (${ended.faultCode} ${ended.faultString ?? ''})` : ''}`,
    );
    await this.publish(ended, headers);
  }

  private async publish(transfer: Transfer, headers: BusHeaders): Promise<void> {
    const outcome = outcomeMessage(transfer);
    await this.bus.publish(Topics.firmwareOutcomes, transfer.deviceId, outcome, headers);
    await this.store.transfers.markPublished(transfer.commandId);
  }

  private async fileOf(fileName: string | undefined): Promise<TransferFile | undefined> {
    if (fileName === undefined) return undefined;
    const file = await this.store.files.get(fileName);
    if (file === null) return undefined;
    return { name: file.name, type: file.type, ...(file.version ? { version: file.version } : {}) };
  }

  /** The transfer an AutonomousTransferComplete reports: the device's newest waiting one of its type. */
  private async autonomousOf(deviceId: string, fileType?: string): Promise<Transfer | null> {
    const transfers = await this.store.transfers.listByDevice(deviceId);
    return (
      transfers.find(
        (t) => t.state === 'waiting' && (fileType === undefined || t.fileType === fileType),
      ) ?? null
    );
  }
}
