/** Programmatic API of the CPE simulator, for e2e tests and benchmarks. */
export {
  createSimulator,
  serialOf,
  transferProfileOf,
  type Simulator,
  type SimulatorOptions,
  type TransferShare,
} from './simulator';
export {
  SimulatedCpe,
  type SessionRecord,
  type SimulatedCpeOptions,
  type TransferProfile,
} from './simulated-cpe';
export { handleRpc, CPE_METHODS, type RpcResult } from './device/rpc';
export { buildInform, INFORM_PARAMETERS } from './device/inform';
export { createDeviceState, type DeviceProfileOptions } from './device/profile';
export type { DeviceEffect, DeviceState, Transfer } from './device/state';
export { parseArgs, USAGE } from './cli';
