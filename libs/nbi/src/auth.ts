import { createHash, timingSafeEqual } from 'node:crypto';

/** read-only < operator (tasks, tags, faults, presets) < admin (register/delete devices, audit log). */
export type Role = 'read-only' | 'operator' | 'admin';
const RANK: Record<Role, number> = { 'read-only': 0, operator: 1, admin: 2 };

export interface ApiKey {
  /** Who: written to the audit log. */
  name: string;
  role: Role;
  /** SHA-256 of the key: keys are compared in constant time and never kept in clear. */
  digest: Buffer;
}

export class ApiKeyConfigError extends Error {}

const sha256 = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Parses MERIDIAN_NBI_API_KEYS: comma-separated `name:role:key` entries. */
export function parseApiKeys(spec: readonly string[]): ApiKey[] {
  return spec.map((entry) => {
    const [name, role, ...rest] = entry.split(':');
    const key = rest.join(':');
    if (!name || !role || !(role in RANK) || key.length < 16) {
      throw new ApiKeyConfigError(
        `MERIDIAN_NBI_API_KEYS entry "${name ?? ''}:…" must be name:role:key with role read-only|operator|admin and a key of 16+ characters`,
      );
    }
    return { name, role: role as Role, digest: sha256(key) };
  });
}

/** The key presented as `Authorization: Bearer <key>` or `X-API-Key: <key>`, if valid. */
export function authenticate(
  keys: readonly ApiKey[],
  presented: string | undefined,
): ApiKey | null {
  if (!presented) return null;
  const digest = sha256(presented);
  return keys.find((k) => timingSafeEqual(k.digest, digest)) ?? null;
}

export const allows = (role: Role, needed: Role): boolean => RANK[role] >= RANK[needed];

export function presentedKey(
  headers: Record<string, string | string[] | undefined>,
): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim();
  const key = headers['x-api-key'];
  return typeof key === 'string' ? key : undefined;
}
