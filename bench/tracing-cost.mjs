// Issue 16: what tracing adds to an Inform-only session, without the session's own work. Each
// emulated session makes the telemetry and bus calls the all-in-one makes for one: a session
// traceparent, the `cwmp Inform` request span publishing cwmp.inform on the in-process bus (its
// two consumer groups: provisioning, whose handler makes three store calls through traced(), and
// firmware, which ignores a periodic Inform), the `cwmp empty` request span, the session span.
// Store calls, bus and spans are the build's own (dist/, `npm run build`); the store is a stub.
// Each row runs in a fresh process of its own (CPU from process.cpuUsage over the measured
// sessions, after a warm-up), exporting over OTLP/HTTP JSON to a sink in this process; rows
// alternate within each round so a build and its baseline run in the same minutes.
// Usage: node bench/tracing-cost.mjs [--sessions 20000] [--rounds 3] [--sample 100,10,1]
//   BENCH_BASE=<dir>: also that checkout's build (an A/B baseline).
import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { otlpSink } from './stored.mjs';

const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), '..');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const CONCURRENT = 32;

/** In the child: emulate `sessions` sessions (after `warmup` more) and report µs of CPU each. */
async function child({ build, otlp, samplePercent, sessions, warmup }) {
  const require = createRequire(path.join(build, 'dist/'));
  const telemetry = require(path.join(build, 'dist/libs/telemetry/src'));
  const { InProcessBus } = require(path.join(build, 'dist/libs/bus/src'));
  // The bus tests' Inform, from this tree for every build: the same message in A and B.
  const { informMessage } = require(path.join(root, 'dist/libs/testing/src/messages.js'));
  const running = otlp
    ? telemetry.startTelemetry({ serviceName: 'tracing-cost', otlpEndpoint: otlp, samplePercent })
    : undefined;
  const store = telemetry.traced(
    { get: async () => null, upsertFromInform: async () => null, put: async () => null },
    { prefix: 'store.devices', system: 'sqlite', collection: 'devices' },
  );
  const bus = new InProcessBus();
  let handled = 0;
  // The store calls are events on the consumer span: handed over where the build takes it
  // (withSpan), else read from the active context.
  const onSpan = telemetry.withSpan ?? ((client) => client);
  await bus.subscribe('cwmp.inform', 'provisioning', async (_message, span) => {
    const devices = onSpan(store, span);
    await devices.get();
    await devices.upsertFromInform();
    await devices.put();
    handled++;
  });
  // Firmware's group: the builds that have `accepts` are given it, as the tracker does.
  await bus.subscribe('cwmp.inform', 'firmware', async () => undefined, {
    accepts: () => false,
  });
  // The session span's attributes: a function where the build takes one, else the object.
  const lazy = telemetry.endSessionSpan.toString().includes('attributes?.()');
  const session = async (n) => {
    const deviceId = `001122-Box-${n % CONCURRENT}`;
    const traceparent = telemetry.newSessionTraceparent();
    const startTime = Date.now();
    const attributes = { 'cwmp.session_id': `s-${n}`, 'cwmp.method': 'Inform' };
    await telemetry.rpcSpan(
      traceparent,
      'cwmp Inform',
      (span) =>
        bus.publish(
          'cwmp.inform',
          deviceId,
          informMessage(deviceId, n),
          telemetry.spanTraceHeaders(span),
        ),
      attributes,
    );
    await telemetry.rpcSpan(traceparent, 'cwmp empty', async () => undefined, {
      ...attributes,
      'cwmp.method': 'empty',
    });
    const sessionAttributes = () => ({ 'cwmp.session_id': `s-${n}`, 'cwmp.device_id': deviceId });
    telemetry.endSessionSpan({
      traceparent,
      startTime,
      attributes: lazy ? sessionAttributes : sessionAttributes(),
    });
  };
  const run = async (count) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENT }, async () => {
        while (next < count) {
          await session(next++);
          // A turn of the event loop between a device's sessions, as a server's requests come
          // from its sockets: the exporter's POSTs are answered meanwhile (without it, 100 %
          // filled the export queue and dropped a sixth of its spans unencoded).
          await new Promise((resolve) => setImmediate(resolve));
        }
      }),
    );
    while (bus.pending('cwmp.inform') > 0) await new Promise((r) => setImmediate(r));
  };
  await run(warmup);
  await running?.forceFlush();
  const before = process.cpuUsage();
  const handledBefore = handled;
  await run(sessions);
  await running?.forceFlush();
  const used = process.cpuUsage(before);
  await bus.close();
  await running?.shutdown();
  return { micros: (used.user + used.system) / sessions, handled: handled - handledBefore };
}

function inChild(options) {
  return new Promise((resolve, reject) => {
    const worker = fork(here, ['--child', JSON.stringify(options)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    worker.once('message', resolve);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`child exited ${code}`)));
  });
}

export async function runTracingCostBench({
  sessions = 20_000,
  warmup = 5_000,
  rounds = 3,
  samplePercents = [100],
  base = process.env.BENCH_BASE,
} = {}) {
  const sink = await otlpSink();
  const loadAtStart = os.loadavg().map((l) => Number(l.toFixed(2)));
  const builds = [
    { name: 'this tree', dir: root },
    ...(base ? [{ name: `base (${base})`, dir: base }] : []),
  ];
  const kinds = builds.flatMap((build) =>
    [undefined, ...samplePercents].map((percent) => ({
      label: `${build.name}, tracing ${percent === undefined ? 'off' : `on, ${percent} % sampled`}`,
      options: {
        build: build.dir,
        otlp: percent === undefined ? undefined : sink.url,
        samplePercent: percent,
        sessions,
        warmup,
      },
    })),
  );
  const results = new Map(kinds.map((k) => [k.label, []]));
  try {
    for (let r = 0; r < rounds; r++) {
      for (const kind of kinds) {
        const x = await inChild(kind.options);
        console.error(
          `  round ${r + 1}: ${kind.label}: ${x.micros.toFixed(1)} µs (${x.handled} handled)`,
        );
        results.get(kind.label).push(x.micros);
      }
    }
  } finally {
    sink.close();
  }
  return {
    sessions,
    warmup,
    rounds,
    loadAtStart,
    loadAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
    rows: kinds.map((k) => ({
      label: k.label,
      micros: median(results.get(k.label)),
      all: results.get(k.label),
    })),
  };
}

export function toMarkdown(r) {
  return [
    `${r.sessions} emulated sessions per measure after ${r.warmup}, ${CONCURRENT} at a time, ${r.rounds} rounds (medians; rows in turn in each round). ` +
      `Load average ${r.loadAtStart.join(' / ')} at start, ${r.loadAtEnd.join(' / ')} at the end.`,
    '',
    '| build, tracing | CPU µs per emulated session (each round) |',
    '|---|---:|',
    ...r.rows.map(
      (x) =>
        `| ${x.label} | ${x.micros.toFixed(1)} (${x.all.map((m) => m.toFixed(1)).join(', ')}) |`,
    ),
  ].join('\n');
}

if (process.argv[2] === '--child') {
  const result = await child(JSON.parse(process.argv[3]));
  if (process.send) process.send(result, () => process.exit(0));
  else console.log(JSON.stringify(result));
} else if (process.argv[1] === here) {
  const arg = (name, fallback) =>
    process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback;
  const r = await runTracingCostBench({
    sessions: Number(arg('--sessions', 20_000)),
    rounds: Number(arg('--rounds', 3)),
    samplePercents: arg('--sample', '100').split(',').map(Number),
  });
  console.log(toMarkdown(r));
}
