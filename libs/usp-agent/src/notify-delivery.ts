import type { Logger } from '@meridian/bus';
import type { SessionStore } from '@meridian/session-store';
import type { Metrics } from '@meridian/telemetry';
import { DEFAULT_NOTIF_RETRY, notifRetryDelayMs, type NotifRetryConfig } from '@meridian/usp';

/** A Notify Record to send: to the Controller at `replyTo`, from the Agent `fromId`. */
export interface OutgoingNotify {
  /** The Controller's MTP address: an MQTT topic, or KAFKA_REPLY_TO. */
  replyTo: string;
  fromId: string;
  toId: string;
  msgId: string;
  /** What it reports (ValueChange, OperationComplete, …: `notifTypeOf`). */
  notifType: string;
  /** NotifRetry (always for OnBoardRequest): sent again until a NotifyResp comes. */
  sendResp: boolean;
  /** Epoch ms after which an unanswered Notify is no longer sent (NotifExpiration). */
  expiresAt: number | undefined;
  record: Uint8Array;
}

/** The MTP address of a Controller that talks over Kafka (its Notify go to usp.responses). */
export const KAFKA_REPLY_TO = 'kafka:usp.responses';

/** Publishes one Notify Record on its MTP. */
export type NotifyTransport = (notify: OutgoingNotify) => Promise<void>;

/** How long an unanswered Notify that never expires is remembered as awaiting its response. */
const UNEXPIRING_MS = 7 * 24 * 3600_000;

/**
 * Sends Notify messages and, for those with send_resp (NotifRetry), sends them again with the
 * TR-369 back-off (R-NOT.1/2) until the Controller's NotifyResp arrives or NotifExpiration
 * passes. "Awaiting a response" is a key in the session store, so a NotifyResp that reaches
 * another replica (MQTT shared subscription, Kafka group) ends the retries of this one; the
 * timer lives in the replica that sent the Notify: a restart of that replica ends its retries
 * (as an Agent reboot resets them, R-NOT.4).
 */
export class NotifyDelivery {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly sessions: SessionStore,
    private readonly transport: NotifyTransport,
    private readonly options: {
      retry?: NotifRetryConfig;
      logger: Logger;
      metrics: Metrics;
      /** Defaults to Math.random (tests pin it). */
      random?: () => number;
      now?: () => number;
    },
  ) {}

  async deliver(notify: OutgoingNotify): Promise<void> {
    if (notify.sendResp) {
      const now = this.now();
      const ttl = notify.expiresAt === undefined ? UNEXPIRING_MS : notify.expiresAt - now;
      if (ttl <= 0) return;
      await this.sessions.putSession(pendingKey(notify.msgId), { toId: notify.toId }, ttl);
    }
    await this.transport(notify);
    this.count(notify, 'sent');
    if (notify.sendResp) this.schedule(notify, 1);
  }

  /** A NotifyResp (or an Error) to `msgId` came from the Controller: delivered. */
  async acknowledge(msgId: string): Promise<void> {
    await this.sessions.deleteSession(pendingKey(msgId));
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(notify: OutgoingNotify, retry: number): void {
    const random = this.options.random ?? Math.random;
    const delay = notifRetryDelayMs(retry, random(), this.options.retry ?? DEFAULT_NOTIF_RETRY);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.retry(notify, retry).catch((err: unknown) =>
        this.options.logger.warn('USP Notify retry failed', {
          msgId: notify.msgId,
          error: (err as Error).message,
        }),
      );
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  private async retry(notify: OutgoingNotify, retry: number): Promise<void> {
    if ((await this.sessions.getSession(pendingKey(notify.msgId))) === null) return;
    if (notify.expiresAt !== undefined && this.now() >= notify.expiresAt) {
      await this.acknowledge(notify.msgId);
      this.count(notify, 'expired');
      this.options.logger.warn('USP Notify expired without a response', {
        msgId: notify.msgId,
        controller: notify.toId,
      });
      return;
    }
    this.options.logger.debug('USP Notify sent again', { msgId: notify.msgId, retry });
    await this.transport(notify);
    this.count(notify, 'resent');
    this.schedule(notify, retry + 1);
  }

  private count(notify: OutgoingNotify, outcome: 'sent' | 'resent' | 'expired'): void {
    this.options.metrics.uspNotifies.add(1, { notif_type: notify.notifType, outcome });
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

function pendingKey(msgId: string): string {
  return `usp-notify:${msgId}`;
}
