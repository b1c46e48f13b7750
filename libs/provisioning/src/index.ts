export { ProvisioningModule } from './provisioning.module';
export { RegistryService, REGISTRY_GROUP } from './registry.service';
export { registryUpdateOf, type RegistryUpdate } from './registry';
