#!/usr/bin/env node
// `npm test`: every check and test of the project on a fresh machine of ours.
// 1. system tools the tests need (xmllint/xsltproc for XSD validation), installed if missing;
// 2. local infrastructure (Redis, Kafka, FerretDB, Mosquitto) through scripts/infra;
// 3. typecheck, lint, build (some tests run built code in child processes), the Helm chart's
//    checks (scripts/check-helm), then jest.
// MERIDIAN_TEST_SKIP_INFRA=1 runs the unit project only (no servers needed).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const unitOnly = process.env.MERIDIAN_TEST_SKIP_INFRA === '1';

function run(label, cmd, args, opts = {}) {
  const started = Date.now();
  console.log(`\n▶ ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`✖ ${label} failed (exit ${r.status ?? r.signal}) after ${secs}s`);
    process.exit(r.status || 1);
  }
  console.log(`✔ ${label} (${secs}s)`);
}

const has = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;

const aptNeeded = [
  ['xmllint', 'libxml2-utils'],
  ['xsltproc', 'xsltproc'],
].filter(([bin]) => !has(bin));
if (aptNeeded.length > 0) {
  const pkgs = aptNeeded.map(([, p]) => p);
  if (process.getuid?.() !== 0) {
    console.error(`✖ missing tools: install ${pkgs.join(' ')} (Debian) and run again`);
    process.exit(1);
  }
  run('install XSD tools', 'sh', [
    '-c',
    `apt-get install -y ${pkgs.join(' ')} || (apt-get update && apt-get install -y ${pkgs.join(' ')})`,
  ]);
}

if (!unitOnly && existsSync('scripts/infra')) run('infrastructure', 'scripts/infra', ['up']);
run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
run('lint', 'npx', ['eslint', 'apps', 'libs', 'scripts', 'bench', '--max-warnings', '0']);
run('build', 'npm', ['run', 'build', '--silent']);
// The Helm chart: seconds once helm is cached (~/.cache/meridian-tools); the first run builds
// helm and the manifest validator with Go, several minutes on 2 cores.
if (!unitOnly) run('helm chart', 'scripts/check-helm', []);
// jest's own summary is not a line CI reads: end with the plain "N passed, N failed" count.
const resultsFile = join(tmpdir(), `meridian-jest-${process.pid}.json`);
const jest = spawnSync(
  'npx',
  [
    'jest',
    // After the Kafka broker-restart test a kafkajs timer can keep jest's process alive for
    // minutes once every test has finished; results are complete by then.
    '--forceExit',
    '--json',
    `--outputFile=${resultsFile}`,
    ...(unitOnly ? ['--selectProjects', 'unit'] : []),
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
if (existsSync(resultsFile)) {
  const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
  console.log(
    `\nTests: ${r.numPassedTests} passed, ${r.numFailedTests + r.numRuntimeErrorTestSuites} failed`,
  );
}
process.exit(jest.status ?? 1);
