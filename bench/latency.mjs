// Command latency: NBI POST /devices/{id}/tasks?connectionRequest=true (a GetParameterValues)
// until the 200 with the result, through the all-in-one (its own process) and simulated CPEs that
// answer at once (this process). p50 and p99 for 1 device and for 100 devices at once.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { createSimulator } = require(path.join(root, 'dist/libs/cpe-sim/src/index.js'));
const KEY = 'bench-admin-key-0123456789';

async function waitForPort(port) {
  for (let i = 0; i < 300; i++) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => resolve(s.end() !== undefined));
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`port ${port} never opened`);
}

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
  const dataDir = mkdtempSync(path.join(tmpdir(), 'meridian-latency-'));
  const server = spawn(process.execPath, ['dist/apps/meridian/src/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      MERIDIAN_DATA_DIR: dataDir,
      MERIDIAN_CWMP_HOST: '127.0.0.1',
      MERIDIAN_CWMP_PORT: String(port),
      MERIDIAN_NBI_PORT: String(port + 1),
      MERIDIAN_FILES_PORT: '0',
      MERIDIAN_NBI_API_KEYS: `bench:admin:${KEY}`,
      MERIDIAN_CR_USERNAME: 'cr',
      MERIDIAN_CR_PASSWORD: 'cr-secret',
      MERIDIAN_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const nbi = `http://127.0.0.1:${port + 1}`;
  const results = [];
  try {
    await waitForPort(port + 1);
    for (const [count, repeat] of Object.entries(rounds).map(([c, r]) => [Number(c), r])) {
      const sim = await createSimulator({
        count,
        acsUrl: `http://127.0.0.1:${port}/`,
        serialPrefix: `LAT${count}X`,
        crPort: 0,
        connectionRequestUsername: 'cr',
        connectionRequestPassword: 'cr-secret',
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
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
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
