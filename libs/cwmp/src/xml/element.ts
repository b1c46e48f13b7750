import type { ScannedList } from './lists';

/**
 * The minimal element tree both XML layers (our tokenizer and the fast-xml-parser oracle)
 * produce, so that one mapper turns either into the typed model.
 */
export interface XmlAttribute {
  /** As written, with its prefix ("xsi:type"). */
  readonly name: string;
  /** Entities decoded. */
  readonly value: string;
}

/** Shared by every leaf, so a leaf costs no array; replaced on the first child. */
const NO_CHILDREN: XmlElement[] = [];

export interface XmlElement {
  /** The name as written, with its prefix ("cwmp:Inform"). */
  readonly qname: string;
  /** The name without its prefix ("Inform"). */
  readonly local: string;
  readonly parent: XmlElement | null;
  /** Null when the element has none, which is most of them. */
  attrs: XmlAttribute[] | null;
  /** Never push to it directly: use appendChild. */
  children: XmlElement[];
  /**
   * Text and CDATA of a leaf, concatenated, entities decoded, untrimmed. An element with child
   * elements has no text: CWMP has no mixed content, and whitespace between children is noise.
   */
  text: string;
  /**
   * A ParameterList of plain structs that the tokenizer read straight from the text instead of
   * building an element per struct and field (children then stay empty); null otherwise.
   */
  list: ScannedList | null;
}

/** A plain object literal: one hidden class for every element, the cheapest thing V8 makes. */
export function createElement(qname: string, parent: XmlElement | null): XmlElement {
  const colon = qname.indexOf(':');
  return {
    qname,
    local: colon === -1 ? qname : qname.slice(colon + 1),
    parent,
    attrs: null,
    children: NO_CHILDREN,
    text: '',
    list: null,
  };
}

/** Appends a child; an element that gets children loses its text (see text). */
export function appendChild(parent: XmlElement, child: XmlElement): void {
  if (parent.children === NO_CHILDREN) {
    parent.children = [];
    parent.text = '';
  }
  parent.children.push(child);
}

/** Appends text to a leaf; text of an element with children is dropped (see text). */
export function appendText(element: XmlElement, text: string): void {
  if (element.children === NO_CHILDREN) element.text += text;
}

/** The value of the attribute with this local name, whatever its prefix (xsi:type, type, xs:type). */
export function attribute(element: XmlElement, local: string): string | undefined {
  const attrs = element.attrs;
  if (attrs === null) return undefined;
  for (const { name, value } of attrs) if (isAttribute(name, local)) return value;
  return undefined;
}

/** An attribute named `name` has this local name, whatever its prefix but xmlns. */
export function isAttribute(name: string, local: string): boolean {
  if (name === local) return true;
  const at = name.length - local.length - 1;
  return at > 0 && name.charCodeAt(at) === 58 && name.endsWith(local) && !name.startsWith('xmlns');
}

/** The namespace URI an element's prefix is bound to, looking up through its ancestors. */
export function namespaceOf(element: XmlElement): string | undefined {
  const colon = element.qname.indexOf(':');
  const declaration = colon === -1 ? 'xmlns' : `xmlns:${element.qname.slice(0, colon)}`;
  for (let e: XmlElement | null = element; e !== null; e = e.parent) {
    const attrs = e.attrs;
    if (attrs === null) continue;
    for (const { name, value } of attrs) if (name === declaration) return value;
  }
  return undefined;
}

/** Every namespace URI declared on this element (xmlns and xmlns:*). */
export function declaredNamespaces(element: XmlElement): string[] {
  return (element.attrs ?? [])
    .filter(({ name }) => name === 'xmlns' || name.startsWith('xmlns:'))
    .map(({ value }) => value);
}
