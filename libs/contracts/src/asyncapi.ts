/**
 * The AsyncAPI 3 document of the bus, built from the same schemas the services validate with:
 * for teams producing commands or consuming events in any language. The NBI serves it at
 * /asyncapi.json.
 */
import {
  CancelMessage,
  IdleMessage,
  CommandMessage,
  Headers,
  SCHEMA_VERSION,
  Topics,
  deadLetterTopic,
  topicSchemas,
  type Topic,
} from './messages';

type Json = Record<string, unknown>;

export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description: string };
  defaultContentType: string;
  channels: Record<string, { address: string; summary: string; messages: Record<string, Json> }>;
  operations: Record<string, Json>;
}
type TopicKey = keyof typeof Topics;

/** Who in Meridian produces and consumes each topic (the operations of the document). */
const roles: Record<TopicKey, { summary: string; send?: string; receive?: string }> = {
  inform: {
    summary: 'One message per CWMP session, when the gateway accepts the Inform.',
    send: 'The gateway publishes each accepted Inform.',
    receive:
      'Provisioning keeps the registry and the parameter cache and plans presets; the firmware service confirms upgrades from BOOT Informs.',
  },
  events: {
    summary: 'CPE-initiated RPCs other than Inform (TransferComplete, RequestDownload, …).',
    send: 'The gateway publishes each such RPC of a session.',
    receive:
      'The firmware service tracks transfers (TransferComplete, AutonomousTransferComplete).',
  },
  commands: {
    summary:
      "An RPC for one device, run in the device's next session, in order per device (key: deviceId); or the cancel of one not sent yet; or a producer's idle marker (nothing more for the device).",
    send: 'The NBI (tasks) and provisioning (presets, discovery) publish commands; so may any service.',
    receive:
      'The gateway queues each command for its device (a connection request when asked) and answers on cwmp.results.',
  },
  results: {
    summary: 'The outcome of one command: done, fault, expired, rejected or cancelled.',
    send: 'The gateway publishes the outcome of each command.',
    receive:
      'Provisioning updates the parameter cache; the NBI completes tasks; the firmware service opens transfers from Download results.',
  },
  connectionRequests: {
    summary:
      "How a gateway's connection request to a device went, for the commands waiting for it.",
    send: 'The gateway reports each connection request series.',
    receive: 'The NBI records it on the waiting tasks.',
  },
  firmwareOutcomes: {
    summary:
      'One message per transfer outcome (succeeded, failed with its fault code, rolledBack, timedOut), keyed by deviceId.',
    send: 'The firmware service publishes the outcome of each Download it tracks.',
    receive:
      'Provisioning marks a preset download applied on `succeeded`; the campaign runner of the firmware service advances its campaigns.',
  },
  firmwareCampaigns: {
    summary:
      "A rollout campaign's state changes (started, stage advanced, paused and why, resumed, completed, aborted), keyed by campaignId.",
    send: 'The campaign runner and the NBI (pause, resume, abort) publish each change.',
  },
  uspRequests: {
    summary:
      "USP Records (TR-369, protobuf) from USP controllers to a device's USP Agent, keyed by the Agent's endpoint id; the USP translator (MERIDIAN_USP_KAFKA_MTP) consumes them in one group and answers each on usp.responses (a Record it must ignore is dropped, per TR-369, not dead-lettered); NotifyResp to the translator's Notify messages come here too.",
  },
  uspResponses: {
    summary:
      "USP Records (TR-369, protobuf) to USP controllers, keyed by the Agent's endpoint id; the controller is the Record's to_id.",
    send: 'The USP translator publishes the answers to each Record of usp.requests that TR-369 says to answer (one, or several for an E2E Session Context step), and the Notify requests of subscriptions created over Kafka (again until their NotifyResp comes on usp.requests when NotifRetry is true).',
  },
};

/** A schema as plain JSON Schema (draft-07), without TypeBox's symbols. */
const plain = (schema: unknown): Json => JSON.parse(JSON.stringify(schema)) as Json;
const payloadOf = (schema: unknown): Json => ({
  schemaFormat: 'application/schema+json;version=draft-07',
  schema: plain(schema),
});

const traceHeaders = {
  [Headers.traceparent]: { type: 'string', description: 'W3C trace context of the producer.' },
  [Headers.tracestate]: { type: 'string' },
};
const kafkaKey = (what: string): Json => ({
  kafka: { key: { type: 'string', description: what }, bindingVersion: '0.5.0' },
});

function messageOf(
  topic: Topic,
  schema: unknown = (topicSchemas as Partial<Record<Topic, unknown>>)[topic],
): Json {
  if (schema === undefined) {
    return {
      name: topic,
      contentType: 'application/vnd.bbf.usp.msg',
      payload: { type: 'string', format: 'binary', description: 'A USP Record (protobuf).' },
      bindings: kafkaKey('USP endpoint id'),
    };
  }
  return {
    name: topic,
    contentType: 'application/json',
    payload: payloadOf(schema),
    headers: { type: 'object', properties: traceHeaders },
    bindings: kafkaKey(topic === Topics.firmwareCampaigns ? 'campaignId' : 'deviceId'),
  };
}

/** The messages of a topic's channel: cwmp.commands carries commands, cancels and idle markers. */
const messagesOf = (key: TopicKey, topic: Topic): Record<string, Json> =>
  topic === Topics.commands
    ? {
        [key]: messageOf(topic, CommandMessage),
        cancel: messageOf(topic, CancelMessage),
        idle: messageOf(topic, IdleMessage),
      }
    : { [key]: messageOf(topic) };

const deadLetter: Json = {
  name: 'dead letter',
  summary:
    'A record consumers refused (unknown schemaVersion, not JSON, wrong shape), as received.',
  payload: { description: 'The refused value, byte for byte (it may not be JSON).' },
  headers: {
    type: 'object',
    required: [Headers.deadLetterReason],
    properties: {
      ...traceHeaders,
      [Headers.deadLetterReason]: {
        type: 'string',
        description: 'Why it was refused, naming the field (e.g. "message.rpc.name …").',
      },
    },
  },
};

/**
 * The document: one channel per topic the services create and one per dead-letter topic, each
 * with its message; operations say what Meridian itself sends and receives.
 */
export function asyncApiDocument(): AsyncApiDocument {
  const channels: AsyncApiDocument['channels'] = {};
  const operations: AsyncApiDocument['operations'] = {};
  for (const [key, topic] of Object.entries(Topics) as [TopicKey, Topic][]) {
    const role = roles[key];
    const dlq = `${key}DeadLetters`;
    channels[key] = {
      address: topic,
      summary: role.summary,
      messages: messagesOf(key, topic),
    };
    channels[dlq] = {
      address: deadLetterTopic(topic),
      summary: `Records of ${topic} that consumers refused, with the reason in a header.`,
      messages: { deadLetter },
    };
    const ref = { $ref: `#/channels/${key}` };
    const messages = Object.keys(channels[key].messages).map((name) => ({
      $ref: `#/channels/${key}/messages/${name}`,
    }));
    if (role.send)
      operations[`send-${key}`] = { action: 'send', channel: ref, summary: role.send, messages };
    if (role.receive) {
      operations[`receive-${key}`] = {
        action: 'receive',
        channel: ref,
        summary: role.receive,
        messages,
      };
      operations[`dead-letter-${key}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${dlq}` },
        summary: `A consumer of ${topic} moves a record it cannot read here instead of stopping.`,
      };
    }
  }
  operations['receive-commandsDeadLetters'] = {
    action: 'receive',
    channel: { $ref: '#/channels/commandsDeadLetters' },
    summary:
      'The gateway answers a refused command that names a commandId with a `rejected` result.',
  };
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Meridian bus',
      version: String(SCHEMA_VERSION),
      description: [
        'The Kafka topics of the Meridian ACS. Every JSON message carries `schemaVersion` and is keyed by `deviceId` (firmware.campaigns: by `campaignId`), so the messages of one device keep their order on one partition; the W3C `traceparent` travels in the headers.',
        "Topic names get the `MERIDIAN_KAFKA_TOPIC_PREFIX` of the deployment in front. Consumers tolerate fields they do not know; a message of an unknown `schemaVersion` or of a wrong shape goes to the topic's `.dlq` with the reason.",
      ].join('\n\n'),
    },
    defaultContentType: 'application/json',
    channels,
    operations,
  };
}
