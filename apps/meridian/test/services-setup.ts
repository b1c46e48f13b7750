import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import mongoose from 'mongoose';
import type { EventMessage, ResultMessage } from '@meridian/contracts';
import {
  createSimulator,
  type SessionRecord,
  type SimulatedCpe,
  type Simulator,
  type SimulatorOptions,
} from '@meridian/cpe-sim';
import { createMongoStore, createSqliteStore, type Store } from '@meridian/store';
import {
  BROKERS,
  MONGO_URL,
  REDIS_URL,
  builtMain,
  deleteKafkaTopics,
  eventually,
  freePort,
  nbiClient,
  startProcess,
  stopProcess,
  tapTopic,
  uniqueKafkaPrefix,
  type NbiReply,
  type TopicTap,
} from '@meridian/testing';

/*
 * Meridian as deployed, for the services e2e files: the gateway, provisioning and (optionally)
 * NBI entry points as separate processes on the real Kafka, Redis and MongoDB-wire servers of
 * scripts/infra, and simulated CPEs pointed at the gateway. Each file gets its own Kafka topic and
 * group prefix, database and serial numbers, so files can run side by side.
 */

const NBI_KEY = 'services-admin-key-0123456789';
const FILES_SECRET = 'services-files-secret-0123';
const CR_USERNAME = 'cpe';
const CR_PASSWORD = 'cpe-secret';

export interface ServicesOptions {
  /** Names this file's prefix, database and serials: letters and digits. */
  name: string;
  devices: number;
  /** Start the NBI too. */
  nbi: boolean;
  /** Start the firmware service (file server, transfer tracking) with these settings. */
  firmwareEnv?: Record<string, string>;
  /**
   * The store every process uses: the MongoDB-wire server (default), or one SQLite file in a
   * temporary directory that the processes share (WAL, busy timeout).
   */
  store?: 'mongo' | 'sqlite';
  /** Settings of every service process (e.g. MERIDIAN_OTLP_ENDPOINT). */
  env?: Record<string, string>;
  /** The gateway's own settings, over the defaults of these tests. */
  gatewayEnv?: Record<string, string>;
  /** Provisioning's own settings, over the defaults of these tests. */
  provisioningEnv?: Record<string, string>;
  /** The simulator's own settings, over the defaults of these tests (e.g. a diagnostics profile). */
  simulator?: Partial<SimulatorOptions>;
  /** Runs once the services are up and before any device exists (e.g. to create presets). */
  beforeDevices?: (
    call: (method: string, path: string, body?: unknown) => Promise<NbiReply>,
  ) => Promise<void>;
}

export interface Services {
  /** MERIDIAN_KAFKA_TOPIC_PREFIX of these services. */
  readonly kafkaPrefix: string;
  /** The bus, session store and store settings of every process (for one more service). */
  readonly infra: Readonly<Record<string, string>>;
  /** The deployment's store, as the processes see it. */
  readonly store: Store;
  readonly sim: Simulator;
  /** Calls the NBI with an admin key (throws when started without it). */
  call(method: string, path: string, body?: unknown): Promise<NbiReply>;
  /** Uploads a file to the repository through the NBI (PUT /files/{name}?query). */
  upload(name: string, content: Buffer, query: string): Promise<NbiReply>;
  deviceIdOf(cpe: SimulatedCpe): string;
  /** The Prometheus text of a service's /metrics (its ops port). */
  scrape(service: 'cwmp-gateway' | 'provisioning' | 'firmware'): Promise<string>;
  /** SIGKILLs the firmware service (started with firmwareEnv) and waits for its exit. */
  killFirmware(): Promise<void>;
  /** Starts the firmware service again, as it was first started (its port accepting). */
  restartFirmware(): Promise<void>;
  stop(): Promise<void>;
}

/** The value of one series of the Prometheus text; undefined when absent. */
export function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** A store of a test's own: a database on the MongoDB-wire server, or a SQLite file. */
export interface TestStore {
  /** What the services are started with to use it. */
  env: Record<string, string>;
  /** A client of it, for the test's own reads. */
  open(): Promise<Store>;
  /** Deletes the database, or the SQLite file's directory. */
  drop(): Promise<void>;
}

/** A test store named `name` (a fresh database, or a temporary directory). */
export function testStore(name: string, kind: 'mongo' | 'sqlite'): TestStore {
  if (kind === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), `${name}-`));
    return {
      env: { MERIDIAN_STORE: 'sqlite', MERIDIAN_DATA_DIR: dataDir },
      open: () => Promise.resolve(createSqliteStore(join(dataDir, 'meridian.db'))),
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const mongoUrl = `${MONGO_URL.replace(/\/[^/]*$/, '')}/${name}`;
  return {
    env: { MERIDIAN_STORE: 'mongo', MERIDIAN_MONGO_URL: mongoUrl },
    open: () => createMongoStore(mongoUrl),
    drop: async () => {
      const connection = await mongoose.createConnection(mongoUrl).asPromise();
      await connection.dropDatabase();
      await connection.close();
    },
  };
}

export async function startServices(options: ServicesOptions): Promise<Services> {
  const run = Date.now();
  const kafkaPrefix = uniqueKafkaPrefix(`e2e-${options.name}`);
  const testDb = testStore(`e2e_${options.name}_${run}`, options.store ?? 'mongo');
  const infra = {
    MERIDIAN_BUS: 'kafka',
    MERIDIAN_KAFKA_BROKERS: BROKERS.join(','),
    MERIDIAN_KAFKA_TOPIC_PREFIX: kafkaPrefix,
    // Few partitions: a fresh set of topics per file, on a shared 2-core machine.
    MERIDIAN_KAFKA_PARTITIONS: '3',
    MERIDIAN_SESSION_STORE: 'redis',
    MERIDIAN_REDIS_URL: REDIS_URL,
    ...testDb.env,
    MERIDIAN_LOG_LEVEL: 'warn',
    ...options.env,
  };
  const processes: ChildProcess[] = [];
  let sim: Simulator | undefined;
  let store: Store | undefined;
  const stop = async (): Promise<void> => {
    await sim?.stop();
    await Promise.all(processes.map(stopProcess));
    await store?.close();
    await testDb.drop();
    await deleteKafkaTopics(kafkaPrefix);
  };
  try {
    // The database, its collections and indexes are made once, here, before the services
    // start: FerretDB can hang when several processes create them at the same moment.
    store = await testDb.open();
    const cwmpPort = await freePort();
    const opsPorts = {
      'cwmp-gateway': await freePort(),
      provisioning: await freePort(),
      firmware: await freePort(),
    };
    // The file server's URL and key, for the NBI and provisioning to sign with.
    const filesPort = options.firmwareEnv ? await freePort() : undefined;
    const filesEnv: Record<string, string> =
      filesPort === undefined
        ? {}
        : {
            MERIDIAN_FILES_SECRET: FILES_SECRET,
            MERIDIAN_FILES_URL: `http://127.0.0.1:${filesPort}`,
          };
    processes.push(
      await startProcess(builtMain('provisioning'), {
        ...infra,
        ...filesEnv,
        MERIDIAN_OPS_HOST: '127.0.0.1',
        MERIDIAN_OPS_PORT: String(opsPorts.provisioning),
        // Discovery of one subtree, not the whole tree: the tasks under test stay the point.
        MERIDIAN_DISCOVERY_PATHS: 'ManagementServer.',
        ...options.provisioningEnv,
      }),
    );
    processes.push(
      await startProcess(
        builtMain('cwmp-gateway'),
        {
          ...infra,
          MERIDIAN_GATEWAY_ID: `${options.name}-${run}`,
          MERIDIAN_CWMP_HOST: '127.0.0.1',
          MERIDIAN_CWMP_PORT: String(cwmpPort),
          MERIDIAN_CR_USERNAME: CR_USERNAME,
          MERIDIAN_CR_PASSWORD: CR_PASSWORD,
          MERIDIAN_OPS_HOST: '127.0.0.1',
          MERIDIAN_OPS_PORT: String(opsPorts['cwmp-gateway']),
          ...options.gatewayEnv,
        },
        cwmpPort,
      ),
    );
    let firmware: ChildProcess | undefined;
    const startFirmware = async (): Promise<void> => {
      if (filesPort === undefined) throw new Error('started without the firmware service');
      firmware = await startProcess(
        builtMain('firmware'),
        {
          ...infra,
          ...filesEnv,
          MERIDIAN_FILES_HOST: '127.0.0.1',
          MERIDIAN_FILES_PORT: String(filesPort),
          MERIDIAN_OPS_HOST: '127.0.0.1',
          MERIDIAN_OPS_PORT: String(opsPorts.firmware),
          ...options.firmwareEnv,
        },
        filesPort,
      );
      processes.push(firmware);
    };
    const killFirmware = async (): Promise<void> => {
      const child = firmware;
      if (child === undefined || child.exitCode !== null || child.signalCode !== null) {
        throw new Error('the firmware service is not running');
      }
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    };
    if (filesPort !== undefined) await startFirmware();
    let nbiUrl: string | undefined;
    if (options.nbi) {
      const nbiPort = await freePort();
      processes.push(
        await startProcess(
          builtMain('nbi'),
          {
            ...infra,
            MERIDIAN_NBI_HOST: '127.0.0.1',
            MERIDIAN_NBI_PORT: String(nbiPort),
            MERIDIAN_NBI_API_KEYS: `e2e:admin:${NBI_KEY}`,
            ...filesEnv,
          },
          nbiPort,
        ),
      );
      nbiUrl = `http://127.0.0.1:${nbiPort}`;
    }
    const client = nbiUrl === undefined ? undefined : nbiClient(nbiUrl, NBI_KEY);
    const call = (method: string, path: string, body?: unknown): Promise<NbiReply> => {
      if (client === undefined) throw new Error('started without the NBI');
      return client(method, path, body);
    };
    const upload = async (name: string, content: Buffer, query: string): Promise<NbiReply> => {
      if (nbiUrl === undefined) throw new Error('started without the NBI');
      const res = await fetch(`${nbiUrl}/files/${encodeURIComponent(name)}?${query}`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${NBI_KEY}`,
          'content-type': 'application/octet-stream',
        },
        body: content,
      });
      return { status: res.status, json: await res.json() };
    };
    await options.beforeDevices?.(call);
    sim = await createSimulator({
      count: options.devices,
      acsUrl: `http://127.0.0.1:${cwmpPort}/`,
      serialPrefix: `${options.name.toUpperCase()}${run}X`,
      crPort: 0,
      connectionRequestUsername: CR_USERNAME,
      connectionRequestPassword: CR_PASSWORD,
      periodicInformInterval: 0,
      rebootDelayMs: 100,
      ...options.simulator,
    });
    const booted = await sim.booted;
    const failed = booted.filter((s) => s.error !== undefined);
    if (failed.length > 0) throw new Error(`boot sessions failed: ${failed[0]!.error}`);
    const deviceIdOf = (cpe: SimulatedCpe): string => `00D09E-SimRouter-${cpe.serialNumber}`;
    // Registered by provisioning from cwmp.inform: only then does the gateway know where to send
    // connection requests.
    const registry = store;
    const simulator = sim;
    const unregistered = async () => {
      const found = await Promise.all(
        simulator.devices.map(
          async (d) => (await registry.devices.get(deviceIdOf(d)))?.connectionRequestUrl,
        ),
      );
      return simulator.devices.filter((_, i) => !found[i]).map(deviceIdOf);
    };
    await eventually(async () => (await unregistered()).length === 0, 60_000).catch(async () => {
      throw new Error(`provisioning did not register ${(await unregistered()).join(', ')}`);
    });
    const scrape = async (service: keyof typeof opsPorts): Promise<string> => {
      const response = await fetch(`http://127.0.0.1:${opsPorts[service]}/metrics`);
      if (!response.ok) throw new Error(`${service} /metrics: ${response.status}`);
      return response.text();
    };
    return {
      kafkaPrefix,
      infra,
      store: registry,
      scrape,
      sim,
      deviceIdOf,
      call,
      upload,
      killFirmware,
      restartFirmware: startFirmware,
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** Whether a session ended at or after `since` (it may have started before: see sessionOf). */
export const endedSince = (record: SessionRecord, since: number): boolean =>
  record.startedAt + record.durationMs >= since;

/**
 * The first session of `cpe` that ended at or after `since` and that `match` accepts. A command
 * for a device already in a session (provisioning's discovery, say) runs in that session, which
 * started before the command was sent.
 */
export async function sessionOf(
  cpe: SimulatedCpe,
  since: number,
  match: (record: SessionRecord) => boolean,
  timeoutMs = 60_000,
): Promise<SessionRecord> {
  const find = () => cpe.sessions.find((r) => endedSince(r, since) && match(r));
  await eventually(() => find() !== undefined, timeoutMs);
  return find()!;
}

/** Another service on the deployment's Kafka: a producer, and what it reads back. */
export interface KafkaService {
  producer: Producer;
  results: TopicTap<ResultMessage>;
  events: TopicTap<EventMessage>;
  close(): Promise<void>;
}

/**
 * A service named `source` next to the deployment: a connected kafkajs producer, and taps on
 * cwmp.results and cwmp.events in consumer groups of its own (under the deployment's prefix).
 */
export async function startKafkaService(services: Services, source: string): Promise<KafkaService> {
  const prefix = services.kafkaPrefix;
  const results = await tapTopic<ResultMessage>(
    `${prefix}cwmp.results`,
    `${prefix}${source}-results`,
  );
  const events = await tapTopic<EventMessage>(`${prefix}cwmp.events`, `${prefix}${source}-events`);
  const producer = new Kafka({
    clientId: source,
    brokers: BROKERS,
    logLevel: logLevel.NOTHING,
  }).producer();
  await producer.connect();
  return {
    producer,
    results,
    events,
    close: async () => {
      await producer.disconnect();
      await results.close();
      await events.close();
    },
  };
}
