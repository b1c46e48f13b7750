import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUS, type Bus, type Subscription } from '@meridian/bus';
import { readConfig } from '@meridian/config';
import { Topics, type FirmwareOutcome } from '@meridian/contracts';
import {
  createSimulator,
  transferProfileOf,
  type Simulator,
  type TransferShare,
} from '@meridian/cpe-sim';
import { campaignCommandId } from '@meridian/firmware';
import { nbiClient, openWindowUtc } from '@meridian/testing';
import { meridianSpec, startMeridian, type Meridian } from '../src/meridian';

const KEY = 'campaigns-admin-key-0123456789';
const VIEWER = 'campaigns-viewer-key-0123456789';
const DEVICES = 50;
/** A second product class whose downloads go wrong: 20 % fail with 9010, 5 % roll back. */
const FLEET = 40;
const FLEET_SHARES: TransferShare[] = [
  { share: 0.2, profile: { outcome: 'fail', faultCode: 9010, faultString: 'Download failure' } },
  { share: 0.05, profile: { outcome: 'rollBack' } },
];
/** A third product class whose devices report their time zone. */
const ZONED = 6;
jest.setTimeout(60_000);

async function until<T>(probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`condition not met within ${ms} ms`);
}

/**
 * Staged campaigns in the all-in-one, which runs the campaign runner and the transfer tracker
 * together: the tracker ends each Download from the device's TransferComplete and the BOOT
 * Inform it comes back with (its SoftwareVersion), publishes firmware.outcomes, and the runner
 * ends the campaign's devices from them. Simulated CPEs download the image from the file server.
 */
describe('all-in-one firmware campaigns', () => {
  let dataDir: string;
  let meridian: Meridian;
  let sims: Simulator[];
  let nbi: string;
  /** Every firmware.outcomes message, read by a group of the test's own. */
  const outcomes: FirmwareOutcome[] = [];
  let tap: Subscription | undefined;
  const call = (method: string, path: string, body?: unknown) =>
    nbiClient(nbi, KEY)(method, path, body);

  const upload = async (name: string, content: string, version: string) => {
    const res = await fetch(
      `${nbi}/files/${name}?fileType=1%20Firmware%20Upgrade%20Image&version=${version}`,
      {
        method: 'PUT',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/octet-stream' },
        body: Buffer.from(`${content}\n${'\0'.repeat(20_000)}`),
      },
    );
    expect(res.status).toBe(201);
  };
  const versions = async (productClass = 'SimRouter'): Promise<Record<string, number>> => {
    const { json } = await call(
      'GET',
      `/devices?productClass=${productClass}&fields=softwareVersion&limit=1000`,
    );
    const counts: Record<string, number> = {};
    for (const d of json.items as { softwareVersion: string }[]) {
      counts[d.softwareVersion] = (counts[d.softwareVersion] ?? 0) + 1;
    }
    return counts;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'meridian-campaigns-'));
    meridian = await startMeridian(
      readConfig(meridianSpec, {
        MERIDIAN_DATA_DIR: dataDir,
        MERIDIAN_CWMP_HOST: '127.0.0.1',
        MERIDIAN_CWMP_PORT: '0',
        MERIDIAN_NBI_PORT: '0',
        MERIDIAN_FILES_PORT: '0',
        MERIDIAN_NBI_API_KEYS: `ops:admin:${KEY},viewer:read-only:${VIEWER}`,
        MERIDIAN_CR_USERNAME: 'cr',
        MERIDIAN_CR_PASSWORD: 'cr-secret',
        MERIDIAN_CAMPAIGN_INTERVAL_MS: '100',
        MERIDIAN_CAMPAIGN_WAKE_RATE: '100',
        MERIDIAN_LOG_LEVEL: 'warn',
      }),
    );
    nbi = `http://127.0.0.1:${meridian.nbiPort}`;
    const common = {
      acsUrl: `http://127.0.0.1:${meridian.cwmpPort}/`,
      crPort: 0,
      connectionRequestUsername: 'cr',
      connectionRequestPassword: 'cr-secret',
      periodicInformInterval: 0,
      rebootDelayMs: 20,
    };
    sims = [
      await createSimulator({ ...common, count: DEVICES, softwareVersion: '1.0' }),
      // Already on the campaign's version: skipped.
      await createSimulator({
        ...common,
        count: 2,
        firstIndex: 900,
        softwareVersion: '2.0',
      }),
      await createSimulator({
        ...common,
        count: FLEET,
        productClass: 'SimFleet',
        serialPrefix: 'FLT',
        softwareVersion: '1.0',
        transferShares: FLEET_SHARES,
      }),
      // Devices in two time zones, for a maintenance window in the devices' own zones.
      await createSimulator({
        ...common,
        count: ZONED,
        productClass: 'SimZoned',
        serialPrefix: 'TZ',
        softwareVersion: '1.0',
      }),
    ];
    await Promise.all(sims.map((s) => s.booted));
    tap = await meridian.app
      .get<Bus>(BUS, { strict: false })
      .subscribe(Topics.firmwareOutcomes, 'test-outcomes', ({ value }) => {
        outcomes.push(value);
        return Promise.resolve();
      });
  });

  afterAll(async () => {
    await tap?.close();
    for (const sim of sims ?? []) await sim.stop();
    await meridian?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses bad campaigns: an unknown file, invalid stages, a read-only key', async () => {
    const unknown = await call('POST', '/campaigns', {
      name: 'nope',
      file: 'missing.bin',
      target: { productClass: 'SimRouter' },
      stages: [{ percent: 100 }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toMatchObject({ code: 'unknown_file' });
    expect(unknown.json.error.message).toContain('missing.bin');

    await upload('fw-2.0.bin', 'meridian-sim-firmware 2.0', '2.0');
    const invalid = await call('POST', '/campaigns', {
      name: 'bad',
      file: 'fw-2.0.bin',
      target: { productClass: 'SimRouter', color: 'blue' },
      stages: [{ percent: 50 }, { percent: 10 }],
      window: { start: '22:00', end: '05:00', timeZone: 'Nowhere/Town' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.code).toBe('invalid_campaign');
    expect(invalid.json.error.details).toEqual(['body.target: unknown field color']);
    const badStages = await call('POST', '/campaigns', {
      name: 'bad',
      file: 'fw-2.0.bin',
      target: { productClass: 'SimRouter' },
      stages: [{ percent: 50 }, { percent: 10 }],
      window: { start: '22:00', end: '05:00', timeZone: 'Nowhere/Town' },
    });
    expect(badStages.json.error.details).toEqual([
      "stages[1].percent must be above the previous stage's (50) and at most 100",
      'the last stage must reach 100 percent',
      'window.timeZone Nowhere/Town is no IANA time zone, POSIX TZ string or "device"',
    ]);
    const viewer = await nbiClient(nbi, VIEWER)('POST', '/campaigns', {
      name: 'x',
      file: 'fw-2.0.bin',
      target: {},
      stages: [{ percent: 100 }],
    });
    expect(viewer.status).toBe(403);
    expect((await call('GET', '/campaigns')).json).toEqual({ items: [], total: 0 });
  });

  it('runs a canary stage confirmed by its BOOT Inform, soaks, then upgrades the rest and completes', async () => {
    const created = await call('POST', '/campaigns', {
      name: 'fw 2.0 to every SimRouter',
      file: 'fw-2.0.bin',
      target: { productClass: 'SimRouter' },
      stages: [
        { percent: 2, soakSeconds: 2 },
        { percent: 100, soakSeconds: 0 },
      ],
      maxInFlight: 10,
      stopRules: { failuresInWindow: { failures: 2, window: 10 } },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      state: 'running',
      stage: 0,
      version: '2.0',
      progress: {
        total: DEVICES + 2,
        pending: DEVICES,
        skipped: 2,
        skippedByReason: { onTargetVersion: 2 },
      },
    });
    const id: string = created.json.campaignId;
    const planned = await call('GET', `/campaigns/${id}`);
    expect(planned.json.stageProgress.map((s: { total: number }) => s.total)).toEqual([
      1,
      DEVICES - 1,
    ]);

    // The canary (1 device of 50) downloads from the file server, reboots on 2.0, and the
    // tracker confirms it from the "M Download" + "1 BOOT" Inform; the stage then soaks 2 s.
    const canary = await until(async () => {
      const { json } = await call('GET', `/campaigns/${id}/devices?state=succeeded`);
      return json.total === 1 ? json.items[0] : undefined;
    });
    expect(canary).toMatchObject({
      commandId: campaignCommandId(id, canary.deviceId),
      stage: 0,
      outcome: 'succeeded',
    });
    const soaking = await call('GET', `/campaigns/${id}`);
    expect(soaking.json).toMatchObject({
      stage: 0,
      progress: { succeeded: 1, inFlight: 0, pending: DEVICES - 1 },
    });
    const transfers = await call('GET', `/devices/${canary.deviceId}/transfers`);
    expect(transfers.json.items).toEqual([
      expect.objectContaining({
        commandId: canary.commandId,
        fileName: 'fw-2.0.bin',
        version: '2.0',
        fromVersion: '1.0',
        reportedVersion: '2.0',
        state: 'succeeded',
      }),
    ]);

    // After the soak the rest goes, at most 10 at a time.
    const done = await until(async () => {
      const { json } = await call('GET', `/campaigns/${id}`);
      return json.state === 'completed' ? json : undefined;
    });
    expect(done.progress).toMatchObject({ succeeded: DEVICES, failed: 0, inFlight: 0, skipped: 2 });
    expect(await versions()).toEqual({ '2.0': DEVICES + 2 });
    // One outcome per device, from the tracker alone.
    const { json: devices } = await call('GET', `/campaigns/${id}/devices?state=succeeded`);
    const commandIds = (devices.items as { commandId: string }[]).map((d) => d.commandId).sort();
    expect(commandIds).toHaveLength(DEVICES);
    expect(
      outcomes
        .filter((o) => commandIds.includes(o.commandId))
        .map((o) => o.commandId)
        .sort(),
    ).toEqual(commandIds);
    const audit = await call('GET', '/audit');
    expect(audit.json.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'POST /campaigns', target: id, status: 201 }),
      ]),
    );
  });

  it('pauses on a stop rule with its reason, resumes with a changed rule, aborts', async () => {
    // Not an image the simulator installs: every device fails with 9018.
    await upload('fw-bad.bin', 'not a firmware image', '3.0');
    const created = await call('POST', '/campaigns', {
      name: 'bad image',
      file: 'fw-bad.bin',
      target: { productClass: 'SimRouter', softwareVersion: '2.0' },
      stages: [{ percent: 100 }],
      maxInFlight: 3,
      stopRules: { failuresInWindow: { failures: 2, window: 10 } },
    });
    expect(created.status).toBe(201);
    const id: string = created.json.campaignId;
    const paused = await until(async () => {
      const { json } = await call('GET', `/campaigns/${id}`);
      return json.state === 'paused' ? json : undefined;
    });
    // 3 failures, or a few more if outcomes came faster than an evaluation (every 100 ms).
    expect(paused.pauseReason).toMatch(
      /^stop rule failuresInWindow: (\d+) failures in the last \1 devices \(more than 2 of 10\)$/,
    );
    expect(paused.progress.failed).toBeGreaterThanOrEqual(3);
    expect(paused.progress.failedByFaultCode).toEqual({ '9018': paused.progress.failed });
    expect((await call('POST', `/campaigns/${id}/pause`)).status).toBe(409);

    const resumed = await call('POST', `/campaigns/${id}/resume`, {
      stopRules: { failuresInWindow: { failures: 5, window: 10 } },
    });
    expect(resumed.status).toBe(200);
    expect(resumed.json).toMatchObject({
      state: 'running',
      stopRules: { failuresInWindow: { failures: 5, window: 10 } },
    });
    expect(resumed.json.pauseReason).toBeUndefined();
    // Failures before the resume no longer count: 6 more fail before it pauses again.
    const again = await until(async () => {
      const { json } = await call('GET', `/campaigns/${id}`);
      return json.state === 'paused' ? json : undefined;
    });
    expect(again.pauseReason).toContain('more than 5 of 10');
    expect(again.progress.failed).toBeGreaterThanOrEqual(paused.progress.failed + 6);

    const aborted = await call('POST', `/campaigns/${id}/abort`);
    expect(aborted.json.state).toBe('aborted');
    expect((await call('POST', `/campaigns/${id}/resume`)).json.error).toMatchObject({
      code: 'not_paused',
      state: 'aborted',
    });
    // The devices left pending are free for another campaign once this one ended.
    const list = await call('GET', '/campaigns?state=aborted');
    expect(list.json.items.map((c: { campaignId: string }) => c.campaignId)).toEqual([id]);
  });

  it('stops a campaign where 20 % of devices fail at the stage failure rate, resumes with a changed rule, counts a rollback as failed', async () => {
    // What each fleet device does with a download (the simulator numbers them from 1).
    const profileOf = (deviceId: string) =>
      transferProfileOf(Number(deviceId.slice(-6)), FLEET_SHARES)?.outcome;
    const fleet = sims[2]!.devices.map((d) => `00D09E-SimFleet-${d.serialNumber}`);
    const failing = fleet.filter((d) => profileOf(d) === 'fail');
    const rolledBack = fleet.filter((d) => profileOf(d) === 'rollBack');
    expect([failing.length, rolledBack.length]).toEqual([8, 3]);

    await upload('fw-2.1.bin', 'meridian-sim-firmware 2.1', '2.1');
    const created = await call('POST', '/campaigns', {
      name: 'fw 2.1 to the fleet',
      file: 'fw-2.1.bin',
      target: { productClass: 'SimFleet' },
      stages: [{ percent: 100 }],
      maxInFlight: 4,
      stopRules: { stageFailureRatePercent: 10 },
    });
    expect(created.status).toBe(201);
    const id: string = created.json.campaignId;
    const paused = await until(async () => {
      const { json } = await call('GET', `/campaigns/${id}`);
      return json.state === 'paused' ? json : undefined;
    });
    // Judged once 10 devices have finished: the campaign stops there, long before the end.
    const [, failed, finished] =
      /^stop rule stageFailureRatePercent: (\d+) of (\d+) devices of stage 0 failed \(\d+\.\d % > 10 %\)$/.exec(
        paused.pauseReason,
      ) ?? [undefined, '0', '0'];
    expect(Number(finished)).toBeGreaterThanOrEqual(10);
    expect((100 * Number(failed)) / Number(finished)).toBeGreaterThan(10);
    expect(paused.progress.pending).toBeGreaterThan(0);

    // Paused, nothing more starts: those in flight finish, the pending stay.
    const drained = await until(async () => {
      const { json } = await call('GET', `/campaigns/${id}`);
      return json.progress.inFlight === 0 ? json : undefined;
    });
    await new Promise((r) => setTimeout(r, 500));
    const still = await call('GET', `/campaigns/${id}`);
    expect(still.json).toMatchObject({
      state: 'paused',
      progress: { pending: drained.progress.pending, inFlight: 0 },
    });
    expect(still.json.progress.pending).toBe(paused.progress.pending);

    const resumed = await call('POST', `/campaigns/${id}/resume`, {
      stopRules: { stageFailureRatePercent: 50 },
    });
    expect(resumed.json).toMatchObject({
      state: 'running',
      stopRules: { stageFailureRatePercent: 50 },
    });
    const done = await until(async () => {
      const { json } = await call('GET', `/campaigns/${id}`);
      return json.state === 'completed' ? json : undefined;
    });
    expect(done.progress).toMatchObject({
      total: FLEET,
      succeeded: FLEET - failing.length - rolledBack.length,
      failed: failing.length + rolledBack.length,
      failedByFaultCode: { '9010': failing.length, none: rolledBack.length },
      failedByOutcome: { failed: failing.length, rolledBack: rolledBack.length },
      inFlight: 0,
      pending: 0,
    });
    // The rolled-back devices came back on 1.0, the failed ones never left it.
    expect(await versions('SimFleet')).toEqual({
      '2.1': FLEET - failing.length - rolledBack.length,
      '1.0': failing.length + rolledBack.length,
    });
    const { json: failedDevices } = await call('GET', `/campaigns/${id}/devices?state=failed`);
    const byDevice = new Map(
      (failedDevices.items as { deviceId: string; outcome: string }[]).map((d) => [d.deviceId, d]),
    );
    expect([...byDevice.keys()].sort()).toEqual([...failing, ...rolledBack].sort());
    for (const deviceId of rolledBack) {
      expect(byDevice.get(deviceId)).toMatchObject({ state: 'failed', outcome: 'rolledBack' });
      const transfers = await call('GET', `/devices/${deviceId}/transfers`);
      expect(transfers.json.items).toEqual([
        expect.objectContaining({
          version: '2.1',
          reportedVersion: '1.0',
          state: 'rolledBack',
        }),
      ]);
    }
    for (const deviceId of failing) {
      expect(byDevice.get(deviceId)).toMatchObject({
        state: 'failed',
        outcome: 'failed',
        faultCode: 9010,
      });
    }
  });

  it("starts, with a window in the devices' zones, only the devices whose local time is inside it", async () => {
    const zoned = sims[3]!.devices;
    const deviceIdOf = (serialNumber: string) => `00D09E-SimZoned-${serialNumber}`;
    // This hour to two hours later, UTC: open for devices on UTC, shut 6 hours east.
    const hour = new Date().getUTCHours();
    const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
    const zoneOf = (i: number) => (i % 2 === 0 ? 'UTC0' : '<+06>-6');
    // Each device is told its zone (TR-181 Device.Time.LocalTimeZone, a POSIX TZ string).
    for (const [i, cpe] of zoned.entries()) {
      const task = await call(
        'POST',
        `/devices/${deviceIdOf(cpe.serialNumber)}/tasks?connectionRequest=true&timeout=10000`,
        {
          name: 'setParameterValues',
          parameterValues: [['Device.Time.LocalTimeZone', zoneOf(i), 'xsd:string']],
        },
      );
      expect(task.json.status).toBe('done');
    }
    const created = await call('POST', '/campaigns', {
      name: 'zoned',
      file: 'fw-2.0.bin',
      target: { productClass: 'SimZoned' },
      stages: [{ percent: 100 }],
      maxInFlight: ZONED,
      window: { start: hh(hour), end: hh(hour + 2), timeZone: 'device', fallbackTimeZone: 'UTC' },
    });
    expect(created.status).toBe(201);
    const id: string = created.json.campaignId;
    const listed = await call('GET', `/campaigns/${id}/devices`);
    expect(
      Object.fromEntries(
        listed.json.items.map((d: { deviceId: string; timeZone: string }) => [
          d.deviceId,
          d.timeZone,
        ]),
      ),
    ).toEqual(Object.fromEntries(zoned.map((cpe, i) => [deviceIdOf(cpe.serialNumber), zoneOf(i)])));

    const upgraded = await until(async () => {
      const { json } = await call('GET', `/campaigns/${id}`);
      return json.progress.succeeded === ZONED / 2 ? json : undefined;
    });
    // The devices six hours east wait for their window to open in their own zone.
    await new Promise((r) => setTimeout(r, 500));
    const { json: still } = await call('GET', `/campaigns/${id}`);
    expect(still).toMatchObject({
      state: 'running',
      progress: { succeeded: ZONED / 2, pending: ZONED / 2, inFlight: 0 },
    });
    expect(upgraded.state).toBe('running');
    const pending = await call('GET', `/campaigns/${id}/devices?state=pending`);
    expect(pending.json.items.map((d: { timeZone: string }) => d.timeZone)).toEqual(
      Array(ZONED / 2).fill('<+06>-6'),
    );
    expect((await call('POST', `/campaigns/${id}/abort`)).status).toBe(200);
  });

  it('upgrades through ScheduleDownload inside the window when the campaign asks for it', async () => {
    const zoned = sims[3]!.devices;
    // The devices the last case left on 1.0; those on 2.0 are skipped.
    const created = await call('POST', '/campaigns', {
      name: 'scheduled',
      file: 'fw-2.0.bin',
      target: { productClass: 'SimZoned' },
      stages: [{ percent: 100 }],
      maxInFlight: ZONED,
      window: { ...openWindowUtc(), scheduleDownload: true },
    });
    expect(created.status).toBe(201);
    expect(created.json.progress).toMatchObject({ pending: ZONED / 2, skipped: ZONED / 2 });
    const id: string = created.json.campaignId;
    const done = await until(async () => {
      const { json } = await call('GET', `/campaigns/${id}`);
      return json.state === 'completed' ? json : undefined;
    });
    expect(done.progress).toMatchObject({ succeeded: ZONED / 2, failed: 0 });
    // The CPEs got a ScheduleDownload, no Download, and came back on 2.0 ("M ScheduleDownload").
    const rpcs = zoned.map((cpe) => cpe.sessions.flatMap((r) => r.rpcs));
    const scheduled = zoned.filter((_, i) => rpcs[i]!.includes('ScheduleDownload'));
    expect(scheduled).toHaveLength(ZONED / 2);
    for (const cpe of scheduled) {
      expect(cpe.value('Device.DeviceInfo.SoftwareVersion')).toBe('2.0');
      expect(cpe.sessions.flatMap((r) => r.rpcs).filter((r) => r === 'Download')).toEqual([]);
    }
  });
});
