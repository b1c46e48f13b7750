// Issue 16, the deployed shape: CPU per Inform-only session (Inform, empty POST, 204) of each
// service — the CWMP gateway (Kafka bus, Redis session store) and provisioning (Kafka, SQLite
// store) in processes of their own, on the shared Kafka and Redis — so sessions/s per core of
// each is known. Devices are registered and discovered first (the full simulator), then
// bench/session-driver.mjs --light runs Inform-only sessions; each process's CPU comes from
// /proc over the driver's run plus the time provisioning takes to consume what was published
// (its group's lag back to 0). Kafka's and Redis's own CPU is theirs (shared servers, other work included)
// and is not counted. Topics get a prefix of their own and are deleted after the run.
// Usage: node bench/deployed.mjs [--devices 64] [--seconds 6]
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_CR, cpuSeconds, driveSessions, startNode, waitForPort } from './all-in-one.mjs';

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

export async function runDeployedBench({
  devices = 64,
  seconds = 6,
  port = 18650,
  brokers = process.env.MERIDIAN_KAFKA_BROKERS ?? '127.0.0.1:9092',
  redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/9',
} = {}) {
  const loadAtStart = os.loadavg().map((l) => Number(l.toFixed(2)));
  const prefix = `bench${process.pid}x${Date.now().toString(36)}.`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'meridian-deployed-bench-'));
  const kafka = {
    MERIDIAN_BUS: 'kafka',
    MERIDIAN_KAFKA_BROKERS: brokers,
    MERIDIAN_KAFKA_TOPIC_PREFIX: prefix,
    MERIDIAN_KAFKA_PARTITIONS: '4',
    MERIDIAN_KAFKA_SESSION_TIMEOUT_MS: '6000',
    MERIDIAN_OPS_PORT: '0',
  };
  const provisioning = startService(
    'dist/apps/provisioning/src/main.js',
    {
      ...kafka,
      MERIDIAN_STORE: 'sqlite',
      MERIDIAN_DATA_DIR: dataDir,
      MERIDIAN_DISCOVERY_PATHS: 'ManagementServer.',
    },
    'provisioning',
  );
  const gateway = startService(
    'dist/apps/cwmp-gateway/src/main.js',
    {
      ...kafka,
      MERIDIAN_SESSION_STORE: 'redis',
      MERIDIAN_REDIS_URL: redisUrl,
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
  try {
    await waitForPort(port, gateway.gone);
    // Consumer groups join after the port opens; first contact (registration, discovery of
    // ManagementServer.) until every device has been through it.
    await sleep(5000);
    await driveSessions(url, devices, 8, 'DPL');
    await sleep(3000);
    const cpu = () => ({
      gateway: cpuSeconds(gateway.pid),
      provisioning: cpuSeconds(provisioning.pid),
    });
    // What each service spends idle (Kafka polls and heartbeats, timers), subtracted below.
    const idleFrom = cpu();
    const idleStart = Date.now();
    await sleep(3000);
    const idle = cpu();
    const idleRate = (k) => (idle[k] - idleFrom[k]) / ((Date.now() - idleStart) / 1000);
    const before = cpu();
    const startedAt = Date.now();
    const run = await driveSessions(url, devices, seconds, 'DPL', { light: true });
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
    const elapsed = (Date.now() - startedAt) / 1000;
    const per = (k) =>
      ((after[k] - before[k] - idleRate(k) * elapsed) * 1e6) / Math.max(1, run.answered);
    return {
      devices,
      seconds,
      loadAtStart,
      loadAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
      perSecond: run.perSecond,
      sessions: run.answered,
      errors: run.errors,
      refused: run.refused,
      firstError: run.firstError,
      drainSeconds,
      idleCores: { gateway: idleRate('gateway'), provisioning: idleRate('provisioning') },
      gatewayMicros: per('gateway'),
      provisioningMicros: per('provisioning'),
      driverMicros: (run.measuredCpuSeconds * 1e6) / Math.max(1, run.sessions),
    };
  } finally {
    await gateway.stop();
    await provisioning.stop();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function toMarkdown(r) {
  const f = (n) => Math.round(n).toLocaleString('en-US');
  const perCore = (us) => f(1e6 / us);
  return [
    `${r.devices} devices, ${r.seconds} s after 1 s of warm-up; load average ${r.loadAtStart.join(' / ')} at start, ${r.loadAtEnd.join(' / ')} at the end. ` +
      `${f(r.perSecond)} sessions/s (${r.errors} errors, ${r.refused} refused); provisioning's lag on cwmp.inform back to 0 ${r.drainSeconds.toFixed(1)} s after the load. ` +
      `CPU over the load and that drain, minus each process's idle rate measured just before (gateway ${(r.idleCores.gateway * 100).toFixed(1)} %, provisioning ${(r.idleCores.provisioning * 100).toFixed(1)} % of a core).`,
    '',
    '| service | CPU µs per session | sessions/s per core at that cost |',
    '|---|---:|---:|',
    `| cwmp-gateway (Kafka producer and consumer, Redis session store) | ${f(r.gatewayMicros)} | ${perCore(r.gatewayMicros)} |`,
    `| provisioning (Kafka consumer, SQLite store) | ${f(r.provisioningMicros)} | ${perCore(r.provisioningMicros)} |`,
    `| driver (bench/session-driver.mjs --light) | ${f(r.driverMicros)} | – |`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) =>
    process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback;
  const r = await runDeployedBench({ devices: arg('--devices', 64), seconds: arg('--seconds', 6) });
  console.error(JSON.stringify(r));
  console.log(toMarkdown(r));
}
