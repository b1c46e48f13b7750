/**
 * Topic names and the message of each topic, defined once as a schema: the TypeScript type
 * (`Static`), the JSON Schema Ajv validates with (validate.ts) and the one the AsyncAPI document
 * publishes (asyncapi.ts) all come from the declarations below.
 */
import { Type as T, type Static } from '@sinclair/typebox';
import {
  cpeRequest,
  cpeResponse,
  deviceIdStruct,
  eventRpc,
  eventStruct,
  parameterValue,
  setParameterValuesFault,
} from './cwmp-schemas';
import {
  discriminated,
  either,
  enumOf,
  int,
  isoTime,
  nonEmpty,
  num,
  str,
  withBranch,
} from './schema';

/** Topic names of ../shared/ARCHITECTURE.md "Contracts". */
export const Topics = {
  inform: 'cwmp.inform',
  events: 'cwmp.events',
  commands: 'cwmp.commands',
  results: 'cwmp.results',
  connectionRequests: 'cwmp.connection-requests',
  uspRequests: 'usp.requests',
  uspResponses: 'usp.responses',
  firmwareOutcomes: 'firmware.outcomes',
  firmwareCampaigns: 'firmware.campaigns',
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

/** Fields every message starts with. */
const envelope = {
  schemaVersion: T.Literal(SCHEMA_VERSION, {
    description: 'Version of the message shape; a consumer refuses a version it does not know.',
  }),
  deviceId: T.String({
    minLength: 1,
    description: 'OUI-ProductClass-SerialNumber, percent-encoded; also the Kafka key.',
  }),
};

/** cwmp.inform: one per CWMP session, published when the Inform is accepted. */
export const InformMessage = T.Object(
  {
    ...envelope,
    deviceIdStruct,
    events: T.Array(eventStruct),
    parameterList: T.Array(parameterValue),
    retryCount: int,
    currentTime: T.String({ description: "CPE's CurrentTime as sent." }),
    sessionId: nonEmpty,
    gatewayId: nonEmpty,
    cwmpVersion: nonEmpty,
    remoteAddress: T.String({ description: 'Remote address of the CPE as the gateway saw it.' }),
    time: T.String({ format: 'date-time', description: 'When the gateway received the Inform.' }),
  },
  {
    title: 'InformMessage',
    description: 'One per CWMP session, published when the Inform is accepted.',
  },
);
export type InformMessage = Static<typeof InformMessage>;

/**
 * The Inform event "8 DIAGNOSTICS COMPLETE", for consumers of cwmp.events (it is no RPC): with
 * the diagnostic command the gateway was waiting for, when there was one.
 */
export const DiagnosticsComplete = T.Object(
  {
    name: T.Literal('DiagnosticsComplete'),
    commandId: T.Optional(
      T.String({ minLength: 1, description: 'The diagnostic command the gateway awaited.' }),
    ),
  },
  {
    title: 'DiagnosticsComplete',
    description: 'The Inform event "8 DIAGNOSTICS COMPLETE" (no RPC).',
  },
);
export type DiagnosticsComplete = Static<typeof DiagnosticsComplete>;

/** cwmp.events: CPE-initiated RPCs other than Inform, and "8 DIAGNOSTICS COMPLETE". */
export const EventMessage = T.Object(
  {
    ...envelope,
    sessionId: nonEmpty,
    gatewayId: nonEmpty,
    time: isoTime,
    rpc: withBranch(eventRpc, DiagnosticsComplete),
  },
  {
    title: 'EventMessage',
    description: 'A CPE-initiated RPC other than Inform, or "8 DIAGNOSTICS COMPLETE".',
  },
);
export type EventMessage = Static<typeof EventMessage>;

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
export const DiagnosticKind = enumOf(DIAGNOSTIC_KINDS);
export type DiagnosticKind = Static<typeof DiagnosticKind>;

/** A scalar value of a diagnostic's input or result. */
const diagnosticScalar = T.Unsafe<string | number | boolean>({
  type: ['string', 'number', 'boolean'],
});
const diagnosticCell = T.Union([diagnosticScalar, T.Array(str), T.Array(num)]);
/** A row of a diagnostic's result table (RouteHops, Result, …), by TR-181 name. */
export const DiagnosticRow = T.Record(T.String(), diagnosticCell, { title: 'DiagnosticRow' });
export type DiagnosticRow = Static<typeof DiagnosticRow>;
/** A value of a diagnostic's result, typed as JSON (TR-181 names are the keys). */
export const DiagnosticValue = T.Union([
  diagnosticScalar,
  T.Array(str),
  T.Array(num),
  T.Array(DiagnosticRow),
]);
export type DiagnosticValue = Static<typeof DiagnosticValue>;

/**
 * A diagnostic test instead of an RPC: the gateway sets the inputs with DiagnosticsState
 * Requested on the device's own model, waits for its "8 DIAGNOSTICS COMPLETE" Inform and reads
 * the results in that session. One queue entry from request to result.
 */
export const DiagnosticRequest = T.Object(
  {
    kind: DiagnosticKind,
    // Input names and values are checked against the data model by @meridian/diagnostics.
    inputs: T.Record(T.String(), diagnosticScalar, {
      description:
        'Input parameters of the TR-181 diagnostics object, by name ("Host", "NumberOfRepetitions").',
    }),
    timeoutMs: T.Optional(
      T.Integer({
        exclusiveMinimum: 0,
        description:
          'How long after the CPE accepted the request its completion is awaited; default 120000.',
      }),
    ),
  },
  {
    title: 'DiagnosticRequest',
    description:
      'A diagnostic test instead of an RPC: the gateway sets the inputs with DiagnosticsState Requested, waits for "8 DIAGNOSTICS COMPLETE" and reads the results in that session.',
  },
);
export type DiagnosticRequest = Static<typeof DiagnosticRequest>;

/** What a diagnostic reported: its final DiagnosticsState and its result parameters. */
export const DiagnosticResult = T.Object(
  {
    kind: DiagnosticKind,
    diagnosticsState: T.String({
      description: '"Complete" (TR-098 downloads: "Completed") or the CPE\'s "Error_…" state.',
    }),
    results: T.Record(T.String(), DiagnosticValue, {
      description:
        'Result parameters by TR-181 name; tables (RouteHops, Result, …) as arrays of rows.',
    }),
  },
  {
    title: 'DiagnosticResult',
    description:
      'What a diagnostic reported: its final DiagnosticsState and its result parameters.',
  },
);
export type DiagnosticResult = Static<typeof DiagnosticResult>;

/**
 * The `source` of the commands the NBI produces: the only ones that are tasks (stored in the
 * store's tasks). Provisioning's, firmware's and the others' commands are not.
 */
export const NBI_SOURCE = 'nbi';

/**
 * cwmp.commands: an RPC (or a diagnostic) for one device, executed in its next session, in
 * order per device.
 */
export const CommandMessage = either(
  T.Object(
    {
      ...envelope,
      commandId: nonEmpty,
      taskId: T.Optional(
        T.String({
          minLength: 1,
          description:
            'The task this command is one step of, when the task runs several commands (refreshObject: GetParameterNames, then GetParameterValues). The task ends with its command whose commandId equals the taskId, or with the first of its commands that does not end done. Copied to the result and to the connection request report. Absent: the command is a task of its own, known by its commandId.',
        }),
      ),
      rpc: T.Optional(cpeRequest),
      diagnostic: T.Optional(DiagnosticRequest),
      connectionRequest: T.Boolean({
        description:
          'Ask the gateway to send a connection request when no session of the device is live.',
      }),
      expiresAt: T.Optional(
        T.String({ format: 'date-time', description: 'Not delivered by then → result `expired`.' }),
      ),
      source: T.String({
        minLength: 1,
        description:
          'Who produced it (nbi, provisioning, firmware, usp-translator, or a service name).',
      }),
      fileName: T.Optional(
        T.String({
          minLength: 1,
          description:
            'A Download of a file of the repository: its name, so the firmware service knows the version to expect. Echoed in the result.',
        }),
      ),
      createdAt: isoTime,
    },
    {
      title: 'CommandMessage',
      description:
        'An RPC (`rpc`) or a diagnostic test (`diagnostic`): exactly one of the two, for one device, executed in its next session, in order per device.',
    },
  ),
  'rpc',
  'diagnostic',
);
export type CommandMessage = Static<typeof CommandMessage>;

/**
 * cwmp.commands: withdraws a command of the same device not sent yet. The gateway answers it
 * with the command's result `cancelled`; a command already sent runs to its own result, and
 * one already finished keeps its result. Keyed by deviceId like the command it cancels.
 */
export const CancelMessage = T.Object(
  {
    ...envelope,
    action: T.Literal('cancel', { description: 'Tells a cancel from a command on cwmp.commands.' }),
    commandId: T.String({ minLength: 1, description: 'The command to withdraw.' }),
    source: T.String({ minLength: 1, description: 'Who asked for the cancel.' }),
    createdAt: isoTime,
  },
  {
    title: 'CancelMessage',
    description:
      'Withdraws a command of the same device not sent yet: its result is `cancelled`. A command already sent runs to its own result; one already finished keeps its result.',
  },
);
export type CancelMessage = Static<typeof CancelMessage>;

export const isCancelMessage = (
  message: CommandMessage | CancelMessage | IdleMessage,
): message is CancelMessage => 'action' in message && message.action === 'cancel';

/**
 * cwmp.commands: the producer has nothing more for the device after what `after` names (the
 * result of its own command `after`, or the Inform of session `after`). A session held open for
 * that producer's next wave (the gateway's linger) ends at once instead of waiting it out. Keyed
 * by deviceId, behind the commands it follows.
 */
export const IdleMessage = T.Object(
  {
    ...envelope,
    action: T.Literal('idle', { description: 'Tells an idle marker from a command.' }),
    after: T.String({
      minLength: 1,
      description:
        'The commandId of the last result the producer handled, or the sessionId of the Inform it handled.',
    }),
    source: T.String({ minLength: 1, description: 'Who has nothing more (provisioning).' }),
    createdAt: isoTime,
  },
  {
    title: 'IdleMessage',
    description:
      'The producer has nothing more for the device after the result or Inform `after` names: a session waiting for its next wave ends now.',
  },
);
export type IdleMessage = Static<typeof IdleMessage>;

/** A command to run (neither a cancel nor an idle marker). */
export const isCommandMessage = (
  message: CommandMessage | CancelMessage | IdleMessage,
): message is CommandMessage => !('action' in message);

export const isIdleMessage = (
  message: CommandMessage | CancelMessage | IdleMessage,
): message is IdleMessage => 'action' in message && message.action === 'idle';

/**
 * What cwmp.commands carries: a cancel when `action` is "cancel", an idle marker when it is
 * "idle", a command otherwise (commands carry no `action`, and producers written before cancels
 * existed keep working).
 */
const CommandOrCancel = T.Unsafe<CommandMessage | CancelMessage | IdleMessage>({
  if: { type: 'object', properties: { action: { const: 'cancel' } }, required: ['action'] },
  then: CancelMessage,
  else: {
    if: { type: 'object', properties: { action: { const: 'idle' } }, required: ['action'] },
    then: IdleMessage,
    else: CommandMessage,
  },
});

export const CommandFault = T.Object(
  {
    faultCode: int,
    faultString: str,
    setParameterValuesFault: T.Optional(T.Array(setParameterValuesFault)),
  },
  { title: 'CommandFault' },
);
export type CommandFault = Static<typeof CommandFault>;

/** cwmp.results: the outcome of one command. */
export const ResultMessage = T.Intersect(
  [
    T.Object({
      ...envelope,
      commandId: nonEmpty,
      taskId: T.Optional(
        T.String({
          minLength: 1,
          description:
            "The command's taskId, when it carried one (a step of a task of several commands).",
        }),
      ),
      source: nonEmpty,
      time: isoTime,
      fileName: T.Optional(
        T.String({ minLength: 1, description: "The command's `fileName`, when it had one." }),
      ),
      rpc: T.Optional(
        T.Unsafe<Static<typeof cpeRequest>>({
          ...cpeRequest,
          description:
            'The RPC as the command carried it (with its ParameterKey/CommandKey): a consumer that did not produce the command (the parameter cache) learns what was set, added or deleted. Absent on `rejected`, whose command may not even have been readable.',
        }),
      ),
      diagnosticResult: T.Optional(
        T.Unsafe<DiagnosticResult>({
          ...DiagnosticResult,
          description: "A diagnostic command's results (done) or Error_ state (fault).",
        }),
      ),
    }),
    discriminated(
      'outcome',
      [
        T.Object({ outcome: T.Literal('done'), response: cpeResponse }),
        T.Object({ outcome: T.Literal('fault'), fault: CommandFault }),
        T.Object({ outcome: T.Literal('expired'), reason: T.Optional(str) }),
        T.Object({ outcome: T.Literal('rejected'), reason: str }),
        T.Object({ outcome: T.Literal('cancelled') }),
      ],
      'a known outcome',
    ),
  ],
  { title: 'ResultMessage', description: 'The outcome of one command, told apart by `outcome`.' },
);
export type ResultMessage = Static<typeof ResultMessage>;

/**
 * cwmp.connection-requests: how a gateway's connection request to a device went (after its
 * retries), for the commands that were waiting for it. Not an outcome: the commands stay queued.
 */
export const ConnectionRequestMessage = T.Object(
  {
    ...envelope,
    commandIds: T.Array(nonEmpty),
    taskIds: T.Optional(
      T.Array(nonEmpty, {
        description:
          'The tasks of those commands: of each command of the NBI (source nbi, the only commands that are tasks), its taskId when it has one, else its commandId (a task of its own); empty when none is. Absent from gateways that predate taskId: then the commandIds are the tasks.',
      }),
    ),
    outcome: enumOf(['sent', 'failed'] as const),
    method: T.Optional(enumOf(['http', 'udp'] as const)),
    attempts: int,
    error: T.Optional(str),
    gatewayId: nonEmpty,
    time: isoTime,
  },
  {
    title: 'ConnectionRequestMessage',
    description:
      "How a gateway's connection request to a device went (after its retries), for the commands that were waiting for it. Not an outcome: the commands stay queued.",
  },
);
export type ConnectionRequestMessage = Static<typeof ConnectionRequestMessage>;

/** How a transfer (a Download) ended, as the firmware service confirmed it. */
/** undelivered: the Download never reached the device (expired or cancelled before it was sent). */
export const TRANSFER_OUTCOMES = [
  'succeeded',
  'failed',
  'rolledBack',
  'timedOut',
  'undelivered',
] as const;
export type TransferOutcome = (typeof TRANSFER_OUTCOMES)[number];

/**
 * firmware.outcomes: one message per transfer outcome, keyed by deviceId. `succeeded` only once
 * the device came back (Inform with "M Download" and "1 BOOT") on the image's version;
 * `rolledBack` when it came back on another one; `failed` with the CWMP fault code of
 * TransferComplete (or the command's fault); `timedOut` when it never reported.
 */
export const FirmwareOutcome = T.Object(
  {
    ...envelope,
    commandId: T.String({ minLength: 1, description: 'The Download command.' }),
    fileName: T.Optional(T.String({ minLength: 1, description: 'The repository file.' })),
    version: T.Optional(
      T.String({ description: 'The version the file carries (the one expected on the device).' }),
    ),
    outcome: enumOf(TRANSFER_OUTCOMES),
    faultCode: T.Optional(T.Integer({ description: 'CWMP fault code (9010, 9012, 9017, …).' })),
    faultString: T.Optional(T.String()),
    at: T.String({ format: 'date-time', description: 'When the outcome was established.' }),
  },
  {
    title: 'FirmwareOutcome',
    description:
      'How one transfer ended: succeeded, failed, rolledBack, timedOut, or undelivered (the Download expired or was cancelled before it reached the device).',
  },
);
export type FirmwareOutcome = Static<typeof FirmwareOutcome>;

export const CAMPAIGN_STATES = ['running', 'paused', 'completed', 'aborted'] as const;

/**
 * firmware.campaigns: a rollout campaign changed state or stage. Keyed by campaignId (a campaign
 * is no device's), so one campaign's changes stay in order.
 */
export const CampaignEvent = T.Object(
  {
    schemaVersion: envelope.schemaVersion,
    campaignId: nonEmpty,
    state: enumOf(CAMPAIGN_STATES),
    stage: T.Integer({ minimum: 0, description: 'Index of the current stage (0 = the first).' }),
    change: enumOf([
      'created',
      'stageAdvanced',
      'paused',
      'resumed',
      'completed',
      'aborted',
    ] as const),
    reason: T.Optional(T.String({ description: 'Why it paused (the stop rule that fired).' })),
    at: isoTime,
  },
  {
    title: 'CampaignEvent',
    description:
      'A rollout campaign changed state (created, paused with the reason, resumed, completed, aborted) or moved to its next stage.',
  },
);
export type CampaignEvent = Static<typeof CampaignEvent>;

export interface TopicMessages {
  'cwmp.inform': InformMessage;
  'cwmp.events': EventMessage;
  'cwmp.commands': CommandMessage | CancelMessage | IdleMessage;
  'cwmp.results': ResultMessage;
  'cwmp.connection-requests': ConnectionRequestMessage;
  'firmware.outcomes': FirmwareOutcome;
  'firmware.campaigns': CampaignEvent;
}

/** The schema of each topic that carries JSON messages. */
export const topicSchemas = {
  [Topics.inform]: InformMessage,
  [Topics.events]: EventMessage,
  [Topics.commands]: CommandOrCancel,
  [Topics.results]: ResultMessage,
  [Topics.connectionRequests]: ConnectionRequestMessage,
  [Topics.firmwareOutcomes]: FirmwareOutcome,
  [Topics.firmwareCampaigns]: CampaignEvent,
} satisfies { [K in keyof TopicMessages]: unknown };
