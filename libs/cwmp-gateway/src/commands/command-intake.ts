import { Logger } from '@nestjs/common';
import type { Bus, BusMessage } from '@meridian/bus';
import { SCHEMA_VERSION, Topics, validateMessage, type CommandMessage } from '@meridian/contracts';
import { DeviceIdError, parseDeviceId } from '@meridian/cwmp';
import type { SessionStore } from '@meridian/session-store';
import type { ConnectionRequester } from '../tokens';

/** The gateways share one consumer group on cwmp.commands: each command reaches one of them. */
export const COMMANDS_GROUP = 'cwmp-gateway';

/**
 * Takes commands off the bus into the device queues (ARCHITECTURE.md "Delivery guarantees" 1).
 * The handler resolves only once the command is queued, so the bus commits its offset only then;
 * a redelivered command is dropped by the queue's commandId dedup.
 */
export class CommandIntake {
  private readonly logger = new Logger(CommandIntake.name);

  constructor(
    private readonly bus: Bus,
    private readonly store: SessionStore,
    private readonly connectionRequester: ConnectionRequester | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  readonly handle = async (message: BusMessage<'cwmp.commands'>): Promise<void> => {
    const checked = checkCommand(message.value);
    if (!checked.ok) {
      await this.reject(message, checked.reason);
      return;
    }
    const command = checked.value;
    await this.store.enqueue(command);
    // Not awaited: the command is safe in the queue, and a slow or unreachable CPE (retries take
    // seconds) must not hold up the commands of the other devices on this partition.
    if (command.connectionRequest) void this.requestConnection(command.deviceId);
  };

  private async reject(message: BusMessage<'cwmp.commands'>, reason: string): Promise<void> {
    const raw: Partial<Record<keyof CommandMessage, unknown>> =
      typeof message.value === 'object' && message.value !== null ? message.value : {};
    const text = (value: unknown): string => (typeof value === 'string' ? value : '');
    const commandId = text(raw.commandId);
    if (!commandId) {
      // Nobody could match a result without a commandId: leave a trace for operators instead.
      this.logger.warn(`dropped a command without commandId (key ${message.key}): ${reason}`);
      return;
    }
    const deviceId = text(raw.deviceId) || message.key;
    await this.bus.publish(
      Topics.results,
      deviceId,
      {
        schemaVersion: SCHEMA_VERSION,
        commandId,
        deviceId,
        source: text(raw.source),
        time: new Date(this.now()).toISOString(),
        outcome: 'rejected',
        reason,
      },
      message.headers,
    );
  }

  /** Only when no session of the device is live: a live session will pick the command up. */
  private async requestConnection(deviceId: string): Promise<void> {
    if (!this.connectionRequester) return;
    try {
      if ((await this.store.leaseHolder(deviceId)) !== null) return;
      await this.connectionRequester.request(deviceId);
    } catch (error) {
      // The command stays queued for the CPE's next Inform; failing here would redeliver it.
      this.logger.warn(`connection request to ${deviceId} failed: ${String(error)}`);
    }
  }
}

export type CommandCheck = { ok: true; value: CommandMessage } | { ok: false; reason: string };

/** The contract's shape check, then what the gateway itself relies on. */
export function checkCommand(value: unknown): CommandCheck {
  const shape = validateMessage(Topics.commands, value);
  if (!shape.ok) return shape;
  const command = shape.value;
  if (command.commandId.trim() === '') return { ok: false, reason: 'commandId is empty' };
  try {
    // Only the canonical spelling: another spelling would queue for a device that never informs.
    parseDeviceId(command.deviceId);
  } catch (error) {
    if (error instanceof DeviceIdError) return { ok: false, reason: error.message };
    throw error;
  }
  return { ok: true, value: command };
}
