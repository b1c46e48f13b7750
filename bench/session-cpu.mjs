// Issue 16: CPU per Inform-only session (Inform, empty POST, 204) of an already provisioned
// device, all-in-one on SQLite, next to a bare node:http server answering the same exchanges
// with canned bodies (bench/bare-acs.mjs), in the same run, driven by bench/session-driver.mjs
// --light: a light driver (pre-built envelopes on raw sockets) whose own CPU is reported, so the
// figures are the servers', not the driver's. Each server is measured with a device's sessions on
// one kept-alive connection and with a connection per session (as CPEs do). Rounds alternate the
// servers so each figure has its baseline in the same minutes; tracing on is measured side by
// side with tracing off (measureTracingPair). BENCH_BASE=<dir>: also the all-in-one built in
// another checkout (an A/B baseline, e.g. main built in /tmp), in the same rounds.
// Usage: node bench/session-cpu.mjs [--devices 64] [--seconds 6] [--rounds 3] [--tracing]
//   [--tracing-rounds N]: rounds of the tracing pair (default: --rounds)
//   [--warmup 0]: seconds of the same light load before each measure, not counted (a fresh
//   process spends its first seconds compiling: V8's optimising compiler took ~9 % of the
//   all-in-one's CPU in the first 10 s of load, under 1 % after 30 s).
//   [--sample 100,10,1]: with --tracing, a tracing pair per share of sessions sampled
//   (MERIDIAN_TRACE_SAMPLE_PERCENT), each exporting what it records to its own sink.
//   BENCH_SESSION_PAUSE_MS=<ms>: every row paced (each device waits between sessions), not
//   saturated; the tracing pair's pace (default 80 ms).
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  cpuSeconds,
  driveSessions,
  selfSignedCert,
  startAllInOne,
  startNode,
  waitForPort,
} from './all-in-one.mjs';
import { otlpSink } from './stored.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** The bare server; over TLS with `tls` (selfSignedCert's files). */
async function startBare(port, tls) {
  const bare = startNode(
    ['bench/bare-acs.mjs', String(port), ...(tls ? [tls.cert, tls.key] : [])],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  await waitForPort(port, bare.gone);
  const scheme = tls ? 'https' : 'http';
  return { pid: bare.pid, cwmpUrl: `${scheme}://127.0.0.1:${port}/`, stop: bare.stop };
}

/**
 * The server's CPU over the driver's whole run divided by every session answered in it;
 * `drive`: driveSessions' options beside `light` (connectionPerSession, pauseMs).
 */
export async function measure(server, devices, seconds, serialPrefix, warmup = 0, drive = {}) {
  const options = { light: true, ...drive };
  if (warmup > 0) await driveSessions(server.cwmpUrl, devices, warmup, serialPrefix, options);
  const before = cpuSeconds(server.pid);
  const run = await driveSessions(server.cwmpUrl, devices, seconds, serialPrefix, options);
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

/**
 * The all-in-one (SQLite) of `build` with `devices` registered and discovered; CWMP over TLS with
 * `tls` (selfSignedCert's files).
 */
async function startSettled({ build, port, devices, serialPrefix, sink, samplePercent, tls }) {
  const server = await startAllInOne({
    name: 'session-cpu',
    port,
    root: build.root,
    env: {
      MERIDIAN_STORE: 'sqlite',
      MERIDIAN_DISCOVERY_PATHS: 'ManagementServer.',
      ...(tls ? { MERIDIAN_CWMP_TLS_CERT: tls.cert, MERIDIAN_CWMP_TLS_KEY: tls.key } : {}),
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
    return server;
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * Tracing off and tracing on side by side: two all-in-ones of `build`, each with its own devices
 * and driver, driven at once at the same paced rate, so both figures come from the same seconds
 * of this shared machine. One after the other, the rounds of a row differed by up to ×1.7, which
 * is more than the cost being measured.
 */
async function measureTracingPair({
  build,
  samplePercent,
  port,
  devices,
  seconds,
  warmup,
  pauseMs,
}) {
  const sink = await otlpSink();
  const servers = [];
  try {
    for (const traced of [false, true]) {
      const serialPrefix = `SC${devices}${traced ? 'T' : 'X'}`;
      const server = await startSettled({
        build,
        port: port + 2 * servers.length,
        devices,
        serialPrefix,
        ...(traced ? { sink, samplePercent } : {}),
      });
      servers.push({ server, serialPrefix });
    }
    return await Promise.all(
      servers.map(({ server, serialPrefix }) =>
        measure(server, devices, seconds, serialPrefix, warmup, { pauseMs }),
      ),
    );
  } finally {
    for (const { server } of servers) await server.stop();
    sink.close();
  }
}

const KEPT = 'kept alive across sessions';
const PER_SESSION = 'one per session';
const PER_SESSION_TLS = 'one per session, TLS 1.3, RSA 2048 certificate, no resumption';
const PER_SESSION_TLS_RESUMED =
  "one per session, TLS 1.3, resumed (each device's ticket of its previous connection)";

export async function runSessionCpuBench({
  devices = 64,
  seconds = 6,
  rounds = 3,
  warmup = 0,
  port = 18600,
  tracing = false,
  samplePercents = [100],
  // The pair's ratio varies ±10–15 % from one run to the next (bench/results.md, its A/A
  // calibration): more rounds than the other rows, for its median.
  tracingRounds = rounds,
  // The side-by-side pair's pace: 64 devices each pausing 80 ms make ~750 sessions/s per server,
  // so both servers, both drivers and the sink fit on 2 cores with room to spare.
  tracingPauseMs = Number(process.env.BENCH_SESSION_PAUSE_MS ?? 80),
  base = process.env.BENCH_BASE,
} = {}) {
  const loadAtStart = os.loadavg().map((l) => Number(l.toFixed(2)));
  const builds = [
    { name: 'this tree', root },
    ...(base ? [{ name: `base (${base})`, root: base }] : []),
  ];
  const tls = selfSignedCert('rsa');
  const connections = [
    { connection: KEPT, drive: {} },
    { connection: PER_SESSION, drive: { connectionPerSession: true } },
    { connection: PER_SESSION_TLS, drive: { connectionPerSession: true }, tls },
    {
      connection: PER_SESSION_TLS_RESUMED,
      drive: { connectionPerSession: true, resume: true },
      tls,
    },
  ];
  // A kind measures one row, or two at once (the tracing pair); each row is labelled.
  const kinds = [
    ...connections.map(({ connection, drive, tls }) => ({
      rows: [{ label: 'bare node:http, canned bodies', connection }],
      run: async () => {
        const bare = await startBare(port, tls);
        try {
          // A bare server has little to compile: 5 s of warm-up is plenty.
          return [await measure(bare, devices, seconds, 'SCBARE', Math.min(warmup, 5), drive)];
        } finally {
          await bare.stop();
        }
      },
    })),
    ...builds.flatMap((build) =>
      connections.map(({ connection, drive, tls }) => ({
        rows: [{ label: `all-in-one, ${build.name}, tracing off`, connection }],
        run: async () => {
          const serialPrefix = `SC${devices}X`;
          const server = await startSettled({ build, port, devices, serialPrefix, tls });
          try {
            return [await measure(server, devices, seconds, serialPrefix, warmup, drive)];
          } finally {
            await server.stop();
          }
        },
      })),
    ),
    ...(tracing ? builds : []).flatMap((build) =>
      samplePercents.map((percent) => {
        const sampled = percent === 100 ? '' : `, ${percent} % of sessions sampled`;
        return {
          rounds: tracingRounds,
          rows: [
            {
              label: `all-in-one, ${build.name}, tracing off, beside tracing on${sampled}`,
              connection: KEPT,
              paced: true,
            },
            {
              label: `all-in-one, ${build.name}, tracing on${sampled}`,
              connection: KEPT,
              paced: true,
              pairedWithRow: 0,
            },
          ],
          run: () =>
            measureTracingPair({
              build,
              samplePercent: percent,
              port,
              devices,
              seconds,
              warmup,
              pauseMs: tracingPauseMs,
            }),
        };
      }),
    ),
  ];
  const results = kinds.map((k) => k.rows.map(() => []));
  try {
    for (let r = 0; r < Math.max(rounds, tracingRounds); r++) {
      for (const [i, kind] of kinds.entries()) {
        if (r >= (kind.rounds ?? rounds)) continue;
        console.error(`  round ${r + 1}: ${kind.rows.map((x) => x.label).join(' | ')}…`);
        const xs = await kind.run();
        console.error(`  ${JSON.stringify(xs)}`);
        xs.forEach((x, j) => results[i][j].push(x));
      }
    }
  } finally {
    tls.remove();
  }
  const rows = kinds.flatMap((kind, i) =>
    kind.rows.map((row, j) => {
      const xs = results[i][j];
      // Tracing on as the median of its ratios to tracing off measured in the same seconds.
      const offs = row.pairedWithRow === undefined ? undefined : results[i][row.pairedWithRow];
      const vsOff = offs?.map((off, n) => xs[n].serverMicros / off.serverMicros);
      return {
        label: row.label,
        connection: row.connection,
        paced: row.paced ?? false,
        ...(vsOff ? { vsOff: median(vsOff), vsOffAll: vsOff } : {}),
        perSecond: median(xs.map((x) => x.perSecond)),
        serverMicros: median(xs.map((x) => x.serverMicros)),
        driverMicros: median(xs.map((x) => x.driverMicros)),
        all: xs.map((x) => Math.round(x.serverMicros)),
        errors: xs.reduce((n, x) => n + x.errors, 0),
        refused: xs.reduce((n, x) => n + x.refused, 0),
      };
    }),
  );
  return {
    devices,
    seconds,
    rounds,
    warmup,
    pauseMs: Number(process.env.BENCH_SESSION_PAUSE_MS ?? 0),
    tracingPauseMs,
    tracingRounds,
    loadAtStart,
    loadAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
    rows,
  };
}

export const READING = `The driver (bench/session-driver.mjs --light, its own process) sends each simulated device's own Inform envelope, built once by the simulator with CurrentTime, UpTime and the cwmp:ID filled in per session, on raw sockets, and reads only status, length and cookie: its CPU per session is in the last column, so the figures are the servers'. "Kept alive across sessions": a device's sessions share one connection, so a session costs the server its two HTTP exchanges only. "One per session": each session opens a connection and the device closes it after the 204, as a CPE does (its sessions are minutes or hours apart), so a session also costs the server a TCP accept and close. Over TLS, "no resumption" is a full handshake per connection (a CPE after a reboot); "resumed" offers each device's ticket of its previous connection (a CPE that keeps its TLS session between periodic informs). The all-in-one (SQLite) has its devices registered and discovered (ManagementServer.) by the full simulator first. Tracing on exports every session's spans (OTLP/HTTP JSON) to a local sink, and is measured side by side with a tracing-off all-in-one: two servers, each with its own devices and driver, driven at once at the same paced rate, so its ratio comes from the same seconds of the machine (one after the other, a row's rounds differed by up to ×1.7 on this shared 2-core VM). Server CPU is user + system from /proc over the driver's run, divided by every session answered in it. A saturated bare server is batched by the kernel across busy connections, so its sessions/s is a ceiling no ACS that decodes, stores and plans approaches: compare CPU per session.`;

export function toMarkdown(r) {
  const f = (n) => Math.round(n).toLocaleString('en-US');
  const bareOf = (connection) =>
    r.rows.find((x) => x.label.startsWith('bare') && x.connection === connection);
  return [
    `${r.devices} devices, ${r.seconds} s per measure after ${r.warmup ? `${r.warmup} s of the same load (5 s for the bare server) and ` : ''}1 s of warm-up, ${r.rounds} rounds (medians; ` +
      `each round runs every row in turn)${r.pauseMs ? `, each device pausing ${r.pauseMs} ms between sessions` : ', saturated'}; ` +
      `the tracing pair paced, each device pausing ${r.tracingPauseMs} ms between sessions, in ${r.tracingRounds ?? r.rounds} rounds. ` +
      `Load average ${r.loadAtStart.join(' / ')} at start, ${r.loadAtEnd.join(' / ')} at the end.`,
    '',
    '| server | connection | sessions/s | / bare | server CPU µs per session (each round) | × tracing off of the same seconds (each round) | driver CPU µs per session | errors | 503 |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...r.rows.map(
      (x) =>
        `| ${x.label} | ${x.connection}${x.paced ? ', paced' : ''} | ${f(x.perSecond)} | ${x.paced ? '–' : (x.perSecond / bareOf(x.connection).perSecond).toFixed(2)} | ${f(x.serverMicros)} (${x.all.join(', ')}) | ${x.vsOff ? `×${x.vsOff.toFixed(2)} (${x.vsOffAll.map((v) => v.toFixed(2)).join(', ')})` : '–'} | ${f(x.driverMicros)} | ${x.errors} | ${x.refused} |`,
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
    tracingRounds: arg('--tracing-rounds', arg('--rounds', 3)),
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
