/** Thrown by decodeEntities; the caller adds the position in the document. */
export class EntityError extends Error {
  constructor(
    message: string,
    /** Offset of the offending "&" in the decoded string. */
    readonly index: number,
  ) {
    super(message);
  }
}

const NAMED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

const DECIMAL = /^[0-9]{1,7}$/;
const HEX = /^[0-9a-fA-F]{1,6}$/;

/**
 * Replaces the five XML entities and numeric character references, in one pass (so "&amp;#60;"
 * stays "&#60;"). Anything else after "&" is an error: there is no DTD to define more.
 */
export function decodeEntities(text: string): string {
  let amp = text.indexOf('&');
  if (amp === -1) return text;
  let out = '';
  let last = 0;
  while (amp !== -1) {
    const semi = text.indexOf(';', amp + 1);
    if (semi === -1 || semi - amp > 10) throw new EntityError('"&" that starts no reference', amp);
    const ref = text.slice(amp + 1, semi);
    out += text.slice(last, amp) + resolve(ref, amp);
    last = semi + 1;
    amp = text.indexOf('&', last);
  }
  return out + text.slice(last);
}

function resolve(ref: string, index: number): string {
  const named = NAMED[ref];
  if (named !== undefined && Object.prototype.hasOwnProperty.call(NAMED, ref)) return named;
  if (ref.charCodeAt(0) !== 35 /* # */) {
    throw new EntityError(`undefined entity "&${ref};" (no DTD entities are allowed)`, index);
  }
  const hex = ref.charCodeAt(1) === 120; /* x */
  const digits = ref.slice(hex ? 2 : 1);
  if (!(hex ? HEX : DECIMAL).test(digits)) {
    throw new EntityError(`malformed character reference "&${ref};"`, index);
  }
  const codePoint = parseInt(digits, hex ? 16 : 10);
  if (!isXmlChar(codePoint)) {
    throw new EntityError(`character reference "&${ref};" is not an XML character`, index);
  }
  return String.fromCodePoint(codePoint);
}

/** XML 1.0 Char production. */
function isXmlChar(c: number): boolean {
  return (
    c === 0x9 ||
    c === 0xa ||
    c === 0xd ||
    (c >= 0x20 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}
