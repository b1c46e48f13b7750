// Decode benchmark: our decodeEnvelope vs the fast-xml-parser oracle and the raw parsers.
// Needs the build (`npm run build`, or `npx swc apps libs -d dist --config-file .swcrc --quiet`).
// Run alone with `node bench/decode.mjs` (prints a markdown table), or import runDecodeBench().
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { deepStrictEqual } from 'node:assert';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cwmp = require(path.join(root, 'dist/libs/cwmp/src/index.js'));
const { decodeEnvelopeWithOracle } = require(path.join(root, 'dist/libs/cwmp/oracle/oracle.js'));
const { XMLParser } = require('fast-xml-parser');
const txml = require('txml');

const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cwmp="urn:dslforum-org:cwmp-1-0">\n' +
  '<SOAP-ENV:Header>\n<cwmp:ID SOAP-ENV:mustUnderstand="1">17</cwmp:ID>\n</SOAP-ENV:Header>\n<SOAP-ENV:Body>\n';
const ENVELOPE_CLOSE = '</SOAP-ENV:Body>\n</SOAP-ENV:Envelope>\n';

function parameter(name, type, value) {
  return (
    '<ParameterValueStruct><Name>' +
    name +
    '</Name><Value xsi:type="' +
    type +
    '">' +
    value +
    '</Value></ParameterValueStruct>\n'
  );
}

/** A ~3.5 KB Inform with 20 parameters, shaped like a home gateway's BOOT Inform. */
export function buildInform() {
  const params = [
    ['Device.RootDataModelVersion', 'xsd:string', '2.17'],
    ['Device.DeviceInfo.HardwareVersion', 'xsd:string', 'VER.A'],
    ['Device.DeviceInfo.SoftwareVersion', 'xsd:string', 'V100R001C00SPC120'],
    ['Device.DeviceInfo.ProvisioningCode', 'xsd:string', 'TLCO.GRP2'],
    ['Device.DeviceInfo.UpTime', 'xsd:unsignedInt', '86400'],
    ['Device.DeviceInfo.FirstUseDate', 'xsd:dateTime', '2026-01-01T00:00:00Z'],
    ['Device.ManagementServer.ConnectionRequestURL', 'xsd:string', 'http://100.64.12.34:7547/cr'],
    ['Device.ManagementServer.ParameterKey', 'xsd:string', 'cmd-7f3a9c2e'],
    ['Device.ManagementServer.PeriodicInformEnable', 'xsd:boolean', '1'],
    ['Device.ManagementServer.PeriodicInformInterval', 'xsd:unsignedInt', '3600'],
    ['Device.IP.Interface.1.IPv4Address.1.IPAddress', 'xsd:string', '100.64.12.34'],
    ['Device.Ethernet.Interface.1.MACAddress', 'xsd:string', '00:25:9E:AB:CD:EF'],
    ['Device.PPP.Interface.1.Username', 'xsd:string', 'user@isp.example'],
    ['Device.IP.Interface.2.IPv4Address.1.IPAddress', 'xsd:string', '192.168.1.1'],
    ['Device.WiFi.SSID.1.SSID', 'xsd:string', 'HomeNet &amp; Guests'],
    ['Device.WiFi.SSID.1.Enable', 'xsd:boolean', 'true'],
    ['Device.WiFi.Radio.1.Channel', 'xsd:unsignedInt', '36'],
    ['Device.Time.CurrentLocalTime', 'xsd:dateTime', '2026-11-25T20:11:03'],
    ['Device.Hosts.HostNumberOfEntries', 'xsd:unsignedInt', '7'],
    ['Device.X_HW_Extension.UpgradeState', 'xsd:int', '-1'],
  ];
  return (
    ENVELOPE_OPEN +
    '<cwmp:Inform>\n<DeviceId>\n<Manufacturer>Huawei Technologies Co., Ltd</Manufacturer>\n<OUI>00259E</OUI>\n' +
    '<ProductClass>HG8245H</ProductClass>\n<SerialNumber>4857544312345678</SerialNumber>\n</DeviceId>\n' +
    '<Event SOAP-ENC:arrayType="cwmp:EventStruct[2]">\n' +
    '<EventStruct>\n<EventCode>1 BOOT</EventCode>\n<CommandKey></CommandKey>\n</EventStruct>\n' +
    '<EventStruct>\n<EventCode>M Reboot</EventCode>\n<CommandKey>cmd-7f3a9c2e</CommandKey>\n</EventStruct>\n' +
    '</Event>\n<MaxEnvelopes>1</MaxEnvelopes>\n<CurrentTime>2026-11-25T20:11:03+01:00</CurrentTime>\n' +
    '<RetryCount>0</RetryCount>\n<ParameterList SOAP-ENC:arrayType="cwmp:ParameterValueStruct[20]">\n' +
    params.map(([n, t, v]) => parameter(n, t, v)).join('') +
    '</ParameterList>\n</cwmp:Inform>\n' +
    ENVELOPE_CLOSE
  );
}

/** A ~500 KB GetParameterValuesResponse with 3,600 parameters (a full TR-181 tree walk). */
export function buildGetParameterValuesResponse(count = 3600) {
  const parts = [];
  for (let i = 0; i < count; i++) {
    const object = 'Device.Hosts.Host.' + (i + 1);
    parts.push(
      i % 3 === 0
        ? parameter(
            object + '.MACAddress',
            'xsd:string',
            'AC:DE:48:00:' + (i % 100).toString().padStart(2, '0') + ':11',
          )
        : i % 3 === 1
          ? parameter(object + '.SignalStrength', 'xsd:int', String(-40 - (i % 50)))
          : parameter(object + '.LastDataDownlinkRate', 'xsd:unsignedInt', String(100000 + i)),
    );
  }
  return (
    ENVELOPE_OPEN +
    '<cwmp:GetParameterValuesResponse>\n<ParameterList SOAP-ENC:arrayType="cwmp:ParameterValueStruct[' +
    count +
    ']">\n' +
    parts.join('') +
    '</ParameterList>\n</cwmp:GetParameterValuesResponse>\n' +
    ENVELOPE_CLOSE
  );
}

/** CPU time of this process in milliseconds: unlike wall time, not inflated while descheduled. */
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Ops per second of fn over `rounds` rounds of about `roundMs` each, after a warm-up: the best
 * round by wall clock (least disturbed by other processes on a shared machine), the median
 * round, and the rate per second of this process's CPU time over all rounds.
 */
function measure(fn, input, { rounds, roundMs }) {
  const warmUntil = performance.now() + roundMs * 2;
  while (performance.now() < warmUntil) fn(input);
  const rates = [];
  let totalOps = 0;
  const cpuStart = cpuMs();
  for (let r = 0; r < rounds; r++) {
    let ops = 0;
    const start = performance.now();
    let now = start;
    while (now - start < roundMs) {
      fn(input);
      ops++;
      now = performance.now();
    }
    totalOps += ops;
    rates.push((ops * 1000) / (now - start));
  }
  const perCpuSecond = (totalOps * 1000) / (cpuMs() - cpuStart);
  rates.sort((a, b) => a - b);
  return {
    best: rates[rates.length - 1],
    median: rates[Math.floor(rates.length / 2)],
    perCpuSecond,
  };
}

// Its fastest useful configuration: attributes skipped (its default), values left as text.
const fxp = new XMLParser({ parseTagValue: false });

const CANDIDATES = [
  ['decodeEnvelope (Meridian)', (x) => cwmp.decodeEnvelope(x)],
  ['decodeEnvelopeWithOracle (fast-xml-parser + mapper)', (x) => decodeEnvelopeWithOracle(x)],
  ['fast-xml-parser 4.5 parse only', (x) => fxp.parse(x)],
  ['txml parse only', (x) => txml.parse(x)],
];

/**
 * For each candidate: Informs per second and milliseconds per 500 KB GetParameterValuesResponse,
 * best and median of `rounds` rounds of `roundMs` milliseconds, on the calling thread (one core).
 */
export function runDecodeBench({ rounds = 20, roundMs = 100 } = {}) {
  const inform = buildInform();
  const gpv = buildGetParameterValuesResponse();
  // Timing a wrong answer is worthless: both decoders must agree on both inputs first.
  for (const xml of [inform, gpv])
    deepStrictEqual(cwmp.decodeEnvelope(xml), decodeEnvelopeWithOracle(xml));
  const options = { rounds, roundMs };
  return {
    informBytes: Buffer.byteLength(inform),
    gpvBytes: Buffer.byteLength(gpv),
    rows: CANDIDATES.map(([name, fn]) => {
      const informRate = measure(fn, inform, options);
      const gpvRate = measure(fn, gpv, { rounds, roundMs: roundMs * 3 });
      return {
        name,
        informsPerSecond: Math.round(informRate.best),
        informsPerSecondMedian: Math.round(informRate.median),
        informsPerCpuSecond: Math.round(informRate.perCpuSecond),
        gpvMilliseconds: 1000 / gpvRate.best,
        gpvMillisecondsMedian: 1000 / gpvRate.median,
        gpvCpuMilliseconds: 1000 / gpvRate.perCpuSecond,
      };
    }),
  };
}

export function toMarkdown(result) {
  const kb = (bytes) => (bytes / 1024).toFixed(1);
  const n = (x) => x.toLocaleString('en-US');
  const lines = [
    `| decoder | Inform (${kb(result.informBytes)} KB, 20 params) ops/s: best (median) | per CPU-second | GPV response (${kb(result.gpvBytes)} KB, 3,600 params) ms: best (median) | per op, CPU time |`,
    '|---|---:|---:|---:|---:|',
    ...result.rows.map(
      (r) =>
        `| ${r.name} | ${n(r.informsPerSecond)} (${n(r.informsPerSecondMedian)}) | ${n(r.informsPerCpuSecond)} | ${r.gpvMilliseconds.toFixed(2)} (${r.gpvMillisecondsMedian.toFixed(2)}) | ${r.gpvCpuMilliseconds.toFixed(2)} |`,
    ),
  ];
  // The targets were set on a machine where fast-xml-parser 4.5 did 6,700 Informs/s and 43 ms per
  // GPV response; the same-run ratio to it carries the targets to this machine.
  const ours = result.rows[0];
  const fxp = result.rows.find((r) => r.name.startsWith('fast-xml-parser'));
  if (ours && fxp) {
    const informRatio = ours.informsPerSecondMedian / fxp.informsPerSecondMedian;
    const gpvRatio = fxp.gpvMillisecondsMedian / ours.gpvMillisecondsMedian;
    lines.push(
      '',
      `Medians relative to fast-xml-parser 4.5 in this run: ${informRatio.toFixed(1)}× the Informs/s ` +
        `(target ≥ 6.0×, i.e. 40,000/s where it does 6,700/s) and ${gpvRatio.toFixed(1)}× faster on the ` +
        `GPV response (target ≥ 8.6×, i.e. ≤ 5 ms where it takes 43 ms). On the reference machine that is ` +
        `about ${n(Math.round(informRatio * 6700))} Informs/s and ${(43 / gpvRatio).toFixed(1)} ms.`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(toMarkdown(runDecodeBench()));
}
