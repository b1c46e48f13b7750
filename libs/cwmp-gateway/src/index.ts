// What the all-in-one app imports (apps/meridian): the module, its config and its tokens.
export { CwmpGatewayModule, type CwmpGatewayModuleOptions } from './cwmp-gateway.module';
export { GatewayService } from './gateway.service';
export * from './config';
export * from './tokens';
export {
  gatewayConfigOf,
  gatewayExtraSpec,
  readStandaloneEnv,
  readTlsFiles,
  applyTlsChanges,
  standaloneGatewaySpec,
  type StandaloneGatewayEnv,
} from './env';
export {
  connectionRequestTargets,
  type ConnectionRequestDefaults,
} from './connection-request-targets';
export { registeredDevices } from './known-device';
export { storedCredentials } from './stored-credentials';
export { close as closeServer, listen } from './http/server';
