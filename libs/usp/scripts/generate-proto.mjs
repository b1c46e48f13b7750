#!/usr/bin/env node
// Generates the USP 1.4 Record and Msg codec (src/generated/usp-proto.js, static code from
// protobufjs-cli's pbjs) and its typings (usp-proto.d.ts, from pbts) out of the normative protos.
// Static code was measured against reflection (bench/usp-codec.mjs, bench/results.md): the same
// speed, and static code gives TypeScript types and needs no descriptor decoded at start.
//
// Usage: node libs/usp/scripts/generate-proto.mjs [outDir] [specDir]
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { pbjs, pbts } = require('protobufjs-cli');

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const outDir = path.resolve(process.argv[2] ?? path.join(here, '../src/generated'));
// shared/ sits beside the clone (CI) or beside the folder of worktrees (our machines).
const specDir = path.resolve(
  process.argv[3] ??
    ['../shared/spec/usp', '../../shared/spec/usp']
      .map((p) => path.join(repoRoot, p))
      .find((p) => existsSync(p)) ??
    path.join(repoRoot, '../shared/spec/usp'),
);
const protos = ['usp-record-1-4.proto', 'usp-msg-1-4.proto'].map((f) => path.join(specDir, f));

// A root of our own name, so no other static module in the process shares its registry; no
// verify/convert/delimited helpers: the lib validates what it decodes itself.
const COMMON = [
  '-t',
  'static-module',
  '-w',
  'commonjs',
  '--root',
  'meridian_usp',
  '--no-delimited',
];
const LEAN = [...COMMON, '--no-verify', '--no-convert', '--no-comments'];

function run(main, args) {
  return new Promise((resolve, reject) =>
    main(args, (err, output) => (err ? reject(err) : resolve(output))),
  );
}

const work = mkdtempSync(path.join(tmpdir(), 'usp-proto-'));
try {
  // pbts reads the JSDoc of the static code: generate a commented copy for it alone.
  const commented = path.join(work, 'usp-proto.js');
  await run(pbjs.main, [...COMMON, '--no-verify', '--no-convert', '-o', commented, ...protos]);
  const typings = await run(pbts.main, ['--no-comments', commented]);
  const code = await run(pbjs.main, [...LEAN, ...protos]);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'usp-proto.js'), code);
  writeFileSync(path.join(outDir, 'usp-proto.d.ts'), typings);
  const size = readFileSync(path.join(outDir, 'usp-proto.js')).length;
  process.stdout.write(`usp-proto.js: ${size} bytes; usp-proto.d.ts: ${typings.length} bytes\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
