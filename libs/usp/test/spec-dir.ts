import { existsSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../..');

/**
 * The team's read-only spec folder: beside the clone (CI) or beside the folder of worktrees
 * (our machines); undefined where neither exists (the product never reads it, only tests do).
 */
export const uspSpecDir: string | undefined = ['../shared/spec/usp', '../../shared/spec/usp']
  .map((p) => path.join(repoRoot, p))
  .find((p) => existsSync(path.join(p, 'usp-msg-1-4.proto')));
