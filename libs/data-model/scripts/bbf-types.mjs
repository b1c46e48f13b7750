// Type resolution of Broadband Forum data model XML (TR-106 DM schema), shared by the data
// model generators (libs/data-model for CWMP, libs/usp for the USP supported data model): a
// parameter's <syntax> names a base type directly or through a chain of named <dataType>s.

export function isLive(node) {
  return node.status !== 'deleted' && node.status !== 'obsoleted';
}

/**
 * A function from a <syntax> (or <dataType>) element to its type facts `{ type, min, max,
 * maxLength, values }` (undefined when it names no type). `typeCodes` maps each base type
 * element name (string, int, …, decimal, list) to the code written for it; a list is its
 * `list` code, a dataType without base its `string` code.
 */
export function typeResolver(typeCodes, dataTypes) {
  /** The syntax element names that carry a type, in a parameter's <syntax> or a <dataType>. */
  const baseNames = Object.keys(typeCodes).filter((n) => n !== 'list');

  /** The type facts of a <syntax> (or <dataType>) element, or undefined when it names none. */
  function typeOfSyntax(syntax, resolveNamed) {
    // A list of anything is a comma-separated string on the wire.
    if (syntax.list !== undefined) return { type: typeCodes.list };
    for (const base of baseNames) {
      const el = syntax[base];
      if (el === undefined) continue;
      if (typeof el !== 'object') return { type: typeCodes[base] };
      const ref = refOf(el);
      return { ...(ref ? resolveNamed(ref) : {}), type: typeCodes[base], ...facetsIn(el) };
    }
    const ref = refOf(syntax);
    return ref ? resolveNamed(ref) : undefined;
  }

  // Every named dataType resolved to its facts through its `base` chain.
  const byName = new Map(dataTypes.map((d) => [d.name, d]));
  const resolved = new Map();
  const resolve = (name) => {
    if (resolved.has(name)) return resolved.get(name);
    const d = byName.get(name);
    if (!d) throw new Error(`unknown dataType ${name}`);
    // A derived dataType refines its base with facets written directly inside it.
    const own = typeOfSyntax(d, resolve);
    const result = own ?? {
      ...(d.base ? resolve(d.base) : { type: typeCodes.string }),
      ...facetsIn(d),
    };
    resolved.set(name, result);
    return result;
  };
  for (const d of dataTypes) resolve(d.name);
  return (syntax) => typeOfSyntax(syntax, resolve);
}

/** `dataType` is parsed as an array everywhere; a syntax references at most one. */
function refOf(el) {
  return el.dataType?.[0]?.ref;
}

function facetsIn(el) {
  return {
    ...rangeOf(Array.isArray(el.range) ? el.range : []),
    ...sizeOf(el.size),
    ...enumOf(el.enumeration),
  };
}

/** Only a single contiguous range is kept: enough to reject out-of-range numbers. */
function rangeOf(ranges) {
  if (ranges.length !== 1) return {};
  const r = ranges[0];
  const out = {};
  if (r.minInclusive !== undefined) out.min = Number(r.minInclusive);
  if (r.maxInclusive !== undefined) out.max = Number(r.maxInclusive);
  return out;
}

function sizeOf(size) {
  const one = Array.isArray(size) ? (size.length === 1 ? size[0] : undefined) : size;
  return one?.maxLength !== undefined ? { maxLength: Number(one.maxLength) } : {};
}

function enumOf(enumeration) {
  if (enumeration === undefined) return {};
  const list = Array.isArray(enumeration) ? enumeration : [enumeration];
  return { values: list.filter(isLive).map((e) => e.value) };
}
