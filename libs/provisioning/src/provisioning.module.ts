import { Module, type DynamicModule } from '@nestjs/common';
import type { ProvisioningConfig } from './config';
import { PROVISIONING_CONFIG, ProvisioningService } from './provisioning.service';

/** Registry, parameter cache and presets. Needs BUS and STORE from the importer. */
@Module({})
export class ProvisioningModule {
  static forRoot(config: ProvisioningConfig): DynamicModule {
    return {
      module: ProvisioningModule,
      providers: [{ provide: PROVISIONING_CONFIG, useValue: config }, ProvisioningService],
    };
  }
}
