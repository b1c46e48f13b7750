// `npm run bench`: every benchmark in one run, written to bench/results.md with the machine's
// description. Figures are ratios measured in the same run where a ceiling exists.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as decode from './decode.mjs';
import * as latency from './latency.mjs';
import * as provisioning from './provisioning.mjs';
import * as sessions from './sessions.mjs';
import * as stored from './stored.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = path.join(root, 'bench/results.md');

const provisioningSection = (result) => `## Provisioning: boot storm and Informs per second

${provisioning.toMarkdown(result)}
`;

const storedSection = (result) => `## Informs stored per second, all-in-one on each store

${stored.toMarkdown(result)}

${stored.READING}
`;

// `node bench/run.mjs --only provisioning|stored`: that section alone, replaced in the file.
if (process.argv.includes('--only')) {
  const name = process.argv[process.argv.indexOf('--only') + 1];
  const sections = {
    provisioning: [
      '## Provisioning',
      async () => provisioningSection(await provisioning.runProvisioningBench()),
    ],
    stored: ['## Informs stored', async () => storedSection(await stored.runStoredBench())],
  };
  if (!(name in sections)) throw new Error(`--only takes: provisioning, stored (got ${name})`);
  const [heading, run] = sections[name];
  console.log(`${name} benchmark…`);
  const section = await run();
  console.log(section);
  const text = readFileSync(resultsFile, 'utf8');
  const at = text.indexOf(heading);
  const end = at < 0 ? -1 : text.indexOf('\n## ', at + 1);
  const next =
    at < 0
      ? `${text.trimEnd()}\n\n${section}`
      : `${text.slice(0, at)}${section}${end < 0 ? '' : text.slice(end + 1)}`;
  writeFileSync(resultsFile, next);
  console.log(`\nwrote the ${name} section of bench/results.md`);
  process.exit(0);
}

const started = new Date();
console.log('decode benchmark…');
const decodeResult = decode.runDecodeBench();
console.log(decode.toMarkdown(decodeResult));
console.log('\nsession benchmark…');
const sessionResult = await sessions.runSessionBench();
console.log(sessions.toMarkdown(sessionResult));

console.log('\nlatency benchmark…');
const latencyResult = await latency.runLatencyBench();
console.log(latency.toMarkdown(latencyResult));

console.log('\nstored Informs benchmark…');
const storedResult = await stored.runStoredBench();
console.log(stored.toMarkdown(storedResult));

console.log('\nprovisioning benchmark…');
const provisioningResult = await provisioning.runProvisioningBench();
console.log(provisioning.toMarkdown(provisioningResult));

const cpus = os.cpus();
const text = `# Benchmark results

Written by \`npm run bench\` on ${started.toISOString()}: ${cpus.length} × ${cpus[0]?.model ?? 'CPU'},
${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, load average at start
${os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(' / ')}. One run; compare ratios, not absolute figures.

## CWMP decode (XML → typed message), one core

Targets: ≥ 40,000 Informs/s and ≤ 5 ms for the 500 KB GetParameterValuesResponse.

${decode.toMarkdown(decodeResult)}

## Inform-only sessions over loopback (Inform + empty POST + 204)

The same simulator process drives the bare server first, then the gateway.

${sessions.toMarkdown(sessionResult)}

## Command latency through the NBI, with connection request

${latency.toMarkdown(latencyResult)}

${storedSection(storedResult)}
${provisioningSection(provisioningResult)}`;
writeFileSync(resultsFile, text);
console.log('\nwrote bench/results.md');
