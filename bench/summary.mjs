// The first section of bench/results.md after a full `npm run bench`: issue 16's and 17's
// figures of that run, one row each, beside its in-run baseline or the ratio to it, its target,
// and what bounds it — the server, the driver, or the machine — told from the CPU each process
// used over the figure's wall time and the load average. The README's benchmark table is copied
// from it.

export const TITLE = "Issues 16 and 17: this run's figures, their baselines and what bounds them";

/** The run.mjs sections the summary reads. */
export const SECTIONS = ['session-cpu', 'deployed', 'stored', 'provisioning'];

const cores = 2;
const f = (n, digits = 0) =>
  n === undefined
    ? '–'
    : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (share) => `${f(share * 100)} %`;
const loadOf = (r) => Math.max(r.loadAtStart[0], r.loadAtEnd?.[0] ?? 0);

/**
 * What bounds a rate: the measured process if it used ≥ 85 % of a core (one event loop), the
 * driver likewise, else the machine when the load average is at or above its cores (the
 * process waited for a core), else the steps' latency (neither busy nor starved).
 */
export function boundBy({ server, serverShare, driverShare, load }) {
  if (serverShare >= 0.85) return `the server (${server} at ${pct(serverShare)} of a core)`;
  if (driverShare !== undefined && driverShare >= 0.85) {
    return `the driver (${pct(driverShare)} of a core; ${server} ${pct(serverShare)})`;
  }
  if (load >= cores) {
    return `the machine (load ${f(load, 1)} on ${cores} cores; ${server} at ${pct(serverShare)} of a core)`;
  }
  return `latency between steps (${server} at ${pct(serverShare)} of a core, load ${f(load, 1)})`;
}

function sessionRows(r) {
  const row = (prefix, connection = 'kept alive across sessions') =>
    r.rows.find((x) => x.label.startsWith(prefix) && x.connection === connection);
  const bare = row('bare');
  const off = row('all-in-one, this tree, tracing off');
  const bareFresh = row('bare', 'one per session');
  const offFresh = row('all-in-one, this tree, tracing off', 'one per session');
  const tlsConnection = r.rows.find((x) => x.connection.includes('no resumption')).connection;
  const bareTls = row('bare', tlsConnection);
  const offTls = row('all-in-one, this tree, tracing off', tlsConnection);
  const resumedConnection = r.rows.find((x) => x.connection.includes('resumed')).connection;
  const bareResumed = row('bare', resumedConnection);
  const offResumed = row('all-in-one, this tree, tracing off', resumedConnection);
  const pairedOff = row('all-in-one, this tree, tracing off, beside tracing on');
  const on = row('all-in-one, this tree, tracing on');
  const bound = (x) =>
    boundBy({
      server: 'the all-in-one',
      serverShare: (x.perSecond * x.serverMicros) / 1e6,
      driverShare: (x.perSecond * x.driverMicros) / 1e6,
      load: loadOf(r),
    });
  const vsBare = (x, b) =>
    `bare node:http ${f(b.serverMicros)} µs, ${f(b.perSecond)}/s: ×${f(x.serverMicros / b.serverMicros, 1)} the CPU, ${f(x.perSecond / b.perSecond, 2)} of the sessions/s`;
  return [
    `| Inform-only session of a provisioned device, all-in-one (SQLite), warmed (${r.warmup} s), tracing off, a device's sessions on one kept-alive connection | **${f(off.serverMicros)} µs** of CPU per session, ${f(off.perSecond)} sessions/s (driver ${f(off.driverMicros)} µs) | ${vsBare(off, bare)} | ≤ 300 µs; ≥ 0.5 of the bare server | ${bound(off)} |`,
    `| same, a connection per session (as CPEs do: TCP accept and close in every session) | **${f(offFresh.serverMicros)} µs**, ${f(offFresh.perSecond)}/s (driver ${f(offFresh.driverMicros)} µs) | ${vsBare(offFresh, bareFresh)} | ≥ 0.5 of the bare server | ${bound(offFresh)} |`,
    `| same, a connection per session over TLS 1.3, a full handshake each (RSA 2048 certificate, no resumption: a CPE after a reboot) | **${f(offTls.serverMicros)} µs**, ${f(offTls.perSecond)}/s (driver ${f(offTls.driverMicros)} µs) | ${vsBare(offTls, bareTls)}; ×${f(offTls.serverMicros / off.serverMicros, 1)} the kept-alive session | – | ${bound(offTls)} |`,
    `| same over TLS 1.3 with the session resumed (each device offers the ticket of its previous connection: a CPE between periodic informs, on any replica when they share MERIDIAN_CWMP_TLS_TICKET_KEYS) | **${f(offResumed.serverMicros)} µs**, ${f(offResumed.perSecond)}/s (driver ${f(offResumed.driverMicros)} µs) | ${vsBare(offResumed, bareResumed)}; ×${f(offResumed.serverMicros / offTls.serverMicros, 2)} the full handshake's | – | ${bound(offResumed)} |`,
    `| same, tracing on (every session, OTLP/HTTP to a local sink), side by side with tracing off at the same paced rate | ${f(on.serverMicros)} µs against ${f(pairedOff.serverMicros)} µs, ${f(on.perSecond)}/s each | **×${f(on.vsOff, 2)}** tracing off's CPU (median of each round's ratio: ${on.vsOffAll.map((v) => `×${f(v, 2)}`).join(', ')}) | ≤ ×1.15 | paced: ${bound(on)} |`,
  ];
}

function deployedRows(rows, aio) {
  const warmed = aio.rows.find((x) => x.label.startsWith('all-in-one, this tree, tracing off'));
  return rows.map((r) => {
    const store = r.store === 'mongo' ? 'FerretDB 1.24' : 'SQLite';
    if (r.error)
      return `| Deployed shape on ${store} | failed in this run: ${r.error} | – | – | – |`;
    const services = [
      ['gateway', r.gatewayMicros],
      ['provisioning', r.provisioningMicros],
      ...(r.ferretMicros === undefined ? [] : [['FerretDB', r.ferretMicros]]),
    ];
    const busiest = services.reduce((a, b) => (b[1] > a[1] ? b : a));
    const total = services.reduce((n, [, us]) => n + us, 0);
    return `| Deployed shape on ${store} (Kafka, Redis): CPU per Inform-only session per service | ${services.map(([name, us]) => `${name} **${f(us)} µs** (${f(1e6 / us)}/s per core)`).join(', ')}, Redis ${f(r.redisMicros)} µs (${f(r.redisSession.bytes)} bytes per live session); ${f(r.perSecond)} sessions/s, ${f(r.refused)} refused, drain ${f(r.drainSeconds, 1)} s | ×${f(total / warmed.serverMicros, 1)} the warmed all-in-one's ${f(warmed.serverMicros)} µs${r.ferretMicros === undefined ? '' : `; FerretDB ${pct(r.ferretMicros / total)} of it`} | – | ${boundBy({ server: busiest[0], serverShare: (r.perSecond * busiest[1]) / 1e6, driverShare: (r.perSecond * r.driverMicros) / 1e6, load: loadOf(r) })} |`;
  });
}

function provisioningRows(r) {
  const s = r.storm;
  const periodic = r.throughput.find((t) => !t.error);
  return [
    `| Boot storm: ${f(s.devices)} new CPEs to preset configuration (full discovery), all-in-one on SQLite | **${f(s.provisioned / s.seconds, 1)} devices/s, ${f((s.acsCpuSeconds * 1000) / s.devices, 1)} ms** of CPU per device (${f(s.provisioned)} of ${f(s.devices)} reached in ${f(s.seconds, 1)} s) | ${f(s.provisioned / s.seconds / 85, 2)} of the target rate, ×${f((s.acsCpuSeconds * 100) / s.devices, 1)} its CPU | ≥ 85/s, ≤ 10 ms per device | ${boundBy({ server: 'the all-in-one', serverShare: s.acsCpuSeconds / s.seconds, driverShare: s.simCpuSeconds / s.seconds, load: loadOf(r) })} |`,
    `| Provisioning alone, periodic Informs of provisioned devices (SQLite, in-process bus) | **${f(periodic.periodic.perSecond)}/s at ${f(periodic.periodic.cpuMsPerInform, 3)} ms** of CPU each | ${f(1000 / periodic.periodic.cpuMsPerInform)}/s per core at that cost: ${f(1000 / periodic.periodic.cpuMsPerInform / 5000, 2)} of the target | ≥ 5,000/s | ${boundBy({ server: 'the process', serverShare: (periodic.periodic.perSecond * periodic.periodic.cpuMsPerInform) / 1000, load: loadOf(r) })} |`,
  ];
}

function storedRows(r) {
  return r.rows.map((x) => {
    const mongo = x.store === 'mongo';
    const ferretShare = mongo ? (x.answeredPerSecond * x.ferretCpuMsPerInform) / 1000 : 0;
    const acsShare = (x.answeredPerSecond * x.acsCpuMsPerInform) / 1000;
    const bound = boundBy({
      ...(ferretShare > acsShare
        ? { server: 'FerretDB', serverShare: ferretShare }
        : { server: 'the all-in-one', serverShare: acsShare }),
      driverShare: (x.answeredPerSecond * x.driverCpuMsPerInform) / 1000,
      load: loadOf(r),
    });
    return `| Informs stored per second, all-in-one on ${mongo ? 'FerretDB 1.24' : 'SQLite'}, ${x.devices} devices | **${x.drained ? `${f(x.storedPerSecond)}/s` : 'not idle'}, drain ${f(x.drainSeconds, 1)} s**, ${f(x.refused)} refused (503) | ${x.drained ? f(x.storedPerSecond / x.answeredPerSecond, 2) : '–'} of the ${f(x.answeredPerSecond)} sessions/s answered | ${mongo ? '≥ 65–230/s, drain < 5 s' : 'drain < 5 s'} | ${bound} |`;
  });
}

function backpressureRow(r) {
  const worst = r.rows.reduce((a, b) => (b.drainSeconds > a.drainSeconds ? b : a));
  return `| Backpressure: answered but not yet stored when the load stops (all-in-one, every store and device count above) | longest drain **${f(worst.drainSeconds, 1)} s** (${worst.store === 'mongo' ? 'FerretDB' : 'SQLite'}, ${worst.devices} devices, ${f(worst.refused)} sessions refused with 503) | backlog limit ${f(worst.maxBacklog)} / ${f(worst.storedPerSecond)} stored per s = ${worst.drained ? `${f(worst.maxBacklog / worst.storedPerSecond, 1)} s` : '–'} | no drain after the load (< 5 s) | the store's stored rate (the drain is the backlog limit over it) |`;
}

export function toMarkdown(results) {
  const stored = results.stored;
  return `## ${TITLE}

Ratios are to a baseline measured in the same run (the bare server, tracing off, the warmed
all-in-one, the sessions answered) or to the issue's target where none exists. "Bound by" is
read from the CPU each process used over the figure's wall time: a process at ≥ 85 % of a core
is the bound (one event loop); else the machine, when the load average is at or above its
${cores} cores (other work took the cores); else the latency between steps. Details in the
sections below.

| figure | this run | in-run baseline or ratio | target | bound by |
|---|---|---|---|---|
${[
  ...sessionRows(results['session-cpu']),
  ...deployedRows(results.deployed, results['session-cpu']),
  ...provisioningRows(results.provisioning),
  ...storedRows(stored),
  backpressureRow(stored),
].join('\n')}
`;
}
