// Characters that need an entity, plus those XML 1.0 forbids (C0 controls but tab/LF/CR, lone
// surrogates, U+FFFE/U+FFFF). CR is written as &#13; because parsers turn a raw CR into LF.
const NEEDS_ESCAPE = /[<>&'"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Escapes text for element content or a quoted attribute: the five XML entities, CR as a
 * character reference, and every character illegal in XML 1.0 replaced by U+FFFD so the output
 * is always well-formed.
 */
export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let rep: string;
    if (c === 0x3c) rep = '&lt;';
    else if (c === 0x3e) rep = '&gt;';
    else if (c === 0x26) rep = '&amp;';
    else if (c === 0x27) rep = '&apos;';
    else if (c === 0x22) rep = '&quot;';
    else if (c === 0x0d) rep = '&#13;';
    else if (c < 0x20) {
      if (c === 0x09 || c === 0x0a) continue;
      rep = '\uFFFD';
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      rep = '\uFFFD';
    } else if ((c >= 0xdc00 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) rep = '\uFFFD';
    else continue;
    out += text.slice(last, i) + rep;
    last = i + 1;
  }
  return out + text.slice(last);
}
