// Validation cost of bus messages on the hot path: a consumer JSON.parses each record and checks
// it (libs/bus delivery). Measures `validateMessage` (TypeBox schemas compiled by Ajv) against
// zod 4 checking the same JSON Schemas, and optionally the build of an earlier commit
// (`--baseline path/to/dist/libs/contracts/src/index.js`, e.g. the hand-written validators of
// c46c84c: `git archive c46c84c libs/contracts libs/cwmp .swcrc | tar -x -C DIR`, then in DIR
// `npx swc libs -d dist --config-file .swcrc` and a `node_modules` link to this checkout's).
// Needs the build. Run alone with `node bench/contracts.mjs` (prints a markdown table), or import
// runContractsBench().
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { buildInform } from './decode.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const contracts = require(path.join(root, 'dist/libs/contracts/src/index.js'));
const cwmp = require(path.join(root, 'dist/libs/cwmp/src/index.js'));
const { z } = require('zod');

/** The cwmp.inform message the gateway publishes for decode.mjs's 20-parameter BOOT Inform. */
function informMessage() {
  const { body } = cwmp.decodeEnvelope(buildInform());
  return {
    schemaVersion: 1,
    deviceId: cwmp.deviceIdOf(body.deviceId),
    deviceIdStruct: body.deviceId,
    events: body.event,
    parameterList: body.parameterList,
    retryCount: body.retryCount,
    currentTime: body.currentTime,
    sessionId: 'b1d2c3e4-5f60-4718-9a0b-c1d2e3f40516',
    gatewayId: 'gateway-1',
    cwmpVersion: '1-0',
    remoteAddress: '100.64.12.34',
    time: '2026-11-25T20:11:03.412Z',
  };
}

/** A preset's command as provisioning publishes it: two values and a ParameterKey. */
const commandMessage = {
  schemaVersion: 1,
  commandId: 'prov-7f3a9c2e-0001',
  deviceId: '00259E-HG8245H-4857544312345678',
  rpc: {
    name: 'SetParameterValues',
    parameterList: [
      { name: 'Device.WiFi.SSID.1.SSID', value: 'Meridian-Home', type: 'xsd:string' },
      {
        name: 'Device.ManagementServer.PeriodicInformInterval',
        value: '3600',
        type: 'xsd:unsignedInt',
      },
    ],
    parameterKey: 'prov-7f3a9c2e-0001',
  },
  connectionRequest: true,
  expiresAt: '2026-11-25T21:11:03.000Z',
  source: 'provisioning',
  createdAt: '2026-11-25T20:11:03.000Z',
};

/**
 * zod 4 for the same JSON Schema, written the way a zod user would (loose objects, a
 * discriminatedUnion per `discriminator`), so both libraries check exactly the same things.
 */
function zodOf(schema) {
  if (schema.discriminator) {
    return z.discriminatedUnion(schema.discriminator.propertyName, schema.oneOf.map(zodOf));
  }
  if (schema.const !== undefined) return z.literal(schema.const);
  if (schema.enum) {
    return typeof schema.enum[0] === 'number'
      ? z.union(schema.enum.map((v) => z.literal(v)))
      : z.enum(schema.enum);
  }
  switch (schema.type) {
    case 'object': {
      const required = new Set(schema.required ?? []);
      return z.looseObject(
        Object.fromEntries(
          Object.entries(schema.properties ?? {}).map(([k, v]) => [
            k,
            required.has(k) ? zodOf(v) : zodOf(v).optional(),
          ]),
        ),
      );
    }
    case 'array':
      return z.array(zodOf(schema.items));
    case 'integer':
      return z.int();
    case 'number':
      return z.number();
    case 'boolean':
      return z.boolean();
    case 'string': {
      let s = z.string();
      if (schema.minLength) s = s.min(schema.minLength);
      if (schema.format === 'date-time') s = s.refine((v) => !Number.isNaN(Date.parse(v)));
      return s;
    }
    default:
      throw new Error(`no zod equivalent written for ${JSON.stringify(schema).slice(0, 80)}`);
  }
}

/**
 * ops/s of each function over `rounds` rounds of ~`ms` each, taken in turn within a round so that
 * a change of the machine's load touches every contender alike: best and median.
 */
function measure(fns, { rounds = 7, ms = 300 } = {}) {
  const rates = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (const fn of Object.values(fns)) for (let i = 0; i < 2000; i++) fn(); // JIT, inline caches
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(fns)) {
      let n = 0;
      const start = process.hrtime.bigint();
      const until = start + BigInt(ms) * 1_000_000n;
      let now = start;
      while (now < until) {
        for (let i = 0; i < 100; i++) fn();
        n += 100;
        now = process.hrtime.bigint();
      }
      rates[name].push(n / (Number(now - start) / 1e9));
    }
  }
  return Object.fromEntries(
    Object.entries(rates).map(([name, list]) => {
      list.sort((a, b) => a - b);
      return [name, { best: list[list.length - 1], median: list[Math.floor(list.length / 2)] }];
    }),
  );
}

export function runContractsBench({ baseline } = {}) {
  const loadStart = os.loadavg();
  const messages = [
    { topic: contracts.Topics.inform, what: 'cwmp.inform (20 parameters)', value: informMessage() },
    {
      topic: contracts.Topics.commands,
      what: 'cwmp.commands (SetParameterValues, 2)',
      value: commandMessage,
    },
  ];
  const zodSchemas = {
    [contracts.Topics.inform]: zodOf(JSON.parse(JSON.stringify(contracts.InformMessage))),
    [contracts.Topics.commands]: zodOf(JSON.parse(JSON.stringify(contracts.CommandMessage))),
  };
  const base = baseline ? require(path.resolve(baseline)) : undefined;
  const rows = messages.map(({ topic, what, value }) => {
    const text = JSON.stringify(value);
    const check = (ok) => {
      if (!ok) throw new Error(`${what}: a contender refused the message`);
    };
    check(contracts.validateMessage(topic, value).ok);
    check(zodSchemas[topic].safeParse(value).success);
    if (base) check(base.validateMessage(topic, value).ok);
    const rates = measure({
      parse: () => JSON.parse(text),
      ajv: () => contracts.validateMessage(topic, value),
      zod: () => zodSchemas[topic].safeParse(value),
      ...(base ? { baseline: () => base.validateMessage(topic, value) } : {}),
    });
    return { what, bytes: Buffer.byteLength(text), ...rates };
  });
  return { rows, baseline, loadStart, loadEnd: os.loadavg() };
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const us = (rate) => (1e6 / rate).toFixed(2);

export function toMarkdown({ rows, baseline, loadStart, loadEnd }) {
  const load = (l) => l.map((x) => x.toFixed(2)).join(' / ');
  const head =
    '| message | bytes | JSON.parse ops/s (µs) | TypeBox + Ajv ops/s (µs) | zod 4 ops/s (µs) |' +
    (baseline ? ' baseline ops/s (µs) |' : '') +
    '\n|---|---:|---:|---:|---:|' +
    (baseline ? '---:|' : '');
  const cell = (m) => `${fmt(m.median)} (${us(m.median)})`;
  const lines = rows.map(
    (r) =>
      `| ${r.what} | ${r.bytes} | ${cell(r.parse)} | ${cell(r.ajv)} | ${cell(r.zod)} |` +
      (r.baseline ? ` ${cell(r.baseline)} |` : ''),
  );
  const ratios = rows
    .map(
      (r) =>
        `${r.what}: Ajv ${(r.ajv.median / r.zod.median).toFixed(1)}× zod's rate, validation ${((100 * r.parse.median) / r.ajv.median).toFixed(0)} % of JSON.parse's time` +
        (r.baseline
          ? `, ${(r.ajv.median / r.baseline.median).toFixed(2)}× the baseline's rate`
          : ''),
    )
    .join('; ');
  return `${head}
${lines.join('\n')}

Medians of 7 rounds of 300 ms on one core (contenders in turn within each round), µs per message in brackets; load average ${load(loadStart)} at start, ${load(loadEnd)} at the end.${baseline ? ` Baseline: \`${baseline}\`.` : ''} ${ratios}.`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--baseline');
  console.log(
    toMarkdown(runContractsBench({ baseline: at > 0 ? process.argv[at + 1] : undefined })),
  );
}
