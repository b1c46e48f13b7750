// Soak (outside CI): the all-in-one (its own process, SQLite store, in-process bus) under simulated
// CPEs with periodic Informs and a steady stream of NBI tasks, sampled every minute: the server's
// RSS and open file descriptors (from /proc), the p50/p99 of CPE sessions and of tasks in that
// minute, and its JS heap before and after a full GC (bench/soak-probe.mjs, preloaded into the
// server, answers SIGUSR2; MERIDIAN_SOAK_SNAPSHOTS="3,8" also writes heap snapshots at those
// minutes into MERIDIAN_SOAK_PROBE_DIR, to compare with bench/heap-diff.mjs; a snapshot inflates
// RSS by ~500 MB for the rest of the run, so RSS figures of such a run mean nothing). Pass: after
// the warm-up no growth trend — RSS, heap after GC, open descriptors and session p99 at the
// end (mean of the last 3 samples) within 10 % of their value after the warm-up (mean of the 3
// first samples after it) — and every task answered done. Exit 1 otherwise.
//
//   npm run build && node bench/soak.mjs                  1,000 devices, 30 minutes (5 of warm-up)
//   MERIDIAN_SOAK_MINUTES=12 MERIDIAN_SOAK_WARMUP=3 node bench/soak.mjs
//
// MERIDIAN_SOAK_DEVICES (1000), MERIDIAN_SOAK_PERIODIC (60 s), MERIDIAN_SOAK_TASKS (tasks per
// second, 2), MERIDIAN_SOAK_PORT (17950: CWMP; +1 NBI). One JSON line per minute, then a summary.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { createSimulator } = require(path.join(root, 'dist/libs/cpe-sim/src/index.js'));

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const MINUTES = env('MERIDIAN_SOAK_MINUTES', 30);
const WARMUP = env('MERIDIAN_SOAK_WARMUP', 5);
const DEVICES = env('MERIDIAN_SOAK_DEVICES', 1000);
const PERIODIC = env('MERIDIAN_SOAK_PERIODIC', 60);
const TASKS = env('MERIDIAN_SOAK_TASKS', 2);
const PORT = env('MERIDIAN_SOAK_PORT', 17950);
const KEY = 'soak-admin-key-0123456789';
const TOLERANCE = 0.1;
// Heap snapshots of the server at these minutes (e.g. "3,8"), kept in MERIDIAN_SOAK_PROBE_DIR.
const SNAPSHOT_MINUTES = (process.env.MERIDIAN_SOAK_SNAPSHOTS ?? '')
  .split(',')
  .filter(Boolean)
  .map(Number);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const percentile = (values, p) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

async function waitForPort(port) {
  for (let i = 0; i < 600; i++) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => resolve(s.end() !== undefined));
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`port ${port} never opened`);
}

/** RSS (MB) and open file descriptors of a process, from /proc. */
function processFigures(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
  return { rssMb: Math.round(rssKb / 102.4) / 10, fds: readdirSync(`/proc/${pid}/fd`).length };
}

/** The server's heap (MB) before and after a full GC, from bench/soak-probe.mjs (SIGUSR2). */
async function heapFigures(pid) {
  const file = path.join(probeDir, 'memory.json');
  const since = Date.now();
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 300; i++) {
    await sleep(100);
    if (!existsSync(file)) continue;
    const m = JSON.parse(readFileSync(file, 'utf8'));
    if (m.at < since) continue;
    const mb = (bytes) => Math.round(bytes / 104857.6) / 10;
    return {
      heapUsedMb: mb(m.before.heapUsed),
      heapAfterGcMb: mb(m.after.heapUsed),
      externalMb: mb(m.after.external),
    };
  }
  return {};
}

async function heapSnapshot(pid, n) {
  process.kill(pid, 'SIGWINCH');
  while (!existsSync(path.join(probeDir, `heap-${n}.done`))) await sleep(200);
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'meridian-soak-'));
const probeDir = process.env.MERIDIAN_SOAK_PROBE_DIR ?? path.join(dataDir, 'probe');
mkdirSync(probeDir, { recursive: true });
const server = spawn(
  process.execPath,
  [
    '--expose-gc',
    '--import',
    path.join(root, 'bench/soak-probe.mjs'),
    'dist/apps/meridian/src/main.js',
  ],
  {
    cwd: root,
    env: {
      ...process.env,
      MERIDIAN_SOAK_PROBE_DIR: probeDir,
      MERIDIAN_DATA_DIR: dataDir,
      MERIDIAN_CWMP_HOST: '127.0.0.1',
      MERIDIAN_CWMP_PORT: String(PORT),
      MERIDIAN_NBI_PORT: String(PORT + 1),
      MERIDIAN_FILES_PORT: '0',
      MERIDIAN_OPS_PORT: '0',
      MERIDIAN_NBI_API_KEYS: `soak:admin:${KEY}`,
      MERIDIAN_CR_USERNAME: 'cr',
      MERIDIAN_CR_PASSWORD: 'cr-secret',
      MERIDIAN_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);
const nbi = `http://127.0.0.1:${PORT + 1}`;
let exitCode = 1;
let sim;
try {
  await waitForPort(PORT + 1);
  let window = { sessions: [], sessionErrors: 0, tasks: [], taskFailures: 0 };
  sim = await createSimulator({
    count: DEVICES,
    acsUrl: `http://127.0.0.1:${PORT}/`,
    serialPrefix: 'SOAKX',
    crPort: 0,
    connectionRequestUsername: 'cr',
    connectionRequestPassword: 'cr-secret',
    periodicInformInterval: PERIODIC,
    onSession: (_, record) => {
      if (record.error === undefined) window.sessions.push(record.durationMs);
      else window.sessionErrors++;
    },
  });
  await sim.booted;
  const ids = sim.devices.map((d) => `00D09E-SimRouter-${d.serialNumber}`);
  const started = Date.now();
  const failures = [];

  // A steady stream of tasks, alternately a read and a write, each to the next device.
  let running = true;
  let n = 0;
  const inFlight = new Set();
  const task = async (i) => {
    const t0 = performance.now();
    const body =
      i % 2 === 0
        ? { name: 'getParameterValues', parameterNames: ['Device.DeviceInfo.UpTime'] }
        : { name: 'setParameterValues', parameterValues: [['Device.Time.NTPServer1', `ntp-${i}`]] };
    try {
      const res = await fetch(
        `${nbi}/devices/${ids[i % ids.length]}/tasks?connectionRequest=true&timeout=30000`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        },
      );
      const reply = await res.json();
      if (res.status === 200 && reply.status === 'done') window.tasks.push(performance.now() - t0);
      else {
        window.taskFailures++;
        failures.push(`${res.status} ${reply.status ?? JSON.stringify(reply).slice(0, 200)}`);
      }
    } catch (error) {
      window.taskFailures++;
      failures.push(String(error));
    }
  };
  const producer = (async () => {
    while (running) {
      const p = task(n++).finally(() => inFlight.delete(p));
      inFlight.add(p);
      await sleep(1000 / TASKS);
    }
  })();

  const samples = [];
  for (let minute = 1; minute <= MINUTES; minute++) {
    await sleep(started + minute * 60_000 - Date.now());
    const w = window;
    window = { sessions: [], sessionErrors: 0, tasks: [], taskFailures: 0 };
    const sample = {
      minute,
      ...processFigures(server.pid),
      ...(await heapFigures(server.pid)),
      sessions: w.sessions.length,
      sessionErrors: w.sessionErrors,
      sessionP50Ms: percentile(w.sessions, 50),
      sessionP99Ms: percentile(w.sessions, 99),
      tasks: w.tasks.length,
      taskFailures: w.taskFailures,
      taskP50Ms: percentile(w.tasks, 50) && Math.round(percentile(w.tasks, 50)),
      taskP99Ms: percentile(w.tasks, 99) && Math.round(percentile(w.tasks, 99)),
    };
    samples.push(sample);
    console.log(`soak ${JSON.stringify(sample)}`);
    const snapshot = SNAPSHOT_MINUTES.indexOf(minute);
    if (snapshot >= 0) await heapSnapshot(server.pid, snapshot + 1);
  }
  running = false;
  await producer;
  await Promise.all(inFlight);

  const after = samples.filter((s) => s.minute > WARMUP);
  const first = after.slice(0, 3);
  const last = after.slice(-3);
  const compare = (key) => {
    const start = mean(first.map((s) => s[key]));
    const end = mean(last.map((s) => s[key]));
    return { afterWarmup: start, end, change: (end - start) / start };
  };
  const figures = {
    rssMb: compare('rssMb'),
    heapAfterGcMb: compare('heapAfterGcMb'),
    fds: compare('fds'),
    sessionP99Ms: compare('sessionP99Ms'),
  };
  const grew = Object.entries(figures)
    .filter(([, f]) => f.change > TOLERANCE)
    .map(([key]) => key);
  const taskFailures = samples.reduce((a, s) => a + s.taskFailures, 0);
  const summary = {
    devices: DEVICES,
    minutes: MINUTES,
    warmupMinutes: WARMUP,
    periodicSeconds: PERIODIC,
    tasksPerSecond: TASKS,
    sessions: samples.reduce((a, s) => a + s.sessions, 0),
    sessionErrors: samples.reduce((a, s) => a + s.sessionErrors, 0),
    tasks: samples.reduce((a, s) => a + s.tasks, 0),
    taskFailures,
    failureSample: failures.slice(0, 3),
    ...figures,
    grew,
    pass: after.length >= 3 && grew.length === 0 && taskFailures === 0,
  };
  console.log(`soak summary ${JSON.stringify(summary)}`);
  exitCode = summary.pass ? 0 : 1;
} finally {
  await sim?.stop();
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await exited;
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
