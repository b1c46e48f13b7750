// Inform-only session throughput of the CWMP gateway next to the machine's ceiling (a bare
// node:http server with canned bodies, bench/bare-acs.mjs), driven by the same simulator
// process in the same run, so the ratio holds on a noisy machine.
import { fileURLToPath } from 'node:url';
import { cpuSeconds, driveSessions, startNode, waitForPort } from './all-in-one.mjs';

/** Starts a server process and resolves once it accepts connections on `port`. */
async function startServer(args, env, port) {
  const server = startNode(args, { env });
  await waitForPort(port, server.gone);
  return server;
}

/** Drives `url` and also measures the server's own CPU time per session. */
async function measure(server, url, devices, seconds) {
  const before = cpuSeconds(server.pid);
  const result = await driveSessions(url, devices, seconds);
  const cpu = cpuSeconds(server.pid) - before;
  return { ...result, serverCpuMicrosPerSession: (cpu * 1e6) / Math.max(1, result.sessions) };
}

export async function runSessionBench({ devices = 64, seconds = 10, port = 17600 } = {}) {
  const bare = await startServer(['bench/bare-acs.mjs', String(port)], {}, port);
  const ceiling = await measure(bare, `http://127.0.0.1:${port}/`, devices, seconds);
  await bare.stop();

  const gateway = await startServer(
    ['dist/apps/cwmp-gateway/src/main.js'],
    {
      MERIDIAN_CWMP_PORT: String(port + 1),
      MERIDIAN_CWMP_HOST: '127.0.0.1',
      MERIDIAN_BUS: 'memory',
      MERIDIAN_SESSION_STORE: 'memory',
      MERIDIAN_OPS_PORT: '0',
      MERIDIAN_LOG_LEVEL: 'warn',
    },
    port + 1,
  );
  const acs = await measure(gateway, `http://127.0.0.1:${port + 1}/`, devices, seconds);
  await gateway.stop();
  return { devices, seconds, ceiling, acs, ratio: acs.perSecond / ceiling.perSecond };
}

export function toMarkdown(r) {
  const f = (n) => Math.round(n).toLocaleString('en-US');
  const row = (name, x) =>
    `| ${name} | ${f(x.perSecond)} | ${f(x.serverCpuMicrosPerSession)} | ${x.sessions} | ${x.errors} |`;
  return [
    `| server | sessions/s | server CPU µs per session | sessions | errors |`,
    `|---|---:|---:|---:|---:|`,
    row('bare node:http, canned bodies (ceiling)', r.ceiling),
    row('Meridian cwmp-gateway (in-memory adapters)', r.acs),
    '',
    `Ratio gateway / ceiling: **${r.ratio.toFixed(2)}** in sessions/s (target ≥ 0.5); ` +
      `${(r.ceiling.serverCpuMicrosPerSession / r.acs.serverCpuMicrosPerSession).toFixed(2)} in CPU per session. ` +
      `${r.devices} simulated CPEs in one driver process, ${r.seconds} s each after 1 s warm-up. ` +
      'The simulator builds and parses real envelopes, so on 2 cores the driver is the bottleneck for both ' +
      'servers; the CPU-per-session ratio says what the gateway costs where the network is not the limit.',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await runSessionBench();
  console.log(toMarkdown(r));
}
