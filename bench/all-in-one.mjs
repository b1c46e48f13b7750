// The all-in-one as the benchmarks run it: the built dist/apps/meridian in a process of its own,
// CWMP on `port` and the NBI on `port + 1` (loopback), its data in a temporary directory, an
// admin API key and connection request credentials the simulators share. And what the benches
// around it share: a server process, the session driver process, a process's CPU time, a bench
// database's removal.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export const BENCH_KEY = 'bench-admin-key-0123456789';
export const BENCH_CR = { username: 'cr', password: 'cr-secret' };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves once `port` on loopback accepts connections; throws after 60 s or once `gone()`. */
export async function waitForPort(port, gone = () => false) {
  for (let i = 0; i < 600 && !gone(); i++) {
    const open = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(`port ${port} never opened`);
}

/**
 * A throwaway self-signed certificate for 127.0.0.1 made with openssl, `key`: 'rsa' (RSA 2048,
 * what most ACS certificates are, for the CPEs that know no other) or 'ec' (ECDSA P-256).
 * Resolves with the PEM files' paths; `remove()` deletes them.
 */
export function selfSignedCert(key = 'rsa') {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'meridian-bench-tls-'));
  const cert = path.join(dir, 'acs.crt');
  const keyFile = path.join(dir, 'acs.key');
  const newKey =
    key === 'ec'
      ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1']
      : ['-newkey', 'rsa:2048'];
  execFileSync(
    'openssl',
    ['req', '-x509', ...newKey, '-nodes', '-keyout', keyFile, '-out', cert, '-days', '2'].concat([
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ]),
    { stdio: 'ignore' },
  );
  return { cert, key: keyFile, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** deploy/Dockerfile's NODE_OPTIONS: the benches measure the processes as the image runs them. */
const MERIDIAN_NODE_FLAGS = ['--max-semi-space-size=64'];

/**
 * `node …args` in a process of its own, in the repository (or `cwd`), with `env` added to this
 * process's; `profile`: with BENCH_CPU_PROF=<dir>, it writes a V8 CPU profile there (node
 * --cpu-prof). `gone()` says whether it has exited; `stop()` ends it (SIGTERM) and waits.
 */
export function startNode(
  args,
  { env = {}, cwd = root, stdio = ['ignore', 'inherit', 'inherit'], profile = false } = {},
) {
  const cpuProf =
    profile && process.env.BENCH_CPU_PROF
      ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
      : [];
  // Meridian's own processes run with the V8 flags deploy/Dockerfile gives them (NODE_OPTIONS).
  const meridian = args[0]?.startsWith('dist/apps/') ? MERIDIAN_NODE_FLAGS : [];
  const child = spawn(process.execPath, [...cpuProf, ...meridian, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio,
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  return {
    child,
    pid: child.pid,
    gone: () => exited,
    stop: async () => {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    },
  };
}

/**
 * Starts the all-in-one and resolves once both its ports accept connections. `env` adds to or
 * overrides the defaults; `onStderrLine`, when given, receives its log lines instead of this
 * process's stderr; `root`, another checkout's built tree (an A/B baseline). `stop()` ends it (SIGTERM, waiting for the exit) and removes its data.
 */
export async function startAllInOne({ name, port, env = {}, onStderrLine, root: from = root }) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `meridian-${name}-bench-`));
  const server = startNode(['dist/apps/meridian/src/main.js'], {
    cwd: from,
    env: {
      MERIDIAN_DATA_DIR: dataDir,
      MERIDIAN_CWMP_HOST: '127.0.0.1',
      MERIDIAN_CWMP_PORT: String(port),
      MERIDIAN_NBI_PORT: String(port + 1),
      MERIDIAN_FILES_PORT: '0',
      MERIDIAN_NBI_API_KEYS: `bench:admin:${BENCH_KEY}`,
      MERIDIAN_CR_USERNAME: BENCH_CR.username,
      MERIDIAN_CR_PASSWORD: BENCH_CR.password,
      MERIDIAN_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'inherit', onStderrLine ? 'pipe' : 'inherit'],
    profile: true,
  });
  if (onStderrLine) {
    let partial = '';
    server.child.stderr.setEncoding('utf8').on('data', (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      lines.forEach(onStderrLine);
    });
  }
  const stop = async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, server.gone);
    await waitForPort(port + 1, server.gone);
  } catch (error) {
    await stop();
    throw error;
  }
  const scheme = env.MERIDIAN_CWMP_TLS_CERT ? 'https' : 'http';
  return {
    pid: server.pid,
    cwmpUrl: `${scheme}://127.0.0.1:${port}/`,
    nbi: `http://127.0.0.1:${port + 1}`,
    dataDir,
    stop,
  };
}

/**
 * Runs bench/session-driver.mjs (simulated CPEs in Inform-only sessions against `url`) in a
 * process of its own and resolves with the figures it prints last; `light`: its pre-built
 * envelopes on raw keep-alive sockets (--light), so the driver's CPU stays small;
 * `connectionPerSession`: with `light`, a connection per session, as CPEs do; `resume`: over TLS,
 * each device resumes its previous connection's session (ticket); `pauseMs`: each
 * device's pause between its sessions (paced, not saturated); `crPort`: their connection request
 * listener's port (the one of their firstContact).
 */
export function driveSessions(
  url,
  devices,
  seconds,
  serialPrefix,
  { light = false, crPort, connectionPerSession = false, resume = false, pauseMs } = {},
) {
  const args = [
    url,
    String(devices),
    String(seconds),
    ...(serialPrefix ? [serialPrefix] : []),
    ...(light ? ['--light'] : []),
    ...(connectionPerSession ? ['--connection-per-session'] : []),
    ...(resume ? ['--resume'] : []),
    ...(crPort ? ['--cr-port', String(crPort)] : []),
    ...(pauseMs !== undefined ? ['--pause-ms', String(pauseMs)] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bench/session-driver.mjs', ...args], {
      cwd: root,
      // The benches' ACS certificates are self-signed: the simulator's first contact accepts them.
      env: url.startsWith('https:')
        ? { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0', NODE_NO_WARNINGS: '1' }
        : process.env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()))
        : reject(new Error(`driver exited ${code}`)),
    );
  });
}

const deviceProvisioning = async (nbi, deviceId) => {
  const res = await fetch(`${nbi}/devices/${encodeURIComponent(deviceId)}/provisioning`, {
    headers: { authorization: `Bearer ${BENCH_KEY}` },
    signal: AbortSignal.timeout(15_000),
  });
  return res.ok ? res.json() : undefined;
};

/**
 * First contact of the bench's CPEs, to its end: `devices` full simulated CPEs (serials
 * `serialPrefix`…) each send one periodic Inform to `url` (registration; provisioning then sends
 * the discovery MERIDIAN_DISCOVERY_PATHS names, in that session or by connection request, which
 * they answer on `crPort` with BENCH_CR, the credentials the bench's ACS uses), until the NBI at
 * `nbi` shows every device discovered with no command of provisioning in flight (polled every
 * 250 ms). Then the simulators stop; the session driver run next with the same `crPort` sends the
 * same Informs. Resolves with how long that took (seconds) and its sessions; throws after `capMs`,
 * or at once when `gone()` names a service of the ACS that exited (nothing would settle then).
 */
export async function firstContact({
  url,
  nbi,
  devices,
  serialPrefix,
  crPort,
  capMs = 300_000,
  gone = () => undefined,
}) {
  const { createSimulator } = require(path.join(root, 'dist/libs/cpe-sim/src/index.js'));
  const { deviceIdOf } = require(path.join(root, 'dist/libs/cwmp/src/index.js'));
  const startedAt = Date.now();
  let sessions = 0;
  const sim = await createSimulator({
    count: devices,
    acsUrl: url,
    concurrency: devices,
    periodicInformInterval: 0,
    bootOnStart: false,
    crPort,
    serialPrefix,
    connectionRequestUsername: BENCH_CR.username,
    connectionRequestPassword: BENCH_CR.password,
    onSession: () => sessions++,
  });
  try {
    await Promise.all(sim.devices.map((cpe) => cpe.inform(['2 PERIODIC'])));
    const pending = new Set(sim.devices.map((cpe) => deviceIdOf(cpe.state.deviceId)));
    while (pending.size > 0) {
      const exited = gone();
      if (exited)
        throw new Error(`first contact: ${exited} exited, ${pending.size} devices not settled`);
      if (Date.now() - startedAt > capMs) {
        throw new Error(`first contact: ${pending.size} devices not settled after ${capMs} ms`);
      }
      await sleep(250);
      for (const deviceId of pending) {
        const p = await deviceProvisioning(nbi, deviceId);
        const settled = p?.discoveredAt && p.commandsInFlight === 0 && p.inProgress.length === 0;
        if (settled) pending.delete(deviceId);
      }
    }
    return { seconds: (Date.now() - startedAt) / 1000, sessions };
  } finally {
    await sim.stop();
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The MongoDB-wire server's process listening on `port` on this machine (FerretDB), if any. */
function ferretPid(port) {
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (comm === 'ferretdb' && cmdline.some((arg) => arg.endsWith(`:${port}`))) {
        return Number(pid);
      }
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/**
 * The store a bench points the ACS at: SQLite (in `dataDir` when given, else the process's own
 * data directory), or with `store: 'mongo'` a database of this run on the MongoDB-wire server of
 * `mongoUrl`, with that server's process on this machine (`ferret`, for its CPU; undefined for
 * SQLite or a remote server) and `drop()` to remove the database after the run. The process given
 * `env` counts its MongoDB commands (`commands()`, and `pending()`: those waiting for their reply;
 * bench/mongo-commands.mjs) unless `countCommands` is false.
 */
export function benchStore({ store, mongoUrl, name, dataDir, countCommands = true }) {
  if (store !== 'mongo') {
    return {
      env: { MERIDIAN_STORE: 'sqlite', ...(dataDir ? { MERIDIAN_DATA_DIR: dataDir } : {}) },
      ferret: undefined,
      size: (server) => sqliteSize(path.join(dataDir ?? server.dataDir, 'meridian.db')),
      drop: async () => undefined,
    };
  }
  const dbName = `bench_${name}_${process.pid}_${Date.now()}`;
  const commandsFile = path.join(os.tmpdir(), `${dbName}.commands.json`);
  return {
    env: {
      MERIDIAN_STORE: 'mongo',
      MERIDIAN_MONGO_URL: mongoUrl.replace(/\/[^/]*$/, `/${dbName}`),
      ...(countCommands
        ? {
            NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${path.join(root, 'bench/mongo-commands.mjs')}`,
            MERIDIAN_BENCH_MONGO_COMMANDS: commandsFile,
          }
        : {}),
    },
    ferret: ferretPid(new URL(mongoUrl).port || '27017'),
    commands: () => mongoCommands(commandsFile).counts,
    pending: () => mongoCommands(commandsFile).pending,
    size: () => mongoSize(mongoUrl, dbName),
    drop: async () => {
      rmSync(commandsFile, { force: true });
      await dropDatabase(mongoUrl, dbName).catch(() => undefined);
    },
  };
}

/**
 * What a store holds, by table or collection, in bytes: SQLite's pages in use (`dbstat`: data
 * and indexes, read while the all-in-one has it open, its WAL included) and each MongoDB
 * collection's documents as BSON (what MongoDB's collStats calls `size`: uncompressed, indexes
 * not included, whatever server answers).
 */
function sqliteSize(file) {
  const Database = require('better-sqlite3');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        "SELECT name, tbl_name AS tbl, type FROM sqlite_schema WHERE type IN ('table', 'index')",
      )
      .all();
    const table = new Map(rows.map((r) => [r.name, r.tbl]));
    const bytes = {};
    for (const { name, size } of db
      .prepare('SELECT name, sum(pgsize) AS size FROM dbstat GROUP BY name')
      .all()) {
      const key = table.get(name) ?? name;
      bytes[key] = (bytes[key] ?? 0) + size;
    }
    return bytes;
  } finally {
    db.close();
  }
}

async function mongoSize(url, dbName) {
  const mongoose = require('mongoose');
  const { calculateObjectSize } = mongoose.mongo.BSON;
  const connection = await mongoose
    .createConnection(url, { dbName, serverSelectionTimeoutMS: 3000 })
    .asPromise();
  try {
    const bytes = {};
    for (const { name } of await connection.db.listCollections().toArray()) {
      let size = 0;
      for await (const doc of connection.db.collection(name).find()) {
        size += calculateObjectSize(doc);
      }
      bytes[name] = size;
    }
    return bytes;
  } finally {
    await connection.close();
  }
}

/**
 * The all-in-one's MongoDB commands so far, by command and collection, and those waiting for
 * their reply (bench/mongo-commands.mjs).
 */
function mongoCommands(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { counts: {}, pending: [] };
  }
}

/** Commands between two counts of mongoCommands, per `per` (an Inform, a device), largest first. */
export function commandsPer(before, after, per) {
  const rows = Object.entries(after)
    .map(([key, n]) => [key, (n - (before[key] ?? 0)) / per])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  return { total: rows.reduce((sum, [, n]) => sum + n, 0), byCommand: Object.fromEntries(rows) };
}

/** Drops the MongoDB database a bench run wrote to. */
export async function dropDatabase(url, dbName) {
  const mongoose = require('mongoose');
  const connection = await mongoose
    .createConnection(url, { dbName, serverSelectionTimeoutMS: 3000 })
    .asPromise();
  try {
    await connection.dropDatabase();
  } finally {
    await connection.close();
  }
}
