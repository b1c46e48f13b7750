// Campaign throughput (issue 13): devices upgraded per minute by one campaign on the all-in-one
// (SQLite store, in-process bus), N simulated CPEs in this process downloading a real image from
// the file server, rebooting and coming back with "M Download" + "1 BOOT" and the new
// SoftwareVersion, which the all-in-one's transfer tracker confirms (firmware.outcomes) before
// the campaign runner counts the device upgraded. Needs `npm run build` first.
//
//   node bench/campaign.mjs [--devices 500] [--max-in-flight 50] [--wake-rate 50] [--image-kib 1024]
//     [--canary 1 --soak 2]        a canary stage of 1 % soaked 2 s, then the rest
//     [--fail-share 0.2 --stop-rate 10 --resume-rate 50]
//                                  a fifth of the devices fail their download (9010); the stop
//                                  rule stageFailureRatePercent 10 pauses the campaign, which is
//                                  resumed with 50 once the pause is seen, and completes
//     [--periodic 120]             PeriodicInformInterval of the simulated CPEs (0: none)
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => path.join(root, 'dist', p);
const KEY = 'bench-admin-key-0123456789';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};

export async function runCampaignBench({
  devices = arg('devices', 500),
  maxInFlight = arg('max-in-flight', 50),
  wakeRate = arg('wake-rate', 50),
  imageKiB = arg('image-kib', 1024),
  canary = arg('canary', 0),
  soak = arg('soak', 0),
  failShare = arg('fail-share', 0),
  stopRate = arg('stop-rate', 10),
  resumeRate = arg('resume-rate', 50),
  periodic = arg('periodic', 0),
} = {}) {
  require('reflect-metadata');
  const { startMeridian, meridianSpec } = require(dist('apps/meridian/src/meridian.js'));
  const { readConfig } = require(dist('libs/config/src/index.js'));
  const { createSimulator } = require(dist('libs/cpe-sim/src/index.js'));

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'meridian-bench-campaign-'));
  const meridian = await startMeridian(
    readConfig(meridianSpec, {
      MERIDIAN_DATA_DIR: dataDir,
      MERIDIAN_CWMP_HOST: '127.0.0.1',
      MERIDIAN_CWMP_PORT: '0',
      MERIDIAN_NBI_PORT: '0',
      MERIDIAN_FILES_PORT: '0',
      MERIDIAN_NBI_API_KEYS: `bench:admin:${KEY}`,
      MERIDIAN_CR_USERNAME: 'cr',
      MERIDIAN_CR_PASSWORD: 'cr-secret',
      MERIDIAN_CAMPAIGN_INTERVAL_MS: '200',
      MERIDIAN_CAMPAIGN_WAKE_RATE: String(wakeRate),
      MERIDIAN_LOG_LEVEL: 'error',
    }),
  );
  const nbi = `http://127.0.0.1:${meridian.nbiPort}`;
  const headers = { authorization: `Bearer ${KEY}` };
  const call = async (method, p, body) => {
    const res = await fetch(nbi + p, {
      method,
      headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return res.json();
  };
  const sim = await createSimulator({
    count: devices,
    acsUrl: `http://127.0.0.1:${meridian.cwmpPort}/`,
    crPort: 0,
    connectionRequestUsername: 'cr',
    connectionRequestPassword: 'cr-secret',
    // A device the connection request did not reach (a starved event loop) comes at its next
    // periodic Inform, as a real one would.
    periodicInformInterval: periodic,
    rebootDelayMs: 200,
    softwareVersion: '1.0',
    // Spread evenly over the serial numbers: the canary meets them too.
    transferShares:
      failShare > 0
        ? [
            {
              share: failShare,
              profile: { outcome: 'fail', faultCode: 9010, faultString: 'Download failure' },
            },
          ]
        : [],
  });
  const bootStarted = Date.now();
  await sim.booted;
  const bootSeconds = (Date.now() - bootStarted) / 1000;

  const image = Buffer.concat([
    Buffer.from('meridian-sim-firmware 2.0\n'),
    Buffer.alloc(imageKiB * 1024),
  ]);
  await fetch(`${nbi}/files/fw-2.0.bin?fileType=1%20Firmware%20Upgrade%20Image&version=2.0`, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/octet-stream' },
    body: image,
  });

  const cpuBefore = process.cpuUsage();
  const started = Date.now();
  const campaign = await call('POST', '/campaigns', {
    name: 'bench',
    file: 'fw-2.0.bin',
    target: { productClass: 'SimRouter' },
    stages:
      canary > 0 ? [{ percent: canary, soakSeconds: soak }, { percent: 100 }] : [{ percent: 100 }],
    maxInFlight,
    stopRules: failShare > 0 ? { stageFailureRatePercent: stopRate } : {},
  });
  if (!campaign.campaignId) throw new Error(`campaign refused: ${JSON.stringify(campaign)}`);
  let state;
  let canarySeconds;
  let pause;
  for (;;) {
    state = await call('GET', `/campaigns/${campaign.campaignId}`);
    if (canary > 0 && canarySeconds === undefined && state.stage > 0) {
      canarySeconds = (Date.now() - started) / 1000;
    }
    if (state.state === 'paused' && pause === undefined) {
      // What the stop rule left: the devices finished and in flight when it paused.
      pause = {
        atSeconds: (Date.now() - started) / 1000,
        reason: state.pauseReason,
        succeeded: state.progress.succeeded,
        failed: state.progress.failed,
        inFlight: state.progress.inFlight,
      };
      await call('POST', `/campaigns/${campaign.campaignId}/resume`, {
        stopRules: { stageFailureRatePercent: resumeRate },
      });
      continue;
    }
    if (state.state !== 'running') break;
    await sleep(250);
  }
  const seconds = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);

  await sim.stop();
  await meridian.close();
  rmSync(dataDir, { recursive: true, force: true });
  return {
    devices,
    maxInFlight,
    wakeRate,
    imageKiB,
    canary,
    soak,
    periodic,
    failShare,
    bootSeconds,
    ...(canarySeconds !== undefined ? { canarySeconds } : {}),
    ...(pause !== undefined ? { pause } : {}),
    state: state.state,
    succeeded: state.progress.succeeded,
    failed: state.progress.failed,
    failedByFaultCode: state.progress.failedByFaultCode,
    seconds,
    perMinute: Math.round((state.progress.succeeded / seconds) * 60),
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

export function toMarkdown(r) {
  return `| devices | maxInFlight | wake rate /s | image | result | time | upgraded per minute | CPU (one process) |
|---|---|---|---|---|---|---|---|
| ${r.devices} | ${r.maxInFlight} | ${r.wakeRate} | ${r.imageKiB} KiB | ${r.state}: ${r.succeeded} succeeded, ${r.failed} failed | ${r.seconds.toFixed(1)} s | **${r.perMinute}** | ${r.cpuSeconds.toFixed(1)} s |`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await runCampaignBench();
  console.log(JSON.stringify(result));
  console.log(toMarkdown(result));
}
