// Issue 16: CPU per Inform-only session (Inform, empty POST, 204) of an already provisioned
// device, all-in-one on SQLite, next to a bare node:http server answering the same exchanges
// with canned bodies (bench/bare-acs.mjs), in the same run, driven by bench/session-driver.mjs
// --light: a light driver (pre-built envelopes on raw keep-alive sockets) whose own CPU is
// reported, so the figures are the servers', not the driver's. Rounds alternate the servers so each figure
// has its baseline in the same minutes; tracing on is the same all-in-one exporting its spans
// to a local OTLP sink. BENCH_BASE=<dir>: also the all-in-one built in another checkout (an A/B
// baseline, e.g. main built in /tmp), in the same rounds.
// Usage: node bench/session-cpu.mjs [--devices 64] [--seconds 6] [--rounds 3] [--tracing]
//   [--warmup 0]: seconds of the same light load before each measure, not counted (a fresh
//   process spends its first seconds compiling: V8's optimising compiler took ~9 % of the
//   all-in-one's CPU in the first 10 s of load, under 1 % after 30 s).
//   [--sample 100,10,1]: with --tracing, a tracing-on row per share of sessions sampled
//   (MERIDIAN_TRACE_SAMPLE_PERCENT), each exporting what it records to its own sink.
//   BENCH_SESSION_PAUSE_MS=<ms>: paced (each device waits between sessions), not saturated.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, driveSessions, startAllInOne, startNode, waitForPort } from './all-in-one.mjs';
import { otlpSink } from './stored.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function startBare(port) {
  const bare = startNode(['bench/bare-acs.mjs', String(port)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForPort(port, bare.gone);
  return { pid: bare.pid, cwmpUrl: `http://127.0.0.1:${port}/`, stop: bare.stop };
}

/** The server's CPU over the driver's whole run divided by every session answered in it. */
export async function measure(server, devices, seconds, serialPrefix, warmup = 0) {
  if (warmup > 0)
    await driveSessions(server.cwmpUrl, devices, warmup, serialPrefix, { light: true });
  const before = cpuSeconds(server.pid);
  const run = await driveSessions(server.cwmpUrl, devices, seconds, serialPrefix, { light: true });
  const cpu = cpuSeconds(server.pid) - before;
  return {
    perSecond: run.perSecond,
    sessions: run.sessions,
    errors: run.errors,
    refused: run.refused,
    firstError: run.firstError,
    serverMicros: (cpu * 1e6) / Math.max(1, run.answered),
    driverMicros: (run.measuredCpuSeconds * 1e6) / Math.max(1, run.sessions),
  };
}

/** The all-in-one (SQLite) with `devices` already registered and discovered, then measured. */
async function measureAllInOne({ build, tracing, samplePercent, port, devices, seconds, warmup }) {
  const sink = tracing ? await otlpSink() : undefined;
  const serialPrefix = `SC${devices}X`;
  const server = await startAllInOne({
    name: 'session-cpu',
    port,
    root: build.root,
    env: {
      MERIDIAN_STORE: 'sqlite',
      MERIDIAN_DISCOVERY_PATHS: 'ManagementServer.',
      ...(sink ? { MERIDIAN_OTLP_ENDPOINT: sink.url } : {}),
      ...(sink && samplePercent !== undefined
        ? { MERIDIAN_TRACE_SAMPLE_PERCENT: String(samplePercent) }
        : {}),
    },
  });
  try {
    // First contact (registration, discovery of ManagementServer.) by the full simulator.
    await driveSessions(server.cwmpUrl, devices, 2, serialPrefix);
    await sleep(2000);
    return await measure(server, devices, seconds, serialPrefix, warmup);
  } finally {
    await server.stop();
    sink?.close();
  }
}

export async function runSessionCpuBench({
  devices = 64,
  seconds = 6,
  rounds = 3,
  warmup = 0,
  port = 18600,
  tracing = false,
  samplePercents = [100],
  base = process.env.BENCH_BASE,
} = {}) {
  const loadAtStart = os.loadavg().map((l) => Number(l.toFixed(2)));
  const builds = [
    { name: 'this tree', root },
    ...(base ? [{ name: `base (${base})`, root: base }] : []),
  ];
  const kinds = [
    {
      label: 'bare node:http, canned bodies',
      run: async () => {
        const bare = await startBare(port);
        try {
          return await measure(bare, devices, seconds, 'SCBARE', warmup);
        } finally {
          await bare.stop();
        }
      },
    },
    ...builds.flatMap((build) =>
      [undefined, ...(tracing ? samplePercents : [])].map((percent) => ({
        label: `all-in-one, ${build.name}, tracing ${percent === undefined ? 'off' : percent === 100 ? 'on' : `on, ${percent} % of sessions sampled`}`,
        run: () =>
          measureAllInOne({
            build,
            tracing: percent !== undefined,
            samplePercent: percent,
            port,
            devices,
            seconds,
            warmup,
          }),
      })),
    ),
  ];
  const results = new Map(kinds.map((k) => [k.label, []]));
  for (let r = 0; r < rounds; r++) {
    for (const kind of kinds) {
      console.error(`  round ${r + 1}: ${kind.label}…`);
      const x = await kind.run();
      console.error(`  ${JSON.stringify(x)}`);
      results.get(kind.label).push(x);
    }
  }
  // Tracing on as a ratio to tracing off of the same build in the same round (the two run one
  // after the other): on this shared 2-core machine rounds differ by up to ×1.3, so a ratio of
  // medians mixes rounds, where the median of these paired ratios does not.
  const offLabel = (label) => label.replace(/tracing on.*$/, 'tracing off');
  const rows = kinds.map((k) => {
    const xs = results.get(k.label);
    const offs = k.label.includes('tracing on') ? results.get(offLabel(k.label)) : undefined;
    const vsOff = offs?.map((off, i) => xs[i].serverMicros / off.serverMicros);
    return {
      ...(vsOff ? { vsOff: median(vsOff), vsOffAll: vsOff } : {}),
      label: k.label,
      perSecond: median(xs.map((x) => x.perSecond)),
      serverMicros: median(xs.map((x) => x.serverMicros)),
      driverMicros: median(xs.map((x) => x.driverMicros)),
      all: xs.map((x) => Math.round(x.serverMicros)),
      errors: xs.reduce((n, x) => n + x.errors, 0),
      refused: xs.reduce((n, x) => n + x.refused, 0),
    };
  });
  return {
    devices,
    seconds,
    rounds,
    warmup,
    pauseMs: Number(process.env.BENCH_SESSION_PAUSE_MS ?? 0),
    loadAtStart,
    loadAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
    rows,
  };
}

export const READING = `The driver (bench/session-driver.mjs --light, its own process) sends each simulated device's own Inform envelope, built once by the simulator with CurrentTime, UpTime and the cwmp:ID filled in per session, on raw keep-alive sockets, and reads only status, length and cookie: its CPU per session is in the last column, so the figures are the servers'. The all-in-one (SQLite) has its devices registered and discovered (ManagementServer.) by the full simulator first; tracing on exports every session's spans (OTLP/HTTP JSON) to a local sink. Server CPU is user + system from /proc over the driver's run, divided by every session answered in it. A saturated bare server is batched by the kernel across busy connections, so its sessions/s is a ceiling no ACS that decodes, stores and plans approaches: compare CPU per session.`;

export function toMarkdown(r) {
  const f = (n) => Math.round(n).toLocaleString('en-US');
  const bare = r.rows[0];
  return [
    `${r.devices} devices, ${r.seconds} s per measure after ${r.warmup ? `${r.warmup} s of the same load and ` : ''}1 s of warm-up, ${r.rounds} rounds (medians; ` +
      `each round runs every row in turn)${r.pauseMs ? `, each device pausing ${r.pauseMs} ms between sessions` : ', saturated'}. ` +
      `Load average ${r.loadAtStart.join(' / ')} at start, ${r.loadAtEnd.join(' / ')} at the end.`,
    '',
    '| server | sessions/s | / bare | server CPU µs per session (each round) | × tracing off of the same round (each round) | driver CPU µs per session | errors | 503 |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...r.rows.map(
      (x) =>
        `| ${x.label} | ${f(x.perSecond)} | ${(x.perSecond / bare.perSecond).toFixed(2)} | ${f(x.serverMicros)} (${x.all.join(', ')}) | ${x.vsOff ? `×${x.vsOff.toFixed(2)} (${x.vsOffAll.map((v) => v.toFixed(2)).join(', ')})` : '–'} | ${f(x.driverMicros)} | ${x.errors} | ${x.refused} |`,
    ),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) =>
    process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback;
  const r = await runSessionCpuBench({
    devices: arg('--devices', 64),
    seconds: arg('--seconds', 6),
    rounds: arg('--rounds', 3),
    warmup: arg('--warmup', 0),
    port: arg('--port', 18600),
    tracing: process.argv.includes('--tracing'),
    // --sample 100,10,1: one tracing-on row per share of sessions sampled (default 100).
    samplePercents: process.argv.includes('--sample')
      ? process.argv[process.argv.indexOf('--sample') + 1].split(',').map(Number)
      : [100],
  });
  console.log(toMarkdown(r));
}
