import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeLimits, guardInput, type DecodeOptions } from './decode';
import { CwmpDecodeError } from './errors';
import { mapEnvelope } from './map';
import type { CwmpEnvelope } from './model';
import { XmlElement, localName } from './xml/element';

/*
 * The reference decoder: fast-xml-parser 4.5 for the XML layer, then the same guard and the
 * same tree→model mapper as decodeEnvelope, so a disagreement points at one of the tokenizers.
 * Slow (~6x) and meant for tests and benchmarks, not the gateway.
 */

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  // fast-xml-parser decodes "&amp;#60;" twice when it also handles numeric references;
  // references are decoded here instead, in one pass.
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

/** Appends the elements of `nodes` to `siblings`; `parent` is null for the document level. */
function toTree(
  nodes: OrderedNode[],
  parent: XmlElement | null,
  siblings: XmlElement[],
  depth: number,
  maxDepth: number,
): void {
  for (const node of nodes) {
    if ('#text' in node) {
      const text = decodeReferences(String(node['#text']));
      if (parent !== null) parent.text += text;
      else if (text.trim() !== '')
        throw new CwmpDecodeError('malformed-xml', 'text outside the root element');
      continue;
    }
    const tag = Object.keys(node).find((key) => key !== ':@');
    if (tag === undefined) continue;
    const content = node[tag];
    if (tag === '#cdata') {
      if (parent === null)
        throw new CwmpDecodeError('malformed-xml', 'CDATA outside the root element');
      for (const piece of content as OrderedNode[]) parent.text += String(piece['#text'] ?? '');
      continue;
    }
    if (depth + 1 > maxDepth)
      throw new CwmpDecodeError('too-deep', `elements nested deeper than ${maxDepth}`);
    const element = new XmlElement(tag, localName(tag), parent);
    siblings.push(element);
    attach(element, node[':@']);
    toTree(content as OrderedNode[], element, element.children, depth + 1, maxDepth);
  }
}

function attach(element: XmlElement, attributes: unknown): void {
  if (attributes === undefined || attributes === null) return;
  element.attrs = Object.entries(attributes as Record<string, unknown>).map(([name, value]) => ({
    name,
    value: decodeReferences(String(value)),
  }));
}

export function decodeEnvelopeWithOracle(
  xml: string | Buffer,
  options?: DecodeOptions,
): CwmpEnvelope {
  const limits = decodeLimits(options);
  const text = guardInput(xml, limits);
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    throw new CwmpDecodeError('malformed-xml', validation.err.msg, {
      offset: -1,
      line: validation.err.line,
      column: validation.err.col,
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
