// USP translator benchmark: a USP Get of 10 parameters of simulated CWMP routers, sent by the
// project's own USP Controller (libs/testing/src/usp-controller.ts, MQTT 5, QoS 1, one
// connection) through the shared Mosquitto to the all-in-one's translator (its own process,
// MERIDIAN_USP_MQTT_URL, topics unique to the run). Two paths:
//   - from the cache: the `meridian-cache-acceptable: true` user property, no CPE read;
//   - fresh: no such property, so the translator reads the CPE in a live CWMP session
//     (connection request, GetParameterValues, result on cwmp.results).
// Closed loop: `c` requests in flight, each worker on its own device (requests to one device are
// handled one after the other by the translator). Requests/s, p50/p99, and the CPU per request of
// the all-in-one (from /proc) and of this process (the Controller and the idle simulators; the
// fresh path adds the simulators' CWMP sessions). Needs `npm run build`; run alone with
// `node bench/usp.mjs` (MQTT server: MERIDIAN_USP_MQTT_URL, default mqtt://127.0.0.1:1883).
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_CR, cpuSeconds, startAllInOne } from './all-in-one.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { createSimulator } = require(path.join(root, 'dist/libs/cpe-sim/src/index.js'));
const { UspTestController } = require(path.join(root, 'dist/libs/testing/src/usp-controller.js'));
const { endpointIdOf } = require(path.join(root, 'dist/libs/usp/src/index.js'));

const MQTT_URL = process.env.MERIDIAN_USP_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const CACHE = { 'meridian-cache-acceptable': 'true' };

/** The 10 parameters of the Get: the simulated router's Device.DeviceInfo. */
export const PARAMS = [
  'Manufacturer',
  'ManufacturerOUI',
  'ModelName',
  'ProductClass',
  'SerialNumber',
  'HardwareVersion',
  'SoftwareVersion',
  'HostName',
  'Description',
  'UpTime',
].map((p) => `Device.DeviceInfo.${p}`);
const GET = { get: { paramPaths: PARAMS } };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** The 10 values of a GetResp, or why there are not 10. */
function valuesOf(answer) {
  const results = answer.msg?.body?.response?.getResp?.reqPathResults;
  if (!results) throw new Error(`no GetResp: ${JSON.stringify(answer.msg?.body)}`);
  const values = results.flatMap((r) =>
    (r.resolvedPathResults ?? []).flatMap((p) => Object.values(p.resultParams ?? {})),
  );
  const failed = results.find((r) => r.errCode);
  if (failed || values.length !== PARAMS.length)
    throw new Error(`Get answered ${values.length} values: ${JSON.stringify(failed ?? results)}`);
  return values;
}

/**
 * `concurrency` workers, each sending Gets to its device one after the other for `seconds`;
 * latencies, and the CPU both processes used meanwhile.
 */
async function closedLoop({
  controller,
  agents,
  concurrency,
  seconds,
  userProperties,
  acsPid,
  sim,
}) {
  const latencies = [];
  const cwmp = () => {
    const sessions = sim.devices.flatMap((d) => d.sessions);
    return { sessions: sessions.length, rpcs: sessions.reduce((n, s) => n + s.rpcs.length, 0) };
  };
  const cwmp0 = cwmp();
  const until = performance.now() + seconds * 1000;
  const acs0 = cpuSeconds(acsPid);
  const self0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      const agent = agents[i % agents.length];
      while (performance.now() < until) {
        const started = performance.now();
        const answer = await controller.request(agent, GET, { userProperties, timeoutMs: 30_000 });
        latencies.push(performance.now() - started);
        valuesOf(answer);
      }
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  const self = process.cpuUsage(self0);
  const acsCpu = cpuSeconds(acsPid) - acs0;
  const selfCpu = (self.user + self.system) / 1e6;
  controller.received.length = 0; // the Controller keeps every answer: not needed here
  latencies.sort((a, b) => a - b);
  const n = latencies.length;
  const cwmp1 = cwmp();
  return {
    concurrency,
    requests: n,
    perSecond: n / wall,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    acsMsPerRequest: (acsCpu * 1000) / n,
    driverMsPerRequest: (selfCpu * 1000) / n,
    acsCores: acsCpu / wall,
    driverCores: selfCpu / wall,
    sessionsPerRequest: (cwmp1.sessions - cwmp0.sessions) / n,
    rpcsPerRequest: (cwmp1.rpcs - cwmp0.rpcs) / n,
  };
}

export async function runUspBench({
  port = 18520,
  devices = 32,
  cacheLevels = [1, 8, 32],
  freshLevels = [1, 8, 32],
  seconds = 6,
  mqttUrl = MQTT_URL,
} = {}) {
  const run = randomBytes(4).toString('hex');
  const agentTopic = `meridian-bench/${run}/agent`;
  const load = os.loadavg()[0];
  const server = await startAllInOne({
    name: 'usp',
    port,
    env: {
      MERIDIAN_USP_MQTT_URL: mqttUrl,
      MERIDIAN_USP_AGENT_TOPIC: agentTopic,
      MERIDIAN_USP_CONTROLLER_TOPIC: `meridian-bench/${run}/controller`,
      MERIDIAN_USP_CWMP_TIMEOUT_MS: '20000',
    },
  });
  let sim;
  let controller;
  try {
    sim = await createSimulator({
      count: devices,
      acsUrl: server.cwmpUrl,
      serialPrefix: `USPB${run.slice(0, 4).toUpperCase()}`,
      crPort: 0,
      connectionRequestUsername: BENCH_CR.username,
      connectionRequestPassword: BENCH_CR.password,
      periodicInformInterval: 0,
      concurrency: devices,
    });
    await sim.booted;
    const agents = sim.devices.map((d) =>
      endpointIdOf({ oui: '00D09E', productClass: 'SimRouter', serialNumber: d.serialNumber }),
    );
    controller = await UspTestController.connect({
      url: mqttUrl,
      mode: 'mqtt5',
      agentTopic,
      replyTopic: `meridian-bench/${run}/controller/mqtt5`,
      endpointId: `self::bench-controller-${run}`,
    });
    // Until the translator knows each device and discovery has cached its DeviceInfo.
    const deadline = Date.now() + 60_000;
    for (const agent of agents) {
      for (;;) {
        const answer = await controller
          .request(agent, GET, { userProperties: CACHE, timeoutMs: 5000 })
          .catch((err) => err);
        try {
          if (answer instanceof Error) throw answer;
          valuesOf(answer);
          break;
        } catch (err) {
          if (Date.now() > deadline) throw new Error(`${agent} not ready: ${err.message}`);
          await sleep(250);
        }
      }
    }
    // Warm-up of both paths (JIT, each device's first connection request).
    await closedLoop({
      controller,
      agents,
      concurrency: devices,
      seconds: 1,
      userProperties: CACHE,
      acsPid: server.pid,
      sim,
    });
    await Promise.all(agents.map((a) => controller.request(a, GET, { timeoutMs: 30_000 })));
    const cache = [];
    for (const concurrency of cacheLevels) {
      cache.push(
        await closedLoop({
          controller,
          agents,
          concurrency,
          seconds,
          userProperties: CACHE,
          acsPid: server.pid,
          sim,
        }),
      );
      console.error(`cache c=${concurrency}: ${JSON.stringify(cache.at(-1))}`);
    }
    const fresh = [];
    for (const concurrency of freshLevels) {
      fresh.push(
        await closedLoop({ controller, agents, concurrency, seconds, acsPid: server.pid, sim }),
      );
      console.error(`fresh c=${concurrency}: ${JSON.stringify(fresh.at(-1))}`);
    }
    return { mqttUrl, devices, seconds, load, loadAfter: os.loadavg()[0], cache, fresh };
  } finally {
    await controller?.close();
    await sim?.stop();
    await server.stop();
  }
}

export const READING = `What bounds the figures. From the cache, a Get is all-in-one CPU: it reads from the store only the requested values and the subtrees of its partial paths and searches (the whole cached tree only when a path follows a reference), so the MQTT and USP work around it is most of the cost; requests/s stop growing once the all-in-one or the driver has its core, and more requests in flight only queue (p50 grows with them). Fresh, each Get is a CWMP session (connection request, then one GetParameterValues carrying every requested path): the CPU per Get is the all-in-one's CWMP work, and latency adds the connection request and the CPE's HTTP round trips. The driver (Controller and simulated CPEs) stays far from a core in every row. On an MQTT server that keeps Nagle's algorithm on (Mosquitto's default, \`set_tcp_nodelay false\`), every QoS 1 hop waits for a delayed ACK, ~40 ms each way: run the bench against such a server and the rows at few requests in flight measure that wait, not the translator.`;

/** What bounds a level: the process nearest to a whole core, else the shared machine. */
function bound(r) {
  if (r.acsCores >= 0.7 && r.acsCores >= r.driverCores) return 'all-in-one CPU';
  if (r.driverCores >= 0.7) return 'driver CPU';
  return 'neither process: round trips';
}

export function toMarkdown(result) {
  const fmt = (n, d = 0) =>
    n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  const table = (rows, fresh) => [
    `| requests in flight | requests | requests/s | p50 ms | p99 ms | all-in-one CPU ms / request (cores) | driver CPU ms / request (cores) |${fresh ? ' CWMP sessions / RPCs per request |' : ''} bound by |`,
    `|---:|---:|---:|---:|---:|---:|---:|${fresh ? '---:|' : ''}---|`,
    ...rows.map(
      (r) =>
        `| ${r.concurrency} | ${fmt(r.requests)} | ${fmt(r.perSecond)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.acsMsPerRequest, 2)} (${fmt(r.acsCores, 2)}) | ${fmt(r.driverMsPerRequest, 2)} (${fmt(r.driverCores, 2)}) |${fresh ? ` ${fmt(r.sessionsPerRequest, 2)} / ${fmt(r.rpcsPerRequest, 1)} |` : ''} ${bound(r)} |`,
    ),
  ];
  return [
    `USP Get of 10 parameters (10 parameter paths of \`Device.DeviceInfo.\`) from the project's USP Controller, MQTT 5, QoS 1, one connection, through ${result.mqttUrl} to the all-in-one's translator (its own process: SQLite store, in-process bus); ${result.devices} simulated CPEs in the driver process; each request in flight has a device of its own; ${result.seconds} s per row. Load average ${result.load.toFixed(1)} at start, ${result.loadAfter.toFixed(1)} at the end, on 2 shared cores. "cores" is a process's CPU seconds per wall second; "bound by" names a process using ≥ 0.7 of a core (with the machine's load above 2, about what one process gets).`,
    '',
    '**From the cache** (`meridian-cache-acceptable: true`: the translator reads the parameter cache, no CPE read):',
    '',
    ...table(result.cache, false),
    '',
    '**Fresh** (read from the CPE in a live CWMP session: connection request, one GetParameterValues carrying the 10 paths; the driver CPU includes the simulated CPEs):',
    '',
    ...table(result.fresh, true),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(toMarkdown(await runUspBench()));
}
