// Issue 17: a bootstrap of N new CPEs (default 200) against the all-in-one on the MongoDB store
// (MERIDIAN_MONGO_URL, a database of its own, dropped after), as bench/provisioning.mjs's boot
// storm does on SQLite. What it checks: discovery and the preset are done in the CPEs' own
// sessions, i.e. no connection request was needed (sessions opened by "6 CONNECTION REQUEST").
// Usage: node bench/bootstrap-mongo.mjs [--devices 200] [--store mongo|sqlite] [--timeout-s 600]
// [--port 18480] (the all-in-one's CWMP port; its NBI takes the next one)
// (after npm run build)
import { fileURLToPath } from 'node:url';
import { benchStore, commandsPer, cpuSeconds } from './all-in-one.mjs';
import { runBootStorm } from './provisioning.mjs';

export async function runMongoBootstrap({
  devices = 200,
  store = 'mongo',
  mongoUrl = process.env.MERIDIAN_MONGO_URL ?? 'mongodb://127.0.0.1:27017/meridian',
  port = 18480,
  timeoutMs = 10 * 60_000,
} = {}) {
  const { env, ferret, commands, size, drop } = benchStore({ store, mongoUrl, name: 'bootstrap' });
  try {
    // The server's CPU over the whole run (other work on a shared server included).
    const ferretBefore = ferret ? cpuSeconds(ferret) : undefined;
    let ferretCpuSeconds;
    // Read before the store's size is: reading every document is the server's work too.
    const storeSize = (server) => {
      if (ferret) ferretCpuSeconds = cpuSeconds(ferret) - ferretBefore;
      return size(server);
    };
    const r = await runBootStorm({ devices, port, env, timeoutMs, storeSize });
    // Written at the all-in-one's exit: the whole run's, its start-up included.
    const perDevice = commands ? commandsPer({}, commands(), devices) : undefined;
    return { store, ...r, mongoCommandsPerDevice: perDevice, ferretCpuSeconds };
  } finally {
    await drop();
  }
}

/**
 * What the store holds per device at the end, in KB: in all, then its three largest tables or
 * collections (the presets, tasks and audit entries of the run included).
 */
export function storedPerDevice(bytes, devices) {
  const kb = (n) => (n / 1024 / devices).toLocaleString('en-US', { maximumFractionDigits: 1 });
  const entries = Object.entries(bytes ?? {}).sort(([, a], [, b]) => b - a);
  if (entries.length === 0) return '–';
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  const largest = entries.slice(0, 3).map(([name, n]) => `${name} ${kb(n)}`);
  return `${kb(total)} (${largest.join(', ')})`;
}

/** One row per run (`runs`: one result or an array of them). */
export function toMarkdown(runs) {
  const f = (n, d = 1) =>
    n === undefined ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: d });
  const row = (r) =>
    `| ${r.store} | ${r.devices} | ${r.provisioned} | ${r.tagged} | ${f(r.seconds)} | ${r.sessions} (${r.errors}) | ${r.connectionRequests} | ${r.connectionRequestFailures} | ${r.rpcs.GetParameterNames ?? 0} / ${r.rpcs.GetParameterValues ?? 0} / ${r.rpcs.SetParameterValues ?? 0} | ${f(r.acsCpuSeconds)} | ${f(r.ferretCpuSeconds)} | ${f(r.mongoCommandsPerDevice?.total)} | ${['command', 'idle', 'caught_up', 'cap'].map((e) => r.lingers[e] ?? 0).join(' / ')} | ${
      Object.entries(r.rejected)
        .map(([reason, n]) => `${reason} ${n}`)
        .join(', ') || '0'
    } | ${f(r.lingerLimit, 0)} | ${storedPerDevice(r.storeBytes, r.devices)} | ${r.loadBefore.join(' ')} → ${r.loadAfter.join(' ')} |`;
  return [
    '| store | devices | provisioned | tagged | to preset config, s | sessions (failed) | of which connection requests | failed connection requests | GPN / GPV / SPV | all-in-one CPU s | FerretDB CPU s | MongoDB commands per device | lingers ended command / idle / caught_up / cap | refused (503) by reason | boot-session limit at the end | stored per device, KB (largest) | load before → after |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|---|---:|---|---|',
    ...[runs].flat().map(row),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const r = await runMongoBootstrap({
    devices: Number(arg('--devices') ?? 200),
    store: arg('--store') ?? 'mongo',
    timeoutMs: Number(arg('--timeout-s') ?? 600) * 1000,
    port: Number(arg('--port') ?? 18480),
  });
  console.error(JSON.stringify({ ...r, otherWarnings: r.otherWarnings.slice(0, 3) }));
  console.log(toMarkdown(r));
  // A failed check is a failed run: the CPEs needed connection requests, or not all got there.
  if (!r.complete || r.connectionRequests > 0) process.exitCode = 1;
}
