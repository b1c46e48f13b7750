// Command latency: NBI POST /devices/{id}/tasks?connectionRequest=true (a GetParameterValues)
// until the 200 with the result, through the all-in-one (its own process) and simulated CPEs that
// answer at once (this process). p50 and p99 for 1 device and for 100 devices at once.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_CR, BENCH_KEY, startAllInOne } from './all-in-one.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { createSimulator } = require(path.join(root, 'dist/libs/cpe-sim/src/index.js'));
const KEY = BENCH_KEY;

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function post(nbi, deviceId) {
  const started = performance.now();
  const res = await fetch(`${nbi}/devices/${deviceId}/tasks?connectionRequest=true&timeout=10000`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'getParameterValues',
      parameterNames: ['Device.DeviceInfo.UpTime'],
    }),
  });
  const task = await res.json();
  if (res.status !== 200 || task.status !== 'done')
    throw new Error(`task ended ${res.status} ${task.status}`);
  return performance.now() - started;
}

export async function runLatencyBench({ port = 17900, rounds = { 1: 200, 100: 5 } } = {}) {
  const server = await startAllInOne({ name: 'latency', port });
  const { nbi } = server;
  const results = [];
  try {
    for (const [count, repeat] of Object.entries(rounds).map(([c, r]) => [Number(c), r])) {
      const sim = await createSimulator({
        count,
        acsUrl: server.cwmpUrl,
        serialPrefix: `LAT${count}X`,
        crPort: 0,
        connectionRequestUsername: BENCH_CR.username,
        connectionRequestPassword: BENCH_CR.password,
        periodicInformInterval: 0,
        concurrency: count,
      });
      await sim.booted;
      const ids = sim.devices.map((d) => `00D09E-SimRouter-${d.serialNumber}`);
      // The registry learns the devices (and their connection request URLs) asynchronously.
      for (let i = 0; i < 100; i++) {
        const r = await fetch(`${nbi}/devices?limit=1000&fields=deviceId`, {
          headers: { authorization: `Bearer ${KEY}` },
        }).then((x) => x.json());
        if (ids.every((id) => r.items.some((d) => d.deviceId === id))) break;
        await new Promise((res) => setTimeout(res, 50));
      }
      await post(nbi, ids[0]); // warm-up
      const samples = [];
      for (let i = 0; i < repeat; i++)
        samples.push(...(await Promise.all(ids.map((id) => post(nbi, id)))));
      samples.sort((a, b) => a - b);
      results.push({
        devices: count,
        samples: samples.length,
        p50: percentile(samples, 50),
        p99: percentile(samples, 99),
      });
      await sim.stop();
    }
  } finally {
    await server.stop();
  }
  return results;
}

export function toMarkdown(results) {
  return [
    '| devices at once | tasks | p50 ms | p99 ms |',
    '|---:|---:|---:|---:|',
    ...results.map(
      (r) => `| ${r.devices} | ${r.samples} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`,
    ),
    '',
    'NBI POST with connectionRequest=true until the 200 carrying the GetParameterValues result: ' +
      'NBI → cwmp.commands → gateway queue → HTTP Digest connection request → CPE session → ' +
      'result on cwmp.results → task record. All-in-one process (embedded adapters); simulated CPEs answer at once. Target: p50 < 50 ms.',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(toMarkdown(await runLatencyBench()));
}
