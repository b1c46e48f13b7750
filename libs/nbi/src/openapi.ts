import type { SchemaObject } from '@nestjs/swagger';
import { CampaignBody, ResumeBody, StopRulesBody } from './campaigns';

/** A reference to one of SCHEMAS, for the route decorators (a test checks every one resolves). */
export const ref = (name: string): { $ref: string } => ({
  $ref: `#/components/schemas/${name}`,
});

const time: SchemaObject = { type: 'string', format: 'date-time' };
const str: SchemaObject = { type: 'string' };
const strings: SchemaObject = { type: 'array', items: str };
const page = (item: string): SchemaObject => ({
  type: 'object',
  required: ['items', 'total'],
  properties: {
    items: { type: 'array', items: ref(item) },
    total: { type: 'integer', description: 'records matching the filter over all pages' },
  },
});
const free: SchemaObject = { type: 'object', additionalProperties: true };
/** A TypeBox schema as plain JSON Schema. */
const plain = (schema: unknown): SchemaObject => JSON.parse(JSON.stringify(schema)) as SchemaObject;
const counts = (description: string): SchemaObject => ({
  type: 'object',
  additionalProperties: { type: 'integer' },
  description,
});
const progress: SchemaObject = {
  type: 'object',
  properties: {
    total: { type: 'integer' },
    pending: { type: 'integer' },
    inFlight: { type: 'integer' },
    succeeded: { type: 'integer' },
    failed: { type: 'integer', description: 'rolled back and timed out included' },
    failedByFaultCode: counts('failed devices by CWMP fault code ("none": without one)'),
    failedByOutcome: counts('failed, rolledBack, timedOut'),
    skipped: { type: 'integer' },
    skippedByReason: counts(
      'onTargetVersion, inAnotherCampaign, undelivered (its Download expired or was cancelled before it reached the device)',
    ),
  },
};

/** The response and body shapes of the NBI, merged into the generated document. */
export const SCHEMAS: Record<string, SchemaObject> = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { ...str, description: 'stable, for programs: not_found, invalid_preset, …' },
          message: str,
          details: { ...strings, description: 'every problem, when there are several' },
          state: {
            ...str,
            description: 'a task that cannot be cancelled: sent (in flight), or its end status',
          },
        },
      },
    },
  },
  Device: {
    type: 'object',
    required: ['deviceId'],
    description: 'A list projects it with `fields`; deviceId always comes.',
    properties: {
      deviceId: str,
      identity: {
        type: 'object',
        properties: { manufacturer: str, oui: str, productClass: str, serialNumber: str },
      },
      status: { type: 'string', enum: ['active', 'disabled'] },
      tags: strings,
      registeredAt: { ...time, description: 'first Inform, or pre-registration' },
      firstInform: { ...time, description: 'absent until the device is heard from' },
      lastInform: time,
      parameterKey: { ...str, description: 'ManagementServer.ParameterKey of the last Inform' },
      periodicInformInterval: { type: 'integer', description: 'seconds' },
      onlineUntil: time,
      online: {
        type: 'boolean',
        description: 'onlineUntil is later than the time of the request (false when unknown)',
      },
      lastBoot: time,
      lastBootstrap: time,
      lastEvents: strings,
      softwareVersion: str,
      hardwareVersion: str,
      connectionRequestUrl: str,
      remoteAddress: str,
      cwmpVersion: {
        ...str,
        description:
          'the CWMP schema the last session spoke: cwmp-1-0, cwmp-1-1 or cwmp-1-2 (CWMP 1.2 to 1.4)',
      },
    },
  },
  DeviceWithParameters: {
    allOf: [
      ref('Device'),
      {
        type: 'object',
        properties: {
          parameters: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                path: str,
                value: str,
                type: str,
                writable: { type: 'boolean' },
                updatedAt: time,
              },
            },
          },
        },
      },
    ],
  },
  DevicePage: page('Device'),
  CredentialsInput: {
    type: 'object',
    required: ['username', 'password'],
    additionalProperties: false,
    properties: {
      username: { ...str, description: '1 to 256 characters, no ":" (Basic could not carry it)' },
      password: { ...str, description: '1 to 256 characters; kept only as Digest HA1' },
    },
  },
  Credentials: {
    type: 'object',
    required: ['deviceId', 'username', 'realm', 'updatedAt'],
    description: "What the ACS keeps of a device's credentials, the password never shown",
    properties: { deviceId: str, username: str, realm: str, updatedAt: time },
  },
  DeviceRegistration: {
    type: 'object',
    properties: { tags: strings },
  },
  TaskRequest: {
    type: 'object',
    required: ['name'],
    additionalProperties: true,
    description:
      'A task kind and its arguments (see the README). refreshObject {objectName} runs ' +
      'GetParameterNames then GetParameterValues of the subtree. download {file} takes the URL ' +
      '(signed for the device), fileType and fileSize from the file repository, and the firmware ' +
      'service tracks the transfer to the version the file carries (GET /devices/{deviceId}/transfers). ' +
      'scheduleDownload {file or url+fileType, timeWindows: [{windowStart, windowEnd, windowMode, ' +
      'userMessage?, maxRetries?}]} (CWMP 1-2), cancelTransfer {taskId of the download, or commandKey} ' +
      '(CWMP 1-2), getAllQueuedTransfers (CWMP 1-1): a device of an older version answers the task ' +
      'with fault 9000.',
    properties: {
      name: {
        type: 'string',
        enum: [
          'getParameterValues',
          'setParameterValues',
          'getParameterNames',
          'getParameterAttributes',
          'setParameterAttributes',
          'addObject',
          'deleteObject',
          'refreshObject',
          'reboot',
          'factoryReset',
          'scheduleInform',
          'download',
          'scheduleDownload',
          'cancelTransfer',
          'getAllQueuedTransfers',
          'upload',
          'diagnostic',
        ],
      },
      file: { ...str, description: 'download, scheduleDownload: a file of the repository' },
      timeWindows: {
        type: 'array',
        minItems: 1,
        maxItems: 2,
        description: 'scheduleDownload: when the CPE may download and apply',
        items: {
          type: 'object',
          required: ['windowStart', 'windowEnd', 'windowMode'],
          properties: {
            windowStart: { type: 'integer', description: 'seconds after the CPE got the request' },
            windowEnd: { type: 'integer' },
            windowMode: {
              type: 'string',
              enum: ['1 At Any Time', '2 Immediately', '3 When Idle', '4 Confirmation Needed'],
            },
            userMessage: str,
            maxRetries: { type: 'integer', description: '-1 (default): no limit' },
          },
        },
      },
      taskId: { ...str, description: 'cancelTransfer: the download task whose transfer to cancel' },
      commandKey: { ...str, description: 'cancelTransfer: the CommandKey of the transfer, as is' },
      kind: { ...str, description: 'diagnostic: ipPing, traceRoute, downloadDiagnostics, …' },
      inputs: {
        ...free,
        description: 'diagnostic: inputs by TR-181 name, e.g. {"Host":"127.0.0.1"}',
      },
      timeoutMs: {
        type: 'integer',
        description: 'diagnostic: wait for completion after the request (default 120000)',
      },
    },
  },
  ConnectionRequestResult: {
    type: 'object',
    required: ['outcome', 'attempts', 'at'],
    description: 'How the gateway connection request for the task went (the last one).',
    properties: {
      outcome: { type: 'string', enum: ['sent', 'failed'] },
      method: { type: 'string', enum: ['http', 'udp'] },
      attempts: { type: 'integer' },
      error: str,
      at: time,
    },
  },
  Task: {
    type: 'object',
    required: ['commandId', 'deviceId', 'status', 'createdAt', 'updatedAt'],
    properties: {
      commandId: {
        ...str,
        description:
          "the task id (GET|DELETE /tasks/{taskId}): its command's commandId; a refreshObject task, of two commands, is known by the taskId both carry on cwmp.commands, which is the commandId of the second",
      },
      commandIds: {
        type: 'array',
        items: str,
        description: 'a task of several commands (refreshObject): their commandIds, in order',
      },
      deviceId: str,
      rpc: { ...free, description: 'the CWMP request (a refreshObject task: its first one)' },
      diagnostic: { ...free, description: 'a diagnostic task: {kind, inputs, timeoutMs?}' },
      diagnosticResult: {
        ...free,
        description: 'a diagnostic task: {kind, diagnosticsState, results} (TR-181 names)',
      },
      connectionRequest: { type: 'boolean' },
      source: str,
      createdAt: time,
      expiresAt: time,
      status: {
        type: 'string',
        enum: ['pending', 'done', 'fault', 'expired', 'rejected', 'cancelled'],
      },
      updatedAt: time,
      response: { ...free, description: 'the CWMP response, when done' },
      fault: {
        type: 'object',
        properties: { faultCode: { type: 'integer' }, faultString: str },
      },
      reason: { ...str, description: 'why the gateway rejected (or expired) the command' },
      connectionRequestResult: ref('ConnectionRequestResult'),
    },
  },
  TaskPage: page('Task'),
  DiagnosticList: {
    type: 'object',
    required: ['items'],
    properties: {
      items: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            commandId: str,
            kind: str,
            inputs: free,
            status: str,
            diagnosticsState: str,
            results: free,
            createdAt: time,
            updatedAt: time,
          },
        },
      },
    },
  },
  TransferList: {
    type: 'object',
    required: ['items'],
    properties: {
      items: {
        type: 'array',
        items: {
          type: 'object',
          required: ['commandId', 'deviceId', 'commandKey', 'state', 'createdAt', 'deadline'],
          properties: {
            commandId: { ...str, description: 'the Download command (the task id of an NBI task)' },
            deviceId: str,
            commandKey: { ...str, description: 'the CommandKey the CPE reports it under' },
            fileName: { ...str, description: 'the repository file' },
            fileType: str,
            version: { ...str, description: 'the version the device must come back with' },
            fromVersion: {
              ...str,
              description: 'its SoftwareVersion when it accepted the Download',
            },
            state: {
              type: 'string',
              enum: ['waiting', 'succeeded', 'failed', 'rolledBack', 'timedOut', 'undelivered'],
            },
            faultCode: { type: 'integer', description: 'CWMP fault code (9010, 9012, 9017, …)' },
            faultString: str,
            reportedVersion: { ...str, description: 'the SoftwareVersion it came back with' },
            createdAt: time,
            updatedAt: time,
            deadline: { ...time, description: 'still waiting then: timedOut' },
          },
        },
      },
    },
  },
  PresetBody: {
    type: 'object',
    required: ['actions'],
    properties: {
      weight: { type: 'integer', description: 'higher applies later and wins a conflict' },
      events: { ...strings, description: 'Inform event codes that trigger it; empty: any' },
      precondition: free,
      actions: { type: 'array', items: free },
    },
  },
  File: {
    type: 'object',
    required: ['name', 'type', 'size', 'sha256', 'createdAt', 'updatedAt'],
    properties: {
      name: str,
      type: { type: 'string', description: 'TR-069 FileType, e.g. "1 Firmware Upgrade Image"' },
      size: { type: 'integer' },
      sha256: { type: 'string', description: 'hex SHA-256 of the content (also its ETag)' },
      version: str,
      oui: str,
      productClass: str,
      modelName: str,
      createdAt: time,
      updatedAt: time,
    },
  },
  Preset: {
    type: 'object',
    required: ['name', 'version', 'weight', 'events', 'precondition', 'actions'],
    properties: {
      name: str,
      version: { type: 'integer', description: '1 on creation, +1 on each PUT; the ETag' },
      weight: { type: 'integer' },
      events: strings,
      precondition: free,
      actions: { type: 'array', items: free },
      createdAt: time,
      updatedAt: time,
    },
  },
  AuditEntry: {
    type: 'object',
    required: ['id', 'at', 'actor', 'role', 'action', 'status'],
    properties: {
      id: str,
      at: time,
      actor: { ...str, description: 'the API key name' },
      role: str,
      action: { ...str, example: 'POST /devices/:deviceId/tasks' },
      deviceId: str,
      target: { ...str, description: 'taskId, preset name, fault channel or tag' },
      status: { type: 'integer', description: 'HTTP status of the answer' },
      detail: free,
    },
  },
  AuditPage: page('AuditEntry'),
  CampaignBody: plain(CampaignBody),
  CampaignResume: plain(ResumeBody),
  Campaign: {
    type: 'object',
    required: ['campaignId', 'name', 'fileName', 'version', 'state', 'stage', 'stages'],
    properties: {
      campaignId: str,
      name: str,
      fileName: str,
      version: { ...str, description: 'the version the image installs' },
      target: plain(CampaignBody.properties.target),
      stages: plain(CampaignBody.properties.stages),
      maxInFlight: { type: 'integer' },
      window: plain(CampaignBody.properties.window),
      stopRules: plain(StopRulesBody),
      state: { type: 'string', enum: ['running', 'paused', 'completed', 'aborted'] },
      stage: { type: 'integer', description: 'index of the current stage' },
      stageStartedAt: time,
      countFrom: { ...time, description: 'failures in the window count from here (last resume)' },
      pauseReason: { ...str, description: 'the stop rule that fired, or who paused it' },
      createdAt: time,
      updatedAt: time,
      progress,
      stageProgress: {
        type: 'array',
        items: progress,
        description: 'GET of one campaign: the progress of each stage',
      },
    },
  },
};
