import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { createBus, createStore } from '@meridian/adapters';
import { silentLogger, type Bus } from '@meridian/bus';
import { infrastructureSpec, readConfig, uspSpec } from '@meridian/config';
import { InMemorySessionStore } from '@meridian/session-store';
import type { Store } from '@meridian/store';
import {
  BROKERS,
  deleteKafkaTopics,
  eventually,
  subscriptionAdd,
  uniqueKafkaPrefix,
} from '@meridian/testing';
import { endpointIdOf, usp, usp_record } from '@meridian/usp';
import { startUspTranslator, type UspTranslatorService } from '../src';

/**
 * The Kafka MTP on a real broker: a Controller inside the platform produces Records to
 * usp.requests and reads the answers from usp.responses, keyed by the Agent's Endpoint ID.
 */
jest.setTimeout(60_000);

describe('USP over Kafka', () => {
  const prefix = uniqueKafkaPrefix('usp-kafka');
  const deviceId = '00D09E-SimRouter-KAF000001';
  const agent = endpointIdOf({
    oui: '00D09E',
    productClass: 'SimRouter',
    serialNumber: 'KAF000001',
  });
  const controller = 'self::kafka-test-controller';
  let dataDir: string;
  let bus: Bus;
  let store: Store;
  let service: UspTranslatorService;
  let producer: Producer;
  let consumer: Consumer;
  const answers: { key: string; contentType: string; record: usp_record.Record }[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'usp-kafka-'));
    const env = readConfig(infrastructureSpec, {
      MERIDIAN_BUS: 'kafka',
      MERIDIAN_KAFKA_BROKERS: BROKERS.join(','),
      MERIDIAN_KAFKA_TOPIC_PREFIX: prefix,
      MERIDIAN_KAFKA_PARTITIONS: '2',
      MERIDIAN_DATA_DIR: dataDir,
    });
    bus = await createBus(env, 'usp-kafka-test');
    store = await createStore(env);
    const now = new Date();
    await store.devices.register({
      deviceId,
      identity: {
        manufacturer: 'Sim',
        oui: '00D09E',
        productClass: 'SimRouter',
        serialNumber: 'KAF000001',
      },
      tags: [],
      registeredAt: now,
    });
    await store.parameters.upsertMany(deviceId, [
      {
        path: 'Device.DeviceInfo.SoftwareVersion',
        value: '1.2.3',
        type: 'xsd:string',
        updatedAt: now,
      },
    ]);
    service = await startUspTranslator({
      bus,
      store,
      sessions: new InMemorySessionStore(),
      env: readConfig(uspSpec, {}),
      instanceId: 'kafka-test',
      logger: silentLogger,
      kafka: { brokers: BROKERS, topicPrefix: prefix },
    });
    const kafka = new Kafka({
      clientId: 'usp-kafka-controller',
      brokers: BROKERS,
      logLevel: logLevel.NOTHING,
    });
    producer = kafka.producer();
    await producer.connect();
    consumer = kafka.consumer({ groupId: `${prefix}test-controller`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: [`${prefix}usp.responses`], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        answers.push({
          key: message.key?.toString() ?? '',
          contentType: message.headers?.['content-type']?.toString() ?? '',
          record: usp_record.Record.decode(message.value!),
        });
      },
    });
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
    await service?.close();
    await bus?.close();
    await store?.close();
    await deleteKafkaTopics(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const send = async (
    msgId: string,
    request: usp.IRequest,
    msgType: usp.Header.MsgType,
    headers = {},
  ) => {
    const payload = usp.Msg.encode({ header: { msgId, msgType }, body: { request } }).finish();
    const record = usp_record.Record.encode({
      version: '1.4',
      toId: agent,
      fromId: controller,
      noSessionContext: { payload },
    }).finish();
    await producer.send({
      topic: `${prefix}usp.requests`,
      messages: [{ key: agent, value: Buffer.from(record), headers }],
    });
  };
  const answerTo = async (msgId: string) => {
    let found: (typeof answers)[number] | undefined;
    await eventually(() => {
      found = answers.find(
        (a) => usp.Msg.decode(a.record.noSessionContext!.payload!).header?.msgId === msgId,
      );
      return found !== undefined;
    }, 30_000);
    return { ...found!, msg: usp.Msg.decode(found!.record.noSessionContext!.payload!) };
  };

  it('answers on usp.responses, keyed by the Agent, with the USP content type', async () => {
    await send(
      'k-1',
      { getSupportedProtocol: { controllerSupportedProtocolVersions: '1.4' } },
      usp.Header.MsgType.GET_SUPPORTED_PROTO,
    );

    const answer = await answerTo('k-1');
    expect(answer).toMatchObject({ key: agent, contentType: 'application/vnd.bbf.usp.msg' });
    expect(answer.record).toMatchObject({ toId: controller, fromId: agent });
    expect(
      answer.msg.body?.response?.getSupportedProtocolResp?.agentSupportedProtocolVersions,
    ).toBe('1.0,1.1,1.2,1.3,1.4');
  });

  it('answers a Get from the cache when the header says the cache is acceptable', async () => {
    await send(
      'k-2',
      { get: { paramPaths: ['Device.DeviceInfo.SoftwareVersion'] } },
      usp.Header.MsgType.GET,
      { 'meridian-cache-acceptable': 'true' },
    );

    const answer = await answerTo('k-2');
    expect(answer.msg.body?.response?.getResp?.reqPathResults?.[0]?.resolvedPathResults).toEqual([
      { resolvedPath: 'Device.DeviceInfo.', resultParams: { SoftwareVersion: '1.2.3' } },
    ]);
  });

  it('sends the Notify of a subscription made over Kafka on usp.responses', async () => {
    const subscription = (id: string, notifType: string, referenceList: string) =>
      subscriptionAdd({ id, notifType, referenceList });
    // Subscriptions are the translator's own objects: adding one is an ObjectCreation.
    await send(
      'k-3',
      subscription('k-created', 'ObjectCreation', 'Device.LocalAgent.Subscription.'),
      usp.Header.MsgType.ADD,
    );
    await answerTo('k-3');
    await send('k-4', subscription('k-boot', 'Event', 'Device.Boot!'), usp.Header.MsgType.ADD);
    const added = await answerTo('k-4');
    const instance =
      added.msg.body?.response?.addResp?.createdObjResults?.[0]?.operStatus?.operSuccess
        ?.instantiatedPath;

    let notify: (typeof answers)[number] | undefined;
    await eventually(() => {
      notify = answers.find(
        (a) =>
          usp.Msg.decode(a.record.noSessionContext!.payload!).body?.request?.notify
            ?.subscriptionId === 'k-created',
      );
      return notify !== undefined;
    }, 30_000);
    expect(notify).toMatchObject({ key: agent, contentType: 'application/vnd.bbf.usp.msg' });
    expect(notify!.record).toMatchObject({ toId: controller, fromId: agent });
    expect(
      usp.Msg.decode(notify!.record.noSessionContext!.payload!).body?.request?.notify,
    ).toMatchObject({
      objCreation: { objPath: instance, uniqueKeys: { ID: 'k-boot' } },
    });
  });
});
