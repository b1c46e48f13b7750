import { randomBytes } from 'node:crypto';
import type { Bus, Subscription } from '@meridian/bus';
import {
  SCHEMA_VERSION,
  Topics,
  type CommandMessage,
  type ResultMessage,
} from '@meridian/contracts';
import type { CpeMethodRequest } from '@meridian/cwmp';

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
   * Queues one RPC for the device without waiting and without expiry: the gateway sends a
   * connection request, and a device that does not come keeps it in its durable queue until
   * its next session (a request whose Controller asked for no response).
   */
  async enqueue(deviceId: string, rpc: CpeMethodRequest): Promise<string> {
    const commandId = `usp-${randomBytes(12).toString('hex')}`;
    const command: CommandMessage = {
      schemaVersion: SCHEMA_VERSION,
      commandId,
      deviceId,
      rpc,
      connectionRequest: true,
      source: USP_TRANSLATOR_SOURCE,
      createdAt: new Date().toISOString(),
    };
    await this.bus.publish(Topics.commands, deviceId, command);
    return commandId;
  }

  /** Sends one RPC to the device and waits for its outcome (at most the configured timeout). */
  async run(deviceId: string, rpc: CpeMethodRequest): Promise<CwmpOutcome> {
    const commandId = `usp-${randomBytes(12).toString('hex')}`;
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
    const command: CommandMessage = {
      schemaVersion: SCHEMA_VERSION,
      commandId,
      deviceId,
      rpc,
      connectionRequest: true,
      // The CPE never runs it after the translator has answered that it could not be reached.
      expiresAt: new Date(now + waitedMs).toISOString(),
      source: USP_TRANSLATOR_SOURCE,
      createdAt: new Date(now).toISOString(),
    };
    await this.bus.publish(Topics.commands, deviceId, command);
    const outcome = await result;
    return outcome.outcome === 'expired' ? { outcome: 'unreachable', waitedMs } : outcome;
  }
}
