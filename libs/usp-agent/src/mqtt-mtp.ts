import {
  connectAsync,
  type IClientOptions,
  type IClientPublishOptions,
  type MqttClient,
} from 'mqtt';
import type { Logger } from '@meridian/bus';
import { withoutCredentials } from '@meridian/config';
import { mqttConnectRecord, parseRecord } from '@meridian/usp';
import type { RequestContext } from './translator';

/** Content Types of a USP Record (R-MQTT.27, R-MQTT.27a). */
export const USP_CONTENT_TYPES: ReadonlySet<string> = new Set([
  'usp.msg',
  'application/vnd.bbf.usp.msg',
]);

/** The MQTT 5 User Property a Controller sets to let a Get be answered from the cache. */
export const CACHE_ACCEPTABLE_PROPERTY = 'meridian-cache-acceptable';

const REPLY_TO = '/reply-to=';

/**
 * How the translator authenticates to the MQTT server: a user name and password (MQTT CONNECT),
 * and over mqtts:// or wss:// the CAs to trust and a client certificate and key (PEM).
 */
export type MqttSecurity = Pick<IClientOptions, 'username' | 'password' | 'ca' | 'cert' | 'key'>;

export interface MqttMtpOptions {
  url: string;
  security?: MqttSecurity;
  /** Requests arrive on this topic and on `<topic>/#`; replies name `<topic>/<endpoint id>`. */
  agentTopic: string;
  /** Where a request without Response Topic nor `/reply-to=` is answered. */
  controllerTopic: string;
  clientId: string;
  logger: Logger;
}

/** The Records to send back for one received Record, in order (none: ignore it). */
export type RecordHandler = (record: Uint8Array, context: RequestContext) => Promise<Uint8Array[]>;

/** Agent–Controller pairs remembered as having had their MQTTConnect Record; beyond: forget all. */
const MAX_CONNECTED_PAIRS = 100_000;

/**
 * TR-369's MQTT MTP on the translator's side: one MQTT 5 connection for every device, one
 * shared subscription (replicas of the translator split the requests between them), routing by
 * the Record's to_id (the handler's job). The reply goes to the request's Response Topic (MQTT 5,
 * R-MQTT.26), else to the topic after `/reply-to=` (MQTT 3.1.1, R-MQTT.25), else to the
 * configured Controller topic (fixed-topic deployments; one warn line per Controller).
 */
export class MqttMtp {
  private readonly warned = new Set<string>();
  /**
   * `agent|controller` pairs that had the MQTTConnect Record on this connection (R-MTP.6):
   * cleared on each (re)connection, and for a pair when the Agent sends a Disconnect (R-MTP.8).
   */
  private readonly connected = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();

  private constructor(
    private readonly client: MqttClient,
    private readonly options: MqttMtpOptions,
    private readonly handler: RecordHandler,
  ) {}

  static async start(options: MqttMtpOptions, handler: RecordHandler): Promise<MqttMtp> {
    const client = await connectAsync(options.url, {
      ...options.security,
      protocolVersion: 5,
      clientId: options.clientId,
      reconnectPeriod: 1000,
      // Requests sent while the translator was away are not the next replica's to answer late.
      clean: true,
    });
    noDelay(client);
    // Each reconnection is a new socket.
    client.on('connect', () => noDelay(client));
    const mtp = new MqttMtp(client, options, handler);
    // A new MQTT connection: each Agent announces itself again before its next Record.
    client.on('connect', () => mtp.connected.clear());
    client.on('message', (topic, payload, packet) =>
      mtp.track(mtp.onMessage(topic, payload, packet.qos, packet.properties)),
    );
    client.on('error', (err) => options.logger.warn('MQTT error', { error: err.message }));
    const granted = await client.subscribeAsync(subscriptionOf(options.agentTopic), { qos: 1 });
    if (granted.some((g) => g.qos > 2)) {
      await client.endAsync();
      throw new Error(`the MQTT server refused the subscription to ${options.agentTopic}/#`);
    }
    options.logger.info('USP over MQTT', {
      url: withoutCredentials(options.url),
      agentTopic: options.agentTopic,
      controllerTopic: options.controllerTopic,
    });
    return mtp;
  }

  /**
   * Credentials or TLS material renewed (a client certificate rotated in its Secret): the next
   * connection to the MQTT server presents them; the one open keeps its own.
   */
  setSecurity(security: MqttSecurity): void {
    Object.assign(this.client.options, security);
  }

  /** Stops taking requests, lets those in flight answer, then disconnects (R-MQTT.35). */
  async close(): Promise<void> {
    await this.client
      .unsubscribeAsync(subscriptionOf(this.options.agentTopic))
      .catch(() => undefined);
    await Promise.allSettled([...this.inFlight]);
    await this.client.endAsync();
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async onMessage(
    topic: string,
    payload: Buffer,
    qos: number,
    properties:
      | {
          contentType?: string;
          responseTopic?: string;
          userProperties?: Record<string, string | string[]>;
        }
      | undefined,
  ): Promise<void> {
    const log = this.options.logger;
    const contentType = properties?.contentType;
    if (contentType !== undefined && !USP_CONTENT_TYPES.has(contentType)) {
      log.warn('MQTT message ignored: not a USP Record', { topic, contentType });
      return;
    }
    const cacheFlag = properties?.userProperties?.[CACHE_ACCEPTABLE_PROPERTY];
    const given = properties?.responseTopic ?? replyToOf(topic);
    const context: RequestContext = {
      cacheAcceptable: [cacheFlag].flat().some((v) => v === 'true' || v === '1'),
      // The Controller's topic: where its answers, and the Notify of its subscriptions, go.
      replyTo: given ?? this.options.controllerTopic,
    };
    let answers: Uint8Array[];
    try {
      answers = await this.handler(new Uint8Array(payload), context);
    } catch (err) {
      log.error('USP Record could not be handled', { topic, error: (err as Error).stack });
      return;
    }
    for (const answer of answers) {
      const { toId: controller, fromId: agent } = parseRecord(answer);
      const replyTopic = given ?? this.defaultTopic(controller);
      await this.publish(replyTopic, agent, answer, qos >= 1 ? 1 : 0);
    }
  }

  /**
   * Publishes a Record of the Agent `agent` to a Controller's topic (answers, and Notify
   * messages on the topic the subscribing Controller's request came with); failures are logged.
   */
  async publish(replyTopic: string, agent: string, record: Uint8Array, qos: 0 | 1): Promise<void> {
    const parsed = parseRecord(record);
    const pair = `${agent}|${parsed.toId}`;
    if (!this.connected.has(pair)) {
      // R-MTP.6/R-MTP.8: the MQTTConnect Record before any other Record of this Agent to this
      // Controller on this connection (and again after a Disconnect).
      if (this.connected.size >= MAX_CONNECTED_PAIRS) this.connected.clear();
      this.connected.add(pair);
      const connect = mqttConnectRecord(
        { toId: parsed.toId, fromId: agent },
        'V5',
        `${this.options.agentTopic}/${agent}`,
      );
      await this.send(replyTopic, agent, connect, qos);
    }
    await this.send(replyTopic, agent, record, qos);
    if (parsed.type === 'disconnect') this.connected.delete(pair);
  }

  private async send(
    replyTopic: string,
    agent: string,
    record: Uint8Array,
    qos: 0 | 1,
  ): Promise<void> {
    const options: IClientPublishOptions = {
      qos,
      properties: {
        contentType: 'usp.msg',
        responseTopic: `${this.options.agentTopic}/${agent}`,
        userProperties: { 'usp-endpoint-id': agent },
      },
    };
    try {
      await this.client.publishAsync(replyTopic, Buffer.from(record), options);
    } catch (err) {
      this.options.logger.warn('USP Record could not be published', {
        replyTopic,
        error: (err as Error).message,
      });
    }
  }

  private defaultTopic(controller: string): string {
    if (!this.warned.has(controller)) {
      this.warned.add(controller);
      this.options.logger.warn(
        'USP Controller sent no Response Topic nor /reply-to=: answered on the configured Controller topic',
        { controller, controllerTopic: this.options.controllerTopic },
      );
    }
    return this.options.controllerTopic;
  }
}

/**
 * Turns Nagle's algorithm off on the client's TCP socket (TLS sockets too; WebSocket streams have
 * no such switch). With it on, a QoS 1 request's PUBACK and the answer that follows are two small
 * writes, and the answer waits for the server's delayed ACK: ~40 ms per Get (bench/usp.mjs).
 */
function noDelay(client: MqttClient): void {
  const stream = client.stream as { setNoDelay?: (on: boolean) => unknown } | undefined;
  stream?.setNoDelay?.(true);
}

/**
 * The one Topic Filter serving the agent topic and every topic beneath it (`<topic>/#` matches
 * `<topic>` itself too: two filters would deliver each request twice), shared between replicas.
 */
function subscriptionOf(agentTopic: string): string {
  return `$share/meridian-usp-translator/${agentTopic}/#`;
}

/** The reply topic of an MQTT 3.1.1 request topic `<agent topic>/reply-to=<topic with %2F>`. */
export function replyToOf(topic: string): string | undefined {
  const at = topic.lastIndexOf(REPLY_TO);
  if (at < 0) return undefined;
  const reply = topic
    .slice(at + REPLY_TO.length)
    .replaceAll('%2F', '/')
    .trim();
  return reply === '' ? undefined : reply;
}
