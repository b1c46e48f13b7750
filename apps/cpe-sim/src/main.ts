import { createSimulator, parseArgs, USAGE } from '@meridian/cpe-sim';

/** Runs the simulator until SIGINT/SIGTERM, printing a one-line summary every 10 seconds. */
async function main(): Promise<void> {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let sessions = 0;
  let failures = 0;
  const sim = await createSimulator({
    ...options,
    onSession: (cpe, record) => {
      sessions++;
      if (record.error) {
        failures++;
        process.stderr.write(`${cpe.serialNumber}: session failed: ${record.error}\n`);
      }
    },
  });
  process.stdout.write(
    `cpe-sim: ${sim.devices.length} devices → ${options.acsUrl}, connection requests on port ${sim.connectionRequestPort}\n`,
  );
  const summary = setInterval(() => {
    process.stdout.write(`cpe-sim: ${sessions} sessions, ${failures} failed\n`);
  }, 10_000);
  const shutdown = () => {
    clearInterval(summary);
    void sim.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

void main();
