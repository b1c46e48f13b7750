import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, uspSpecDir } from './spec-dir';

const committed = path.join(repoRoot, 'libs/usp/src/generated');

/** Each generator, with the files it writes into src/generated. */
const GENERATORS: [script: string, files: string[]][] = [
  ['libs/usp/scripts/generate-proto.mjs', ['usp-proto.js', 'usp-proto.d.ts']],
  ['libs/usp/scripts/generate-model.mjs', ['tr-181-usp.json']],
];

describe('generated files of libs/usp', () => {
  if (uspSpecDir === undefined) {
    // Skipped only where shared/spec is not beside the clone: the product never reads it.
    it.skip('match a regeneration (skipped: the USP spec folder is absent)', () => undefined);
    return;
  }
  const specDir = uspSpecDir;
  it.each(GENERATORS)(
    '%s writes exactly the committed files (no drift)',
    (script, files) => {
      const out = mkdtempSync(path.join(tmpdir(), 'usp-gen-'));
      try {
        execFileSync(process.execPath, [path.join(repoRoot, script), out, specDir], {
          stdio: 'pipe',
        });
        for (const file of files) {
          const fresh = readFileSync(path.join(out, file), 'utf8');
          expect({
            file,
            same: fresh === readFileSync(path.join(committed, file), 'utf8'),
          }).toEqual({
            file,
            same: true,
          });
        }
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
