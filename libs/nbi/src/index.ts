export { NbiModule, setupOpenApi, type NbiOptions } from './nbi.module';
export { parseApiKeys, ApiKeyConfigError, type ApiKey, type Role } from './auth';
export { rpcOfTask, TaskValidationError, type TaskRequest } from './tasks';
