import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { BUS, type Bus, type BusMessage, type Subscription } from '@meridian/bus';
import { Topics } from '@meridian/contracts';
import { STORE, type Store } from '@meridian/store';
import { registryUpdateOf } from './registry';

export const REGISTRY_GROUP = 'provisioning-registry';

/**
 * Keeps the device registry and parameter cache current from cwmp.inform. Idempotent: the same
 * Inform applied twice leaves the same record (at-least-once delivery).
 */
@Injectable()
export class RegistryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RegistryService.name);
  private subscription?: Subscription;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(STORE) private readonly store: Store,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.bus.subscribe(Topics.inform, REGISTRY_GROUP, (m) =>
      this.onInform(m),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
  }

  async onInform(message: BusMessage<'cwmp.inform'>): Promise<void> {
    const update = registryUpdateOf(message.value);
    const { created } = await this.store.devices.upsertFromInform(
      update.deviceId,
      update.fields,
      update.informTime,
    );
    await this.store.parameters.upsertMany(update.deviceId, update.parameters);
    if (created) {
      this.logger.log(
        `registered ${update.deviceId} (${update.fields.identity.manufacturer} ${update.fields.identity.productClass}) traceparent=${message.headers.traceparent ?? '-'}`,
      );
    }
  }
}
