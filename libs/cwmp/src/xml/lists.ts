import { isAttribute } from './element';
import { EntityError, decodeEntities } from './entities';

/**
 * The two struct lists a new device sends by the hundred: ParameterValueStruct (Name, Value and
 * Value's xsi:type) and ParameterInfoStruct (Name, Writable).
 */
export type ListShape = 'values' | 'names';

/** A struct of a ParameterList read straight from the text: its fields' texts, untrimmed, decoded. */
export interface ScannedStruct {
  /** Name's text; '' for an empty element. */
  readonly name: string;
  /** Value's (values) or Writable's (names) text; '' for an empty element. */
  readonly second: string;
  /** Value's type attribute (xsi:type, any prefix but xmlns), decoded (values only). */
  readonly type: string | undefined;
}

export interface ScannedList {
  readonly shape: ListShape;
  readonly structs: ScannedStruct[];
}

// The tokenizer's grammar, for the one shape CPEs send: blanks are XML's four, a name starts with a
// letter, "_", ":" or a code unit from U+00C0 (but U+00D7 and U+00F7), and runs to a blank or one of
// > / = < " '. Each tag has at most one attribute, so none can be a duplicate.
// (Every group but those the scanner reads is non-capturing: each capture costs a string.)
const B = '[ \\t\\r\\n]';
const START = '[A-Za-z_:\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\uFFFF]';
const NAME = `${START}[^ \\t\\r\\n>/=<"']*`;
/** An optional prefix (up to the qname's first colon) before a local name. */
const PREFIX = `(?:${START.replace(':', '')}[^ \\t\\r\\n>/=<"':]*:)?`;
/** At most one attribute, in double or single quotes; `value` is the pattern of its value. */
function attribute(name: string, value: (quote: string) => string): string {
  return `(?:${B}+${name}${B}*=${B}*(?:"${value('"')}"|'${value("'")}'))?${B}*`;
}
/**
 * An attribute that the mapper does not read. Its value may hold no "&": a reference would need
 * decoding only to be checked, which is left to the tokenizer.
 */
const IGNORED = attribute(NAME, (quote) => `[^${quote}<&]*`);
/** Value's attribute, read: its name, then its value in double or single quotes. */
const READ = attribute(`(${NAME})`, (quote) => `([^${quote}<]*)`);

/** A leaf field, empty ("/>") or with text and its closing tag; `group` is its qname's group. */
function leaf(local: string, group: number, attributes: string): string {
  return `<(${PREFIX}${local})${attributes}(?:/>|>([^<]*)</\\${group}${B}*>)`;
}

/**
 * One struct, as groups: 1 item qname; 2 Name's qname, 3 its text; 4 the second field's qname,
 * 5 its attribute's name, 6 or 7 that attribute's value, 8 its text.
 */
function structPattern(second: string): RegExp {
  return new RegExp(
    `${B}*<(${NAME})${IGNORED}>${B}*${leaf('Name', 2, IGNORED)}${B}*${leaf(second, 4, READ)}${B}*</\\1${B}*>`,
    'y',
  );
}

const STRUCTS: Record<ListShape, RegExp> = {
  values: structPattern('Value'),
  names: structPattern('Writable'),
};

/** Thrown when a reference does not decode; never escapes the scanner. */
const BAIL = Symbol('bail');

function decoded(raw: string | undefined): string {
  if (raw === undefined) return '';
  if (raw.indexOf('&') === -1) return raw;
  try {
    return decodeEntities(raw);
  } catch (e) {
    if (e instanceof EntityError) throw BAIL;
    throw e;
  }
}

/**
 * Reads the items of a ParameterList whose start tag ends at `from`, as far as its closing tag
 * (whose "<" is returned as `end`). Each item must be a struct of Name then Value (values) or
 * Writable (names), leaves, with blanks between tags and at most one attribute per tag. Returns
 * null, having changed nothing, for anything else (comments, CDATA, other fields, a reference
 * that does not decode, the end of the input…): the tokenizer then parses the list itself, with
 * its checks and its faults. What it returns is what the mapper reads from the tokenizer's tree.
 */
export function scanParameterList(
  xml: string,
  from: number,
  shape: ListShape,
): { list: ScannedList; end: number } | null {
  const pattern = STRUCTS[shape];
  const structs: ScannedStruct[] = [];
  let at = from;
  try {
    for (;;) {
      pattern.lastIndex = at;
      const m = pattern.exec(xml);
      if (m === null) break;
      const attribute = m[5];
      // Decoded even when it is not the type: a bad reference is the tokenizer's fault to raise.
      const value = attribute === undefined ? undefined : decoded(m[6] ?? m[7]);
      structs.push({
        name: decoded(m[3]),
        second: decoded(m[8]),
        type:
          shape === 'values' && attribute !== undefined && isAttribute(attribute, 'type')
            ? value
            : undefined,
      });
      at = pattern.lastIndex;
    }
  } catch (e) {
    if (e === BAIL) return null;
    throw e;
  }
  while (at < xml.length && isBlank(xml.charCodeAt(at))) at++;
  if (xml.charCodeAt(at) !== 60 /* < */ || xml.charCodeAt(at + 1) !== 47 /* / */) return null;
  return { list: { shape, structs }, end: at };
}

function isBlank(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}
