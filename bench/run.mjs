// `npm run bench`: every benchmark in one run, written to bench/results.md with the machine's
// description. Figures are ratios measured in the same run where a ceiling exists.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as decode from './decode.mjs';
import * as latency from './latency.mjs';
import * as sessions from './sessions.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

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

const cpus = os.cpus();
const text = `# Benchmark results

Written by \`npm run bench\` on ${started.toISOString()}: ${cpus.length} × ${cpus[0]?.model ?? 'CPU'},
${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, load average at start
${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}. One run; compare ratios, not absolute figures.

## CWMP decode (XML → typed message), one core

Targets: ≥ 40,000 Informs/s and ≤ 5 ms for the 500 KB GetParameterValuesResponse.

${decode.toMarkdown(decodeResult)}

## Inform-only sessions over loopback (Inform + empty POST + 204)

The same simulator process drives the bare server first, then the gateway.

${sessions.toMarkdown(sessionResult)}

## Command latency through the NBI, with connection request

${latency.toMarkdown(latencyResult)}
`;
writeFileSync(path.join(root, 'bench/results.md'), text);
console.log('\nwrote bench/results.md');
