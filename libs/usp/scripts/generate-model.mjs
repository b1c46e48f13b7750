#!/usr/bin/env node
// Generates the compact USP supported data model (src/generated/tr-181-usp.json) from the
// Broadband Forum TR-181 USP "full" XML: objects, parameters, commands with their arguments,
// events with theirs, and unique keys. The product reads only the generated JSON.
//
// Usage: node libs/usp/scripts/generate-model.mjs [outDir] [specDir]
//
// Encoding (see src/supported-model.ts for the typed reading of it):
//   { "model": "Device:2.16", "uri": "urn:broadband-forum-org:tr-181-2-16-0-usp",
//     "objects": [[path, flags, params, commands, events, uniqueKeys], ...] }
//   flags: bit 0 = multi-instance, bit 1 = writable (Add/Delete allowed)
//   params: [[name, type, access], ...]
//     type: s string, i int, u unsignedInt, l long, U unsignedLong, b boolean, d dateTime,
//           6 base64, x hexBinary, D decimal (lists are strings)
//     access: 0 readOnly, 1 readWrite, 2 writeOnceReadOnly
//   commands: [[name, async 0|1, [input args], [output args]], ...], events: [[name, [args]], ...]
//     arguments are relative paths, objects in supported notation ("Result.{i}." then
//     "Result.{i}.Host")
//   uniqueKeys: [[param, ...], ...]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { isLive, typeResolver } from '../../data-model/scripts/bbf-types.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const outDir = path.resolve(process.argv[2] ?? path.join(here, '../src/generated'));
// shared/ sits beside the clone (CI) or beside the folder of worktrees (our machines).
const specDir = path.resolve(
  process.argv[3] ??
    ['../shared/spec/usp', '../../shared/spec/usp']
      .map((p) => path.join(repoRoot, p))
      .find((p) => existsSync(p)) ??
    path.join(repoRoot, '../shared/spec/usp'),
);
const SOURCE = 'tr-181-2-16-0-usp-full.xml';

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
  decimal: 'D',
  // USP reports a list by its primitive type: a comma-separated string.
  list: 's',
};
const ACCESS_CODES = { readOnly: 0, readWrite: 1, writeOnceReadOnly: 2 };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseAttributeValue: false,
  parseTagValue: false,
  stopNodes: ['*.description'],
  isArray: (name) =>
    ['dataType', 'object', 'parameter', 'model', 'range', 'command', 'event', 'uniqueKey'].includes(
      name,
    ),
});

/** Argument names of a command's <input>/<output> or an event: parameters, then objects. */
function argumentNames(container) {
  if (container === undefined) return [];
  const params = (container.parameter ?? []).filter(isLive).map((p) => p.name);
  const objects = (container.object ?? [])
    .filter(isLive)
    .flatMap((o) => [
      o.name,
      ...(o.parameter ?? []).filter(isLive).map((p) => `${o.name}${p.name}`),
    ]);
  return [...params, ...objects];
}

function encodeModel(xml) {
  const doc = parser.parse(xml).document;
  const typeOf = typeResolver(TYPE_CODES, doc.dataType ?? []);
  const model = doc.model[0];
  const objects = (model.object ?? []).filter(isLive).map((o) => {
    const multi =
      o.maxEntries === 'unbounded' || Number(o.maxEntries) > 1 || o.name.endsWith('{i}.');
    const flags = (multi ? 1 : 0) | (o.access === 'readWrite' ? 2 : 0);
    const params = (o.parameter ?? []).filter(isLive).map((p) => {
      const access = ACCESS_CODES[p.access ?? 'readOnly'];
      if (access === undefined) throw new Error(`unknown access ${p.access} on ${o.name}${p.name}`);
      return [p.name, (typeOf(p.syntax ?? {}) ?? { type: 's' }).type, access];
    });
    const commands = (o.command ?? [])
      .filter(isLive)
      .map((c) => [
        c.name,
        c.async === 'true' ? 1 : 0,
        argumentNames(c.input),
        argumentNames(c.output),
      ]);
    const events = (o.event ?? []).filter(isLive).map((e) => [e.name, argumentNames(e)]);
    const uniqueKeys = (o.uniqueKey ?? []).map((k) => (k.parameter ?? []).map((p) => p.ref));
    return [o.name, flags, params, commands, events, uniqueKeys];
  });
  return { model: model.name, uri: doc.spec, objects };
}

/** One object per line: diffs stay readable. */
function serialize(encoded) {
  const lines = encoded.objects.map((o) => JSON.stringify(o));
  const head = `{"model":${JSON.stringify(encoded.model)},"uri":${JSON.stringify(encoded.uri)}`;
  return `${head},"objects":[\n${lines.join(',\n')}\n]}\n`;
}

mkdirSync(outDir, { recursive: true });
const encoded = encodeModel(readFileSync(path.join(specDir, SOURCE), 'utf8'));
const text = serialize(encoded);
writeFileSync(path.join(outDir, 'tr-181-usp.json'), text);
const count = (i) => encoded.objects.reduce((n, o) => n + o[i].length, 0);
process.stdout.write(
  `tr-181-usp: ${encoded.objects.length} objects, ${count(2)} parameters, ${count(3)} commands, ${count(4)} events, ${text.length} bytes\n`,
);
