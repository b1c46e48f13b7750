import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import {
  BROKERS,
  builtMain,
  eventually,
  freePort,
  MQTT_URL,
  startProcess,
  stopProcess,
  subscriptionAdd,
  UspTestController,
} from '@meridian/testing';
import { endpointIdOf, usp, usp_record } from '@meridian/usp';
import { startServices, type Services } from './services-setup';

/*
 * The translator as deployed (apps/usp-translator as a process, beside the gateway and
 * provisioning on the real Kafka, Redis, FerretDB and Mosquitto, a simulated router) SIGKILLed
 * while an Operate with send_resp false is in progress and a Get over the Kafka MTP is in
 * flight. Started again, it still has the Request, sends its OperationComplete once, and
 * answers the Get: nothing is lost, nothing hangs.
 */
jest.setTimeout(120_000);

describe('the USP translator SIGKILLed mid-request', () => {
  const agentTopic = `meridian-test/${randomBytes(4).toString('hex')}/agent`;
  const kafkaController = 'self::usp-kill-kafka-controller';
  let services: Services;
  let translator: ChildProcess | undefined;
  let controller: UspTestController;
  let producer: Producer;
  let consumer: Consumer;
  const kafkaAnswers: usp.Msg[] = [];
  let agent: string;
  let deviceId: string;

  const startTranslator = async (): Promise<void> => {
    const opsPort = await freePort();
    translator = await startProcess(
      builtMain('usp-translator'),
      {
        ...services.infra,
        MERIDIAN_USP_MQTT_URL: MQTT_URL,
        MERIDIAN_USP_AGENT_TOPIC: agentTopic,
        MERIDIAN_USP_KAFKA_MTP: 'true',
        MERIDIAN_USP_INSTANCE_ID: 'usp-kill',
        MERIDIAN_USP_CWMP_TIMEOUT_MS: '30000',
        // The killed member leaves its consumer groups this soon, for the restarted one.
        MERIDIAN_KAFKA_SESSION_TIMEOUT_MS: '6000',
        MERIDIAN_OPS_HOST: '127.0.0.1',
        MERIDIAN_OPS_PORT: String(opsPort),
      },
      opsPort,
    );
  };

  const operationCompletes = () =>
    controller.received.filter(
      (r) => r.msg?.body?.request?.notify?.operComplete?.commandKey === 'ping-kill',
    );

  beforeAll(async () => {
    services = await startServices({
      name: 'uspkill',
      devices: 1,
      nbi: false,
      // The CPE reports its ping 8 s after it ran it: long enough for the kill and the restart.
      simulator: { diagnostics: { delayMs: 8_000 } },
    });
    const cpe = services.sim.devices[0]!;
    deviceId = services.deviceIdOf(cpe);
    agent = endpointIdOf({
      oui: '00D09E',
      productClass: 'SimRouter',
      serialNumber: cpe.serialNumber,
    });
    await startTranslator();
    controller = await UspTestController.connect({
      url: MQTT_URL,
      mode: 'mqtt5',
      agentTopic,
      replyTopic: `${agentTopic}-controller`,
    });
    const kafka = new Kafka({ clientId: 'usp-kill', brokers: BROKERS, logLevel: logLevel.NOTHING });
    producer = kafka.producer();
    await producer.connect();
    consumer = kafka.consumer({
      groupId: `${services.kafkaPrefix}usp-kill-controller`,
      maxWaitTimeInMs: 100,
    });
    await consumer.connect();
    await consumer.subscribe({
      topics: [`${services.kafkaPrefix}usp.responses`],
      fromBeginning: true,
    });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const record = usp_record.Record.decode(message.value!);
        const payload = record.noSessionContext?.payload;
        if (payload) kafkaAnswers.push(usp.Msg.decode(payload));
      },
    });
  }, 150_000);

  afterAll(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
    await controller?.close();
    if (translator) await stopProcess(translator);
    await services?.stop();
  });

  it('keeps the Request, sends its OperationComplete once and answers the Get in flight', async () => {
    const added = await controller.request(
      agent,
      subscriptionAdd({
        id: 'ops',
        notifType: 'OperationComplete',
        referenceList: 'Device.IP.Diagnostics.',
      }),
      { timeoutMs: 30_000 },
    );
    expect(added.msg?.body?.response?.addResp?.createdObjResults).toHaveLength(1);
    await controller.send(
      controller.record(agent, 'operate-kill', {
        operate: {
          command: 'Device.IP.Diagnostics.IPPing()',
          commandKey: 'ping-kill',
          sendResp: false,
          inputArgs: { Host: '127.0.0.1', NumberOfRepetitions: '1' },
        },
      }),
    );
    // The CPE has the test (its SetParameterValues went out): the operation is in progress.
    const cpe = services.sim.devices[0]!;
    await eventually(
      () => cpe.state.values.get('Device.IP.Diagnostics.IPPing.DiagnosticsState') === 'Requested',
      30_000,
    );

    // A Get over Kafka, then the kill before (or while) the translator answers it.
    const payload = usp.Msg.encode({
      header: { msgId: 'get-kill', msgType: usp.Header.MsgType.GET },
      body: { request: { get: { paramPaths: ['Device.DeviceInfo.SoftwareVersion'] } } },
    }).finish();
    await producer.send({
      topic: `${services.kafkaPrefix}usp.requests`,
      messages: [
        {
          key: agent,
          value: Buffer.from(
            usp_record.Record.encode({
              version: '1.4',
              toId: agent,
              fromId: kafkaController,
              noSessionContext: { payload },
            }).finish(),
          ),
        },
      ],
    });
    const killed = translator!;
    const exited = new Promise((r) => killed.once('exit', r));
    killed.kill('SIGKILL');
    await exited;

    expect((await services.store.uspRequests.list(deviceId)).map((r) => r.params)).toEqual([
      expect.objectContaining({
        Command: 'Device.IP.Diagnostics.IPPing()',
        CommandKey: 'ping-kill',
        Status: 'Active',
      }),
    ]);
    expect(operationCompletes()).toEqual([]);

    await startTranslator();
    await eventually(() => operationCompletes().length > 0, 60_000).catch(() => {
      throw new Error(
        `no OperationComplete; received ${JSON.stringify(controller.received.map((r) => r.msg?.body))}`,
      );
    });
    expect(operationCompletes()[0]?.msg?.body?.request?.notify?.operComplete).toMatchObject({
      objPath: 'Device.IP.Diagnostics.',
      commandName: 'IPPing()',
      reqOutputArgs: { outputArgs: expect.objectContaining({ Status: 'Complete' }) },
    });
    expect(await services.store.uspRequests.list(deviceId)).toEqual([]);

    // The Get: its answer (before the kill, or again after the restart), or an Error.
    const getAnswers = () => kafkaAnswers.filter((m) => m.header?.msgId === 'get-kill');
    await eventually(() => getAnswers().length > 0, 60_000).catch(() => {
      throw new Error(
        `no answer to the Get; usp.responses had ${JSON.stringify(kafkaAnswers.map((m) => m.header))}`,
      );
    });
    const [answer] = getAnswers();
    expect(answer?.body?.response?.getResp ?? answer?.body?.error).toBeTruthy();
    if (answer?.body?.response) {
      expect(
        answer.body.response.getResp?.reqPathResults?.[0]?.resolvedPathResults?.[0]?.resultParams,
      ).toEqual({ SoftwareVersion: expect.any(String) });
    }

    // Exactly once: no second OperationComplete from a replayed result.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(operationCompletes()).toHaveLength(1);
  });
});
