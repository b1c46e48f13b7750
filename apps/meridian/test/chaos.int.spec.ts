import type { ChildProcess } from 'node:child_process';
import { KafkaBus } from '@meridian/bus';
import { SCHEMA_VERSION, Topics, type ResultMessage } from '@meridian/contracts';
import { createSimulator, type SimulatedCpe, type Simulator } from '@meridian/cpe-sim';
import { wireKeyOf } from '@meridian/cwmp-session';
import {
  BROKERS,
  REDIS_URL,
  builtMain,
  deleteKafkaTopics,
  eventually,
  freePort,
  infraCommand,
  nbiClient,
  startBalancer,
  startProcess,
  stopProcess,
  uniqueKafkaPrefix,
  type Balancer,
  type InfraServer,
} from '@meridian/testing';
import { testStore } from './services-setup';

/*
 * Chaos on Meridian as deployed: two gateway replicas behind a TCP balancer, provisioning and the
 * NBI, on Kafka, Redis and the MongoDB-wire server, with simulated CPEs (periodic Informs and
 * connection requests). Commands flow from the NBI and straight through Kafka while a gateway
 * replica is SIGKILLed again and again and, if asked, Redis, the Kafka broker and the store's
 * server are restarted (scripts/infra down/up). Counted at the end, on the CPE side where it
 * matters: every accepted command has one outcome, no keyed command (SetParameterValues under
 * the commandId's ParameterKey) ran twice on its device or was reported done without running,
 * the NBI shows the same outcome, every device takes a new command afterwards, readiness went
 * false during each outage and true after it, and sessions resumed after each blow.
 *
 * CI runs it at its small default size (under two minutes, no server restarted: only its own
 * processes are killed). Longer runs, and runs that restart servers, go through `scripts/chaos`
 * on servers of its own (docs/reliability.md, "Chaos"). Size from the environment:
 *   MERIDIAN_CHAOS_DEVICES   simulated CPEs (20)
 *   MERIDIAN_CHAOS_KILLS     gateway SIGKILLs, replicas in turn (3)
 *   MERIDIAN_CHAOS_RESTARTS  servers to restart, in order: redis,kafka,mongo (none)
 *   MERIDIAN_CHAOS_RATE      commands per second, half NBI and half Kafka (4)
 *   MERIDIAN_CHAOS_PERIODIC  the CPEs' PeriodicInformInterval in seconds (20)
 *   MERIDIAN_CHAOS_STORE     mongo (the MongoDB-wire server), or sqlite: one SQLite file the
 *                            processes share, for runs larger than FerretDB bears (mongo)
 */

const DEVICES = Number(process.env.MERIDIAN_CHAOS_DEVICES ?? 20);
const KILLS = Number(process.env.MERIDIAN_CHAOS_KILLS ?? 3);
const RESTARTS = (process.env.MERIDIAN_CHAOS_RESTARTS ?? '')
  .split(',')
  .filter((s) => s !== '') as Server[];
const RATE = Number(process.env.MERIDIAN_CHAOS_RATE ?? 4);
const PERIODIC_S = Number(process.env.MERIDIAN_CHAOS_PERIODIC ?? 20);
const SQLITE = process.env.MERIDIAN_CHAOS_STORE === 'sqlite';
/** How long a restarted server stays down once readiness has gone false. */
const OUTAGE_MS = 5_000;

type Server = Exclude<InfraServer, 'mqtt'>;
/** The /health/ready check that names each server. */
const CHECK_OF: Record<Server, string> = { redis: 'redis', kafka: 'kafka', mongo: 'mongodb' };

jest.setTimeout(300_000 + KILLS * 20_000 + RESTARTS.length * 240_000);

const NBI_KEY = 'chaos-admin-key-0123456789';
const CR_USERNAME = 'cpe';
const CR_PASSWORD = 'cpe-secret';
const run = Date.now().toString(36);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** A line on stderr as the run goes (the long run takes many minutes). */
const progress = (line: string): void =>
  void process.stderr.write(`chaos ${new Date().toISOString()} ${line}\n`);

interface Sent {
  commandId: string;
  deviceId: string;
  via: 'nbi' | 'kafka';
  /** SetParameterValues under the commandId's ParameterKey, counted on the CPE. */
  keyed: boolean;
}

/** A service process and where its readiness is read. */
interface Service {
  name: string;
  child: ChildProcess;
  readyUrl: string;
  /** The checks its /health/ready reports (kafka, redis, mongodb). */
  checks: string[];
}

describe(`chaos: ${KILLS} gateway kills${RESTARTS.map((s) => `, ${s} restart`).join('')} under ${DEVICES} devices`, () => {
  const prefix = uniqueKafkaPrefix('chaos');
  const testDb = testStore(`chaos_${run}`, SQLITE ? 'sqlite' : 'mongo');
  const infra = {
    MERIDIAN_BUS: 'kafka',
    MERIDIAN_KAFKA_BROKERS: BROKERS.join(','),
    MERIDIAN_KAFKA_TOPIC_PREFIX: prefix,
    MERIDIAN_KAFKA_PARTITIONS: '3',
    // A killed gateway's partitions move after 6 s instead of 30 (and its replacement joins).
    MERIDIAN_KAFKA_SESSION_TIMEOUT_MS: '6000',
    MERIDIAN_SESSION_STORE: 'redis',
    MERIDIAN_REDIS_URL: REDIS_URL,
    ...testDb.env,
    MERIDIAN_LOG_LEVEL: 'error',
  };
  const services: Service[] = [];
  const gatewayPorts: number[] = [];
  let lb: Balancer;
  let bus: KafkaBus;
  let sim: Simulator;
  let call: ReturnType<typeof nbiClient>;
  /** Every result message, in arrival order. */
  const results: ResultMessage[] = [];
  const sessions = { ok: 0, failed: 0 };

  const startService = async (
    name: string,
    app: string,
    env: Record<string, string>,
    port: number,
    readyUrl: string,
  ): Promise<Service> => {
    const child = await startProcess(builtMain(app), { ...infra, ...env }, port);
    return { name, child, readyUrl, checks: [] };
  };
  const gatewayEnv = (index: number, opsPort: number): Record<string, string> => ({
    MERIDIAN_GATEWAY_ID: `chaos-gw-${index}`,
    MERIDIAN_CWMP_HOST: '127.0.0.1',
    MERIDIAN_CWMP_PORT: String(gatewayPorts[index]),
    MERIDIAN_OPS_HOST: '127.0.0.1',
    MERIDIAN_OPS_PORT: String(opsPort),
    MERIDIAN_CR_USERNAME: CR_USERNAME,
    MERIDIAN_CR_PASSWORD: CR_PASSWORD,
  });
  const startGateway = async (index: number, opsPort: number): Promise<Service> =>
    startService(
      `gateway-${index}`,
      'cwmp-gateway',
      gatewayEnv(index, opsPort),
      gatewayPorts[index]!,
      `http://127.0.0.1:${opsPort}/health/ready`,
    );
  const isReady = async (service: Service): Promise<boolean> => {
    try {
      return (await fetch(service.readyUrl, { signal: AbortSignal.timeout(2_000) })).status === 200;
    } catch {
      return false;
    }
  };
  const idOf = (cpe: SimulatedCpe): string => `00D09E-SimRouter-${cpe.serialNumber}`;

  beforeAll(
    async () => {
      // The database, its collections and indexes once, before the services: FerretDB can hang
      // when several processes create them at the same moment.
      await (await testDb.open()).close();
      bus = await KafkaBus.connect({
        brokers: BROKERS,
        clientId: 'chaos-test',
        partitions: 3,
        topicPrefix: prefix,
        // Rides out a broker restart (about 3 minutes of retries).
        clientRetry: { initialRetryTime: 100, maxRetryTime: 1_000, retries: 200 },
      });
      await bus.subscribe(Topics.results, `${prefix}chaos-results`, async (m) => {
        results.push(m.value);
      });
      const provisioningOps = await freePort();
      services.push(
        await startService(
          'provisioning',
          'provisioning',
          {
            MERIDIAN_DISCOVERY_PATHS: 'ManagementServer.',
            MERIDIAN_OPS_HOST: '127.0.0.1',
            MERIDIAN_OPS_PORT: String(provisioningOps),
          },
          provisioningOps,
          `http://127.0.0.1:${provisioningOps}/health/ready`,
        ),
      );
      const nbiPort = await freePort();
      services.push(
        await startService(
          'nbi',
          'nbi',
          {
            MERIDIAN_NBI_HOST: '127.0.0.1',
            MERIDIAN_NBI_PORT: String(nbiPort),
            MERIDIAN_NBI_API_KEYS: `chaos:admin:${NBI_KEY}`,
          },
          nbiPort,
          `http://127.0.0.1:${nbiPort}/health/ready`,
        ),
      );
      call = nbiClient(`http://127.0.0.1:${nbiPort}`, NBI_KEY);
      for (const index of [0, 1]) {
        gatewayPorts.push(await freePort());
        services.push(await startGateway(index, await freePort()));
      }
      lb = await startBalancer(gatewayPorts);
      for (const service of services) {
        await eventually(() => isReady(service), 60_000);
        const body = (await (await fetch(service.readyUrl)).json()) as { checks: object };
        service.checks = Object.keys(body.checks);
      }
      sim = await createSimulator({
        count: DEVICES,
        acsUrl: `http://127.0.0.1:${lb.port}/`,
        serialPrefix: `CHAOS${run}X`,
        crPort: 0,
        connectionRequestUsername: CR_USERNAME,
        connectionRequestPassword: CR_PASSWORD,
        periodicInformInterval: PERIODIC_S,
        rebootDelayMs: 100,
        timeoutMs: 15_000,
        onSession: (_, record) =>
          void (record.error === undefined ? sessions.ok++ : sessions.failed++),
      });
      await sim.booted;
      // Registered by provisioning (its connection request URL): only then can commands knock.
      const registry = await testDb.open();
      try {
        for (const cpe of sim.devices) {
          await eventually(
            async () => (await registry.devices.get(idOf(cpe)))?.connectionRequestUrl !== undefined,
            120_000,
          );
        }
      } finally {
        await registry.close();
      }
      progress(`${DEVICES} devices registered`);
    },
    120_000 + DEVICES * 3_000,
  );

  afterAll(async () => {
    // A failed run may leave a server down: bring back what this file restarts.
    if (RESTARTS.length > 0) await infraCommand('up', RESTARTS).catch(() => undefined);
    await sim?.stop();
    await Promise.all(services.map((s) => stopProcess(s.child)));
    await lb?.close();
    await bus?.close();
    await testDb.drop();
    await deleteKafkaTopics(prefix);
  }, 180_000);

  it('loses no command, runs none twice, blocks no device, and readiness follows the servers', async () => {
    const started = Date.now();
    const sent: Sent[] = [];
    /** Commands whose intake failed (the NBI answered an error, or Kafka refused the publish). */
    const refused: { via: string; reason: string }[] = [];
    const violations: string[] = [];
    const pending = new Set<Promise<void>>();
    let n = 0;

    const sendOne = async (): Promise<void> => {
      const i = n++;
      const cpe = sim.devices[i % DEVICES]!;
      const deviceId = idOf(cpe);
      const keyed = i % 3 !== 2;
      if (i % 2 === 0) {
        const commandId = `${run}k${i}`;
        try {
          await bus.publish(Topics.commands, deviceId, {
            schemaVersion: SCHEMA_VERSION,
            commandId,
            deviceId,
            rpc: keyed
              ? {
                  name: 'SetParameterValues',
                  parameterList: [
                    { name: 'Device.Time.NTPServer1', value: `ntp-${i}`, type: 'xsd:string' },
                  ],
                  parameterKey: wireKeyOf(commandId),
                }
              : { name: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.UpTime'] },
            connectionRequest: true,
            source: 'chaos',
            createdAt: new Date().toISOString(),
          });
          sent.push({ commandId, deviceId, via: 'kafka', keyed });
        } catch (error) {
          refused.push({ via: 'kafka', reason: String(error) });
        }
      } else {
        const reply = await call(
          'POST',
          `/devices/${deviceId}/tasks?connectionRequest=true`,
          keyed
            ? {
                name: 'setParameterValues',
                parameterValues: [['Device.Time.NTPServer1', `ntp-${i}`]],
              }
            : { name: 'getParameterValues', parameterNames: ['Device.DeviceInfo.UpTime'] },
        ).catch((error: unknown) => ({ status: 0, json: { error: String(error) } }));
        if (reply.status === 200 || reply.status === 202) {
          sent.push({ commandId: reply.json.commandId, deviceId, via: 'nbi', keyed });
        } else {
          refused.push({ via: 'nbi', reason: `${reply.status} ${JSON.stringify(reply.json)}` });
        }
      }
    };
    let producing = true;
    const producer = (async () => {
      while (producing) {
        // At most 100 intakes outstanding (a Kafka outage holds publishes until it ends).
        if (pending.size < 100) {
          const p: Promise<void> = sendOne().finally(() => pending.delete(p));
          pending.add(p);
        }
        await sleep(1000 / RATE);
      }
    })();

    /** Sessions that ended well within `ms` from now. */
    const sessionsWithin = async (ms: number): Promise<number> => {
      const before = sessions.ok;
      await sleep(ms);
      return sessions.ok - before;
    };
    const resumed: string[] = [];
    const expectResume = async (what: string): Promise<void> => {
      // A fresh session through the balancer, whatever the periodic phase: within 60 s.
      const deadline = Date.now() + 60_000;
      let ok = 0;
      while (ok === 0 && Date.now() < deadline) ok += await sessionsWithin(1_000);
      if (ok === 0) violations.push(`no session ended well within 60 s after ${what}`);
      else resumed.push(what);
    };

    await sleep(3_000);
    const restartMs: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      const index = k % 2;
      const service = services.find((s) => s.name === `gateway-${index}`)!;
      const exited = new Promise((r) => service.child.once('exit', r));
      service.child.kill('SIGKILL');
      await exited;
      const t0 = Date.now();
      const opsPort = Number(new URL(service.readyUrl).port);
      const restarted = await startGateway(index, opsPort);
      services[services.indexOf(service)] = { ...restarted, checks: service.checks };
      restartMs.push(Date.now() - t0);
      if ((k + 1) % 10 === 0) progress(`${k + 1} gateway kills, ${sent.length} commands accepted`);
      // The other replica served meanwhile; let the restarted one take sessions again.
      await sleep(1_000);
      if (k === KILLS - 1) await expectResume(`${KILLS} gateway kills`);
    }

    const outages: Record<string, unknown>[] = [];
    for (const server of RESTARTS) {
      const check = CHECK_OF[server];
      const dependents = services.filter((s) => s.checks.includes(check));
      const t0 = Date.now();
      await infraCommand('down', [server]);
      const unready = new Set<string>();
      const deadline = Date.now() + 60_000;
      while (unready.size < dependents.length && Date.now() < deadline) {
        for (const s of dependents) if (!(await isReady(s))) unready.add(s.name);
        await sleep(200);
      }
      for (const s of dependents) {
        if (!unready.has(s.name))
          violations.push(`${s.name} stayed ready while ${server} was down`);
      }
      await sleep(OUTAGE_MS);
      const downMs = Date.now() - t0;
      await infraCommand('up', [server]);
      const t1 = Date.now();
      const back: Record<string, number> = {};
      for (const s of services) {
        try {
          await eventually(() => isReady(s), 180_000);
          back[s.name] = Date.now() - t1;
        } catch {
          violations.push(`${s.name} not ready 180 s after ${server} came back`);
        }
      }
      for (const s of services) {
        if (s.child.exitCode !== null || s.child.signalCode !== null)
          violations.push(`${s.name} exited during the ${server} restart`);
      }
      outages.push({ server, downMs, unready: [...unready], readyAgainMs: back });
      progress(`${server} restarted: ${JSON.stringify(outages[outages.length - 1])}`);
      await expectResume(`the ${server} restart`);
    }

    producing = false;
    await producer;
    await Promise.all(pending);
    const chaosMs = Date.now() - started;
    progress(`chaos over after ${Math.round(chaosMs / 1000)} s; waiting for the last results`);

    // Every accepted command ends: the next periodic Inform at the latest carries it.
    const outcomes = (): Map<string, string[]> => {
      const byId = new Map<string, string[]>();
      for (const r of results) byId.set(r.commandId, [...(byId.get(r.commandId) ?? []), r.outcome]);
      return byId;
    };
    const drainMs = 120_000 + 3 * PERIODIC_S * 1000;
    await eventually(() => {
      const byId = outcomes();
      return sent.every((c) => byId.has(c.commandId));
    }, drainMs).catch(() => undefined);

    // No device blocked: each takes a new command now.
    const final = sim.devices.map((cpe, i) => ({ cpe, commandId: `${run}f${i}` }));
    await Promise.all(
      final.map(({ cpe, commandId }) =>
        bus.publish(Topics.commands, idOf(cpe), {
          schemaVersion: SCHEMA_VERSION,
          commandId,
          deviceId: idOf(cpe),
          rpc: { name: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.UpTime'] },
          connectionRequest: true,
          source: 'chaos',
          createdAt: new Date().toISOString(),
        }),
      ),
    );
    await eventually(
      () => final.every(({ commandId }) => outcomes().has(commandId)),
      60_000 + PERIODIC_S * 1000,
    ).catch(() => undefined);

    // Counted on the CPEs: how often each ParameterKey was carried out.
    const applied = new Map<string, number>();
    for (const cpe of sim.devices)
      for (const s of cpe.sessions)
        for (const key of s.appliedKeys) applied.set(key, (applied.get(key) ?? 0) + 1);

    const byId = outcomes();
    const tally: Record<string, number> = {};
    let duplicateResults = 0;
    for (const command of sent) {
      const got = byId.get(command.commandId) ?? [];
      const distinct = [...new Set(got)];
      if (got.length === 0) {
        violations.push(`lost: ${command.via} ${command.commandId} (${command.deviceId})`);
        continue;
      }
      if (distinct.length > 1)
        violations.push(`conflicting results for ${command.commandId}: ${got.join(', ')}`);
      duplicateResults += got.length - 1;
      tally[distinct[0]!] = (tally[distinct[0]!] ?? 0) + 1;
      if (!command.keyed) continue;
      const runs = applied.get(wireKeyOf(command.commandId)) ?? 0;
      if (runs > 1) violations.push(`ran ${runs} times on the CPE: ${command.commandId}`);
      if (distinct[0] === 'done' && runs === 0)
        violations.push(`done but never ran on the CPE: ${command.commandId}`);
      if (distinct[0] !== 'done' && runs > 0)
        violations.push(`ran on the CPE but reported ${distinct[0]}: ${command.commandId}`);
    }
    // The NBI shows the same outcome as cwmp.results (it reads them from there: a moment later).
    let nbiMismatches = 0;
    for (const command of sent.filter((c) => c.via === 'nbi' && byId.has(c.commandId))) {
      const status = async () => (await call('GET', `/tasks/${command.commandId}`)).json?.status;
      const expected = byId.get(command.commandId)![0];
      await eventually(async () => (await status()) === expected, 10_000).catch(() => undefined);
      const shown = await status();
      if (shown !== expected) {
        nbiMismatches++;
        violations.push(`NBI shows ${shown} for ${command.commandId}, cwmp.results ${expected}`);
      }
    }
    const blocked = final.filter(({ commandId }) => byId.get(commandId)?.[0] !== 'done');
    for (const { cpe } of blocked) violations.push(`blocked: ${idOf(cpe)}`);

    const keyedDone = sent.filter((c) => c.keyed && byId.get(c.commandId)?.[0] === 'done');
    const summary = {
      devices: DEVICES,
      kills: KILLS,
      restarts: RESTARTS,
      chaosSeconds: Math.round(chaosMs / 1000),
      commandsAccepted: sent.length,
      viaNbi: sent.filter((c) => c.via === 'nbi').length,
      viaKafka: sent.filter((c) => c.via === 'kafka').length,
      refusedAtIntake: refused.length,
      outcomes: tally,
      lost: sent.filter((c) => !byId.has(c.commandId)).length,
      duplicateResults,
      keyedDone: keyedDone.length,
      keyedRunTwice: sent.filter((c) => c.keyed && (applied.get(wireKeyOf(c.commandId)) ?? 0) > 1)
        .length,
      nbiMismatches,
      blockedDevices: blocked.length,
      sessionsOk: sessions.ok,
      sessionsBroken: sessions.failed,
      gatewayRestartMs: {
        min: Math.min(...restartMs),
        max: Math.max(...restartMs),
        mean: Math.round(restartMs.reduce((a, b) => a + b, 0) / Math.max(1, restartMs.length)),
      },
      outages,
      resumedAfter: resumed,
      refusedSample: refused.slice(0, 3).map((r) => r.reason.slice(0, 200)),
      violations: violations.length,
    };
    process.stdout.write(`chaos ${JSON.stringify(summary)}\n`);
    if (violations.length > 0)
      process.stdout.write(`chaos violations:\n  ${violations.slice(0, 50).join('\n  ')}\n`);
    expect(violations).toEqual([]);
    expect(sent.length).toBeGreaterThan(0);
    expect(keyedDone.length).toBeGreaterThan(0);
  });
});
