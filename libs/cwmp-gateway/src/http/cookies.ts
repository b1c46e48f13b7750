export const SESSION_COOKIE = 'meridian-session';

/** The value of one cookie in a Cookie header (RFC 6265 §5.4), or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    if (pair.slice(0, eq).trim() === name) {
      const value = pair.slice(eq + 1).trim();
      return value.startsWith('"') && value.endsWith('"') && value.length >= 2
        ? value.slice(1, -1)
        : value;
    }
  }
  return undefined;
}

/** Set-Cookie for a session id (base64url, so no quoting or escaping is needed). */
export const sessionCookie = (sessionId: string): string =>
  `${SESSION_COOKIE}=${sessionId}; Path=/; HttpOnly`;
