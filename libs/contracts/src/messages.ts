import type {
  CpeMethodRequest,
  CpeMethodResponse,
  DeviceIdStruct,
  EventStruct,
  ParameterValue,
  SetParameterValuesFault,
  TransferComplete,
  AutonomousTransferComplete,
  RequestDownload,
  Kicked,
  DUStateChangeComplete,
  AutonomousDUStateChangeComplete,
} from '@meridian/cwmp';

/** Topic names of ../shared/ARCHITECTURE.md "Contracts". */
export const Topics = {
  inform: 'cwmp.inform',
  events: 'cwmp.events',
  commands: 'cwmp.commands',
  results: 'cwmp.results',
  connectionRequests: 'cwmp.connection-requests',
  uspRequests: 'usp.requests',
  uspResponses: 'usp.responses',
} as const;
export type Topic = (typeof Topics)[keyof typeof Topics];

/** Dead-letter topic of a topic: where messages of an unknown version or bad shape go, with the reason. */
export const deadLetterTopic = (topic: Topic): string => `${topic}.dlq`;

/** Header names carried on every bus message. */
export const Headers = {
  traceparent: 'traceparent',
  tracestate: 'tracestate',
  deadLetterReason: 'x-meridian-dlq-reason',
} as const;

export const SCHEMA_VERSION = 1 as const;

/** cwmp.inform: one per CWMP session, published when the Inform is accepted. */
export interface InformMessage {
  schemaVersion: typeof SCHEMA_VERSION;
  deviceId: string;
  deviceIdStruct: DeviceIdStruct;
  events: EventStruct[];
  parameterList: ParameterValue[];
  retryCount: number;
  /** CPE's CurrentTime as sent. */
  currentTime: string;
  sessionId: string;
  gatewayId: string;
  cwmpVersion: string;
  /** Remote address of the CPE as the gateway saw it. */
  remoteAddress: string;
  /** ISO-8601 time the gateway received the Inform. */
  time: string;
}

/**
 * The Inform event "8 DIAGNOSTICS COMPLETE", for consumers of cwmp.events (it is no RPC): with
 * the diagnostic command the gateway was waiting for, when there was one.
 */
export interface DiagnosticsComplete {
  name: 'DiagnosticsComplete';
  commandId?: string;
}

/** cwmp.events: CPE-initiated RPCs other than Inform, and "8 DIAGNOSTICS COMPLETE". */
export interface EventMessage {
  schemaVersion: typeof SCHEMA_VERSION;
  deviceId: string;
  sessionId: string;
  gatewayId: string;
  time: string;
  rpc:
    | TransferComplete
    | AutonomousTransferComplete
    | RequestDownload
    | Kicked
    | DUStateChangeComplete
    | AutonomousDUStateChangeComplete
    | DiagnosticsComplete;
}

/** The diagnostic tests of TR-181 (and TR-098) a `diagnostic` command runs. */
export const DIAGNOSTIC_KINDS = [
  'ipPing',
  'traceRoute',
  'downloadDiagnostics',
  'uploadDiagnostics',
  'udpEcho',
  'nsLookup',
  'serverSelection',
] as const;
export type DiagnosticKind = (typeof DIAGNOSTIC_KINDS)[number];

/** A value of a diagnostic's input or result, typed as JSON (TR-181 names are the keys). */
export type DiagnosticValue = string | number | boolean | string[] | number[] | DiagnosticRow[];
export type DiagnosticRow = Record<string, string | number | boolean | string[] | number[]>;

/**
 * A diagnostic test instead of an RPC: the gateway sets the inputs with DiagnosticsState
 * Requested on the device's own model, waits for its "8 DIAGNOSTICS COMPLETE" Inform and reads
 * the results in that session. One queue entry from request to result.
 */
export interface DiagnosticRequest {
  kind: DiagnosticKind;
  /** Input parameters of the TR-181 diagnostics object, by name ("Host", "NumberOfRepetitions"). */
  inputs: Record<string, string | number | boolean>;
  /** How long after the CPE accepted the request its completion is awaited; default 120000. */
  timeoutMs?: number;
}

/** What a diagnostic reported: its final DiagnosticsState and its result parameters. */
export interface DiagnosticResult {
  kind: DiagnosticKind;
  /** "Complete" (TR-098 downloads: "Completed") or the CPE's "Error_…" state. */
  diagnosticsState: string;
  /** Result parameters by TR-181 name; tables (RouteHops, Result, …) as arrays of rows. */
  results: Record<string, DiagnosticValue>;
}

/**
 * cwmp.commands: an RPC (or a diagnostic) for one device, executed in its next session, in
 * order per device.
 */
export type CommandMessage = {
  schemaVersion: typeof SCHEMA_VERSION;
  commandId: string;
  deviceId: string;
  /** Ask the gateway to send a connection request when no session of the device is live. */
  connectionRequest: boolean;
  /** ISO-8601; not delivered by then → result `expired`. */
  expiresAt?: string;
  /** Who produced it (nbi, provisioning, firmware, usp-translator, or a service name). */
  source: string;
  createdAt: string;
} & (
  | { rpc: CpeMethodRequest; diagnostic?: never }
  | { rpc?: never; diagnostic: DiagnosticRequest }
);

export interface CommandFault {
  faultCode: number;
  faultString: string;
  setParameterValuesFault?: SetParameterValuesFault[];
}

/** cwmp.results: the outcome of one command. */
export type ResultMessage = {
  schemaVersion: typeof SCHEMA_VERSION;
  commandId: string;
  deviceId: string;
  source: string;
  time: string;
  /**
   * The RPC as the command carried it (with its ParameterKey/CommandKey): a consumer that did
   * not produce the command (the parameter cache) learns what was set, added or deleted.
   * Absent on `rejected`, whose command may not even have been readable.
   */
  rpc?: CpeMethodRequest;
  /** A diagnostic command's results (done) or Error_ state (fault). */
  diagnosticResult?: DiagnosticResult;
} & (
  | { outcome: 'done'; response: CpeMethodResponse }
  | { outcome: 'fault'; fault: CommandFault }
  | { outcome: 'expired'; reason?: string }
  | { outcome: 'rejected'; reason: string }
);

/**
 * cwmp.connection-requests: how a gateway's connection request to a device went (after its
 * retries), for the commands that were waiting for it. Not an outcome: the commands stay queued.
 */
export interface ConnectionRequestMessage {
  schemaVersion: typeof SCHEMA_VERSION;
  deviceId: string;
  commandIds: string[];
  outcome: 'sent' | 'failed';
  method?: 'http' | 'udp';
  attempts: number;
  error?: string;
  gatewayId: string;
  time: string;
}

export interface TopicMessages {
  'cwmp.inform': InformMessage;
  'cwmp.events': EventMessage;
  'cwmp.commands': CommandMessage;
  'cwmp.results': ResultMessage;
  'cwmp.connection-requests': ConnectionRequestMessage;
}
