// Informs actually stored per second (issue 17): the all-in-one on each store, N simulated CPEs
// in a driver process running Inform-only sessions as fast as they are answered for a few
// seconds. The clock runs from the first session until the store is idle: every device's stored
// lastInform is at least the start of its last answered session (read through the NBI). Stored
// rate = sessions answered / that time; drain = how long after the last session it took.
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  BENCH_KEY,
  benchStore,
  commandsPer,
  cpuSeconds,
  driveSessions,
  firstContact,
  startAllInOne,
} from './all-in-one.mjs';

const KEY = BENCH_KEY;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function storedInforms(nbi, serialPrefix) {
  const res = await fetch(`${nbi}/devices?fields=deviceId,lastInform&limit=1000`, {
    headers: { authorization: `Bearer ${KEY}` },
    // A store that stops answering is a result to report, not a bench that hangs.
    signal: AbortSignal.timeout(15_000),
  });
  const { items } = await res.json();
  const bySerial = new Map();
  for (const d of items) {
    const serial = d.deviceId.split('-').pop();
    if (serial.startsWith(serialPrefix)) bySerial.set(serial, Date.parse(d.lastInform));
  }
  return bySerial;
}

/**
 * When every device's stored lastInform has reached the start of its last answered session
 * (`lastInformAt`, ms by serial), polled every 100 ms: that time, or undefined after `capMs`.
 */
async function untilStored(nbi, serialPrefix, lastInformAt, capMs) {
  for (const deadline = Date.now() + capMs; Date.now() < deadline; ) {
    const stored = await storedInforms(nbi, serialPrefix);
    const behind = Object.entries(lastInformAt).filter(
      ([serial, at]) => !((stored.get(serial) ?? 0) >= at - 50),
    );
    if (behind.length === 0) return Date.now();
    await sleep(100);
  }
  return undefined;
}

/**
 * An OTLP/HTTP receiver that takes every export and keeps nothing: with `tracing` the all-in-one
 * records and exports its spans here, and what that costs is the all-in-one's CPU, not this one's.
 */
export async function otlpSink() {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/**
 * One store, one device count: first contact to its end (registered, discovered, no command of
 * provisioning left), then periodic Informs of these provisioned devices are measured. `root`:
 * the all-in-one of another checkout's build (an A/B baseline).
 */
async function runOne({
  store,
  devices,
  seconds,
  port,
  mongoUrl,
  drainCapMs,
  tracing = false,
  root,
}) {
  const sink = tracing ? await otlpSink() : undefined;
  const {
    env: storeEnv,
    ferret,
    commands,
    pending,
    drop,
  } = benchStore({ store, mongoUrl, name: 'stored' });
  const server = await startAllInOne({
    name: 'stored',
    port,
    ...(root ? { root } : {}),
    // Discovery of one small subtree: this measures Informs, not discovery.
    env: {
      ...storeEnv,
      MERIDIAN_DISCOVERY_PATHS: 'ManagementServer.',
      ...(sink ? { MERIDIAN_OTLP_ENDPOINT: sink.url } : {}),
    },
  });
  const serialPrefix = `ST${store === 'mongo' ? 'M' : 'S'}${devices}X`;
  const { cwmpUrl: url, nbi } = server;
  try {
    // First contact (registration and the small discovery) is not what is measured: until
    // provisioning has nothing left for any device (its commands answered, their results
    // stored), then 3 s more. The driver's CPEs send the same Informs (same listener port).
    const crPort = port + 2;
    const warmup = await firstContact({ url, nbi, devices, serialPrefix, crPort });
    await sleep(3000);
    const acsBefore = cpuSeconds(server.pid);
    const ferretBefore = ferret ? cpuSeconds(ferret) : 0;
    const commandsBefore = commands?.();
    const run = await driveSessions(url, devices, seconds, serialPrefix, { crPort });
    const idleAt = await untilStored(nbi, serialPrefix, run.lastInformAt, drainCapMs);
    const acsCpu = cpuSeconds(server.pid) - acsBefore;
    const ferretCpu = ferret ? cpuSeconds(ferret) - ferretBefore : undefined;
    // The counts are written every 100 ms: wait for those of the window's end.
    if (commands) await sleep(250);
    const commandsAfter = commands?.();
    const until = idleAt ?? Date.now();
    // Not idle: the MongoDB commands the all-in-one has waited on for over 5 s (a store call
    // that never returns holds its device's later Informs behind it).
    const waiting = idleAt ? [] : (pending?.() ?? []).filter((command) => command.waitingMs > 5000);
    return {
      store,
      tracing,
      devices,
      // The gateway refuses new sessions (503) at this many Informs and results not yet handled.
      maxBacklog: Number(process.env.MERIDIAN_CWMP_MAX_BACKLOG ?? 500),
      seconds,
      answered: run.answered,
      refused: run.refused,
      errors: run.errors,
      joined: run.joined,
      answeredPerSecond: run.answered / ((run.endedAt - run.startedAt) / 1000),
      storedPerSecond: idleAt ? run.answered / ((idleAt - run.startedAt) / 1000) : undefined,
      drainSeconds: (until - run.endedAt) / 1000,
      drained: idleAt !== undefined,
      acsCpuMsPerInform: (acsCpu * 1000) / run.answered,
      driverCpuMsPerInform: (run.cpuSeconds * 1000) / run.answered,
      ferretCpuMsPerInform: ferretCpu === undefined ? undefined : (ferretCpu * 1000) / run.answered,
      mongoCommandsPerInform: commands
        ? commandsPer(commandsBefore, commandsAfter, run.answered)
        : undefined,
      firstError: run.firstError,
      waiting,
      // The measured window (epoch ms): from the first session until the store was idle.
      window: [run.startedAt, until],
      firstContactSeconds: warmup.seconds,
      firstContactSessions: warmup.sessions,
    };
  } finally {
    await server.stop();
    sink?.close();
    await drop();
  }
}

export async function runStoredBench({
  // BENCH_STORES=sqlite: SQLite alone (no MongoDB-wire server needed).
  stores = (process.env.BENCH_STORES ?? 'sqlite,mongo').split(','),
  deviceCounts = [20, 100],
  seconds = 8,
  port = 18400,
  mongoUrl = process.env.MERIDIAN_MONGO_URL ?? 'mongodb://127.0.0.1:27017/meridian',
  drainCapMs = 120_000,
  // [false, true]: each row also with tracing on (spans exported to a local OTLP sink), right
  // after the same row with tracing off, so the two compare within one run.
  tracingModes = [false],
  root,
} = {}) {
  const loadAtStart = os.loadavg().map((l) => Number(l.toFixed(2)));
  const rows = [];
  for (const store of stores) {
    for (const devices of deviceCounts) {
      for (const tracing of tracingModes) {
        console.error(`  stored Informs: ${store}, ${devices} devices, tracing ${tracing}…`);
        rows.push(
          await runOne({ store, devices, seconds, port, mongoUrl, drainCapMs, tracing, root }),
        );
        console.error(`  ${JSON.stringify(rows.at(-1))}`);
      }
    }
  }
  return { loadAtStart, loadAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))), rows };
}

export const READING = `Each row: the all-in-one (own process, fresh store) and one driver process of simulated CPEs running Inform-only sessions (Inform, empty POST, 204) of provisioned devices for 8 s, after their first contact (one periodic Inform each: registration and discovery of ManagementServer. only, the CPEs answering connection requests) until the NBI shows every device discovered with no command of provisioning in flight ("first contact, s": how long that took, and its sessions), and a 3 s pause. "Stored" counts a session once the device's lastInform in the store is at least that session's start, read through the NBI every 100 ms; stored Informs/s = sessions answered / time from the first session until the store was idle, drain = idle time minus end of load. A device refused with 503 waits 200 ms (a scaled-down Retry-After). CPU per Inform is the all-in-one's own (gateway, bus, provisioning, store driver) from /proc; for FerretDB its process's CPU over the same window (other work on the shared server included). MongoDB commands per Inform: those the all-in-one's driver sent in the same window (its command monitoring, bench/mongo-commands.mjs), divided by the sessions answered.`;

export function toMarkdown(r) {
  const f = (n, digits = 0) =>
    n === undefined
      ? '–'
      : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const label = {
    sqlite: 'SQLite (embedded)',
    mongo: 'FerretDB 1.24 (MongoDB wire, SQLite backend)',
  };
  return [
    `Load average ${r.loadAtStart.join(' / ')} at start, ${r.loadAtEnd.join(' / ')} at the end (the machine is shared).`,
    '',
    '| store | tracing | devices | backlog limit | first contact, s (sessions) | sessions answered (per s) | refused with 503 | stored Informs/s | drain after the load, s | all-in-one CPU ms per Inform | FerretDB CPU ms per Inform | MongoDB commands per Inform | driver CPU ms per Inform |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.rows.map(
      (x) =>
        `| ${label[x.store]} | ${x.tracing ? 'on (OTLP to a local sink)' : 'off'} | ${x.devices} | ${f(x.maxBacklog)} | ${f(x.firstContactSeconds, 1)} (${f(x.firstContactSessions)}) | ${f(x.answered)} (${f(x.answeredPerSecond)}) | ${f(x.refused)} | ${x.drained ? f(x.storedPerSecond) : `not idle after ${f(x.drainSeconds)} s${x.waiting?.length ? ` (MongoDB commands unanswered for over 5 s: ${x.waiting.map((c) => `${c.key} ${f(c.waitingMs / 1000)} s`).join(', ')})` : ''}`} | ${f(x.drainSeconds, 1)} | ${f(x.acsCpuMsPerInform, 2)} | ${f(x.ferretCpuMsPerInform, 2)} | ${f(x.mongoCommandsPerInform?.total, 2)} | ${f(x.driverCpuMsPerInform, 2)} |`,
    ),
  ].join('\n');
}

/**
 * Issue 16's backpressure, from the same rows: the gateway refuses new sessions (503 +
 * Retry-After) once `maxBacklog` Informs and results wait for provisioning, so what is answered
 * but not yet stored when the load stops is at most that backlog, and the drain at most the
 * backlog divided by the stored rate — not the minutes of an unbounded in-process queue.
 */
export function backpressureMarkdown(r) {
  const f = (n, digits = 0) =>
    n === undefined
      ? '–'
      : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return [
    '**Backpressure** (the same rows): the drain after the load against its bound, the backlog limit over the stored rate.',
    '',
    '| store | devices | refused with 503 (of sessions tried) | backlog limit | drain after the load, s | backlog limit / stored rate, s | within it |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...r.rows.map((x) => {
      const boundSeconds = x.drained ? x.maxBacklog / x.storedPerSecond : undefined;
      return `| ${x.store === 'mongo' ? 'FerretDB 1.24' : 'SQLite'} | ${x.devices} | ${f(x.refused)} (${f((100 * x.refused) / Math.max(1, x.refused + x.answered))} %) | ${f(x.maxBacklog)} | ${f(x.drainSeconds, 1)} | ${f(boundSeconds, 1)} | ${boundSeconds === undefined ? 'not idle' : x.drainSeconds <= boundSeconds + 1 ? 'yes' : 'no'} |`;
    }),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const only = process.argv.includes('--store')
    ? [process.argv[process.argv.indexOf('--store') + 1]]
    : undefined;
  const counts = process.argv.includes('--devices')
    ? [Number(process.argv[process.argv.indexOf('--devices') + 1])]
    : undefined;
  const port = process.argv.includes('--port')
    ? Number(process.argv[process.argv.indexOf('--port') + 1])
    : undefined;
  // --root DIR: the all-in-one built in that checkout (an A/B baseline), this bench's driver.
  const root = process.argv.includes('--root')
    ? process.argv[process.argv.indexOf('--root') + 1]
    : undefined;
  const r = await runStoredBench({
    ...(root ? { root } : {}),
    ...(process.argv.includes('--tracing') ? { tracingModes: [false, true] } : {}),
    ...(only ? { stores: only } : {}),
    ...(port ? { port } : {}),
    ...(counts ? { deviceCounts: counts } : {}),
  });
  console.log(toMarkdown(r));
}
