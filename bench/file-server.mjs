// File server throughput (issue 13): 200 concurrent simulated downloads from Meridian's file
// server (the firmware service's handler: signed per-device URL checked, metadata and content
// from the store, content streamed from the data dir, metrics recorded) against a bare
// `node:http` server piping `fs.createReadStream` of the same file, in the same run. Each server
// runs in a child process of its own, so its CPU is its own; the clients run here. Needs
// `npm run build` first.
//
//   node bench/file-server.mjs [--clients 200] [--rounds 2] [--mib 4]
import { fork } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => path.join(root, 'dist', p);
const SECRET = 'bench-file-server-secret-0123456789';
const NAME = 'fw-bench.bin';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};

/** In the child: serve, tell the parent the port, answer CPU readings. */
async function serve(kind, dir) {
  let handler;
  if (kind === 'meridian') {
    const { createSqliteStore } = require(dist('libs/store/src/index.js'));
    const { fileServerHandler } = require(dist('libs/firmware/src/index.js'));
    const { Metrics } = require(dist('libs/telemetry/src/index.js'));
    const store = createSqliteStore(path.join(dir, 'meridian.db'), {
      filesDir: path.join(dir, 'files'),
    });
    handler = fileServerHandler(store, { secret: SECRET, metrics: new Metrics() });
  } else {
    const file = path.join(dir, NAME);
    const size = statSync(file).size;
    handler = (req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
      createReadStream(file).pipe(res);
    };
  }
  // As the firmware service creates it: no request timeout.
  const server = http.createServer({ requestTimeout: 0 }, handler);
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  process.on('message', (m) => {
    if (m === 'cpu') process.send({ cpu: process.cpuUsage() });
    if (m === 'stop') server.close(() => process.exit(0));
  });
  process.send({ port: server.address().port });
}

function download(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`${url}: ${res.statusCode}`));
        let bytes = 0;
        res.on('data', (chunk) => (bytes += chunk.length));
        res.on('end', () => resolve(bytes));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function measure(kind, dir, urlOf, clients, rounds, size) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', kind, '--dir', dir], {
    stdio: 'inherit',
  });
  const next = () => new Promise((r) => child.once('message', r));
  const { port } = await next();
  const cpuOf = async () => {
    child.send('cpu');
    const { cpu } = await next();
    return (cpu.user + cpu.system) / 1e6;
  };
  // One warm-up download (JIT, the store's first read).
  await download(urlOf(port, 0));
  const cpuBefore = await cpuOf();
  const clientBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  let bytes = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      for (let round = 0; round < rounds; round++) {
        const received = await download(urlOf(port, i));
        bytes += received;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const serverCpu = (await cpuOf()) - cpuBefore;
  const client = process.cpuUsage(clientBefore);
  child.send('stop');
  await new Promise((r) => child.once('exit', r));
  if (bytes !== clients * rounds * size) throw new Error(`${kind}: ${bytes} bytes received`);
  const mb = bytes / 1e6;
  return {
    server: kind,
    clients,
    downloads: clients * rounds,
    mb: Math.round(mb),
    seconds,
    mbPerSecond: mb / seconds,
    serverCpuSeconds: serverCpu,
    serverCpuMsPerMb: (serverCpu * 1000) / mb,
    serverCores: serverCpu / seconds,
    clientCpuSeconds: (client.user + client.system) / 1e6,
  };
}

export async function runFileServerBench({
  clients = Number(arg('clients', 200)),
  rounds = Number(arg('rounds', 2)),
  mib = Number(arg('mib', 4)),
} = {}) {
  const { createSqliteStore } = require(dist('libs/store/src/index.js'));
  const { signedFileUrl } = require(dist('libs/firmware/src/index.js'));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'meridian-bench-files-'));
  try {
    const content = Buffer.alloc(mib * 1024 * 1024, 0x5a);
    content.write('meridian-sim-firmware 2.0\n');
    writeFileSync(path.join(dir, NAME), content);
    const store = createSqliteStore(path.join(dir, 'meridian.db'), {
      filesDir: path.join(dir, 'files'),
    });
    await store.files.put(
      { name: NAME, type: '1 Firmware Upgrade Image', version: '2.0', maxBytes: content.length },
      Readable.from([content]),
    );
    await store.close();
    const expires = Math.floor(Date.now() / 1000) + 3600;
    // Each client is a device of its own, with the URL signed for it.
    const meridianUrl = (port, i) =>
      signedFileUrl(
        `http://127.0.0.1:${port}`,
        { name: NAME, deviceId: `00D09E-SimRouter-BENCH${String(i).padStart(6, '0')}`, expires },
        SECRET,
      );
    const bareUrl = (port) => `http://127.0.0.1:${port}/${NAME}`;
    const bare = await measure('bare', dir, bareUrl, clients, rounds, content.length);
    const meridian = await measure('meridian', dir, meridianUrl, clients, rounds, content.length);
    return { mib, load: os.loadavg()[0], results: [bare, meridian] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function toMarkdown({ results }) {
  const rows = results.map(
    (r) =>
      `| ${r.server === 'bare' ? 'bare `node:http` + createReadStream' : 'Meridian file server'} | ${r.clients} | ${r.downloads} | ${r.mb} MB | ${r.seconds.toFixed(1)} s | **${r.mbPerSecond.toFixed(0)}** | ${r.serverCpuSeconds.toFixed(2)} s | **${r.serverCpuMsPerMb.toFixed(2)}** | ${r.serverCores.toFixed(2)} | ${r.clientCpuSeconds.toFixed(1)} s |`,
  );
  return [
    '| server | concurrent clients | downloads | data | time | MB/s | server CPU | server CPU ms / MB | server cores | client CPU |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

if (process.argv.includes('--serve')) {
  await serve(arg('serve'), arg('dir'));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await runFileServerBench();
  console.log(JSON.stringify(result));
  console.log(toMarkdown(result));
}
