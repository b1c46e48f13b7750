// Drives Inform-only CWMP sessions (Inform → InformResponse, empty POST → 204) with the project's
// CPE simulator, as fast as the ACS answers, for a fixed time. Runs in its own process so the
// driver and the server under test do not share an event loop.
// Usage: node bench/session-driver.mjs ACS_URL DEVICES SECONDS [SERIAL_PREFIX]  → prints one JSON
// line: sessions answered, sessions refused with 503 (the device then waits REFUSED_PAUSE_MS, a
// scaled-down Retry-After), other errors, and each device's last Inform time (lastInformAt, ms).
// With SERIAL_PREFIX the devices have these serials (the same devices across runs).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { createSimulator } = require(path.join(root, 'dist/libs/cpe-sim/src/index.js'));

const [acsUrl, devicesArg, secondsArg, serialPrefix] = process.argv.slice(2);
const REFUSED_PAUSE_MS = 200;
// BENCH_SESSION_PAUSE_MS: each device waits this long between its sessions, so the offered load
// is fixed (devices / pause) and two servers compare at the same rate rather than each at its
// own saturation (CPU per session then depends less on how loaded the machine is).
const PAUSE_MS = Number(process.env.BENCH_SESSION_PAUSE_MS ?? 0);
const devices = Number(devicesArg ?? 64);
const seconds = Number(secondsArg ?? 10);

const sim = await createSimulator({
  count: devices,
  acsUrl,
  concurrency: devices,
  periodicInformInterval: 0,
  bootOnStart: false,
  crPort: 0,
  ...(serialPrefix ? { serialPrefix } : {}),
});

let sessions = 0;
let answered = 0;
let refused = 0;
let errors = 0;
const lastInformAt = {};
const firstError = [];
const startedAt = Date.now();
const warmupEnd = startedAt + 1000;
const end = warmupEnd + seconds * 1000;
let measuredFrom = 0;
await Promise.all(
  sim.devices.map(async (cpe) => {
    while (Date.now() < end) {
      const startedAt = Date.now();
      const record = await cpe.inform(['2 PERIODIC']);
      if (!record.error) {
        lastInformAt[cpe.serialNumber] = startedAt;
        answered++;
      }
      if (record.error?.includes('HTTP 503')) {
        if (Date.now() >= warmupEnd) refused++;
        await new Promise((r) => setTimeout(r, REFUSED_PAUSE_MS));
        continue;
      }
      if (Date.now() < warmupEnd) continue;
      if (!measuredFrom) measuredFrom = Date.now();
      if (record.error) {
        errors++;
        if (firstError.length === 0) firstError.push(record.error);
      } else sessions++;
      if (PAUSE_MS > 0) await new Promise((r) => setTimeout(r, PAUSE_MS));
    }
  }),
);
const endedAt = Date.now();
const elapsed = (endedAt - measuredFrom) / 1000;
await sim.stop();
console.log(
  JSON.stringify({
    sessions,
    answered,
    startedAt,
    endedAt,
    refused,
    errors,
    seconds: elapsed,
    perSecond: sessions / elapsed,
    firstError: firstError[0],
    // The driver's own CPU (user + system) over its whole run, simulator set-up included.
    cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    lastInformAt,
  }),
);
