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

export class XmlElement {
  /** Null when the element has none, which is most of them. */
  attrs: XmlAttribute[] | null = null;
  readonly children: XmlElement[] = [];
  /** Direct text and CDATA of this element, concatenated, entities decoded, untrimmed. */
  text = '';

  constructor(
    /** The name as written, with its prefix ("cwmp:Inform"). */
    readonly qname: string,
    /** The name without its prefix ("Inform"). */
    readonly local: string,
    readonly parent: XmlElement | null,
  ) {}
}

export function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon === -1 ? qname : qname.slice(colon + 1);
}

/** The value of the attribute with this local name, whatever its prefix (xsi:type, type, xs:type). */
export function attribute(element: XmlElement, local: string): string | undefined {
  const attrs = element.attrs;
  if (attrs === null) return undefined;
  for (const { name, value } of attrs) {
    if (name === local) return value;
    const at = name.length - local.length - 1;
    if (at > 0 && name.charCodeAt(at) === 58 && name.endsWith(local) && !name.startsWith('xmlns')) {
      return value;
    }
  }
  return undefined;
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
