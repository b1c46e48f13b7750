// Named, not `export *`: swc compiles `export *` to one getter closure per barrel whose keyed
// load serves every name (megamorphic), and the gateway reads these on every request; a named
// re-export gets a getter of its own.
export { startTelemetry, tracingOn, type Telemetry, type TelemetryOptions } from './sdk';
export { tracer } from './recording';
export { contextFromHeaders, injectTraceHeaders, spanTraceHeaders } from './propagation';
export {
  endSessionSpan,
  newSessionTraceparent,
  recordError,
  rpcSpan,
  type SessionSpan,
} from './session-span';
export { DURATION_ATTRIBUTE, traced, withSpan, type TracedOptions } from './traced';
export {
  adapterInstruments,
  METRIC_DEFINITIONS,
  METRICS,
  Metrics,
  PROMETHEUS_CONTENT_TYPE,
  type AdapterInstruments,
  type MetricDefinition,
} from './metrics';
export { Health, type HealthCheck, type Readiness } from './health';
export { OPS_PATHS, opsHandler, startOpsServer, type OpsServer } from './ops-http';
