// Drives Inform-only CWMP sessions (Inform → InformResponse, empty POST → 204) of the project's
// simulated CPEs, as fast as the ACS answers, for a fixed time, in a process of its own so the
// driver and the server under test do not share an event loop.
// Usage: node bench/session-driver.mjs ACS_URL DEVICES SECONDS [SERIAL_PREFIX] [--light] [--cr-port N]
//   [--connection-per-session] [--resume] [--pause-ms N]
//   With SERIAL_PREFIX the devices have these serials (the same devices across runs).
//   --cr-port: their connection request listener's port (default any free one), as in their
//   first contact (firstContact in bench/all-in-one.mjs), so their Informs repeat that one's;
//   they answer connection requests with the bench ACS's credentials (BENCH_CR).
//   --light: each device's Inform is the simulator's own envelope, built once and sent on a raw
//   keep-alive socket with only CurrentTime, UpTime and the cwmp:ID filled in per session; the
//   response is read just far enough to get the status, the length and the session cookie. The
//   driver then costs a fraction of the server's CPU, so the figure is the server's. Without it
//   each session is the full simulator's (it builds and parses every envelope).
//   --connection-per-session (with --light): each session opens a connection of its own and the
//   device closes it after the 204, as a CPE does (its sessions are minutes or hours apart);
//   without it a device's sessions share one kept-alive connection, which leaves out what a
//   connection costs the server.
//   An https ACS_URL: over TLS, a full handshake per connection (no session resumed), as a CPE
//   after a reboot; with --resume each device offers the ticket of its previous connection, as a
//   CPE that keeps its TLS session between periodic informs.
//   --pause-ms N: each device waits N ms between its sessions (default BENCH_SESSION_PAUSE_MS,
//   else 0: saturated). The offered load is then fixed (about devices / pause), so two servers
//   compare at the same rate rather than each at its own saturation.
// Prints one JSON line: sessions answered after 1 s of warm-up (and in all, `answered`), sessions
// refused with 503 (the device then waits REFUSED_PAUSE_MS, a scaled-down Retry-After), other
// errors, answered sessions the simulator had already started on its own (joined), the driver's
// CPU seconds (over its whole run and over the measured window), and each device's last answered
// Inform time (lastInformAt, ms by serial: when the session that carried it started).
import { createRequire } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_CR } from './all-in-one.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { createSimulator, buildInform } = require(path.join(root, 'dist/libs/cpe-sim/src/index.js'));
const { encodeEnvelope } = require(path.join(root, 'dist/libs/cwmp/src/index.js'));

const args = process.argv.slice(2);
const flags = ['--light', '--connection-per-session', '--resume'];
const light = args.includes('--light');
const connectionPerSession = args.includes('--connection-per-session');
const resume = args.includes('--resume');
const valueOf = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args.splice(at, 2)[1]) : undefined;
};
const crPort = valueOf('--cr-port') ?? 0;
const PAUSE_MS = valueOf('--pause-ms') ?? Number(process.env.BENCH_SESSION_PAUSE_MS ?? 0);
const [acsUrl, devicesArg, secondsArg, serialPrefix] = args.filter((a) => !flags.includes(a));
const REFUSED_PAUSE_MS = 200;
const devices = Number(devicesArg ?? 64);
const seconds = Number(secondsArg ?? 10);
const url = new URL(acsUrl);

const sim = await createSimulator({
  count: devices,
  acsUrl,
  concurrency: devices,
  periodicInformInterval: 0,
  bootOnStart: false,
  crPort,
  connectionRequestUsername: BENCH_CR.username,
  connectionRequestPassword: BENCH_CR.password,
  ...(serialPrefix ? { serialPrefix } : {}),
});

/** A session's outcome: 'ok', 'refused' (503) or { error }. */
const outcomeOf = (error) => (error.includes('HTTP 503') ? 'refused' : { error });

/** The full simulator's sessions of `cpe`. */
function simulatorSessions(cpe) {
  return {
    async run() {
      const record = await cpe.inform(['2 PERIODIC']);
      // The simulator resolves with the next session it records, which may be one it had
      // already started on its own (its TR-069 retry after a 503): that session's start, not
      // this call's, is when its Inform went out.
      return {
        outcome: record.error ? outcomeOf(record.error) : 'ok',
        startedAt: record.startedAt,
      };
    },
    close() {},
  };
}

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

/**
 * One keep-alive connection: `exchange(request)` resolves with { status, cookie, close }; over
 * TLS it resumes `session` when given, and `ticket()` is the session ticket the server sent.
 */
// One TLS context for every connection: made per connect, it costs the driver ~1.5 ms (the CAs).
const secureContext = url.protocol === 'https:' ? tls.createSecureContext() : undefined;
function connection(session) {
  // The ACS's certificate is the bench's own, self-signed.
  const socket = secureContext
    ? tls.connect({
        port: Number(url.port),
        host: url.hostname,
        secureContext,
        rejectUnauthorized: false,
        ...(session ? { session } : {}),
      })
    : net.connect(Number(url.port), url.hostname);
  let ticket;
  if (secureContext) socket.on('session', (t) => (ticket = t));
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
    end: () => socket.end(),
    destroy: () => socket.destroy(),
    ticket: () => ticket,
  };
}

/** One session on `conn`: 'ok', 'closed' (ok, and the server closed the connection) or 'refused'. */
async function lightSession(conn, template) {
  const inform = await conn.exchange(informRequest(informOf(template)));
  if (inform.status === 503) return 'refused';
  if (inform.status !== 200 || !inform.cookie)
    throw new Error(`Inform answered HTTP ${inform.status}`);
  if (inform.close) throw new Error('connection closed after the InformResponse');
  const last = await conn.exchange(emptyRequest(inform.cookie));
  if (last.status !== 204) throw new Error(`empty POST answered HTTP ${last.status}`);
  return last.close ? 'closed' : 'ok';
}

/**
 * The pre-built sessions of `cpe` (--light): on a kept-alive connection of its own, or on a
 * connection per session, closed by the device after the 204.
 */
function lightSessions(cpe) {
  const template = templateOf(cpe);
  let conn;
  let ticket;
  const once = async () => {
    if (!conn || conn.closed) conn = connection(resume ? ticket : undefined);
    try {
      const outcome = await lightSession(conn, template);
      ticket = conn.ticket() ?? ticket;
      if (connectionPerSession || outcome === 'closed') {
        conn.end();
        conn = undefined;
      }
      return outcome === 'closed' ? 'ok' : outcome;
    } catch (error) {
      conn.destroy();
      conn = undefined;
      return { error: error.message };
    }
  };
  return {
    async run() {
      const startedAt = Date.now();
      return { outcome: await once(), startedAt };
    },
    close: () => conn?.destroy(),
  };
}

let sessions = 0;
// Sessions answered over the whole run, warm-up included (what a server's CPU is divided by).
let answered = 0;
let refused = 0;
let errors = 0;
// Answered sessions the simulator had started before the driver asked for one (its own retry).
let joined = 0;
const lastInformAt = {};
let firstError;
const startedAt = Date.now();
const warmupEnd = startedAt + 1000;
const end = warmupEnd + seconds * 1000;
let measuredFrom = 0;
let cpuAtStart;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

await Promise.all(
  sim.devices.map(async (cpe) => {
    const device = light ? lightSessions(cpe) : simulatorSessions(cpe);
    while (Date.now() < end) {
      const calledAt = Date.now();
      const { outcome, startedAt } = await device.run();
      if (outcome === 'ok') {
        lastInformAt[cpe.serialNumber] = startedAt;
        if (startedAt < calledAt) joined++;
        answered++;
      }
      const measured = Date.now() >= warmupEnd;
      if (measured && !measuredFrom) {
        measuredFrom = Date.now();
        cpuAtStart = process.cpuUsage();
      }
      if (outcome === 'refused') {
        if (measured) refused++;
        await sleep(REFUSED_PAUSE_MS);
        continue;
      }
      if (!measured) continue;
      if (outcome === 'ok') sessions++;
      else {
        errors++;
        firstError ??= outcome.error;
        await sleep(REFUSED_PAUSE_MS);
      }
      if (PAUSE_MS > 0) await sleep(PAUSE_MS);
    }
    device.close();
  }),
);
const endedAt = Date.now();
const measuredCpu = process.cpuUsage(cpuAtStart);
const elapsed = (endedAt - measuredFrom) / 1000;
await sim.stop();
const cpu = process.cpuUsage();
console.log(
  JSON.stringify({
    sessions,
    answered,
    startedAt,
    measuredFrom,
    endedAt,
    refused,
    errors,
    joined,
    seconds: elapsed,
    perSecond: sessions / elapsed,
    firstError,
    // The driver's own CPU (user + system): over its whole run, simulator set-up included, and
    // over the measured window.
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    measuredCpuSeconds: (measuredCpu.user + measuredCpu.system) / 1e6,
    lastInformAt,
  }),
);
