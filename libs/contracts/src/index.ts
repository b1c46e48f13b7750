// Values by name, not `export *`: swc compiles `export *` to one getter closure per barrel whose
// keyed load serves every name (megamorphic, not inlined), and the bus, the gateway's reducer and
// provisioning read Topics, Headers, SCHEMA_VERSION, validateMessage… per message; a named
// re-export gets a getter of its own (as in @meridian/telemetry). Types cost nothing at run time.
export type * from './messages';
export {
  CAMPAIGN_STATES,
  CampaignEvent,
  CancelMessage,
  CommandFault,
  CommandMessage,
  ConnectionRequestMessage,
  deadLetterTopic,
  DIAGNOSTIC_KINDS,
  DiagnosticKind,
  DiagnosticRequest,
  DiagnosticResult,
  DiagnosticRow,
  DiagnosticsComplete,
  DiagnosticValue,
  EventMessage,
  FirmwareOutcome,
  Headers,
  IdleMessage,
  InformMessage,
  isCancelMessage,
  isCommandMessage,
  isIdleMessage,
  NBI_SOURCE,
  ResultMessage,
  SCHEMA_VERSION,
  topicSchemas,
  Topics,
  TRANSFER_OUTCOMES,
} from './messages';
export { validateMessage, type Validation } from './validate';
export { asyncApiDocument, type AsyncApiDocument } from './asyncapi';
export { deepFreeze, frozenJsonCopy } from './json-copy';
