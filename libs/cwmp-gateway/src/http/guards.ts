/** Checks on the raw request, done before any XML parsing. */

const XML_MEDIA_TYPES = new Set(['text/xml', 'application/xml', 'application/soap+xml']);

/** CWMP is SOAP over HTTP POST only (TR-069 §3.4). */
export const isAllowedMethod = (method: string | undefined): boolean => method === 'POST';

/**
 * An XML media type, or none at all: the empty POST that ends a CPE's requests often has no
 * Content-Type (TR-069 §3.7.2.5), and some CPEs omit it on every request.
 */
export function isAllowedContentType(contentType: string | undefined): boolean {
  if (contentType === undefined || contentType.trim() === '') return true;
  const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return XML_MEDIA_TYPES.has(mediaType);
}

const MARKUP_DECLARATION = Buffer.from('<!');

/**
 * True when the body holds a `<!DOCTYPE` or `<!ENTITY` declaration (any letter case). CWMP never
 * needs one, and they carry entity-expansion ("billion laughs") and external-entity attacks.
 * Also true for a NUL byte: a UTF-16 body would hide the markup from this byte scan.
 */
export function hasForbiddenMarkup(body: Buffer): boolean {
  if (body.includes(0)) return true;
  // Only "<!" can start one: one search per declaration, comment or CDATA, not one per tag.
  for (let at = body.indexOf(MARKUP_DECLARATION); at >= 0; ) {
    if (startsWithWord(body, at + 2, 'DOCTYPE') || startsWithWord(body, at + 2, 'ENTITY')) {
      return true;
    }
    at = body.indexOf(MARKUP_DECLARATION, at + 2);
  }
  return false;
}

function startsWithWord(body: Buffer, at: number, upperWord: string): boolean {
  if (at + upperWord.length > body.length) return false;
  for (let i = 0; i < upperWord.length; i++) {
    // ASCII letters: clearing bit 0x20 upper-cases them.
    if (((body[at + i] ?? 0) & ~0x20) !== upperWord.charCodeAt(i)) return false;
  }
  return true;
}

/** A body of only whitespace counts as empty (TR-069 §3.7.2.5: "empty HTTP POST"). */
export function isBlank(body: Buffer): boolean {
  for (const byte of body) {
    if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return false;
  }
  return true;
}
