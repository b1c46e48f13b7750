import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:tls';
import type { MqttClient } from 'mqtt';
import mongoose from 'mongoose';
import type { Bus } from '@meridian/bus';
import { infrastructureSpec, readConfig, uspSpec } from '@meridian/config';
import { SCHEMA_VERSION, Topics, type ConnectionRequestMessage } from '@meridian/contracts';
import {
  deleteKafkaTopics,
  eventually,
  createTestPki,
  grantKafkaAcls,
  MONGO_URL,
  SECURED,
  securedKafkaEnv,
  uniqueKafkaPrefix,
} from '@meridian/testing';
import { MqttMtp } from '@meridian/usp-agent';
import { stderrLogger } from '@meridian/bus';
import {
  createBus,
  createSessionStore,
  createStore,
  kafkaCheck,
  type DependencyCheck,
  kafkaSecurityOf,
  mongoCheck,
  mongoTlsOf,
  mqttSecurityOf,
  redisCheck,
  redisTlsOf,
  watchMqttSecurity,
} from '../src';

/*
 * The adapters on the secured listeners of scripts/infra's servers, configured as a carrier
 * would (MERIDIAN_* variables naming PEM files): each SASL mechanism and TLS with a client
 * certificate on Kafka (whose authorizer lets the user do only what the services' ACLs on its
 * prefix allow), Redis over TLS with a client certificate, MQTT with a client certificate and a
 * password; and what a wrong password, a missing certificate or missing ACLs give.
 */
jest.setTimeout(60_000);

/** A readiness check that fails (its server refuses the connection), then closed. */
async function expectRefused(check: DependencyCheck, message?: RegExp): Promise<void> {
  try {
    await expect(check.check()).rejects.toThrow(message);
  } finally {
    await check.close();
  }
}

const kafkaEnv = (vars: Record<string, string>) =>
  readConfig(infrastructureSpec, {
    MERIDIAN_BUS: 'kafka',
    MERIDIAN_KAFKA_PARTITIONS: '1',
    ...vars,
  });

const certificateEnv = {
  MERIDIAN_KAFKA_BROKERS: SECURED.kafkaTlsBroker,
  MERIDIAN_KAFKA_TLS: 'true',
  MERIDIAN_KAFKA_TLS_CA: SECURED.caFile,
  MERIDIAN_KAFKA_TLS_CERT: SECURED.certFile,
  MERIDIAN_KAFKA_TLS_KEY: SECURED.keyFile,
};

const crMessage = (deviceId: string): ConnectionRequestMessage => ({
  schemaVersion: SCHEMA_VERSION,
  deviceId,
  commandIds: [],
  outcome: 'sent',
  attempts: 1,
  gatewayId: 'secured-test',
  time: new Date().toISOString(),
});

describe('Kafka with TLS and SASL', () => {
  const prefixes: string[] = [];
  const buses: Bus[] = [];
  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    await Promise.all(prefixes.map(deleteKafkaTopics));
  });

  /**
   * A message published on a bus made from `vars` comes back to a subscriber of the same bus,
   * `principal` holding the services' ACLs on its prefix and no more.
   */
  const roundTrip = async (vars: Record<string, string>, principal: string) => {
    const prefix = uniqueKafkaPrefix('secured');
    prefixes.push(prefix);
    await grantKafkaAcls(principal, prefix);
    const bus = await createBus(
      kafkaEnv({ ...vars, MERIDIAN_KAFKA_TOPIC_PREFIX: prefix }),
      'secured',
    );
    buses.push(bus);
    const received: string[] = [];
    await bus.subscribe(Topics.connectionRequests, 'secured', async (m) => {
      received.push(m.key);
    });
    await bus.publish(Topics.connectionRequests, 'device-1', crMessage('device-1'));
    await eventually(() => received.includes('device-1'), 30_000);
  };

  it.each(['scram-sha-512', 'plain'] as const)(
    'publishes and consumes over SASL_SSL with %s',
    async (mechanism) => {
      await roundTrip(securedKafkaEnv(mechanism), `User:${SECURED.username}`);
    },
  );

  it('publishes and consumes over TLS with a client certificate', async () => {
    // The certificate's subject is the principal.
    await roundTrip(certificateEnv, `User:CN=${SECURED.username}`);
  });

  it('without ACLs on its prefix the user is refused at start', async () => {
    const prefix = uniqueKafkaPrefix('secured-no-acl');
    prefixes.push(prefix);
    const env = kafkaEnv({
      ...securedKafkaEnv('scram-sha-512'),
      MERIDIAN_KAFKA_TOPIC_PREFIX: prefix,
    });
    await expect(createBus(env, 'secured')).rejects.toThrow(
      /creating Kafka topics failed: Not authorized to access topics: \[Topic authorization failed\] \(18 topics/,
    );
  });

  it('a wrong password fails the start and the readiness check with the SASL error', async () => {
    const env = kafkaEnv(securedKafkaEnv('scram-sha-512', 'not-the-password'));
    await expect(createBus(env, 'secured')).rejects.toThrow(
      /SASL SCRAM SHA512 authentication failed/,
    );
    await expectRefused(
      kafkaCheck(env.MERIDIAN_KAFKA_BROKERS, kafkaSecurityOf(env)),
      /authentication failed/,
    );
  });

  it('without the client certificate the broker refuses the handshake', async () => {
    const env = kafkaEnv({
      ...certificateEnv,
      MERIDIAN_KAFKA_TLS_CERT: '',
      MERIDIAN_KAFKA_TLS_KEY: '',
    });
    await expectRefused(
      kafkaCheck(env.MERIDIAN_KAFKA_BROKERS, kafkaSecurityOf(env)),
      /bad certificate|certificate required/,
    );
  });
});

describe('Redis over TLS with a client certificate', () => {
  const redisEnv = (vars: Record<string, string>) =>
    readConfig(infrastructureSpec, {
      MERIDIAN_SESSION_STORE: 'redis',
      MERIDIAN_REDIS_URL: SECURED.redisUrl,
      MERIDIAN_REDIS_TLS_CA: SECURED.caFile,
      ...vars,
    });

  it('keeps a session and reads it back', async () => {
    const sessions = createSessionStore(
      redisEnv({
        MERIDIAN_REDIS_TLS_CERT: SECURED.certFile,
        MERIDIAN_REDIS_TLS_KEY: SECURED.keyFile,
      }),
    );
    try {
      const sessionId = `secured-${randomBytes(4).toString('hex')}`;
      await sessions.putSession(sessionId, { step: 'inform' }, 10_000);
      expect(await sessions.getSession(sessionId)).toEqual({ step: 'inform' });
    } finally {
      await sessions.close();
    }
  });

  it('without the client certificate the readiness check fails', async () => {
    const env = redisEnv({});
    await expectRefused(redisCheck(env.MERIDIAN_REDIS_URL, redisTlsOf(env)));
  });
});

describe('MQTT with a client certificate and a password', () => {
  const mqttEnv = (vars: Record<string, string>) =>
    readConfig(uspSpec, {
      MERIDIAN_USP_MQTT_URL: SECURED.mqttUrl,
      MERIDIAN_USP_MQTT_USERNAME: SECURED.username,
      MERIDIAN_USP_MQTT_TLS_CA: SECURED.caFile,
      MERIDIAN_USP_MQTT_TLS_CERT: SECURED.certFile,
      MERIDIAN_USP_MQTT_TLS_KEY: SECURED.keyFile,
      ...vars,
    });
  const start = (vars: Record<string, string>) =>
    MqttMtp.start(
      {
        url: SECURED.mqttUrl,
        security: mqttSecurityOf(mqttEnv(vars)),
        agentTopic: `meridian-test/${randomBytes(4).toString('hex')}/agent`,
        controllerTopic: 'meridian-test/controller',
        clientId: `secured-${randomBytes(4).toString('hex')}`,
        logger: stderrLogger('error', 'secured-test'),
      },
      async () => [],
    );

  it('connects and subscribes', async () => {
    const mtp = await start({ MERIDIAN_USP_MQTT_PASSWORD: SECURED.password });
    await mtp.close();
  });

  it('a wrong password is refused by the server', async () => {
    await expect(start({ MERIDIAN_USP_MQTT_PASSWORD: 'not-the-password' })).rejects.toThrow(
      /Not authorized|Bad User Name or Password/i,
    );
  });

  it('presents a client certificate renewed in its files on its next connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtt-tls-'));
    const files = { cert: join(dir, 'tls.crt'), key: join(dir, 'tls.key') };
    copyFileSync(SECURED.certFile, files.cert);
    copyFileSync(SECURED.keyFile, files.key);
    const vars = {
      MERIDIAN_USP_MQTT_PASSWORD: SECURED.password,
      MERIDIAN_USP_MQTT_TLS_CERT: files.cert,
      MERIDIAN_USP_MQTT_TLS_KEY: files.key,
    };
    const foreign = createTestPki();
    const mtp = await start(vars);
    const client = (mtp as unknown as { client: MqttClient }).client;
    const logs: string[] = [];
    const stop = watchMqttSecurity(
      mqttEnv(vars),
      mqttSecurityOf(mqttEnv(vars)),
      mtp,
      { log: (m) => logs.push(m), warn: () => undefined },
      10,
    );
    const until = async (done: () => boolean) => {
      for (let i = 0; i < 1000 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
    };
    try {
      // A certificate the server does not trust: the next connection is refused.
      const untrusted = foreign.client('meridian');
      writeFileSync(files.cert, untrusted.cert);
      writeFileSync(files.key, untrusted.key);
      await until(() => logs.length === 1);
      expect(logs).toEqual([
        'MQTT client certificate read again: the next connection presents them',
      ]);
      client.stream.destroy();
      await new Promise((r) => setTimeout(r, 2_500));
      expect(client.connected).toBe(false);
      // The trusted one again: the client reconnects with it.
      copyFileSync(SECURED.certFile, files.cert);
      copyFileSync(SECURED.keyFile, files.key);
      await until(() => client.connected);
      expect(client.connected).toBe(true);
    } finally {
      stop();
      await mtp.close();
      foreign.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/*
 * scripts/infra's FerretDB has no TLS listener: a TLS server of the test's own, requiring a
 * client certificate of the test CA, stands in front of it and passes the bytes through, so the
 * driver's TLS handshake and the Mongo wire protocol behind it are both real.
 */
describe('MongoDB over TLS with a client certificate', () => {
  let terminator: Server;
  let url: string;
  const dbName = `secured_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    const upstream = new URL(MONGO_URL);
    terminator = createServer(
      {
        cert: readFileSync(SECURED.serverCertFile),
        key: readFileSync(SECURED.serverKeyFile),
        ca: readFileSync(SECURED.caFile),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (client) => {
        const server = connect(Number(upstream.port || 27017), upstream.hostname);
        client.pipe(server).pipe(client);
        client.on('error', () => server.destroy());
        server.on('error', () => client.destroy());
      },
    );
    await new Promise<void>((resolve) => terminator.listen(0, '127.0.0.1', resolve));
    url = `mongodb://127.0.0.1:${(terminator.address() as AddressInfo).port}/${dbName}`;
  });

  afterAll(async () => {
    terminator?.close();
    const connection = await mongoose
      .createConnection(MONGO_URL, { dbName, serverSelectionTimeoutMS: 5_000 })
      .asPromise();
    await connection.dropDatabase();
    await connection.close();
  });

  const mongoEnv = (vars: Record<string, string>) =>
    readConfig(infrastructureSpec, {
      MERIDIAN_STORE: 'mongo',
      MERIDIAN_MONGO_URL: url,
      MERIDIAN_MONGO_TLS_CA: SECURED.caFile,
      ...vars,
    });

  it('opens the store and the readiness check passes', async () => {
    const env = mongoEnv({
      MERIDIAN_MONGO_TLS_CERT: SECURED.certFile,
      MERIDIAN_MONGO_TLS_KEY: SECURED.keyFile,
    });
    const store = await createStore(env);
    const check = mongoCheck(env.MERIDIAN_MONGO_URL, mongoTlsOf(env));
    try {
      expect(await store.devices.get('00D09E-SimRouter-NOPE')).toBeNull();
      await check.check();
    } finally {
      await check.close();
      await store.close();
    }
  });

  it('without the client certificate the readiness check fails', async () => {
    const env = mongoEnv({});
    await expectRefused(mongoCheck(env.MERIDIAN_MONGO_URL, mongoTlsOf(env)));
  });
});
