// `npm run bench`: every benchmark in one run, written to bench/results.md with the machine's
// description and load. Figures are ratios to a baseline measured in the same run where one
// exists; the first section sums up issue 16's and 17's figures with what bounds each.
//
// node bench/run.mjs [--only name[,name…]] [--port-base N]
//   --only: those sections alone, each replaced where it stands in bench/results.md (the
//   summary is written by a run that includes all of its sections). Names: see `sections`.
//   --port-base (or BENCH_PORT_BASE): the benches' servers listen on N…N+79 (default 18300).
//   BENCH_PROVISIONING_DEVICES: the boot storm's CPEs (default here 2,000; the 10,000
//   takes ~4 min on a quiet machine, 15+ under load). BENCH_STORES=sqlite: no MongoDB-wire rows.
//   BENCH_BASE=<checkout>: session-cpu also runs that build's all-in-one in the same rounds.
//   contracts also takes `--baseline <dist/libs/contracts/src/index.js of another build>`.
// A full run takes ~20–30 min on the 2-core development machine (most of it the boot storm and
// the MongoDB-wire rows); the generated sections replace their earlier versions, the dated
// analysis sections below them stay.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as bootstrap from './bootstrap-mongo.mjs';
import * as contracts from './contracts.mjs';
import * as decode from './decode.mjs';
import * as deployed from './deployed.mjs';
import * as latency from './latency.mjs';
import * as provisioning from './provisioning.mjs';
import * as sessionCpu from './session-cpu.mjs';
import * as sessions from './sessions.mjs';
import * as stored from './stored.mjs';
import * as summary from './summary.mjs';
import * as usp from './usp.mjs';
import * as uspCodec from './usp-codec.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = path.join(root, 'bench/results.md');
const arg = (name) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const portBase = Number(arg('--port-base') ?? process.env.BENCH_PORT_BASE ?? 18300);
const load = () => os.loadavg().map((l) => l.toFixed(2));

/**
 * Each section: its --only name, its title in bench/results.md, how to run it and its markdown.
 * Ports: portBase + the section's offset (a bench uses up to 3 consecutive ports).
 */
const sections = [
  {
    name: 'decode',
    title: 'CWMP decode (XML → typed message), one core',
    run: () => decode.runDecodeBench(),
    markdown: (
      r,
    ) => `Targets: ≥ 40,000 Informs/s and ≤ 5 ms for the 500 KB GetParameterValuesResponse.

${decode.toMarkdown(r)}`,
  },
  {
    name: 'usp-codec',
    title: 'USP codec (Record + 100-parameter GetResp), one core',
    run: () => uspCodec.runUspCodecBench(),
    markdown: (r) => uspCodec.toMarkdown(r),
  },
  {
    name: 'sessions',
    title: 'Inform-only sessions over loopback (Inform + empty POST + 204)',
    run: () => sessions.runSessionBench({ port: portBase }),
    markdown: (r) => `The same simulator process drives the bare server first, then the gateway.

${sessions.toMarkdown(r)}`,
  },
  {
    name: 'session-cpu',
    title: 'Session CPU of the all-in-one beside a bare server, tracing off and on (issue 16)',
    // Warmed: 30 s of the same load before each measure (a fresh process spends its first
    // seconds in V8's optimising compiler: 13 % of its CPU 15–25 s in, 0.1 % after 45 s, by perf).
    run: () =>
      sessionCpu.runSessionCpuBench({
        tracing: true,
        rounds: 3,
        // The tracing ratio is the median of the rounds' paired ratios (session-cpu.mjs), each
        // ±10–15 % on this machine: seven of them.
        tracingRounds: 7,
        seconds: 5,
        warmup: 30,
        port: portBase + 40,
      }),
    markdown: (r) => `${sessionCpu.toMarkdown(r)}

${sessionCpu.READING}`,
  },
  {
    name: 'deployed',
    title: 'Deployed shape: CPU per Inform-only session of each service (issue 16)',
    run: async () => {
      const rows = [];
      for (const store of (process.env.BENCH_STORES ?? 'sqlite,mongo').split(',')) {
        console.error(`  deployed shape on ${store}…`);
        // One store failing leaves the other's figures.
        rows.push(
          await deployed
            .runDeployedBench({ devices: 64, seconds: 6, store, port: portBase + 50 })
            .catch((error) => ({ store, error: String(error?.message ?? error) })),
        );
      }
      return rows;
    },
    markdown: (rows) =>
      rows
        .map((r) =>
          r.error ? `**${r.store}: failed in this run:** ${r.error}` : deployed.toMarkdown(r),
        )
        .join('\n\n'),
  },
  {
    name: 'secured',
    title: 'Deployed shape on secured Kafka and Redis: what TLS and SASL cost per session',
    run: () => deployed.runSecuredBench({ rounds: 3, port: portBase + 90 }),
    markdown: (pairs) => deployed.securedMarkdown(pairs),
  },
  {
    name: 'latency',
    title: 'Command latency through the NBI, with connection request',
    run: () => latency.runLatencyBench({ port: portBase + 10 }),
    markdown: (r) => latency.toMarkdown(r),
  },
  {
    name: 'contracts',
    title: 'Bus message validation (contracts), one core',
    run: () => contracts.runContractsBench({ baseline: arg('--baseline') }),
    markdown: (
      r,
    ) => `What a consumer pays per message on top of JSON.parse: \`validateMessage\` (TypeBox schemas
compiled by Ajv, the production path) against zod 4 checking the same JSON Schemas.

${contracts.toMarkdown(r)}`,
  },
  {
    name: 'stored',
    title:
      'Informs stored per second and backpressure, all-in-one on each store (issues 16 and 17)',
    run: () => stored.runStoredBench({ port: portBase + 30 }),
    markdown: (r) => `${stored.toMarkdown(r)}

${stored.READING}

${stored.backpressureMarkdown(r)}`,
  },
  {
    name: 'bootstrap',
    title: "200-device bootstrap in the CPEs' own sessions, all-in-one on each store (issue 17)",
    run: async () => {
      const rows = [];
      for (const store of (process.env.BENCH_STORES ?? 'sqlite,mongo').split(',')) {
        console.error(`  bootstrap on ${store}…`);
        rows.push(await bootstrap.runMongoBootstrap({ devices: 200, store, port: portBase + 60 }));
      }
      return rows;
    },
    markdown: (
      rows,
    ) => `Every device reaches its preset; the check is that none needed a connection request
(the sessions a CPE opens on "6 CONNECTION REQUEST"): discovery and the preset are done in its own
boot session, or in a later one of its own after a 503 + Retry-After. "Stored per device" is
what the store holds at the end over the devices: SQLite's pages in use (data and indexes), and
MongoDB's documents as BSON (collStats' uncompressed \`size\`, indexes left out), read back
after the FerretDB CPU figure is taken.

${bootstrap.toMarkdown(rows)}`,
  },
  {
    name: 'usp',
    title: 'USP translator: Get of 10 parameters over MQTT, from the cache and fresh (issue 12)',
    run: () => usp.runUspBench({ port: portBase + 70 }),
    markdown: (r) => `${usp.toMarkdown(r)}

${usp.READING}`,
  },
  {
    name: 'provisioning',
    title: 'Provisioning: boot storm and Informs per second',
    run: () =>
      provisioning.runProvisioningBench({
        devices: Number(process.env.BENCH_PROVISIONING_DEVICES ?? 2000),
        storm: { port: portBase + 20 },
      }),
    markdown: (r) => provisioning.toMarkdown(r),
  },
];

const only = arg('--only')?.split(',');
const chosen = only ? sections.filter((s) => only.includes(s.name)) : sections;
if (only && chosen.length !== only.length) {
  throw new Error(
    `--only takes: ${sections.map((s) => s.name).join(', ')} (got ${only.join(', ')})`,
  );
}

const started = new Date();
const results = {};
const bodies = [];
for (const section of chosen) {
  console.log(`\n${section.name} benchmark…`);
  const at = Date.now();
  const loadAtStart = load();
  // A section that fails is reported as such; the run goes on with the others.
  let body;
  try {
    results[section.name] = await section.run();
    body = section.markdown(results[section.name]);
  } catch (error) {
    delete results[section.name];
    console.error(error);
    body = `**Failed in this run:** ${String(error?.message ?? error)}`;
  }
  const took = Math.round((Date.now() - at) / 1000);
  const text = `## ${section.title}

_${new Date(at).toISOString().slice(0, 16)} UTC, ${took} s, load average ${loadAtStart.join(' / ')} at start, ${load().join(' / ')} at the end (\`node bench/run.mjs --only ${section.name}\`)._

${body}
`;
  console.log(text);
  bodies.push({ title: section.title, text });
}
if (summary.SECTIONS.every((name) => name in results)) {
  try {
    bodies.unshift({ title: summary.TITLE, text: summary.toMarkdown(results) });
    console.log(bodies[0].text);
  } catch (error) {
    console.error('summary:', error);
  }
}

// bench/results.md: a header, then sections ("## " titles). The ones of this run replace those
// of the same title; in a full run they come first, in order, and the others (dated analyses)
// follow as they were.
const previous = readFileSync(resultsFile, 'utf8');
const parts = previous.split(/\n(?=## )/);
const kept = parts.slice(1).map((text) => ({ title: text.slice(3, text.indexOf('\n')), text }));
const titleOf = new Set(bodies.map((b) => b.title));
const cpus = os.cpus();
const header = `# Benchmark results

Written by \`npm run bench\` on ${started.toISOString()}: ${cpus.length} × ${cpus[0]?.model ?? 'CPU'},
${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, load average at start
${load().join(' / ')}. One run; compare ratios, not absolute figures. Each generated section
says when it ran, how long it took and the load; the dated sections after them are analyses
written by hand (A/B runs, profiles).
`;
const join = (list) => list.map((p) => p.text.trimEnd()).join('\n\n') + '\n';
const next = only
  ? join([
      { text: parts[0] },
      ...kept.map((k) => bodies.find((b) => b.title === k.title) ?? k),
      ...bodies.filter((b) => !kept.some((k) => k.title === b.title)),
    ])
  : join([{ text: header }, ...bodies, ...kept.filter((k) => !titleOf.has(k.title))]);
writeFileSync(resultsFile, next);
console.log(
  `\nwrote ${bodies.map((b) => b.title).join('; ')} to bench/results.md in ${Math.round((Date.now() - started.getTime()) / 1000)} s`,
);
process.exit(0);
