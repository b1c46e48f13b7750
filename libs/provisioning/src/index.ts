export { ProvisioningModule } from './provisioning.module';
export {
  ProvisioningService,
  PROVISIONING_CONFIG,
  PROVISIONING_GROUP,
  PROVISIONING_SOURCE,
} from './provisioning.service';
export { provisioningSpec, provisioningConfigOf, type ProvisioningConfig } from './config';
export { registryUpdateOf, type RegistryUpdate, type PresenceRule } from './registry';
export { cacheUpdateOf, type CacheUpdate } from './parameter-cache';
