import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  builtMain,
  freePort,
  grantKafkaAcls,
  SECURED,
  securedKafkaEnv,
  securedRedisEnv,
  startProcess,
  stopProcess,
  UspTestController,
} from '@meridian/testing';
import { endpointIdOf } from '@meridian/usp';
import { startServices, type Services } from './services-setup';

/*
 * Meridian as deployed on a carrier's secured servers (scripts/infra's TLS listeners): every
 * service on Kafka over SASL_SSL (SCRAM-SHA-512, the CA of the brokers' certificate) as a user
 * that holds only the ACLs helm/meridian/README.md lists, and on Redis over TLS with a client
 * certificate; the USP translator on an MQTT server that requires a client
 * certificate and a password. A CPE boots and is registered, an NBI task reaches it, the services
 * are ready, and a USP Controller's Get is answered: every path of a command crosses them.
 */
jest.setTimeout(120_000);

const secured = { ...securedKafkaEnv(), ...securedRedisEnv() };

describe('the services on secured Kafka, Redis and MQTT servers', () => {
  const agentTopic = `meridian-test/${randomBytes(4).toString('hex')}/agent`;
  let services: Services;
  let translator: ChildProcess | undefined;
  let translatorOps: number;

  beforeAll(async () => {
    // Every run's topics and groups start with it (startServices' uniqueKafkaPrefix).
    await grantKafkaAcls(`User:${SECURED.username}`, 'e2e-secured-');
    services = await startServices({
      name: 'secured',
      devices: 1,
      nbi: true,
      store: 'sqlite',
      env: secured,
    });
    translatorOps = await freePort();
    translator = await startProcess(
      builtMain('usp-translator'),
      {
        ...services.infra,
        MERIDIAN_USP_MQTT_URL: SECURED.mqttUrl,
        MERIDIAN_USP_MQTT_USERNAME: SECURED.username,
        MERIDIAN_USP_MQTT_PASSWORD: SECURED.password,
        MERIDIAN_USP_MQTT_TLS_CA: SECURED.caFile,
        MERIDIAN_USP_MQTT_TLS_CERT: SECURED.certFile,
        MERIDIAN_USP_MQTT_TLS_KEY: SECURED.keyFile,
        MERIDIAN_USP_AGENT_TOPIC: agentTopic,
        MERIDIAN_USP_INSTANCE_ID: 'secured',
        MERIDIAN_USP_KAFKA_MTP: 'true',
        MERIDIAN_OPS_HOST: '127.0.0.1',
        MERIDIAN_OPS_PORT: String(translatorOps),
      },
      translatorOps,
    );
  }, 150_000);

  afterAll(async () => {
    if (translator) await stopProcess(translator);
    await services?.stop();
  }, 60_000);

  it('registers a booted CPE and carries an NBI task to it and back', async () => {
    const cpe = services.sim.devices[0]!;
    const read = await services.call(
      'POST',
      `/devices/${services.deviceIdOf(cpe)}/tasks?connectionRequest=true&timeout=45000`,
      { name: 'getParameterValues', parameterNames: ['Device.DeviceInfo.SerialNumber'] },
    );
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({
      status: 'done',
      response: {
        parameterList: [{ name: 'Device.DeviceInfo.SerialNumber', value: cpe.serialNumber }],
      },
    });
  });

  it('the translator is ready: its Kafka and Redis checks pass over TLS', async () => {
    const response = await fetch(`http://127.0.0.1:${translatorOps}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      ready: true,
      checks: { kafka: 'ok', redis: 'ok' },
    });
  });

  it("answers a USP Controller's Get over MQTT with TLS, client certificate and password", async () => {
    const cpe = services.sim.devices[0]!;
    const agent = endpointIdOf({
      oui: '00D09E',
      productClass: 'SimRouter',
      serialNumber: cpe.serialNumber,
    });
    const controller = await UspTestController.connect({
      url: SECURED.mqttUrl,
      mode: 'mqtt5',
      agentTopic,
      replyTopic: `${agentTopic}-controller`,
      security: {
        username: SECURED.username,
        password: SECURED.password,
        ca: readFileSync(SECURED.caFile),
        cert: readFileSync(SECURED.certFile),
        key: readFileSync(SECURED.keyFile),
      },
    });
    try {
      const answer = await controller.request(agent, {
        get: { paramPaths: ['Device.DeviceInfo.SerialNumber'] },
      });
      expect(answer.msg?.body?.response?.getResp?.reqPathResults?.[0]).toMatchObject({
        resolvedPathResults: [
          { resolvedPath: 'Device.DeviceInfo.', resultParams: { SerialNumber: cpe.serialNumber } },
        ],
      });
    } finally {
      await controller.close();
    }
  });
});
