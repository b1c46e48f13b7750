import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Access to a file is a URL signed for one device: HMAC-SHA256 over the file name, the deviceId
 * and the expiry, under a secret the NBI and the file server share. Chosen over per-transfer
 * credentials because the file server then keeps no state (any replica checks any URL, nothing
 * to store, replicate or clean up), and CPEs that ignore the Download's Username/Password, or
 * only do Basic over plain HTTP, still work; the URL names its device and dies at its expiry.
 */
export interface FileGrant {
  name: string;
  deviceId: string;
  /** Unix seconds. */
  expires: number;
}

export type AccessCheck =
  | { ok: true; grant: FileGrant }
  | { ok: false; reason: 'unsigned' | 'bad signature' | 'expired' };

function signatureOf(grant: FileGrant, secret: string): Buffer {
  return createHmac('sha256', secret)
    .update(`${grant.name}\n${grant.deviceId}\n${grant.expires}`)
    .digest();
}

/** `<base>/<encoded name>?device=…&expires=…&sig=…`, the path provisioning uses for files too. */
export function signedFileUrl(base: string, grant: FileGrant, secret: string): string {
  const query = new URLSearchParams({
    device: grant.deviceId,
    expires: String(grant.expires),
    sig: signatureOf(grant, secret).toString('base64url'),
  });
  return `${base.replace(/\/+$/, '')}/${encodeURIComponent(grant.name)}?${query}`;
}

/** Checks the query of a request for `name`; `now` in Unix seconds. */
export function checkAccess(
  name: string,
  query: URLSearchParams,
  secret: string,
  now: number,
): AccessCheck {
  const deviceId = query.get('device');
  const expires = Number(query.get('expires'));
  const sig = query.get('sig');
  if (deviceId === null || sig === null || !Number.isSafeInteger(expires)) {
    return { ok: false, reason: 'unsigned' };
  }
  const grant = { name, deviceId, expires };
  const given = Buffer.from(sig, 'base64url');
  const expected = signatureOf(grant, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad signature' };
  }
  if (expires < now) return { ok: false, reason: 'expired' };
  return { ok: true, grant };
}
