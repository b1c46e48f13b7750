export { NbiModule, setupOpenApi, type NbiOptions } from './nbi.module';
export { parseApiKeys, ApiKeyConfigError, type ApiKey, type Role } from './auth';
export {
  commandsOfTask,
  refreshCommands,
  TaskValidationError,
  type TaskCommands,
  type TaskRequest,
} from './tasks';
export { watchNbiTls } from './listener-tls';
