// Drives Inform-only CWMP sessions (Inform → InformResponse, empty POST → 204) with the project's
// CPE simulator, as fast as the ACS answers, for a fixed time. Runs in its own process so the
// driver and the server under test do not share an event loop.
// Usage: node bench/session-driver.mjs ACS_URL DEVICES SECONDS  → prints one JSON line.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { createSimulator } = require(path.join(root, 'dist/libs/cpe-sim/src/index.js'));

const [acsUrl, devicesArg, secondsArg] = process.argv.slice(2);
const devices = Number(devicesArg ?? 64);
const seconds = Number(secondsArg ?? 10);

const sim = await createSimulator({
  count: devices,
  acsUrl,
  concurrency: devices,
  periodicInformInterval: 0,
  bootOnStart: false,
  crPort: 0,
});

let sessions = 0;
let errors = 0;
const firstError = [];
const warmupEnd = Date.now() + 1000;
const end = warmupEnd + seconds * 1000;
let measuredFrom = 0;
await Promise.all(
  sim.devices.map(async (cpe) => {
    while (Date.now() < end) {
      const record = await cpe.inform(['2 PERIODIC']);
      if (Date.now() < warmupEnd) continue;
      if (!measuredFrom) measuredFrom = Date.now();
      if (record.error) {
        errors++;
        if (firstError.length === 0) firstError.push(record.error);
      } else sessions++;
    }
  }),
);
const elapsed = (Date.now() - measuredFrom) / 1000;
await sim.stop();
console.log(JSON.stringify({ sessions, errors, seconds: elapsed, perSecond: sessions / elapsed, firstError: firstError[0] }));
