import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A random key made on first start and kept in the data directory (mode 0600). */
export function localKey(
  dataDir: string,
  fileName: string,
): { key: string; file: string; created: boolean } {
  const file = join(dataDir, fileName);
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim(), file, created: false };
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(24).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, file, created: true };
}

/**
 * The all-in-one's NBI key when MERIDIAN_NBI_API_KEYS is not set: an admin key made on first
 * start, so the NBI is never open, even on a laptop.
 */
export const localAdminKey = (dataDir: string) => localKey(dataDir, 'nbi-admin.key');
