export { DIAGNOSTIC_OBJECTS, REQUIRED_INPUTS, dataModelOf, diagnosticObjectPath } from './objects';
export {
  DEFAULT_DIAGNOSTIC_TIMEOUT_MS,
  diagnosticExpiredReason,
  diagnosticTimeoutMs,
  requestParameters,
  validateDiagnostic,
  type Checked,
} from './request';
export {
  DIAGNOSTIC_ERROR_FAULT,
  parseResults,
  type DiagnosticStatus,
  type ParsedDiagnostic,
} from './results';
