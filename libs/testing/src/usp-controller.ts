import { randomBytes } from 'node:crypto';
import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { usp, usp_record } from '@meridian/usp';
import { MQTT_URL } from './servers';

const SAR = usp_record.SessionContextRecord.PayloadSARState;

/**
 * How the test Controller reaches the Agents (TR-369 MQTT binding): MQTT 5 with a Response Topic
 * (R-MQTT.23), MQTT 3.1.1 with `/reply-to=` in the topic name (R-MQTT.24), or MQTT 3.1.1 with
 * fixed topics (no reply topic: the Agent answers on its configured Controller topic).
 */
export type ControllerMode = 'mqtt5' | 'mqtt311-reply-to' | 'mqtt311-fixed';

export interface UspControllerOptions {
  url: string;
  mode: ControllerMode;
  /** The Agents' request topic. */
  agentTopic: string;
  /** Where the Controller receives its answers (for mqtt311-fixed: the Agents' configured one). */
  replyTopic: string;
  endpointId?: string;
  /** Credentials and TLS material for the MQTT server (an mqtts:// url). */
  security?: Pick<IClientOptions, 'username' | 'password' | 'ca' | 'cert' | 'key'>;
}

export interface ReceivedRecord {
  topic: string;
  record: usp_record.Record;
  msg: usp.Msg | undefined;
  contentType: string | undefined;
  userProperties: Record<string, string | string[]> | undefined;
}

/**
 * A USP Controller for tests, written from TR-369: it sends no_session_context Records carrying
 * request Msgs to an Agent's Endpoint ID over MQTT and matches the answers by msg_id.
 */
export class UspTestController {
  readonly received: ReceivedRecord[] = [];
  /** Segments of the Msg being received in segments (the Agent sends one Msg at a time). */
  private segments: Uint8Array[] = [];
  private readonly waiting = new Map<string, (r: ReceivedRecord) => void>();

  private constructor(
    private readonly client: MqttClient,
    readonly options: UspControllerOptions & { endpointId: string },
  ) {}

  static async connect(options: UspControllerOptions): Promise<UspTestController> {
    const endpointId =
      options.endpointId ?? `self::test-controller-${randomBytes(4).toString('hex')}`;
    const v5 = options.mode === 'mqtt5';
    const client = await connectAsync(options.url, {
      ...options.security,
      protocolVersion: v5 ? 5 : 4,
      clientId: `test-${randomBytes(6).toString('hex')}`,
      reconnectPeriod: 0,
      ...(v5 && { properties: { userProperties: { 'usp-endpoint-id': endpointId } } }),
    });
    // Nagle's algorithm off, like the translator's: a QoS 1 publish's small writes would wait
    // for delayed ACKs (~40 ms each way).
    (client.stream as { setNoDelay?: (on: boolean) => unknown }).setNoDelay?.(true);
    const controller = new UspTestController(client, { ...options, endpointId });
    client.on('message', (topic, payload, packet) =>
      controller.onMessage(topic, payload, packet.properties),
    );
    await client.subscribeAsync(options.replyTopic, { qos: 1 });
    return controller;
  }

  private onMessage(
    topic: string,
    payload: Buffer,
    properties:
      | { contentType?: string; userProperties?: Record<string, string | string[]> }
      | undefined,
  ): void {
    const record = usp_record.Record.decode(payload);
    const bytes = this.reassembled(
      record.noSessionContext?.payload ?? record.sessionContext?.payload?.[0],
      record.sessionContext?.payloadSarState ?? SAR.NONE,
    );
    const msg = bytes && bytes.length > 0 ? usp.Msg.decode(bytes) : undefined;
    const received: ReceivedRecord = {
      topic,
      record,
      msg,
      contentType: properties?.contentType,
      userProperties: properties?.userProperties,
    };
    this.received.push(received);
    const msgId = msg?.header?.msgId;
    if (msgId) this.waiting.get(msgId)?.(received);
  }

  /**
   * A Msg's bytes once whole: a payload as it came, or the segments of one split over Records
   * (TR-369 SAR) joined at its COMPLETE; undefined for a segment before that.
   */
  private reassembled(payload: Uint8Array | undefined, state: number): Uint8Array | undefined {
    if (payload === undefined || state === SAR.NONE) return payload;
    this.segments.push(payload);
    if (state !== SAR.COMPLETE) return undefined;
    const whole = Buffer.concat(this.segments);
    this.segments = [];
    return whole;
  }

  /** A Record carrying `request` to the Agent `agentId`. */
  record(
    agentId: string,
    msgId: string,
    request: usp.IRequest,
    extra: usp_record.IRecord = {},
  ): Uint8Array {
    return usp_record.Record.encode({
      version: '1.4',
      toId: agentId,
      fromId: this.options.endpointId,
      noSessionContext: { payload: this.msgBytes(msgId, request) },
      ...extra,
    }).finish();
  }

  private msgBytes(msgId: string, request: usp.IRequest): Uint8Array {
    const kind = Object.entries(request).find(([, v]) => v !== undefined && v !== null)?.[0] ?? '';
    const msgType = MSG_TYPES[kind];
    if (msgType === undefined) throw new Error(`no header type for ${kind}`);
    return usp.Msg.encode({ header: { msgId, msgType }, body: { request } }).finish();
  }

  /** A Record carrying the response `response` to the Agent's request `msgId` (a NotifyResp). */
  responseRecord(agentId: string, msgId: string, response: usp.IResponse): Uint8Array {
    const payload = usp.Msg.encode({
      header: { msgId, msgType: usp.Header.MsgType.NOTIFY_RESP },
      body: { response },
    }).finish();
    return usp_record.Record.encode({
      version: '1.4',
      toId: agentId,
      fromId: this.options.endpointId,
      noSessionContext: { payload },
    }).finish();
  }

  /**
   * A session_context Record to the Agent (TR-369 E2E Session Context), carrying `request` as
   * the Msg `msgId` when given, else empty (an acknowledgement or a retransmit request).
   */
  sessionRecord(
    agentId: string,
    fields: {
      sessionId: number;
      sequenceId: number;
      expectedId: number;
      retransmitId?: number;
      payloadSarState?: usp_record.SessionContextRecord.PayloadSARState;
    },
    message?: { msgId: string; request: usp.IRequest },
  ): Uint8Array {
    const payload = message === undefined ? [] : [this.msgBytes(message.msgId, message.request)];
    return usp_record.Record.encode({
      version: '1.4',
      toId: agentId,
      fromId: this.options.endpointId,
      sessionContext: {
        ...fields,
        payloadrecSarState: fields.payloadSarState,
        payload,
      },
    }).finish();
  }

  /** Sends a request and resolves with the answer of the same msg_id (a response or an Error). */
  async request(
    agentId: string,
    request: usp.IRequest,
    options: { userProperties?: Record<string, string>; timeoutMs?: number; qos?: 0 | 1 } = {},
  ): Promise<ReceivedRecord> {
    const msgId = `msg-${randomBytes(6).toString('hex')}`;
    const answer = this.answerTo(msgId, options.timeoutMs ?? 20_000);
    await this.send(this.record(agentId, msgId, request), options);
    return answer;
  }

  /** Resolves with the answer to `msgId`, rejects after `timeoutMs`. */
  answerTo(msgId: string, timeoutMs = 20_000): Promise<ReceivedRecord> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(msgId);
        reject(new Error(`no answer to ${msgId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(msgId, (r) => {
        clearTimeout(timer);
        this.waiting.delete(msgId);
        resolve(r);
      });
    });
  }

  /** Publishes raw bytes as a USP Record, as the mode says. */
  async send(
    bytes: Uint8Array,
    options: { userProperties?: Record<string, string>; qos?: 0 | 1 } = {},
  ): Promise<void> {
    const { mode, agentTopic, replyTopic, endpointId } = this.options;
    const qos = options.qos ?? 1;
    if (mode === 'mqtt5') {
      await this.client.publishAsync(agentTopic, Buffer.from(bytes), {
        qos,
        properties: {
          contentType: 'usp.msg',
          responseTopic: replyTopic,
          userProperties: { 'usp-endpoint-id': endpointId, ...options.userProperties },
        },
      });
    } else {
      const topic =
        mode === 'mqtt311-reply-to'
          ? `${agentTopic}/reply-to=${replyTopic.replaceAll('/', '%2F')}`
          : agentTopic;
      await this.client.publishAsync(topic, Buffer.from(bytes), { qos });
    }
  }

  async close(): Promise<void> {
    await this.client.endAsync();
  }
}

const MSG_TYPES: Record<string, usp.Header.MsgType> = {
  get: usp.Header.MsgType.GET,
  getSupportedDm: usp.Header.MsgType.GET_SUPPORTED_DM,
  getInstances: usp.Header.MsgType.GET_INSTANCES,
  set: usp.Header.MsgType.SET,
  add: usp.Header.MsgType.ADD,
  delete: usp.Header.MsgType.DELETE,
  operate: usp.Header.MsgType.OPERATE,
  getSupportedProtocol: usp.Header.MsgType.GET_SUPPORTED_PROTO,
};

/** An Add creating one enabled `Device.LocalAgent.Subscription.{i}.` (TR-181's parameters). */
export function subscriptionAdd(subscription: {
  id: string;
  notifType: string;
  referenceList: string;
  notifRetry?: boolean;
}): usp.IRequest {
  const paramSettings = [
    { param: 'Enable', value: 'true', required: true },
    { param: 'ID', value: subscription.id, required: true },
    { param: 'NotifType', value: subscription.notifType, required: true },
    { param: 'ReferenceList', value: subscription.referenceList, required: true },
  ];
  if (subscription.notifRetry !== undefined) {
    paramSettings.push({
      param: 'NotifRetry',
      value: String(subscription.notifRetry),
      required: true,
    });
  }
  return {
    add: {
      allowPartial: false,
      createObjs: [{ objPath: 'Device.LocalAgent.Subscription.', paramSettings }],
    },
  };
}

/** One suite's USP over MQTT: its topics, the translator's settings for them, its Controllers. */
export interface UspMqttSetup {
  /** Unique to the suite, so suites on the shared MQTT server do not hear each other. */
  prefix: string;
  agentTopic: string;
  /** The translator's configured Controller topic. */
  controllerTopic: string;
  /** MERIDIAN_USP_MQTT_URL, _AGENT_TOPIC and _CONTROLLER_TOPIC for these topics. */
  agentEnv: Record<string, string>;
  /**
   * A test Controller connected on these topics (MQTT 5 unless `mode` says otherwise), answered
   * on `replyTopic`, by default `<prefix>/<name>` (`name` defaults to the mode).
   */
  controller(options?: {
    mode?: ControllerMode;
    name?: string;
    replyTopic?: string;
  }): Promise<UspTestController>;
  /** Closes every Controller `controller()` connected. */
  close(): Promise<void>;
}

/** A USP-over-MQTT setup on topics of its own under `meridian-test/`, on the MQTT server at `url`. */
export function uspMqttSetup(url = MQTT_URL): UspMqttSetup {
  const prefix = `meridian-test/${randomBytes(4).toString('hex')}`;
  const agentTopic = `${prefix}/agent`;
  const controllerTopic = `${prefix}/controller`;
  const controllers: UspTestController[] = [];
  return {
    prefix,
    agentTopic,
    controllerTopic,
    agentEnv: {
      MERIDIAN_USP_MQTT_URL: url,
      MERIDIAN_USP_AGENT_TOPIC: agentTopic,
      MERIDIAN_USP_CONTROLLER_TOPIC: controllerTopic,
    },
    async controller({ mode = 'mqtt5', name = mode, replyTopic = `${prefix}/${name}` } = {}) {
      const controller = await UspTestController.connect({ url, mode, agentTopic, replyTopic });
      controllers.push(controller);
      return controller;
    },
    async close() {
      await Promise.all(controllers.splice(0).map((c) => c.close()));
    },
  };
}
