// USP codec benchmark: encode + decode of a Record carrying a 100-parameter GetResp, one core,
// with the generated static code libs/usp uses against protobufjs reflection (a Root built from
// the JSON descriptor of the same protos, as a lib would bundle it). Needs no build: the
// generated module is plain CommonJS. Run alone with `node bench/usp-codec.mjs`.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deepStrictEqual } from 'node:assert';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const protobuf = require('protobufjs');
const generated = require(path.join(root, 'libs/usp/src/generated/usp-proto.js'));

const specDir = ['../shared/spec/usp', '../../shared/spec/usp']
  .map((p) => path.join(root, p))
  .find((p) => existsSync(path.join(p, 'usp-msg-1-4.proto')));

/** 10 objects × 10 parameters, shaped like a Get of Device.WiFi.SSID.*. on a home gateway. */
export function buildGetResp() {
  const names = ['Enable', 'Status', 'Alias', 'Name', 'LastChange', 'LowerLayers', 'BSSID'];
  names.push('MACAddress', 'SSID', 'Upstream');
  return {
    header: { msgId: 'bench-get-1', msgType: 2 },
    body: {
      response: {
        getResp: {
          reqPathResults: [
            {
              requestedPath: 'Device.WiFi.SSID.*.',
              resolvedPathResults: Array.from({ length: 10 }, (_, i) => ({
                resolvedPath: `Device.WiFi.SSID.${i + 1}.`,
                resultParams: Object.fromEntries(
                  names.map((n, j) => [
                    n,
                    j % 2 ? `Device.WiFi.Radio.${i + 1}` : `value-${i}-${j}`,
                  ]),
                ),
              })),
            },
          ],
        },
      },
    },
  };
}

function codecOf(Msg, Record) {
  return (msg) => {
    const payload = Msg.encode(msg).finish();
    const record = Record.encode({
      version: '1.4',
      toId: 'self::controller',
      fromId: 'ops::00D09E-SimRouter-SIM000001',
      noSessionContext: { payload },
    }).finish();
    return Msg.decode(Record.decode(record).noSessionContext.payload);
  };
}

/** Round trips per CPU-second of this process: other load on the machine affects it less. */
function opsPerCpuSecond(roundTrip, msg, ms) {
  const until = process.hrtime.bigint() + BigInt(ms) * 1_000_000n;
  let n = 0;
  const start = process.cpuUsage();
  while (process.hrtime.bigint() < until) {
    for (let i = 0; i < 50; i++) roundTrip(msg);
    n += 50;
  }
  const used = process.cpuUsage(start);
  return n / ((used.user + used.system) / 1e6);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function runUspCodecBench({ rounds = 7, ms = 700 } = {}) {
  if (specDir === undefined)
    throw new Error('the USP protos (shared/spec/usp) are not beside the repo');
  const descriptor = protobuf
    .loadSync(['usp-record-1-4.proto', 'usp-msg-1-4.proto'].map((f) => path.join(specDir, f)))
    .toJSON();
  const reflected = protobuf.Root.fromJSON(descriptor);
  const codecs = {
    'generated static code (libs/usp)': codecOf(generated.usp.Msg, generated.usp_record.Record),
    'reflection (Root.fromJSON of the descriptor)': codecOf(
      reflected.lookupType('usp.Msg'),
      reflected.lookupType('usp_record.Record'),
    ),
  };
  const msg = buildGetResp();
  const bytes = generated.usp.Msg.encode(msg).finish().length;
  const samples = Object.fromEntries(Object.keys(codecs).map((k) => [k, []]));
  for (const [name, roundTrip] of Object.entries(codecs)) {
    const out = roundTrip(msg);
    const params = out.body.response.getResp.reqPathResults[0].resolvedPathResults.map(
      (r) => Object.keys(r.resultParams).length,
    );
    deepStrictEqual(params, Array(10).fill(10), `${name} lost parameters`);
    opsPerCpuSecond(roundTrip, msg, 300); // warm-up: JIT, and reflection's generated functions
  }
  // Alternate the codecs so load from other processes hits both alike.
  for (let r = 0; r < rounds; r++) {
    for (const [name, roundTrip] of Object.entries(codecs))
      samples[name].push(opsPerCpuSecond(roundTrip, msg, ms));
  }
  return {
    bytes,
    rows: Object.entries(samples).map(([name, s]) => ({
      name,
      best: Math.max(...s),
      median: median(s),
    })),
  };
}

export function toMarkdown(result) {
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  const [ours, other] = result.rows;
  const ratio = ours.median / other.median;
  const verdict =
    Math.abs(ratio - 1) < 0.15
      ? 'within run-to-run noise'
      : ratio > 1
        ? 'static faster'
        : 'reflection faster';
  return [
    `Record (no_session_context) carrying a GetResp of 100 parameters (10 objects × 10), Msg ${result.bytes} bytes; one round trip = encode Msg, encode Record, decode Record, decode Msg.`,
    '',
    '| codec | round trips per CPU-second: best (median) |',
    '|---|---:|',
    ...result.rows.map((r) => `| ${r.name} | ${fmt(r.best)} (${fmt(r.median)}) |`),
    '',
    `Median ratio static / reflection: ${ratio.toFixed(2)} (${verdict}). Reflection compiles the same encoder/decoder functions at run time; libs/usp keeps the static code for its TypeScript types (pbts) and because nothing is compiled at start.`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(toMarkdown(runUspCodecBench()));
}
