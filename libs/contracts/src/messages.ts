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

/** cwmp.events: CPE-initiated RPCs other than Inform. */
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
    | AutonomousDUStateChangeComplete;
}

/** cwmp.commands: an RPC for one device, executed in its next session, in order per device. */
export interface CommandMessage {
  schemaVersion: typeof SCHEMA_VERSION;
  commandId: string;
  deviceId: string;
  rpc: CpeMethodRequest;
  /** Ask the gateway to send a connection request when no session of the device is live. */
  connectionRequest: boolean;
  /** ISO-8601; not delivered by then → result `expired`. */
  expiresAt?: string;
  /** Who produced it (nbi, provisioning, firmware, usp-translator, or a service name). */
  source: string;
  createdAt: string;
}

/**
 * cwmp.commands: withdraws a command of the same device not sent yet. The gateway answers it
 * with the command's result `cancelled`; a command already sent runs to its own result, and
 * one already finished keeps its result. Keyed by deviceId like the command it cancels.
 */
export interface CancelMessage {
  schemaVersion: typeof SCHEMA_VERSION;
  action: 'cancel';
  commandId: string;
  deviceId: string;
  source: string;
  createdAt: string;
}

export const isCancelMessage = (
  message: CommandMessage | CancelMessage,
): message is CancelMessage => 'action' in message && message.action === 'cancel';

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
} & (
  | { outcome: 'done'; response: CpeMethodResponse }
  | { outcome: 'fault'; fault: CommandFault }
  | { outcome: 'expired' }
  | { outcome: 'rejected'; reason: string }
  /** Withdrawn before it was sent (CancelMessage, or the NBI's DELETE /tasks/{commandId}). */
  | { outcome: 'cancelled' }
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
  'cwmp.commands': CommandMessage | CancelMessage;
  'cwmp.results': ResultMessage;
  'cwmp.connection-requests': ConnectionRequestMessage;
}
