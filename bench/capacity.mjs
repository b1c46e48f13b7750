// docs/capacity.md's derived tables from its inputs table: `node bench/capacity.mjs` reads the
// inputs (the `key` column names them, the value column is a number), computes each scenario
// and rewrites the part of the file between the `capacity:derived` markers. Update an input
// from a new bench figure, run this, and every number below follows.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/capacity.md');
const BEGIN = '<!-- capacity:derived (node bench/capacity.mjs) -->';
const END = '<!-- /capacity:derived -->';

/** The inputs table: rows `| key | what | value | unit | source |`, value a number. */
export function readInputs(text) {
  const inputs = {};
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const key = /^`([a-zA-Z]\w*)`$/.exec(cells[1] ?? '')?.[1];
    if (key) inputs[key] = Number(cells[3].replace(/[,*]/g, ''));
  }
  return inputs;
}

const f = (n, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const up = (n) => Math.max(1, Math.ceil(n));

export function derive(i) {
  const fleets = [1e6, 10e6];
  const scenarios = fleets.flatMap((cpes) => [
    { cpes, name: 'daily periodic Inform', perSecond: (cpes / 86_400) * i.peak },
    { cpes, name: 'hourly periodic Inform', perSecond: (cpes / 3_600) * i.peak },
    { cpes, name: 'reboot storm, all back in 10 min', perSecond: cpes / 600, storm: true },
  ]);
  const rows = scenarios.map((s) => {
    const r = s.perSecond;
    const provisioningCores = (r * i.provisioningMs) / 1000;
    const kafkaMBs = (r * i.informKB) / 1024;
    return {
      ...s,
      aioCores: (r * i.allInOneMs) / 1000,
      gatewayCores: (r * i.gatewayMs * i.headroom) / 1000,
      // Each CPE session on a connection of its own over TLS, the handshake made by the gateway.
      gatewayTlsCores: (r * (i.gatewayMs + i.connectionMs + i.tlsHandshakeMs) * i.headroom) / 1000,
      // The same when CPEs resume their TLS sessions: periodic Informs, not a storm (a rebooted
      // CPE has no ticket).
      gatewayResumedCores: s.storm
        ? undefined
        : (r * (i.gatewayMs + i.connectionMs + i.tlsResumedMs) * i.headroom) / 1000,
      provisioningCores: provisioningCores * i.headroom,
      partitions: Math.max(
        up(provisioningCores * i.headroom),
        up((kafkaMBs * i.headroom) / i.partitionMBs),
      ),
      kafkaMBs,
      redisOps: r * i.redisOps,
      // A primary runs its commands on one thread: one core's worth of them.
      redisShards: up((r * i.redisMs * i.headroom) / 1000),
      redisMB: (r * i.sessionSeconds * i.redisSessionKB) / 1024,
      writes: r * i.writesPerInform,
      reads: r * i.readsPerInform,
      storeGB: (s.cpes * i.mongoKBPerDevice * 1024) / 1e9,
      sqliteGB: (s.cpes * i.sqliteKBPerDevice * 1024) / 1e9,
    };
  });
  const head =
    '| fleet | scenario | sessions/s | all-in-one cores (`allInOneMs`) | gateway cores ×`headroom` | the same, TLS in the gateway (+`connectionMs` +`tlsHandshakeMs`) | the same, TLS sessions resumed (+`connectionMs` +`tlsResumedMs`) | provisioning cores ×`headroom` | Kafka cwmp.inform MB/s | partitions | Redis ops/s (shards at `redisMs`) | Redis MB | store writes/s | store point reads/s | MongoDB documents GB (`mongoKBPerDevice`) | SQLite GB (`sqliteKBPerDevice`) |';
  const table = [
    head,
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (x) =>
        `| ${f(x.cpes / 1e6)}M | ${x.name} | ${f(x.perSecond)} | ${f(x.aioCores, 1)} | ${f(x.gatewayCores, 1)} | ${f(x.gatewayTlsCores, 1)} | ${x.gatewayResumedCores === undefined ? '–' : f(x.gatewayResumedCores, 1)} | ${f(x.provisioningCores, 1)} | ${f(x.kafkaMBs, 1)} | ${x.partitions} | ${f(x.redisOps)} (${x.redisShards}) | ${f(x.redisMB, 1)} | ${f(x.writes)} | ${f(x.reads)} | ${f(x.storeGB)} | ${f(x.sqliteGB)} |`,
    ),
  ];
  // New CPEs (full discovery): what a fleet-wide re-bootstrap (factory reset, a new ACS URL)
  // costs, at the all-in-one's CPU per device and the cache rows a discovery writes.
  const bootstrap = fleets.map((cpes) => {
    const perSecond = cpes / 3_600;
    return `| ${f(cpes / 1e6)}M in one hour | ${f(perSecond)} | ${f((perSecond * i.newDeviceMs) / 1000, 1)} | ${f(perSecond * i.cacheRows)} | ${f(cpes / i.stormDevicesPerSecond / 3_600, 1)} h |`;
  });
  return [
    ...table,
    '',
    'New CPEs with full discovery (every CPE bootstrapping: a factory reset campaign, a new ACS URL):',
    '',
    '| re-bootstrap | devices/s | all-in-one cores at `newDeviceMs` | cache rows written/s (`cacheRows`) | time at one all-in-one (`stormDevicesPerSecond`) |',
    '|---|---:|---:|---:|---:|',
    ...bootstrap,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (at < 0 || end < at) throw new Error(`${file}: no ${BEGIN} … ${END}`);
  const derived = derive(readInputs(text));
  const next = `${text.slice(0, at + BEGIN.length)}\n\n${derived}\n\n${text.slice(end)}`;
  const options = await prettier.resolveConfig(file);
  writeFileSync(file, await prettier.format(next, { ...options, filepath: file }));
  console.log(derived);
}
