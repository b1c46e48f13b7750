import { Module } from '@nestjs/common';
import { RegistryService } from './registry.service';

/** Device registry and parameter cache from cwmp.inform. Needs BUS and STORE from the importer. */
@Module({ providers: [RegistryService] })
export class ProvisioningModule {}
