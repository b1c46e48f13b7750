// Issue 16, the deployed shape: CPU per Inform-only session (Inform, empty POST, 204) of each
// service — the CWMP gateway (Kafka bus, Redis session store) and provisioning (Kafka, the
// store: SQLite, or with --store mongo the MongoDB-wire server of MERIDIAN_MONGO_URL) in
// processes of their own, on the shared Kafka and Redis (BENCH_REDIS_URL) — so sessions/s per
// core of each is known. First contact runs to its end first (firstContact: the full simulator,
// registration and discovery, the NBI service telling when provisioning has nothing in flight),
// then bench/session-driver.mjs --light runs Inform-only sessions of the same devices; each
// process's CPU comes from /proc over the driver's run plus the time provisioning takes to
// consume what was published (its group's lag back to 0). Kafka's and Redis's own CPU is theirs
// (shared servers, other work included) and is not counted; a FerretDB on this machine is
// counted beside the services (its process found by its port). Topics get a prefix of their
// own and are deleted after the run, as is the MongoDB database. --secured: the services reach
// Kafka over SASL_SSL (SCRAM-SHA-512, as a user holding the services' ACLs) and Redis over TLS
// with a client certificate, on scripts/infra's secured listeners of the same servers.
// Usage: node bench/deployed.mjs [--devices 64] [--seconds 6] [--store sqlite|mongo] [--port 18650]
//   [--secured]
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BENCH_CR,
  BENCH_KEY,
  benchStore,
  cpuSeconds,
  driveSessions,
  firstContact,
  startNode,
  waitForPort,
} from './all-in-one.mjs';

const require = createRequire(import.meta.url);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function startService(main, env, name) {
  return {
    name,
    ...startNode([main], { env: { MERIDIAN_LOG_LEVEL: 'warn', ...env }, profile: true }),
  };
}

/** Messages of `topic` group `groupId` has not consumed yet. */
async function lag(admin, topic, groupId) {
  const ends = await admin.fetchTopicOffsets(topic);
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  let behind = 0;
  for (const end of ends) {
    const at = committed?.partitions.find((p) => p.partition === end.partition);
    const offset = Number(at?.offset ?? -1);
    behind += Number(end.offset) - (offset < 0 ? 0 : offset);
  }
  return behind;
}

/** The bench's own commands, not the session store's. */
const BENCH_COMMANDS = new Set(['info', 'scan', 'memory|usage']);

/**
 * Redis's commands served (from INFO commandstats, BENCH_COMMANDS left out) and its CPU seconds
 * (INFO cpu), server-wide: read around the load, they count the gateway's session store when
 * nothing else uses that Redis meanwhile.
 */
async function redisStats(redis) {
  const commands = await redis.info('commandstats');
  const calls = {};
  for (const m of commands.matchAll(/^cmdstat_(\w+(?:\|\w+)?):calls=(\d+)/gm)) {
    if (!BENCH_COMMANDS.has(m[1])) calls[m[1]] = Number(m[2]);
  }
  const cpu = await redis.info('cpu');
  const seconds = (key) => Number(new RegExp(`^${key}:([\\d.]+)`, 'm').exec(cpu)?.[1] ?? 0);
  return { calls, cpuSeconds: seconds('used_cpu_sys') + seconds('used_cpu_user') };
}

/**
 * What one live session holds in Redis, in bytes (MEMORY USAGE: key, value and the server's
 * overhead for them): the mean of the session records and of the device leases that SCAN finds
 * (up to 200 of each) in the bench's database, read while sessions run.
 */
async function liveSessionBytes(redis) {
  const mean = async (match) => {
    const keys = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0' && keys.length < 200);
    const sizes = (
      await Promise.all(keys.slice(0, 200).map((key) => redis.memory('USAGE', key)))
    ).filter((n) => n !== null);
    return {
      keys: sizes.length,
      bytes: sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length),
    };
  };
  const [session, lease] = [await mean('*session:*'), await mean('*lease:*')];
  return { session, lease, bytes: session.bytes + lease.bytes };
}

/**
 * Deletes what the session store holds for this run's devices: commands a device never came back
 * for (a stopped or crashed service) stay queued with no expiry.
 */
async function dropSessionKeys(redisUrl, serialPrefix) {
  const Redis = require('ioredis');
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    for await (const keys of redis.scanStream({ match: `*${serialPrefix}*`, count: 500 })) {
      if (keys.length > 0) await redis.del(...keys);
    }
  } catch {
    // Left for the next run to ignore: its serials differ.
  } finally {
    redis.disconnect();
  }
}

/**
 * scripts/infra's secured Kafka listener (SASL_SSL, SCRAM-SHA-512) for the services, their user
 * granted the services' ACLs on this run's prefix.
 */
async function securedKafka(prefix) {
  const { SECURED, securedKafkaEnv } = require('../dist/libs/testing/src/servers.js');
  const { grantKafkaAcls } = require('../dist/libs/testing/src/kafka.js');
  await grantKafkaAcls(`User:${SECURED.username}`, prefix);
  return securedKafkaEnv();
}

/** The same Redis database over scripts/infra's TLS listener, with the client certificate. */
function securedRedis(redisUrl) {
  const { securedRedisEnv } = require('../dist/libs/testing/src/servers.js');
  return securedRedisEnv(new URL(redisUrl).pathname.slice(1));
}

export async function runDeployedBench({
  devices = 64,
  seconds = 6,
  port = 18650,
  brokers = process.env.MERIDIAN_KAFKA_BROKERS ?? '127.0.0.1:9092',
  redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/9',
  store = 'sqlite',
  mongoUrl = process.env.MERIDIAN_MONGO_URL ?? 'mongodb://127.0.0.1:27017/meridian',
  secured = false,
} = {}) {
  const loadAtStart = os.loadavg().map((l) => Number(l.toFixed(2)));
  const prefix = `bench${process.pid}x${Date.now().toString(36)}.`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'meridian-deployed-bench-'));
  // Every service of the shape reads the same store (the gateway: CPE credentials and
  // connection request targets). No command counting: its monitoring would add to the CPU this
  // bench measures, and the services would share one counts file.
  const {
    env: storeEnv,
    ferret,
    drop,
  } = benchStore({ store, mongoUrl, name: 'deployed', dataDir, countCommands: false });
  const kafka = {
    MERIDIAN_BUS: 'kafka',
    MERIDIAN_KAFKA_BROKERS: brokers,
    MERIDIAN_KAFKA_TOPIC_PREFIX: prefix,
    MERIDIAN_KAFKA_PARTITIONS: '4',
    MERIDIAN_KAFKA_SESSION_TIMEOUT_MS: '6000',
    MERIDIAN_OPS_PORT: '0',
    ...(secured ? await securedKafka(prefix) : {}),
  };
  const sessionStore = {
    MERIDIAN_SESSION_STORE: 'redis',
    MERIDIAN_REDIS_URL: redisUrl,
    ...(secured ? securedRedis(redisUrl) : {}),
  };
  const gateway = startService(
    'dist/apps/cwmp-gateway/src/main.js',
    {
      ...kafka,
      ...storeEnv,
      ...sessionStore,
      MERIDIAN_CWMP_HOST: '127.0.0.1',
      MERIDIAN_CWMP_PORT: String(port),
      MERIDIAN_CR_USERNAME: BENCH_CR.username,
      MERIDIAN_CR_PASSWORD: BENCH_CR.password,
    },
    'gateway',
  );
  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const url = `http://127.0.0.1:${port}/`;
  const crPort = port + 2;
  // Serials of this run: a killed run leaves its devices' queues in the session store (a finished
  // one deletes them).
  const serialPrefix = `DPL${process.pid}X`;
  // Provisioning starts once the gateway listens, i.e. has opened the store: two processes
  // creating a new SQLite file's schema at once collide ("table devices already exists").
  let provisioning;
  try {
    await waitForPort(port, gateway.gone);
    provisioning = startService(
      'dist/apps/provisioning/src/main.js',
      { ...kafka, ...storeEnv, MERIDIAN_DISCOVERY_PATHS: 'ManagementServer.' },
      'provisioning',
    );
    // Consumer groups join after the port opens; first contact (registration, discovery of
    // ManagementServer.) until provisioning has nothing in flight for any device, which the
    // NBI (a service of its own, on the same store) tells; it is stopped before the load.
    await sleep(5000);
    const nbi = startService(
      'dist/apps/nbi/src/main.js',
      {
        ...kafka,
        ...storeEnv,
        ...sessionStore,
        MERIDIAN_NBI_HOST: '127.0.0.1',
        MERIDIAN_NBI_PORT: String(port + 1),
        MERIDIAN_NBI_API_KEYS: `bench:admin:${BENCH_KEY}`,
      },
      'nbi',
    );
    let contact;
    try {
      await waitForPort(port + 1, nbi.gone);
      contact = await firstContact({
        url,
        nbi: `http://127.0.0.1:${port + 1}`,
        devices,
        serialPrefix,
        crPort,
        gone: () => [gateway, provisioning, nbi].find((service) => service.gone())?.name,
      });
    } finally {
      await nbi.stop();
    }
    await sleep(3000);
    const cpu = () => ({
      gateway: cpuSeconds(gateway.pid),
      provisioning: cpuSeconds(provisioning.pid),
      ...(ferret ? { ferretdb: cpuSeconds(ferret) } : {}),
    });
    // What each service spends idle (Kafka polls and heartbeats, timers), subtracted below.
    const idleFrom = cpu();
    const idleStart = Date.now();
    await sleep(3000);
    const idle = cpu();
    const idleRate = (k) => (idle[k] - idleFrom[k]) / ((Date.now() - idleStart) / 1000);
    const redis = new (require('ioredis'))(redisUrl, { maxRetriesPerRequest: 1 });
    const redisBefore = await redisStats(redis);
    const before = cpu();
    const startedAt = Date.now();
    const driven = driveSessions(url, devices, seconds, serialPrefix, { light: true, crPort });
    // Halfway through the load (after the driver's 1 s of warm-up): sessions are live.
    await sleep(1000 + (seconds * 1000) / 2);
    const redisSession = await liveSessionBytes(redis);
    const run = await driven;
    const informs = `${prefix}cwmp.inform`;
    const drainFrom = Date.now();
    while (
      (await lag(admin, informs, `${prefix}provisioning`)) > 0 &&
      Date.now() - drainFrom < 60_000
    ) {
      await sleep(200);
    }
    const drainSeconds = (Date.now() - drainFrom) / 1000;
    const after = cpu();
    const redisAfter = await redisStats(redis);
    redis.disconnect();
    const elapsed = (Date.now() - startedAt) / 1000;
    const per = (k) =>
      ((after[k] - before[k] - idleRate(k) * elapsed) * 1e6) / Math.max(1, run.answered);
    return {
      devices,
      seconds,
      store,
      secured,
      firstContactSeconds: contact.seconds,
      loadAtStart,
      loadAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
      perSecond: run.perSecond,
      sessions: run.answered,
      errors: run.errors,
      refused: run.refused,
      firstError: run.firstError,
      drainSeconds,
      idleCores: {
        gateway: idleRate('gateway'),
        provisioning: idleRate('provisioning'),
        ...(ferret ? { ferretdb: idleRate('ferretdb') } : {}),
      },
      gatewayMicros: per('gateway'),
      provisioningMicros: per('provisioning'),
      ferretMicros: ferret ? per('ferretdb') : undefined,
      redisCommands: Object.fromEntries(
        Object.entries(redisAfter.calls)
          .map(([name, n]) => [
            name,
            (n - (redisBefore.calls[name] ?? 0)) / Math.max(1, run.answered),
          ])
          .filter(([, n]) => n > 0)
          .sort(([, a], [, b]) => b - a),
      ),
      redisMicros:
        ((redisAfter.cpuSeconds - redisBefore.cpuSeconds) * 1e6) / Math.max(1, run.answered),
      redisSession,
      driverMicros: (run.measuredCpuSeconds * 1e6) / Math.max(1, run.sessions),
    };
  } finally {
    await gateway.stop();
    await provisioning?.stop();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
    await dropSessionKeys(redisUrl, serialPrefix);
    rmSync(dataDir, { recursive: true, force: true });
    await drop();
  }
}

/** "24.0: evalsha 10.0, get 6.0, …": the total, then each command. */
const redisCommands = (r) => {
  const entries = Object.entries(r.redisCommands);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  return `${total.toFixed(1)}: ${entries.map(([name, n]) => `${name} ${n.toFixed(1)}`).join(', ')}`;
};

export function toMarkdown(r) {
  const f = (n) => Math.round(n).toLocaleString('en-US');
  const perCore = (us) => f(1e6 / us);
  const storeName =
    r.store === 'mongo' ? 'FerretDB 1.24, MongoDB wire, SQLite backend' : 'SQLite store';
  return [
    `${r.devices} devices (first contact to its end first: ${r.firstContactSeconds.toFixed(1)} s), ${r.seconds} s after 1 s of warm-up; load average ${r.loadAtStart.join(' / ')} at start, ${r.loadAtEnd.join(' / ')} at the end. ` +
      `${f(r.perSecond)} sessions/s (${r.errors} errors, ${r.refused} refused); provisioning's lag on cwmp.inform back to 0 ${r.drainSeconds.toFixed(1)} s after the load. ` +
      `CPU over the load and that drain, minus each process's idle rate measured just before (${Object.entries(
        r.idleCores,
      )
        .map(([k, v]) => `${k} ${(v * 100).toFixed(1)} %`)
        .join(', ')} of a core).`,
    '',
    '| service | CPU µs per session | sessions/s per core at that cost |',
    '|---|---:|---:|',
    `| cwmp-gateway (Kafka producer and consumer, Redis session store) | ${f(r.gatewayMicros)} | ${perCore(r.gatewayMicros)} |`,
    `| provisioning (Kafka consumer, ${storeName}) | ${f(r.provisioningMicros)} | ${perCore(r.provisioningMicros)} |`,
    ...(r.ferretMicros === undefined
      ? []
      : [
          `| FerretDB 1.24 (the store's server) | ${f(r.ferretMicros)} | ${perCore(r.ferretMicros)} |`,
        ]),
    `| Redis (the session store's server; commands per session: ${redisCommands(r)}) | ${f(r.redisMicros)} | ${perCore(r.redisMicros)} |`,
    `| driver (bench/session-driver.mjs --light) | ${f(r.driverMicros)} | – |`,
    '',
    `Redis memory per live session, read halfway through the load (MEMORY USAGE): ${f(r.redisSession.bytes)} bytes, the session record ${f(r.redisSession.session.bytes)} (mean of ${r.redisSession.session.keys}) and the device's lease ${f(r.redisSession.lease.bytes)} (mean of ${r.redisSession.lease.keys}).`,
  ].join('\n');
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/**
 * Rounds of the deployed shape on plaintext and on secured servers, one after the other (the
 * order alternating by round): each service's CPU per session on both, and their ratio.
 */
export async function runSecuredBench({ rounds = 3, port = 18650 } = {}) {
  const pairs = [];
  for (let round = 0; round < rounds; round++) {
    const pair = {};
    for (const secured of round % 2 === 0 ? [false, true] : [true, false]) {
      pair[secured ? 'secured' : 'plain'] = await runDeployedBench({ port, secured });
    }
    pairs.push(pair);
  }
  return pairs;
}

export function securedMarkdown(pairs) {
  const f = (n) => Math.round(n).toLocaleString('en-US');
  const rows = [
    ['cwmp-gateway (Kafka producer and consumer, Redis session store)', 'gatewayMicros'],
    ['provisioning (Kafka consumer, SQLite store)', 'provisioningMicros'],
    ['Redis (the server: TLS on its side)', 'redisMicros'],
    ['driver (bench/session-driver.mjs --light)', 'driverMicros'],
  ];
  const ratio = (pair, key) => pair.secured[key] / pair.plain[key];
  return [
    `${pairs.length} rounds, each the deployed shape (SQLite store, 64 devices, 6 s) on the plaintext listeners and on the secured ones of the same Kafka and Redis, one after the other (the order alternating): Kafka over SASL_SSL (TLS 1.3, SCRAM-SHA-512, the user holding the services' ACLs) and Redis over TLS with a client certificate. Load average ${pairs[0].plain.loadAtStart.join(' / ')} at the start.`,
    '',
    '| process | plaintext, CPU µs per session (each round) | secured (each round) | secured / plaintext, median (each round) |',
    '|---|---|---|---|',
    ...rows.map(([name, key]) => {
      const plain = pairs.map((p) => p.plain[key]);
      const secured = pairs.map((p) => p.secured[key]);
      const ratios = pairs.map((p) => ratio(p, key));
      return `| ${name} | ${f(median(plain))} (${plain.map(f).join(', ')}) | ${f(median(secured))} (${secured.map(f).join(', ')}) | **×${median(ratios).toFixed(2)}** (${ratios.map((r) => r.toFixed(2)).join(', ')}) |`;
    }),
    '',
    `Sessions/s: plaintext ${pairs.map((p) => f(p.plain.perSecond)).join(', ')}; secured ${pairs.map((p) => f(p.secured.perSecond)).join(', ')}. Errors ${pairs.reduce((n, p) => n + p.plain.errors + p.secured.errors, 0)}, refused (503) ${pairs.reduce((n, p) => n + p.plain.refused + p.secured.refused, 0)}. Kafka's own CPU is not counted (a shared broker); Redis's is (INFO cpu, server-wide).`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) =>
    process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback;
  const r = await runDeployedBench({
    devices: arg('--devices', 64),
    seconds: arg('--seconds', 6),
    port: arg('--port', 18650),
    ...(process.argv.includes('--store')
      ? { store: process.argv[process.argv.indexOf('--store') + 1] }
      : {}),
    secured: process.argv.includes('--secured'),
  });
  console.error(JSON.stringify(r));
  console.log(toMarkdown(r));
}
