#!/usr/bin/env node
// Generates the compact data model encodings (src/generated/tr-181.json, tr-098.json) from the
// Broadband Forum "full" data model XML. The product reads only the generated JSON, never the spec.
//
// Usage: node libs/data-model/scripts/generate.mjs [outDir] [specDir]
//
// Encoding (see src/model.ts for the typed reading of it):
//   { "model": "Device:2.17", "objects": [[path, flags, [[name, type, access, facets?], ...]], ...] }
//   flags: bit 0 = multi-instance, bit 1 = writable (AddObject/DeleteObject allowed)
//   facets (only when any is given): { d: default, r: [min|null, max|null], n: max length,
//     e: [enumerated values], h: 1 when the value reads back empty (<hidden/>, e.g. passwords) }
//   type: s string, i int, u unsignedInt, l long, U unsignedLong, b boolean, d dateTime,
//         6 base64, x hexBinary
//   access: 0 readOnly, 1 readWrite, 2 writeOnceReadOnly
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { isLive, typeResolver } from './bbf-types.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const outDir = path.resolve(process.argv[2] ?? path.join(here, '../src/generated'));
const specDir = path.resolve(process.argv[3] ?? path.join(repoRoot, '../shared/spec/cwmp'));

const SOURCES = [
  { id: 'tr-181', file: 'tr-181-2-17-0-cwmp-full.xml' },
  { id: 'tr-098', file: 'tr-098-1-8-0-full.xml' },
];

const TYPE_CODES = {
  string: 's',
  int: 'i',
  unsignedInt: 'u',
  long: 'l',
  unsignedLong: 'U',
  boolean: 'b',
  dateTime: 'd',
  base64: '6',
  hexBinary: 'x',
  // CWMP has no wire type for these: TR-106 carries decimals and lists as strings.
  decimal: 's',
  list: 's',
};
const ACCESS_CODES = { readOnly: 0, readWrite: 1, writeOnceReadOnly: 2 };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseAttributeValue: false,
  parseTagValue: false,
  // Descriptions are most of the file and carry nothing we encode.
  stopNodes: ['*.description'],
  isArray: (name) => ['dataType', 'object', 'parameter', 'model', 'range'].includes(name),
});

function facetsOf(def, t, hidden) {
  const facets = {};
  if (def !== undefined) facets.d = def;
  if (t.min !== undefined || t.max !== undefined) facets.r = [t.min ?? null, t.max ?? null];
  if (t.maxLength !== undefined) facets.n = t.maxLength;
  if (t.values !== undefined && t.values.length > 0) facets.e = t.values;
  if (hidden) facets.h = 1;
  return Object.keys(facets).length > 0 ? facets : undefined;
}

function encodeParameter(p, typeOfSyntax) {
  const t = typeOfSyntax(p.syntax ?? {}) ?? { type: 's' };
  // TR-181 2.17 omits access on Device.DNS.Zone.{i}.Host.{i}.LastUpdate: read it as read-only.
  const access = ACCESS_CODES[p.access ?? 'readOnly'];
  if (access === undefined) throw new Error(`unknown access ${p.access} on ${p.name}`);
  const def = p.syntax?.default?.value;
  const facets = facetsOf(def, t, p.syntax?.hidden !== undefined);
  return facets ? [p.name, t.type, access, facets] : [p.name, t.type, access];
}

function encodeModel(xml) {
  const doc = parser.parse(xml).document;
  const typeOfSyntax = typeResolver(TYPE_CODES, doc.dataType ?? []);
  const model = doc.model[0];
  const objects = (model.object ?? []).filter(isLive).map((o) => {
    const multi =
      o.maxEntries === 'unbounded' || Number(o.maxEntries) > 1 || o.name.endsWith('{i}.');
    const flags = (multi ? 1 : 0) | (o.access === 'readWrite' ? 2 : 0);
    const params = (o.parameter ?? []).filter(isLive).map((p) => encodeParameter(p, typeOfSyntax));
    return [o.name, flags, params];
  });
  return { model: model.name, objects };
}

/** One object per line: diffs stay readable and the file stays small. */
function serialize(encoded) {
  const lines = encoded.objects.map((o) => JSON.stringify(o));
  return `{"model":${JSON.stringify(encoded.model)},"objects":[\n${lines.join(',\n')}\n]}\n`;
}

mkdirSync(outDir, { recursive: true });
for (const { id, file } of SOURCES) {
  const encoded = encodeModel(readFileSync(path.join(specDir, file), 'utf8'));
  const text = serialize(encoded);
  writeFileSync(path.join(outDir, `${id}.json`), text);
  process.stdout.write(`${id}: ${encoded.objects.length} objects, ${text.length} bytes\n`);
}
