/** HTTP Basic (RFC 7617): what many CPEs send preemptively, without waiting for a challenge. */
export interface BasicCredentials {
  username: string;
  password: string;
}

export function parseBasicAuthorization(header: string): BasicCredentials | null {
  const match = /^\s*Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export const basicChallenge = (realm: string): string =>
  `Basic realm="${realm.replace(/(["\\])/g, '\\$1')}", charset="UTF-8"`;
