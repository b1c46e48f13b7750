import type { ChildProcess } from 'node:child_process';
import mongoose from 'mongoose';
import { createSimulator, type Simulator } from '@meridian/cpe-sim';
import {
  BROKERS,
  MONGO_URL,
  REDIS_URL,
  builtMain,
  eventually,
  freePort,
  nbiClient,
  startProcess,
  stopProcess,
} from '@meridian/testing';

/*
 * Meridian as deployed: the gateway, provisioning and NBI entry points as separate processes on
 * the real Kafka, Redis and MongoDB-wire servers of scripts/infra, and simulated CPEs. A device
 * that informs appears in the NBI (gateway → cwmp.inform → provisioning → MongoDB → NBI), and an
 * NBI task reaches it through Kafka and a connection request and comes back with its result.
 */
jest.setTimeout(240_000);

const KEY = 'services-admin-key-0123456789';

describe('the services on real infrastructure', () => {
  const run = Date.now();
  const mongoUrl = `${MONGO_URL.replace(/\/[^/]*$/, '')}/e2e_${run}`;
  const processes: ChildProcess[] = [];
  let sim: Simulator;
  let nbi: string;

  beforeAll(async () => {
    const [cwmpPort, nbiPort] = [await freePort(), await freePort()];
    const infra = {
      MERIDIAN_BUS: 'kafka',
      MERIDIAN_KAFKA_BROKERS: BROKERS.join(','),
      MERIDIAN_SESSION_STORE: 'redis',
      MERIDIAN_REDIS_URL: REDIS_URL,
      MERIDIAN_STORE: 'mongo',
      MERIDIAN_MONGO_URL: mongoUrl,
      MERIDIAN_LOG_LEVEL: 'warn',
    };
    processes.push(await startProcess(builtMain('provisioning'), infra));
    processes.push(
      await startProcess(
        builtMain('cwmp-gateway'),
        {
          ...infra,
          MERIDIAN_GATEWAY_ID: `services-${run}`,
          MERIDIAN_CWMP_HOST: '127.0.0.1',
          MERIDIAN_CWMP_PORT: String(cwmpPort),
          MERIDIAN_CR_USERNAME: 'cpe',
          MERIDIAN_CR_PASSWORD: 'cpe-secret',
        },
        cwmpPort,
      ),
    );
    processes.push(
      await startProcess(
        builtMain('nbi'),
        {
          ...infra,
          MERIDIAN_NBI_HOST: '127.0.0.1',
          MERIDIAN_NBI_PORT: String(nbiPort),
          MERIDIAN_NBI_API_KEYS: `e2e:admin:${KEY}`,
        },
        nbiPort,
      ),
    );
    nbi = `http://127.0.0.1:${nbiPort}`;
    sim = await createSimulator({
      count: 2,
      acsUrl: `http://127.0.0.1:${cwmpPort}/`,
      serialPrefix: `SVC${run}X`,
      crPort: 0,
      connectionRequestUsername: 'cpe',
      connectionRequestPassword: 'cpe-secret',
      periodicInformInterval: 0,
    });
    await sim.booted;
  });

  afterAll(async () => {
    await sim?.stop();
    await Promise.all(processes.map(stopProcess));
    const connection = await mongoose.createConnection(mongoUrl).asPromise();
    await connection.dropDatabase();
    await connection.close();
  });

  const call = (method: string, path: string, body?: unknown) =>
    nbiClient(nbi, KEY)(method, path, body);

  it('registers the devices and runs NBI tasks on them through Kafka and connection requests', async () => {
    const ids = sim.devices.map((d) => `00D09E-SimRouter-${d.serialNumber}`);
    await eventually(async () => {
      const listed = (await call('GET', '/devices?fields=deviceId&limit=1000')).json;
      return ids.every((id) => listed.items.some((d: { deviceId: string }) => d.deviceId === id));
    }, 60_000);

    const cpe = sim.devices[0]!;
    // A consumer group member left behind by an earlier test may hold the partition until its
    // session times out: allow for that in the wait.
    const read = await call(
      'POST',
      `/devices/${ids[0]}/tasks?connectionRequest=true&timeout=90000`,
      {
        name: 'getParameterValues',
        parameterNames: ['Device.DeviceInfo.SerialNumber'],
      },
    );
    expect(read.status).toBe(200);
    expect(read.json.response.parameterList[0].value).toBe(cpe.serialNumber);

    const session = cpe.nextSession();
    const write = await call(
      'POST',
      `/devices/${ids[0]}/tasks?connectionRequest=true&timeout=90000`,
      {
        name: 'setParameterValues',
        parameterValues: [
          ['Device.ManagementServer.PeriodicInformInterval', 1200, 'xsd:unsignedInt'],
        ],
      },
    );
    expect(write.json.status).toBe('done');
    await session;
    expect(cpe.value('Device.ManagementServer.PeriodicInformInterval')).toBe('1200');
    expect(cpe.value('Device.ManagementServer.ParameterKey')).toBe(write.json.commandId);
  });
});
