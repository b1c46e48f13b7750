import { randomBytes } from 'node:crypto';
import type { Bus, Subscription } from '@meridian/bus';
import {
  SCHEMA_VERSION,
  Topics,
  type CommandMessage,
  type DiagnosticRequest,
  type ResultMessage,
} from '@meridian/contracts';
import type { CpeMethodRequest } from '@meridian/cwmp';
import { cancelCommand, type SessionStore } from '@meridian/session-store';

/** Who the translator's commands say they come from (`source` of cwmp.commands). */
export const USP_TRANSLATOR_SOURCE = 'usp-translator';

/** How one CWMP command of the translator ended: its result, or no result within the wait. */
export type CwmpOutcome = ResultMessage | { outcome: 'unreachable'; waitedMs: number };

/**
 * The translator's path to the CPE: one CWMP command on cwmp.commands (with a connection request
 * when no session of the device is live, and an expiry equal to the wait), its result awaited on
 * cwmp.results. Each replica reads every result in a consumer group of its own (like the NBI),
 * so whichever gateway ran the command, the replica waiting for it hears the outcome.
 */
export class CwmpClient {
  private readonly waiters = new Map<string, (result: ResultMessage) => void>();
  private subscription: Subscription | undefined;

  constructor(
    private readonly bus: Bus,
    /** The gateways' session store (their command queues): for `cancel`. */
    private readonly sessions: SessionStore,
    private readonly options: { instanceId: string; timeoutMs: number },
  ) {}

  async start(): Promise<void> {
    this.subscription = await this.bus.subscribe(
      Topics.results,
      `${USP_TRANSLATOR_SOURCE}-${this.options.instanceId}`,
      async ({ value }) => {
        if (value.source === USP_TRANSLATOR_SOURCE) this.waiters.get(value.commandId)?.(value);
      },
    );
  }

  async close(): Promise<void> {
    await this.subscription?.close();
  }

  /**
   * Queues one RPC for the device without waiting (a request whose Controller asked for no
   * response): the gateway sends a connection request, and a device that does not come keeps it
   * in its durable queue until its next session or until `expiresAt`, whichever is first.
   */
  async enqueue(
    deviceId: string,
    rpc: CpeMethodRequest,
    commandId: string,
    expiresAt: Date,
  ): Promise<void> {
    await this.publish(deviceId, commandId, { rpc }, expiresAt.getTime());
  }

  /**
   * Sends one RPC to the device and waits for its outcome (at most the configured timeout).
   * `commandId` (default: a new one) is the CommandKey the CPE reports the RPC under later.
   */
  async run(
    deviceId: string,
    rpc: CpeMethodRequest,
    commandId: string = newCommandId(),
  ): Promise<CwmpOutcome> {
    const now = Date.now();
    const waitedMs = this.options.timeoutMs;
    const result = new Promise<CwmpOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(commandId);
        resolve({ outcome: 'unreachable', waitedMs });
      }, waitedMs + 1000);
      timer.unref();
      this.waiters.set(commandId, (r) => {
        clearTimeout(timer);
        this.waiters.delete(commandId);
        resolve(r);
      });
    });
    // The CPE never runs it after the translator has answered that it could not be reached.
    await this.publish(deviceId, commandId, { rpc }, now + waitedMs);
    const outcome = await result;
    return outcome.outcome === 'expired' ? { outcome: 'unreachable', waitedMs } : outcome;
  }

  /**
   * Queues one command (an RPC or a diagnostic) without waiting for its result: an async Operate
   * hears its end on cwmp.results / cwmp.events. Delivered to the CPE within the configured
   * timeout or ended `expired`.
   */
  async send(
    deviceId: string,
    commandId: string,
    body: { rpc: CpeMethodRequest } | { diagnostic: DiagnosticRequest },
  ): Promise<void> {
    await this.publish(deviceId, commandId, body, Date.now() + this.options.timeoutMs);
  }

  /**
   * Withdraws a command not sent to the CPE yet, as the gateways and the NBI do (atomic against
   * its send on any gateway): `cancelled` (its `cancelled` result is published on cwmp.results),
   * or `sent` / `finished` when too late.
   */
  async cancel(deviceId: string, commandId: string): Promise<'cancelled' | 'sent' | 'finished'> {
    const found = await cancelCommand(
      this.sessions,
      this.bus,
      { deviceId, commandId, source: USP_TRANSLATOR_SOURCE },
      new Date(),
    );
    return found.outcome;
  }

  /** One command on cwmp.commands, with a connection request; without expiry when undefined. */
  private async publish(
    deviceId: string,
    commandId: string,
    body: { rpc: CpeMethodRequest } | { diagnostic: DiagnosticRequest },
    expiresAt: number | undefined,
  ): Promise<void> {
    const command: CommandMessage = {
      schemaVersion: SCHEMA_VERSION,
      commandId,
      deviceId,
      ...body,
      connectionRequest: true,
      ...(expiresAt === undefined ? {} : { expiresAt: new Date(expiresAt).toISOString() }),
      source: USP_TRANSLATOR_SOURCE,
      createdAt: new Date().toISOString(),
    };
    await this.bus.publish(Topics.commands, deviceId, command);
  }
}

/**
 * A new commandId: 28 plain characters, so the gateway sends it as the CWMP CommandKey as it is
 * (at most 32, `wireKeyOf`) and the CPE's TransferComplete or "M Reboot" names it.
 */
export function newCommandId(): string {
  return `usp-${randomBytes(12).toString('hex')}`;
}
