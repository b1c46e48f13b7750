// A light driver of Inform-only CWMP sessions (Inform → InformResponse, empty POST → 204) for
// measuring a server's CPU per session: each device's Inform is the simulator's own envelope
// (bench/session-driver.mjs's devices, same serials and values), built once and sent on a raw
// keep-alive socket with only CurrentTime, UpTime and the cwmp:ID filled in per session; the
// response is read just far enough to get the status, the length and the session cookie. So the
// driver costs a fraction of the server's CPU and the figure is the server's, not the driver's.
// Usage: node bench/inform-driver.mjs ACS_URL DEVICES SECONDS [SERIAL_PREFIX] → one JSON line:
// sessions, sessions/s, errors, refused (503, then a 200 ms pause), the driver's CPU seconds.
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { createSimulator, buildInform } = require(path.join(root, 'dist/libs/cpe-sim/src/index.js'));
const { encodeEnvelope } = require(path.join(root, 'dist/libs/cwmp/src/index.js'));

const [acsUrl, devicesArg, secondsArg, serialPrefix] = process.argv.slice(2);
const REFUSED_PAUSE_MS = 200;
// BENCH_SESSION_PAUSE_MS: each device waits this long between its sessions, so the offered load
// is fixed (about devices / pause) and servers compare at the same rate, not each at saturation.
const PAUSE_MS = Number(process.env.BENCH_SESSION_PAUSE_MS ?? 0);
const devices = Number(devicesArg ?? 64);
const seconds = Number(secondsArg ?? 10);
const url = new URL(acsUrl);

const sim = await createSimulator({
  count: devices,
  acsUrl,
  concurrency: devices,
  periodicInformInterval: 0,
  bootOnStart: false,
  crPort: 0,
  ...(serialPrefix ? { serialPrefix } : {}),
});

// Placeholders the encoder accepts, replaced per session.
const MARKS = { TIME: '1999-09-09T09:09:09.999Z', UPTIME: '987654321', ID: 'ID-MARK-7f3a' };
/** The device's Inform split around the three fields that change per session. */
function templateOf(cpe) {
  const inform = buildInform(
    cpe.current,
    [{ eventCode: '2 PERIODIC', commandKey: '' }],
    Date.now(),
    0,
  );
  inform.currentTime = MARKS.TIME;
  for (const p of inform.parameterList)
    if (p.name.endsWith('.DeviceInfo.UpTime')) p.value = MARKS.UPTIME;
  const xml = encodeEnvelope({ cwmpVersion: '1-2', header: { id: MARKS.ID }, body: inform });
  const pattern = new RegExp(Object.values(MARKS).join('|').replaceAll('.', '\\.'), 'g');
  const byMark = Object.fromEntries(Object.entries(MARKS).map(([k, v]) => [v, k]));
  return { parts: xml.split(pattern), order: [...xml.matchAll(pattern)].map((m) => byMark[m[0]]) };
}
const bootedAt = Date.now() - 86_400_000;
let seq = 0;
function informOf(template) {
  const now = Date.now();
  const fields = {
    TIME: new Date(now).toISOString(),
    UPTIME: String(Math.floor((now - bootedAt) / 1000)),
    ID: String(++seq),
  };
  let xml = template.parts[0];
  for (let i = 0; i < template.order.length; i++)
    xml += fields[template.order[i]] + template.parts[i + 1];
  return xml;
}

const host = `${url.hostname}:${url.port}`;
const pathname = url.pathname || '/';
function informRequest(body) {
  return (
    `POST ${pathname} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: text/xml; charset="utf-8"\r\n` +
    `SOAPAction: \r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}
const emptyRequest = (cookie) =>
  `POST ${pathname} HTTP/1.1\r\nHost: ${host}\r\nCookie: ${cookie}\r\nContent-Length: 0\r\n\r\n`;

/** One keep-alive connection: `exchange(request)` resolves with { status, cookie, close }. */
function connection() {
  const socket = net.connect(Number(url.port), url.hostname);
  socket.setNoDelay(true);
  let buffer = Buffer.alloc(0);
  let pending;
  let closed = false;
  const fail = (error) => {
    closed = true;
    const p = pending;
    pending = undefined;
    p?.reject(error);
  };
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('connection closed')));
  socket.on('data', (chunk) => {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0 || !pending) return;
    const head = buffer.toString('latin1', 0, end);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (buffer.length < end + 4 + length) return;
    buffer = buffer.subarray(end + 4 + length);
    const status = Number(head.slice(9, 12));
    const cookie = /\r\nset-cookie: *([^;\r]+)/i.exec(head)?.[1];
    const close = /\r\nconnection: *close/i.test(head);
    const p = pending;
    pending = undefined;
    p.resolve({ status, cookie, close });
  });
  return {
    get closed() {
      return closed;
    },
    exchange(request) {
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        socket.write(request);
      });
    },
    destroy: () => socket.destroy(),
  };
}

let sessions = 0;
// Sessions answered over the whole run, warm-up included (what the server's CPU is divided by).
let total = 0;
let refused = 0;
let errors = 0;
const firstError = [];
const warmupEnd = Date.now() + 1000;
const end = warmupEnd + seconds * 1000;
let measuredFrom = 0;
let cpuAtStart;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function session(conn, template) {
  const inform = await conn.exchange(informRequest(informOf(template)));
  if (inform.status === 503) return 'refused';
  if (inform.status !== 200 || !inform.cookie)
    throw new Error(`Inform answered HTTP ${inform.status}`);
  if (inform.close) throw new Error('connection closed after the InformResponse');
  const last = await conn.exchange(emptyRequest(inform.cookie));
  if (last.status !== 204) throw new Error(`empty POST answered HTTP ${last.status}`);
  return last.close ? 'closed' : 'ok';
}

await Promise.all(
  sim.devices.map(async (cpe) => {
    const template = templateOf(cpe);
    let conn = connection();
    while (Date.now() < end) {
      if (conn.closed) conn = connection();
      let outcome;
      try {
        outcome = await session(conn, template);
      } catch (error) {
        outcome = error;
        conn.destroy();
        conn = connection();
      }
      if (outcome === 'closed') conn = connection();
      if (outcome === 'ok' || outcome === 'closed') total++;
      if (Date.now() < warmupEnd) continue;
      if (!measuredFrom) {
        measuredFrom = Date.now();
        cpuAtStart = process.cpuUsage();
      }
      if (outcome === 'refused') {
        refused++;
        await sleep(REFUSED_PAUSE_MS);
      } else if (outcome instanceof Error) {
        errors++;
        if (firstError.length === 0) firstError.push(outcome.message);
        await sleep(REFUSED_PAUSE_MS);
      } else sessions++;
      if (PAUSE_MS > 0) await sleep(PAUSE_MS);
    }
    conn.destroy();
  }),
);
const endedAt = Date.now();
const cpu = process.cpuUsage(cpuAtStart);
const elapsed = (endedAt - measuredFrom) / 1000;
await sim.stop();
console.log(
  JSON.stringify({
    sessions,
    total,
    refused,
    errors,
    seconds: elapsed,
    perSecond: sessions / elapsed,
    firstError: firstError[0],
    // The driver's own CPU (user + system) over the measured window.
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    measuredFrom,
    endedAt,
  }),
);
