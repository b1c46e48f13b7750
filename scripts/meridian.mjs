#!/usr/bin/env node
// `meridian config check FILE`, `meridian config print [FILE]`: `npx meridian …` or
// `npm run meridian -- …` in the repository. In a checkout the code is built first (swc, about
// 2 s) so the command never runs stale code; an image without the sources runs dist as it is.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const swc = join(root, 'node_modules/.bin/swc');
if (existsSync(swc) && existsSync(join(root, 'apps/meridian/src/cli.ts'))) {
  const build = spawnSync(
    swc,
    ['apps', 'libs', '-d', 'dist', '--copy-files', '--config-file', '.swcrc', '--quiet'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const cli = spawnSync(
  process.execPath,
  [join(root, 'dist/apps/meridian/src/cli.js'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(cli.status ?? 1);
