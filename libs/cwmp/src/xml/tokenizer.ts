import { CwmpDecodeError, positionAt, type CwmpDecodeErrorReason } from '../errors';
import { appendChild, createElement, type XmlElement } from './element';
import { EntityError, decodeEntities } from './entities';
import { scanParameterList, type ListShape } from './lists';

export interface ParseLimits {
  /** Deepest element nesting accepted; the root is depth 1. */
  maxDepth: number;
}

/** The methods whose ParameterList the scanner reads, by local name, and the shape of its structs. */
const LIST_SHAPES = new Map<string, ListShape>([
  ['Inform', 'values'],
  ['GetParameterValuesResponse', 'values'],
  ['SetParameterValues', 'values'],
  ['GetParameterNamesResponse', 'names'],
]);

const LT = 60; // <
const GT = 62; // >
const SLASH = 47; // /
const BANG = 33; // !
const QUESTION = 63; // ?
const EQUALS = 61; // =
const DQUOTE = 34;
const SQUOTE = 39;
const AMP = 38; // &

// Kept outside parseXml: a closure over `xml` would move it into a context slot and slow
// down every character access of the main loop.
function fail(xml: string, reason: CwmpDecodeErrorReason, message: string, offset: number): never {
  throw new CwmpDecodeError(reason, message, positionAt(xml, offset));
}

function decode(xml: string, raw: string, offset: number): string {
  try {
    return decodeEntities(raw);
  } catch (e) {
    if (e instanceof EntityError) fail(xml, 'malformed-xml', e.message, offset + e.index);
    throw e;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** Characters that end a name or never belong in one: blanks, > / = < " '. */
const NAME_END = new Uint8Array(128);
for (const c of [32, 10, 9, 13, GT, SLASH, EQUALS, LT, DQUOTE, SQUOTE]) NAME_END[c] = 1;

function endsName(c: number): boolean {
  return c < 128 && NAME_END[c] === 1;
}

function isNameStart(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 95 ||
    c === 58 ||
    (c >= 0xc0 && c !== 0xd7 && c !== 0xf7)
  );
}

/**
 * A purpose-built, non-validating XML 1.0 parser for SOAP envelopes: elements, attributes,
 * text, CDATA, comments and processing instructions. DTDs are refused by the caller before
 * parsing; here "<!DOCTYPE" is an error too. Well-formedness errors (unclosed or mismatched
 * tags, stray text, bad references, duplicate attributes) throw CwmpDecodeError with a position.
 * A method's ParameterList of plain structs is read by scanParameterList instead (see
 * XmlElement.list), unless `scanLists` is false (tests compare both ways).
 */
export function parseXml(xml: string, limits: ParseLimits, scanLists = true): XmlElement {
  const len = xml.length;

  let pos = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  let root: XmlElement | null = null;
  let current: XmlElement | null = null;
  let depth = 0;
  // Where each open element's name starts in `xml`: a closing tag is compared with it there, in
  // the flat input, not with the element's qname (a slice, slower to read char by char).
  const nameAt: number[] = [];

  while (pos < len) {
    const lt = xml.indexOf('<', pos);
    const textEnd = lt === -1 ? len : lt;
    if (textEnd > pos) {
      if (current !== null) {
        // Only leaves keep text (see XmlElement.text); references are checked everywhere.
        if (current.children.length === 0) {
          const raw = xml.slice(pos, textEnd);
          current.text += raw.indexOf('&') === -1 ? raw : decode(xml, raw, pos);
        } else if (contains(xml, AMP, pos, textEnd)) {
          decode(xml, xml.slice(pos, textEnd), pos);
        }
      } else {
        for (let i = pos; i < textEnd; i++) {
          if (!isSpace(xml.charCodeAt(i)))
            fail(xml, 'malformed-xml', 'text outside the root element', i);
        }
      }
    }
    if (lt === -1) break;
    const next = xml.charCodeAt(lt + 1);

    if (next === SLASH) {
      const gt = xml.indexOf('>', lt + 2);
      if (gt === -1) fail(xml, 'malformed-xml', 'unterminated closing tag', lt);
      if (current === null) fail(xml, 'malformed-xml', 'closing tag without an open element', lt);
      const open = current.qname;
      // Names hold no ">", so a match ends at or before gt; only blanks may follow it.
      const openAt = nameAt[depth - 1] ?? 0;
      if (!sameRange(xml, lt + 2, openAt, open.length) || !isBlank(xml, lt + 2 + open.length, gt)) {
        fail(
          xml,
          'malformed-xml',
          `closing tag </${clip(xml.slice(lt + 2, gt))}> does not match <${open}>`,
          lt,
        );
      }
      current = current.parent;
      depth--;
      pos = gt + 1;
      continue;
    }

    if (next === QUESTION) {
      const end = xml.indexOf('?>', lt + 2);
      if (end === -1) fail(xml, 'malformed-xml', 'unterminated processing instruction', lt);
      pos = end + 2;
      continue;
    }

    if (next === BANG) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end === -1) fail(xml, 'malformed-xml', 'unterminated comment', lt);
        pos = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end === -1) fail(xml, 'malformed-xml', 'unterminated CDATA section', lt);
        if (current === null) fail(xml, 'malformed-xml', 'CDATA outside the root element', lt);
        if (current.children.length === 0) current.text += xml.slice(lt + 9, end);
        pos = end + 3;
      } else if (/^<!(DOCTYPE|ENTITY)/i.test(xml.slice(lt, lt + 9))) {
        fail(xml, 'doctype', 'DTDs and entity declarations are not allowed', lt);
      } else {
        fail(xml, 'malformed-xml', 'unexpected "<!"', lt);
      }
      continue;
    }

    // Start tag.
    let i = lt + 1;
    if (i >= len || !isNameStart(xml.charCodeAt(i)))
      fail(xml, 'malformed-xml', 'expected an element name after "<"', lt);
    while (i < len && !endsName(xml.charCodeAt(i))) i++;
    const qname = xml.slice(lt + 1, i);
    const element: XmlElement = createElement(qname, current);
    let selfClosing = false;
    for (;;) {
      const beforeSpace = i;
      while (i < len && isSpace(xml.charCodeAt(i))) i++;
      if (i >= len) fail(xml, 'malformed-xml', `unterminated start tag <${clip(qname)}>`, lt);
      const c = xml.charCodeAt(i);
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (xml.charCodeAt(i + 1) !== GT) fail(xml, 'malformed-xml', 'expected "/>"', i);
        selfClosing = true;
        i += 2;
        break;
      }
      if (i === beforeSpace || !isNameStart(c))
        fail(xml, 'malformed-xml', `bad attribute in <${clip(qname)}>`, i);
      const nameStart = i;
      while (i < len && !endsName(xml.charCodeAt(i))) i++;
      const name = xml.slice(nameStart, i);
      while (i < len && isSpace(xml.charCodeAt(i))) i++;
      if (xml.charCodeAt(i) !== EQUALS)
        fail(xml, 'malformed-xml', `attribute ${clip(name)} has no value`, i);
      i++;
      while (i < len && isSpace(xml.charCodeAt(i))) i++;
      const quote = xml.charCodeAt(i);
      if (quote !== DQUOTE && quote !== SQUOTE)
        fail(xml, 'malformed-xml', `attribute ${clip(name)} is not quoted`, i);
      const end = xml.indexOf(quote === DQUOTE ? '"' : "'", i + 1);
      if (end === -1)
        fail(xml, 'malformed-xml', `unterminated value of attribute ${clip(name)}`, i);
      const raw = xml.slice(i + 1, end);
      if (raw.indexOf('<') !== -1)
        fail(xml, 'malformed-xml', `"<" in the value of attribute ${clip(name)}`, i);
      const value = raw.indexOf('&') === -1 ? raw : decode(xml, raw, i + 1);
      if (element.attrs === null) element.attrs = [{ name, value }];
      else {
        if (element.attrs.some((a) => a.name === name)) {
          fail(xml, 'malformed-xml', `duplicate attribute ${clip(name)}`, nameStart);
        }
        element.attrs.push({ name, value });
      }
      i = end + 1;
    }

    if (current === null) {
      if (root !== null) fail(xml, 'malformed-xml', 'more than one root element', lt);
      root = element;
    } else {
      appendChild(current, element);
    }
    if (depth + 1 > limits.maxDepth)
      fail(xml, 'too-deep', `elements nested deeper than ${limits.maxDepth}`, lt);
    pos = i;
    if (!selfClosing) {
      // A list's structs and fields are two levels deeper, which the limit must allow.
      const shape =
        scanLists && element.local === 'ParameterList' && depth + 3 <= limits.maxDepth
          ? LIST_SHAPES.get(current?.local ?? '')
          : undefined;
      current = element;
      nameAt[depth] = lt + 1;
      depth++;
      if (shape !== undefined) {
        const scanned = scanParameterList(xml, i, shape);
        if (scanned !== null) {
          element.list = scanned.list;
          pos = scanned.end;
        }
      }
    }
  }

  if (current !== null) fail(xml, 'malformed-xml', `element <${current.qname}> is not closed`, len);
  if (root === null) fail(xml, 'malformed-xml', 'no root element', len);
  return root;
}

/** The `length` characters at `at` are those at `from` (xml.startsWith is several times slower). */
function sameRange(xml: string, at: number, from: number, length: number): boolean {
  for (let k = 0; k < length; k++) {
    if (xml.charCodeAt(at + k) !== xml.charCodeAt(from + k)) return false;
  }
  return true;
}

function contains(xml: string, code: number, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (xml.charCodeAt(i) === code) return true;
  return false;
}

function isBlank(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(xml.charCodeAt(i))) return false;
  return true;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
