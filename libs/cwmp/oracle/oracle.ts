import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeLimits, guardInput, type DecodeOptions } from '../src/decode';
import { CwmpDecodeError } from '../src/errors';
import { mapEnvelope } from '../src/map';
import type { CwmpEnvelope } from '../src/model';
import { appendChild, appendText, createElement, type XmlElement } from '../src/xml/element';

/*
 * The reference decoder: fast-xml-parser 4.5 for the XML layer, then the same guard and the
 * same tree→model mapper as decodeEnvelope, so a disagreement points at one of the tokenizers.
 * Over ten times slower; meant for tests and benchmarks, not for the gateway. It stays outside
 * src, so the production entry point never loads fast-xml-parser (a dev dependency).
 */

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  // fast-xml-parser passes undefined entities and bare "&" through as text; references are
  // decoded here instead (decodeReferences), accepting only what XML without a DTD defines.
  processEntities: false,
  htmlEntities: false,
  cdataPropName: '#cdata',
  commentPropName: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** fast-xml-parser's preserveOrder output: one key per node, plus ':@' for attributes. */
type OrderedNode = Record<string, unknown>;

const REFERENCE = /&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));|&/g;
const NAMED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

function decodeReferences(text: string): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(REFERENCE, (match, named?: string, decimal?: string, hex?: string) => {
    if (named !== undefined) return NAMED[named] ?? match;
    const codePoint =
      decimal !== undefined ? Number(decimal) : hex !== undefined ? parseInt(hex, 16) : -1;
    const valid =
      codePoint === 0x9 ||
      codePoint === 0xa ||
      codePoint === 0xd ||
      (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
      (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
      (codePoint >= 0x10000 && codePoint <= 0x10ffff);
    if (!valid)
      throw new CwmpDecodeError('malformed-xml', `bad reference near "${text.slice(0, 40)}"`);
    return String.fromCodePoint(codePoint);
  });
}

/** Adds `nodes` under `parent`, or to `roots` at the document level (parent null). */
function toTree(
  nodes: OrderedNode[],
  parent: XmlElement | null,
  roots: XmlElement[],
  depth: number,
  maxDepth: number,
): void {
  for (const node of nodes) {
    if ('#text' in node) {
      const text = decodeReferences(String(node['#text']));
      if (parent !== null) appendText(parent, text);
      else if (text.trim() !== '') {
        throw new CwmpDecodeError('malformed-xml', 'text outside the root element');
      }
      continue;
    }
    const tag = Object.keys(node).find((key) => key !== ':@');
    if (tag === undefined) continue;
    const content = node[tag] as OrderedNode[];
    if (tag === '#cdata') {
      if (parent === null)
        throw new CwmpDecodeError('malformed-xml', 'CDATA outside the root element');
      for (const piece of content) appendText(parent, String(piece['#text'] ?? ''));
      continue;
    }
    if (depth + 1 > maxDepth) {
      throw new CwmpDecodeError('too-deep', `elements nested deeper than ${maxDepth}`);
    }
    const element = createElement(tag, parent);
    if (parent === null) roots.push(element);
    else appendChild(parent, element);
    attach(element, node[':@']);
    toTree(content, element, roots, depth + 1, maxDepth);
  }
}

function attach(element: XmlElement, attributes: unknown): void {
  if (attributes === undefined || attributes === null) return;
  element.attrs = Object.entries(attributes as Record<string, unknown>).map(([name, value]) => ({
    name,
    value: decodeReferences(String(value)),
  }));
}

/** fast-xml-parser reports line and column only. */
function offsetOf(text: string, line: number, column: number): number {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const newline = text.indexOf('\n', start);
    if (newline === -1) return text.length;
    start = newline + 1;
  }
  return Math.min(start + column - 1, text.length);
}

export function decodeEnvelopeWithOracle(
  xml: string | Buffer,
  options?: DecodeOptions,
): CwmpEnvelope {
  const limits = decodeLimits(options);
  const text = guardInput(xml, limits);
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw new CwmpDecodeError('malformed-xml', msg, {
      offset: offsetOf(text, line, col),
      line,
      column: col,
    });
  }
  let nodes: OrderedNode[];
  try {
    // Parse boundary: the library's output is untyped.
    nodes = parser.parse(text) as OrderedNode[];
  } catch (e) {
    throw new CwmpDecodeError('malformed-xml', e instanceof Error ? e.message : String(e));
  }
  const roots: XmlElement[] = [];
  toTree(nodes, null, roots, 0, limits.maxDepth);
  const [root, ...extra] = roots;
  if (root === undefined || extra.length > 0) {
    throw new CwmpDecodeError('malformed-xml', `${roots.length} root elements`);
  }
  return mapEnvelope(root);
}
