// Provisioning (issue 6, "Proof"). Two figures:
// 1. Boot storm: N simulated CPEs (this process) boot at once against the all-in-one (its own
//    process, fresh data dir) holding one preset created through the NBI; the clock runs until
//    every CPE holds the preset's values, read from the simulator itself.
// 2. The provisioning service alone (built code, in this process) fed synthetic cwmp.inform
//    messages with a bounded number in flight: first contact of new devices, and periodic Informs
//    of devices whose preset is applied, on the embedded SQLite store and on the MongoDB-wire
//    server (FerretDB here, slower than MongoDB).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_CR, BENCH_KEY, dropDatabase, startAllInOne } from './all-in-one.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** A lib of the build, loaded when a benchmark runs (importing this module needs no build). */
const built = (lib) => require(path.join(root, 'dist/libs', lib, 'src/index.js'));

const KEY = BENCH_KEY;
const CR = BENCH_CR;
const SSID = 'Device.WiFi.SSID.1.SSID';
const INTERVAL = 'Device.ManagementServer.PeriodicInformInterval';
const TAG = 'bench-provisioned';
const PRESET_NAME = 'bench-home';

/** The preset every device must reach: two values and a tag, as the NBI takes it. */
export const PRESET = {
  weight: 10,
  events: [],
  precondition: { productClass: { eq: 'SimRouter' } },
  actions: [
    {
      type: 'setParameterValues',
      parameters: [
        { path: SSID, value: 'Meridian-Bench' },
        { path: INTERVAL, value: '3600', type: 'xsd:unsignedInt' },
      ],
    },
    { type: 'addTag', tag: TAG },
  ],
};
const WANTED = [
  [SSID, 'Meridian-Bench'],
  [INTERVAL, '3600'],
];
/** `device` answers value(path): a SimulatedCpe, or a bench device of the in-process harness. */
const holdsPreset = (device) => WANTED.every(([p, v]) => device.value(p) === v);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const loadAverage = () => os.loadavg().map((l) => Number(l.toFixed(2)));

/** CPU seconds (user + system) and resident memory of another process, from /proc (Linux). */
function processStats(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0) / 1024;
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
  return {
    cpuSeconds: (Number(stat[11]) + Number(stat[12])) / 100,
    rssMb: mb('VmRSS'),
    peakRssMb: mb('VmHWM'),
  };
}

const ownCpuSeconds = (since) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e6;
};

function nbiClient(base) {
  return async (method, url, body) => {
    const res = await fetch(base + url, {
      method,
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };
}

/** Sessions and RPCs the CPEs went through, from the simulator's own records. */
function sessionFigures(devices) {
  const rpcs = {};
  let sessions = 0;
  let errors = 0;
  let connectionRequests = 0;
  const errorKinds = {};
  for (const cpe of devices) {
    for (const s of cpe.sessions) {
      sessions++;
      if (s.error) {
        errors++;
        // What failed, without the ids: "HTTP 503 …", "timeout …".
        const kind = s.error.replace(/[0-9a-f]{8,}|\d{4,}/gi, '…').slice(0, 80);
        errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
      }
      if (s.events.includes('6 CONNECTION REQUEST')) connectionRequests++;
      for (const rpc of s.rpcs) rpcs[rpc] = (rpcs[rpc] ?? 0) + 1;
    }
  }
  return { sessions, errors, errorKinds, connectionRequests, rpcs };
}

// ---------------------------------------------------------------------------------------------
// 1. Boot storm against the all-in-one.

/**
 * `devices` CPEs boot at once (0 BOOTSTRAP + 1 BOOT, periodic Informs off), at most
 * `concurrency` sessions at a time (the simulator's cap, connection-request sessions included).
 * Stops at `timeoutMs` with what was reached by then.
 */
export async function runBootStorm({
  devices = 10_000,
  concurrency = 200,
  port = 18300,
  timeoutMs = 25 * 60_000,
  stallMs = 60_000,
  progress = (line) => console.error(line),
  // The all-in-one's store and anything else of its configuration (default: SQLite).
  env = {},
  // Given: what the store holds at the end (benchStore's `size`), called before the all-in-one stops.
  storeSize,
} = {}) {
  const { createSimulator } = built('cpe-sim');
  // Failed connection requests leave a device with queued commands and, periodic Informs being
  // off, no session to run them in: they are counted from the warnings, not forwarded.
  const warnings = { connectionRequestFailures: 0, other: [] };
  const server = await startAllInOne({
    name: 'provisioning',
    port,
    env: { MERIDIAN_PRESET_CACHE_MS: '200', ...env },
    onStderrLine: (line) => {
      if (line.includes('"message":"connection request failed"'))
        warnings.connectionRequestFailures++;
      else if (!line.includes('connection request to') && line.trim() && warnings.other.length < 20)
        warnings.other.push(line);
    },
  });
  const call = nbiClient(server.nbi);
  let sim;
  try {
    const put = await call('PUT', `/presets/${PRESET_NAME}`, PRESET);
    if (put.status !== 201 && put.status !== 200) {
      throw new Error(
        `PUT /presets/${PRESET_NAME} answered ${put.status}: ${JSON.stringify(put.json)}`,
      );
    }
    const loadBefore = loadAverage();
    const createStarted = performance.now();
    const acsBefore = processStats(server.pid);
    const simCpu = process.cpuUsage();
    sim = await createSimulator({
      count: devices,
      acsUrl: server.cwmpUrl,
      serialPrefix: 'PRVB',
      crPort: 0,
      connectionRequestUsername: CR.username,
      connectionRequestPassword: CR.password,
      periodicInformInterval: 0,
      concurrency,
    });
    // Boot sessions start as createSimulator returns; building the devices is not the ACS's time.
    const started = performance.now();
    const createSeconds = (started - createStarted) / 1000;
    let informsAcceptedSeconds;
    void sim.booted.then(() => (informsAcceptedSeconds = (performance.now() - started) / 1000));
    const reached = {};
    let done = 0;
    let lastReport = started;
    let lastChange = { at: started, sessions: 0, done: 0 };
    let stalled = false;
    for (;;) {
      await sleep(500);
      done = sim.devices.reduce((n, cpe) => n + (holdsPreset(cpe) ? 1 : 0), 0);
      const seconds = (performance.now() - started) / 1000;
      for (const share of [0.5, 0.9, 1]) {
        if (reached[share] === undefined && done >= share * devices) reached[share] = seconds;
      }
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        const s = sessionFigures(sim.devices);
        progress(
          `  ${seconds.toFixed(0)} s: ${done}/${devices} provisioned, ${s.sessions} sessions, ACS ${processStats(server.pid).cpuSeconds - acsBefore.cpuSeconds} CPU s, load ${loadAverage().join(' ')}`,
        );
      }
      if (done === devices || seconds * 1000 > timeoutMs) break;
      const sessions = sessionFigures(sim.devices).sessions;
      if (sessions !== lastChange.sessions || done !== lastChange.done) {
        lastChange = { at: performance.now(), sessions, done };
      } else if (
        informsAcceptedSeconds !== undefined &&
        performance.now() - lastChange.at > stallMs
      ) {
        stalled = true; // nothing moves any more: the rest waits for an Inform that will not come
        break;
      }
    }
    const seconds = reached[1] ?? (performance.now() - started) / 1000;
    const acsAfter = processStats(server.pid);
    const simCpuSeconds = ownCpuSeconds(simCpu);
    // The tag is added once the values are confirmed: give the last devices a moment.
    let tagged = 0;
    for (let i = 0; i < 40; i++) {
      tagged = (await call('GET', `/devices?tag=${TAG}&limit=1&fields=deviceId`)).json.total;
      if (tagged >= done) break;
      await sleep(250);
    }
    const figures = sessionFigures(sim.devices);
    // How the gateway's waits for provisioning's next wave ended (a base without the metric: {}).
    const metricsText = await (await fetch(`${server.nbi}/metrics`)).text();
    const lingers = Object.fromEntries(
      [...metricsText.matchAll(/^meridian_cwmp_lingers_total\{ended="(\w+)"\} (\d+)/gm)].map(
        ([, ended, n]) => [ended, Number(n)],
      ),
    );
    // New sessions answered 503 + Retry-After, by reason, and the boot-session limit at the end.
    const rejected = Object.fromEntries(
      [
        ...metricsText.matchAll(/^meridian_cwmp_sessions_rejected_total\{reason="(\w+)"\} (\d+)/gm),
      ].map(([, reason, n]) => [reason, Number(n)]),
    );
    const limit = /^meridian_cwmp_linger_limit (\d+)/m.exec(metricsText);
    const lingerLimit = limit ? Number(limit[1]) : undefined;
    const storeBytes = storeSize ? await storeSize(server) : undefined;
    return {
      devices,
      concurrency,
      provisioned: done,
      tagged,
      complete: done === devices,
      seconds,
      halfSeconds: reached[0.5],
      ninetySeconds: reached[0.9],
      informsAcceptedSeconds,
      createSeconds,
      ...figures,
      acsCpuSeconds: acsAfter.cpuSeconds - acsBefore.cpuSeconds,
      acsPeakRssMb: acsAfter.peakRssMb,
      simCpuSeconds,
      loadBefore,
      loadAfter: loadAverage(),
      stalled,
      connectionRequestFailures: warnings.connectionRequestFailures,
      otherWarnings: warnings.other,
      lingers,
      rejected,
      lingerLimit,
      storeBytes,
    };
  } finally {
    await sim?.stop();
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// 2. The provisioning service alone, fed synthetic Informs.

/** N devices of the simulator's model, without HTTP: state, Informs and answers in memory. */
function benchDevices(prefix, count) {
  const { createDeviceState } = built('cpe-sim');
  const model = built('data-model').loadDataModel('tr-181');
  return Array.from({ length: count }, (_, i) => {
    const serialNumber = `${prefix}${String(i + 1).padStart(6, '0')}`;
    const state = createDeviceState(model, {
      deviceId: {
        manufacturer: 'Meridian',
        oui: '00D09E',
        productClass: 'SimRouter',
        serialNumber,
      },
      index: i + 1,
      acsUrl: 'http://127.0.0.1:7547/',
      acsUsername: '',
      acsPassword: '',
      connectionRequestUrl: `http://127.0.0.1:17547/${serialNumber}`,
      connectionRequestUsername: CR.username,
      connectionRequestPassword: CR.password,
      periodicInformInterval: 0,
      softwareVersion: '1.0.0',
      now: Date.now(),
    });
    return {
      deviceId: `00D09E-SimRouter-${serialNumber}`,
      state,
      value(p) {
        return this.state.values.get(p);
      },
    };
  });
}

/**
 * The cwmp.inform message a gateway would publish for this device's session; `later` ms on the
 * device's clock (its UpTime, as a periodic Inform an interval later carries).
 */
function informMessage(device, events, sequence, later = 0) {
  const { buildInform } = built('cpe-sim');
  const now = Date.now();
  const inform = buildInform(
    device.state,
    events.map((eventCode) => ({ eventCode, commandKey: '' })),
    now + later,
    0,
  );
  return {
    topic: 'cwmp.inform',
    key: device.deviceId,
    headers: {},
    value: {
      schemaVersion: 1,
      deviceId: device.deviceId,
      deviceIdStruct: inform.deviceId,
      events: inform.event,
      parameterList: inform.parameterList,
      retryCount: 0,
      currentTime: inform.currentTime,
      sessionId: `bench-${sequence}`,
      gatewayId: 'bench',
      cwmpVersion: '1-2',
      remoteAddress: '127.0.0.1',
      time: new Date(now).toISOString(),
    },
  };
}

/** Hands every message to the service with at most `inFlight` unfinished; Informs per second. */
async function feed(service, messages, inFlight) {
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const worker = async () => {
    while (next < messages.length) await service.onInform(messages[next++]);
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    perSecond: messages.length / seconds,
    cpuMsPerInform: (ownCpuSeconds(cpu) * 1000) / messages.length,
  };
}

/**
 * A ProvisioningService on its own in-process bus. Its commands are counted and kept until
 * `answer` takes them over (the bus drops what every group has consumed, so a group joining later
 * would not see them).
 */
async function provisioningService(store) {
  const { ProvisioningService, provisioningConfigOf, provisioningSpec } = built('provisioning');
  const { readConfig } = built('config');
  const { InProcessBus } = built('bus');
  const bus = new InProcessBus({ partitions: 16 });
  const service = new ProvisioningService(
    bus,
    store,
    provisioningConfigOf(readConfig(provisioningSpec, {})),
  );
  const harness = { service, commands: 0, backlog: [], answer: undefined };
  const subscription = await bus.subscribe('cwmp.commands', 'bench-cpes', async ({ value }) => {
    // Idle markers (nothing more for a device) end a lingering session; here no session waits.
    if ('action' in value) return;
    harness.commands++;
    if (harness.answer) await harness.answer(value);
    else harness.backlog.push(value);
  });
  harness.close = async () => {
    await subscription.close();
    await bus.close();
  };
  return harness;
}

/** The cwmp.results message of a command the device answered. */
function resultOf(command, response) {
  const base = {
    schemaVersion: 1,
    commandId: command.commandId,
    deviceId: command.deviceId,
    source: command.source,
    time: new Date().toISOString(),
    rpc: command.rpc,
  };
  return response.name === 'Fault'
    ? {
        ...base,
        outcome: 'fault',
        fault: {
          faultCode: response.faultCode,
          faultString: response.faultString,
          setParameterValuesFault: response.setParameterValuesFault,
        },
      }
    : { ...base, outcome: 'done', response };
}

/**
 * Answers the service's commands as the devices would (the simulator's pure device model) and
 * hands each result to the service, until every device holds the preset and nothing is pending.
 */
async function driveCycle(harness, devices, inFlight, timeoutMs) {
  const { handleRpc } = built('cpe-sim');
  const byId = new Map(devices.map((d) => [d.deviceId, d]));
  let outstanding = 0;
  let results = 0;
  // The CPEs' own CPU (the device model answering, in this process) is left out of the figure.
  let cpeCpuSeconds = 0;
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const answer = async (command) => {
    const device = byId.get(command.deviceId);
    if (!device) return;
    outstanding++;
    try {
      const cpeCpu = process.cpuUsage();
      const { state, response } = handleRpc(device.state, command.rpc, Date.now());
      cpeCpuSeconds += ownCpuSeconds(cpeCpu);
      device.state = state;
      const value = resultOf(command, response);
      await harness.service.onResult({
        topic: 'cwmp.results',
        key: command.deviceId,
        value,
        headers: {},
      });
      results++;
    } finally {
      outstanding--;
    }
  };
  // New commands are answered as they come (one at a time per bus partition); the backlog of
  // the first contacts with `inFlight` at once.
  harness.answer = answer;
  const backlog = harness.backlog.splice(0);
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (backlog.length > 0) await answer(backlog.shift());
    }),
  );
  try {
    for (;;) {
      if (outstanding === 0 && devices.every(holdsPreset)) break;
      if (performance.now() - started > timeoutMs) {
        throw new Error(
          `${devices.filter(holdsPreset).length}/${devices.length} provisioned after ${timeoutMs} ms`,
        );
      }
      await sleep(100);
    }
    return {
      seconds: (performance.now() - started) / 1000,
      results,
      cpuSeconds: ownCpuSeconds(cpuAtStart) - cpeCpuSeconds,
    };
  } finally {
    harness.answer = undefined;
  }
}

/**
 * First contact: `runs` batches of `devices` new devices (0 BOOTSTRAP + 1 BOOT), each planned to
 * a GetParameterNames. Then the first batch goes through a whole cycle (discovery and preset,
 * answered in memory), and `runs` rounds of 2 PERIODIC Informs follow, which must plan nothing.
 */
async function throughputOn(label, store, { devices, inFlight, runs, cycleTimeoutMs }) {
  const { Logger } = require('@nestjs/common');
  // The decision log (one line per device and step) would measure the terminal.
  Logger.overrideLogger(['error', 'warn']);
  const now = new Date();
  await store.presets.create({
    name: PRESET_NAME,
    channel: 'presets',
    weight: PRESET.weight,
    events: PRESET.events,
    precondition: PRESET.precondition,
    configurations: PRESET.actions,
  });
  const firstContact = [];
  let first;
  for (let run = 0; run < runs; run++) {
    const harness = await provisioningService(store);
    const batch = benchDevices(`TP${run}X`, devices);
    const messages = batch.map((d, i) => informMessage(d, ['0 BOOTSTRAP', '1 BOOT'], i));
    firstContact.push(await feed(harness.service, messages, inFlight));
    if (run === 0) first = { harness, batch };
    else await harness.close();
  }
  const cycle = await driveCycle(first.harness, first.batch, inFlight, cycleTimeoutMs);
  const periodic = [];
  const commandsBefore = first.harness.commands;
  // Each round an interval (the preset's 3600 s) later on the devices' clocks, so every Inform
  // carries a new UpTime, as a real periodic Inform does. The first round after the boot
  // Informs (its events differ from theirs) is not counted.
  const interval = 3_600_000;
  for (let run = 0; run <= runs; run++) {
    const messages = first.batch.map((d, i) =>
      informMessage(d, ['2 PERIODIC'], i, (run + 1) * interval),
    );
    const round = await feed(first.harness.service, messages, inFlight);
    if (run > 0) periodic.push(round);
  }
  await sleep(200); // commands, if any were planned, reach the counter
  const periodicCommands = first.harness.commands - commandsBefore;
  await first.harness.close();
  const pick = (xs, key) => median(xs.map((x) => x[key]));
  return {
    store: label,
    devices,
    inFlight,
    runs,
    firstContact: {
      perSecond: pick(firstContact, 'perSecond'),
      cpuMsPerInform: pick(firstContact, 'cpuMsPerInform'),
      all: firstContact.map((x) => x.perSecond),
    },
    periodic: {
      perSecond: pick(periodic, 'perSecond'),
      cpuMsPerInform: pick(periodic, 'cpuMsPerInform'),
      all: periodic.map((x) => x.perSecond),
    },
    periodicCommands,
    cycle: {
      devicesPerSecond: devices / cycle.seconds,
      resultsPerDevice: cycle.results / devices,
      cpuMsPerDevice: (cycle.cpuSeconds * 1000) / devices,
    },
    elapsed: (Date.now() - now.getTime()) / 1000,
  };
}

export async function runThroughput({
  sqliteDevices = 1000,
  // Off by default: on 2026-11-25 FerretDB 1.24 failed with "database is locked" at 64 in flight
  // and did not finish a 100-device run in 8 minutes at 8 in flight.
  mongoDevices = 0,
  inFlight = 64,
  // FerretDB's SQLite backend answers "database is locked" to 64 concurrent writers.
  mongoInFlight = 8,
  runs = 3,
  mongoUrl = process.env.MERIDIAN_MONGO_URL ?? 'mongodb://127.0.0.1:27017/meridian',
  cycleTimeoutMs = 10 * 60_000,
} = {}) {
  const { createSqliteStore, createMongoStore } = built('store');
  const out = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'meridian-provisioning-throughput-'));
  const sqlite = createSqliteStore(path.join(dir, 'meridian.db'));
  try {
    out.push(
      await throughputOn('SQLite (embedded, WAL, synchronous=NORMAL)', sqlite, {
        devices: sqliteDevices,
        inFlight,
        runs,
        cycleTimeoutMs,
      }),
    );
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (mongoDevices > 0) {
    const dbName = `bench_provisioning_${process.pid}_${Date.now()}`;
    let mongo;
    try {
      mongo = await createMongoStore(mongoUrl, { dbName, serverSelectionTimeoutMS: 3000 });
      out.push(
        await throughputOn('FerretDB 1.24 (MongoDB wire, SQLite backend)', mongo, {
          devices: mongoDevices,
          inFlight: mongoInFlight,
          runs,
          cycleTimeoutMs,
        }),
      );
    } catch (error) {
      out.push({ store: 'FerretDB 1.24 (MongoDB wire)', error: String(error?.message ?? error) });
    } finally {
      await mongo?.close();
      await dropDatabase(mongoUrl, dbName).catch(() => undefined);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** Devices of the boot storm: BENCH_PROVISIONING_DEVICES overrides the default 10,000. */
const defaultDevices = () => Number(process.env.BENCH_PROVISIONING_DEVICES ?? 10_000);

export async function runProvisioningBench({ devices = defaultDevices(), ...options } = {}) {
  const loadAtStart = loadAverage();
  const storm = await runBootStorm({ devices, ...options.storm });
  const throughput = await runThroughput(options.throughput);
  return { loadAtStart, storm, throughput, loadAtEnd: loadAverage() };
}

export function toMarkdown(r) {
  const f = (n, digits = 0) =>
    n === undefined
      ? '–'
      : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const s = r.storm;
  const per = (n) => f(n / s.devices, 2);
  const rpc = (name) => s.rpcs[name] ?? 0;
  const storm = [
    '| devices | to preset config, s | devices/s | 50 % / 90 % at, s | CWMP sessions (per device) | of which connection requests | GPN / GPV (discovery batches) / SPV per device | all-in-one CPU s (ms per device) | all-in-one peak RSS MB | simulator CPU s |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${f(s.devices)}${s.complete ? '' : ` (${f(s.provisioned)} reached)`} | ${f(s.seconds, 1)} | ${f(s.provisioned / s.seconds, 1)} | ${f(s.halfSeconds, 1)} / ${f(s.ninetySeconds, 1)} | ${f(s.sessions)} (${per(s.sessions)}) | ${f(s.connectionRequests)} | ${per(rpc('GetParameterNames'))} / ${per(rpc('GetParameterValues'))} / ${per(rpc('SetParameterValues'))} | ${f(s.acsCpuSeconds, 1)} (${f((s.acsCpuSeconds * 1000) / s.devices, 1)}) | ${f(s.acsPeakRssMb)} | ${f(s.simCpuSeconds, 1)} |`,
  ];
  const rows = r.throughput.map((t) =>
    t.error
      ? `| ${t.store} | – | – | – | – | – | not measured: ${t.error} |`
      : `| ${t.store} | ${f(t.devices)} | ${f(t.firstContact.perSecond)} (${f(t.firstContact.cpuMsPerInform, 2)}) | ${f(t.periodic.perSecond)} (${f(t.periodic.cpuMsPerInform, 2)}) | ${f(t.cycle.devicesPerSecond, 1)} (${f(t.cycle.cpuMsPerDevice, 2)}) | ${f(t.cycle.resultsPerDevice, 1)} | ${t.periodicCommands === 0 ? 'none planned' : `${t.periodicCommands} commands planned (expected none)`} |`,
  );
  const sqlite = r.throughput.find((t) => !t.error);
  return [
    `Load average ${r.loadAtStart.join(' / ')} at start, ${r.loadAtEnd.join(' / ')} at the end (the machine is shared).`,
    '',
    `**Boot storm.** ${f(s.devices)} simulated CPEs${s.devices < 10_000 ? " (fewer than the issue's 10,000: BENCH_PROVISIONING_DEVICES)" : ''} (one process, at most ${s.concurrency} sessions at once, periodic Informs off) boot at once (0 BOOTSTRAP + 1 BOOT) against the all-in-one (own process, SQLite store) holding one preset made through the NBI (\`PUT /presets/${PRESET_NAME}\`: SSID and PeriodicInformInterval, tag \`${TAG}\`). The clock starts when the boot sessions do (building the simulated devices took ${f(s.createSeconds, 1)} s more) and stops when every CPE holds both values, read from the simulator every 500 ms; every boot Inform had been answered after ${f(s.informsAcceptedSeconds, 1)} s; ${f(s.tagged)} devices carried the tag at the end; ${f(s.errors)} sessions failed.`,
    '',
    ...storm,
    '',
    `**Provisioning service alone.** Built \`ProvisioningService\` on an in-process bus, fed synthetic cwmp.inform messages (the simulator's Informs) by \`onInform\`, ${sqlite?.inFlight ?? 64} in flight; Informs/s is the median of ${sqlite?.runs ?? 3} runs (CPU ms per Inform of this process in brackets: for FerretDB the server's own CPU is not in it). First contact: new devices, 0 BOOTSTRAP, registry create + cache + planning → GetParameterNames. Periodic: 2 PERIODIC of devices whose preset is applied, each round an hour later on their clocks (a new UpTime in every Inform), after one uncounted round. Full cycle: the first batch answered in memory by the simulator's device model (discovery, then the preset), results handed to \`onResult\`, 16 bus partitions; its CPU per device is this process's from the first result to the last device provisioned, the device model's own answers left out.`,
    '',
    '| store | devices per run | first contact Informs/s (CPU ms) | periodic Informs/s (CPU ms) | full cycle devices/s (CPU ms per device) | results per device | periodic Informs planned |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
    `**Reading.** The all-in-one spent ${f((s.acsCpuSeconds * 1000) / s.devices)} ms of CPU per provisioned device, ${f((100 * s.acsCpuSeconds) / s.seconds)} % of one core over the storm: one Node.js event loop does the gateway, the bus, provisioning and the store, and the rest of this 2-core machine went to the simulator and other work. The SQLite store commits the writes of each event-loop turn together (a call that wrote resolves once committed) and keeps no (path, value) index on the parameter cache (schema 10): that index took each device's ~1,000 discovery rows to as many scattered pages and cost 4–6× their writes. Discovery (1 GetParameterNames + ${per(rpc('GetParameterValues'))} GetParameterValues of at most ${process.env.MERIDIAN_DISCOVERY_BATCH_SIZE ?? '1,000'} leaves, the all-in-one's \`MERIDIAN_DISCOVERY_BATCH_SIZE\`) is most of the work per device; the preset itself is one SetParameterValues. ${s.sessions > s.devices * 1.05 ? `Commands planned after a session had ended waited for a connection request: ${per(s.sessions)} sessions per device, ${f(s.connectionRequests)} of them by connection request, ${f(s.connectionRequestFailures)} connection requests failed (when the loop lags beyond the requester's 5 s timeout they do, and with periodic Informs off those devices wait for an Inform that does not come).` : `Every device's commands reached it within its boot session: one session per device, no connection request needed.`} At this rate 10,000 devices take about ${f(10_000 / (s.provisioned / s.seconds) / 60, 1)} minutes; what would move it next (see the dated sections below): discovery's ~735 values in ~105 object rows per device (their SQLite writes and commit), GC, the XML of the whole tree.`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const devices = arg('--devices') ?? defaultDevices();
  const concurrency = arg('--concurrency');
  const result = await runProvisioningBench({
    devices,
    storm: concurrency === undefined ? {} : { concurrency },
    throughput: {
      ...(arg('--sqlite-devices') === undefined ? {} : { sqliteDevices: arg('--sqlite-devices') }),
      ...(arg('--mongo-devices') === undefined ? {} : { mongoDevices: arg('--mongo-devices') }),
    },
  });
  console.error(JSON.stringify(result, null, 2));
  console.log(toMarkdown(result));
}
