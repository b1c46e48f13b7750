import { createHash } from 'node:crypto';
import { ConfigError } from '@meridian/config';

/** Each named part of a value, as the bytes or text it is made of. */
export type Parts<T> = (value: T) => Record<string, string | Buffer | readonly (string | Buffer)[]>;

function digestsOf<T>(value: T, parts: Parts<T>): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const [name, pieces] of Object.entries(parts(value))) {
    const hash = createHash('sha256');
    for (const piece of [pieces].flat()) hash.update(piece).update('\0');
    digests[name] = hash.digest('hex');
  }
  return digests;
}

/**
 * Reads a value every `intervalMs` (files mounted from a Kubernetes Secret, updated in place)
 * and applies it when one of its `parts` differs from what is in use (`current`), with the names
 * of those that changed. A read or an apply that throws is reported once (its ConfigError's
 * problems, or its message) and what is in use stays, until a whole read applies. Returns the
 * function that stops it.
 */
export function watchChanges<T>(options: {
  current: T;
  read: () => T;
  parts: Parts<T>;
  apply: (value: T, changed: string[]) => void;
  report: (problem: string) => void;
  intervalMs?: number;
}): () => void {
  const { read, parts, apply, report } = options;
  let inUse = digestsOf(options.current, parts);
  let reported: string | undefined;
  const check = (): void => {
    let problem: string | undefined;
    try {
      const value = read();
      const seen = digestsOf(value, parts);
      const changed = Object.keys(seen).filter((name) => seen[name] !== inUse[name]);
      if (changed.length > 0) {
        apply(value, changed);
        inUse = seen;
      }
    } catch (error) {
      problem = error instanceof ConfigError ? error.problems.join('; ') : (error as Error).message;
    }
    if (problem !== undefined && problem !== reported) report(problem);
    reported = problem;
  };
  const timer = setInterval(check, options.intervalMs ?? 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
