// `npm run bench`: every benchmark in one run, written to bench/results.md with the machine's
// description. Figures are ratios measured in the same run where a ceiling exists.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as contracts from './contracts.mjs';
import * as decode from './decode.mjs';
import * as deployed from './deployed.mjs';
import * as latency from './latency.mjs';
import * as provisioning from './provisioning.mjs';
import * as sessionCpu from './session-cpu.mjs';
import * as sessions from './sessions.mjs';
import * as stored from './stored.mjs';
import * as usp from './usp.mjs';
import * as uspCodec from './usp-codec.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = path.join(root, 'bench/results.md');

const provisioningSection = (result) => `## Provisioning: boot storm and Informs per second

${provisioning.toMarkdown(result)}
`;

const contractsSection = (result) => `## Bus message validation (contracts), one core

What a consumer pays per message on top of JSON.parse: \`validateMessage\` (TypeBox schemas
compiled by Ajv, the production path) against zod 4 checking the same JSON Schemas.

${contracts.toMarkdown(result)}
`;

const storedSection = (result) => `## Informs stored per second, all-in-one on each store

${stored.toMarkdown(result)}

${stored.READING}
`;

const uspSection = (
  result,
) => `## USP translator: Get of 10 parameters over MQTT, from the cache and fresh (issue 12)

${usp.toMarkdown(result)}

${usp.READING}
`;

const sessionCpuSection = (
  result,
) => `## Session CPU of the all-in-one beside a bare server, tracing off and on (issue 16)

${sessionCpu.toMarkdown(result)}

${sessionCpu.READING}
`;

const deployedSection = (
  result,
) => `## Deployed shape: CPU per Inform-only session of each service (issue 16)

${deployed.toMarkdown(result)}
`;

// `node bench/run.mjs --only provisioning|contracts|stored|usp|session-cpu|deployed`: that section alone, replaced in the existing
// file (contracts also takes `--baseline <dist/libs/contracts/src/index.js of another build>`).
const only = {
  provisioning: async () => provisioningSection(await provisioning.runProvisioningBench()),
  contracts: async () => {
    const at = process.argv.indexOf('--baseline');
    const baseline = at > 0 ? process.argv[at + 1] : undefined;
    return contractsSection(contracts.runContractsBench({ baseline }));
  },
  stored: async () => storedSection(await stored.runStoredBench()),
  usp: async () => uspSection(await usp.runUspBench()),
  // BENCH_BASE=<dir>: also the all-in-one built in that checkout, in the same rounds.
  'session-cpu': async () =>
    sessionCpuSection(await sessionCpu.runSessionCpuBench({ tracing: true })),
  deployed: async () => deployedSection(await deployed.runDeployedBench({ devices: 128 })),
};
if (process.argv.includes('--only')) {
  const name = process.argv[process.argv.indexOf('--only') + 1];
  const run = only[name];
  if (!run) throw new Error(`--only takes: ${Object.keys(only).join(', ')} (got ${name})`);
  console.log(`${name} benchmark…`);
  const section = await run();
  console.log(section);
  const title = section.slice(0, section.indexOf('\n'));
  const text = readFileSync(resultsFile, 'utf8');
  const at = text.indexOf(title);
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
console.log('\nUSP codec benchmark…');
const uspCodecResult = uspCodec.runUspCodecBench();
console.log(uspCodec.toMarkdown(uspCodecResult));
console.log('\nsession benchmark…');
const sessionResult = await sessions.runSessionBench();
console.log(sessions.toMarkdown(sessionResult));

console.log('\nsession CPU benchmark (all-in-one beside the bare server, tracing off and on)…');
const sessionCpuResult = await sessionCpu.runSessionCpuBench({ tracing: true });
console.log(sessionCpu.toMarkdown(sessionCpuResult));

console.log('\ndeployed-shape benchmark (gateway and provisioning on Kafka, Redis, SQLite)…');
const deployedResult = await deployed.runDeployedBench({ devices: 128 });
console.log(deployed.toMarkdown(deployedResult));

console.log('\nlatency benchmark…');
const latencyResult = await latency.runLatencyBench();
console.log(latency.toMarkdown(latencyResult));

console.log('\ncontracts benchmark…');
const contractsResult = contracts.runContractsBench();
console.log(contracts.toMarkdown(contractsResult));

console.log('\nstored Informs benchmark…');
const storedResult = await stored.runStoredBench();
console.log(stored.toMarkdown(storedResult));

console.log('\nUSP translator benchmark…');
const uspResult = await usp.runUspBench();
console.log(usp.toMarkdown(uspResult));

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

## USP codec (Record + 100-parameter GetResp), one core

${uspCodec.toMarkdown(uspCodecResult)}

## Inform-only sessions over loopback (Inform + empty POST + 204)

The same simulator process drives the bare server first, then the gateway.

${sessions.toMarkdown(sessionResult)}

${sessionCpuSection(sessionCpuResult)}
${deployedSection(deployedResult)}
## Command latency through the NBI, with connection request

${latency.toMarkdown(latencyResult)}

${contractsSection(contractsResult)}
${storedSection(storedResult)}
${uspSection(uspResult)}
${provisioningSection(provisioningResult)}`;
writeFileSync(resultsFile, text);
console.log('\nwrote bench/results.md');
