import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUS, type Bus, type Subscription } from '@meridian/bus';
import { readConfig } from '@meridian/config';
import { SCHEMA_VERSION, Topics } from '@meridian/contracts';
import type { TransferCompleteFault } from '@meridian/cwmp';
import { createSimulator, type Simulator } from '@meridian/cpe-sim';
import { campaignCommandId } from '@meridian/firmware';
import { STORE, type Store } from '@meridian/store';
import { nbiClient } from '@meridian/testing';
import { meridianSpec, startMeridian, type Meridian } from '../src/meridian';

const KEY = 'campaigns-admin-key-0123456789';
const VIEWER = 'campaigns-viewer-key-0123456789';
const DEVICES = 50;
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
 * STAND-IN for the transfer tracker (branch wip/firmware, not merged yet), following its rules
 * as far as a test needs: success once the device's Inform carries "M Download" (the command's
 * key) and "1 BOOT" with the campaign's version as SoftwareVersion; failure with the fault of a
 * TransferComplete whose FaultCode is not 0. It is what lets the campaign's own path (runner,
 * store, NBI, cpe-sim downloading from the file server) run end to end here.
 */
async function standInTracker(bus: Bus, store: Store): Promise<Subscription[]> {
  /** The version the command's image installs (the tracker learns it from the file). */
  const versionOf = async (deviceId: string, commandId: string) => {
    const [record] = (await store.campaigns.devicesById([deviceId], ['inFlight'])).filter(
      (d) => d.commandId === commandId,
    );
    return record && (await store.campaigns.get(record.campaignId))?.version;
  };
  const outcome = (
    deviceId: string,
    commandId: string,
    at: string,
    fault?: TransferCompleteFault,
  ) =>
    bus.publish(Topics.firmwareOutcomes, deviceId, {
      schemaVersion: SCHEMA_VERSION,
      deviceId,
      commandId,
      outcome: fault === undefined ? 'succeeded' : 'failed',
      ...(fault === undefined
        ? {}
        : { faultCode: fault.faultCode, faultString: fault.faultString }),
      at,
    });
  return [
    await bus.subscribe(Topics.inform, 'test-stand-in-tracker', async ({ value }) => {
      const codes = value.events.map((e) => e.eventCode);
      const download = value.events.find((e) => e.eventCode === 'M Download');
      const running = value.parameterList.find((p) =>
        p.name.endsWith('DeviceInfo.SoftwareVersion'),
      );
      if (
        download &&
        codes.includes('1 BOOT') &&
        running?.value !== undefined &&
        running.value === (await versionOf(value.deviceId, download.commandKey))
      ) {
        await outcome(value.deviceId, download.commandKey, value.time);
      }
    }),
    await bus.subscribe(Topics.events, 'test-stand-in-tracker', async ({ value }) => {
      if (value.rpc.name !== 'TransferComplete' || value.rpc.faultStruct.faultCode === 0) return;
      await outcome(value.deviceId, value.rpc.commandKey, value.time, value.rpc.faultStruct);
    }),
  ];
}

/** A staged campaign over 50 simulated devices in the all-in-one. */
describe('all-in-one firmware campaigns', () => {
  let dataDir: string;
  let meridian: Meridian;
  let sims: Simulator[];
  let nbi: string;
  let tracker: Subscription[] = [];
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
  const versions = async (): Promise<Record<string, number>> => {
    const { json } = await call(
      'GET',
      '/devices?productClass=SimRouter&fields=softwareVersion&limit=1000',
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
    ];
    await Promise.all(sims.map((s) => s.booted));
  });

  afterAll(async () => {
    for (const subscription of tracker) await subscription.close();
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
      'window.timeZone Nowhere/Town is no IANA time zone',
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

  it('runs a canary stage, waits for its outcome, then upgrades the rest and completes', async () => {
    const created = await call('POST', '/campaigns', {
      name: 'fw 2.0 to every SimRouter',
      file: 'fw-2.0.bin',
      target: { productClass: 'SimRouter' },
      stages: [
        { percent: 2, soakSeconds: 1 },
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

    // The canary (1 device of 50) downloads from the file server and reboots on 2.0; with no
    // outcome reported yet, the campaign holds at stage 0 with it in flight.
    const canary = await until(async () => {
      const { json } = await call('GET', `/campaigns/${id}/devices?state=inFlight`);
      return json.total === 1 ? json.items[0] : undefined;
    });
    expect(canary.commandId).toBe(campaignCommandId(id, canary.deviceId));
    await until(async () => ((await versions())['2.0'] === 3 ? true : undefined));
    await new Promise((r) => setTimeout(r, 500));
    const holding = await call('GET', `/campaigns/${id}`);
    expect(holding.json).toMatchObject({
      stage: 0,
      progress: { inFlight: 1, pending: DEVICES - 1 },
    });
    expect(holding.json.stageProgress.map((s: { total: number }) => s.total)).toEqual([
      1,
      DEVICES - 1,
    ]);

    // With outcomes reported, the rest goes, at most 10 at a time.
    const bus = meridian.app.get<Bus>(BUS, { strict: false });
    tracker = await standInTracker(bus, meridian.app.get<Store>(STORE, { strict: false }));
    // The canary's TransferComplete came before the stand-in listened: its outcome, as reported.
    await bus.publish(Topics.firmwareOutcomes, canary.deviceId, {
      schemaVersion: SCHEMA_VERSION,
      deviceId: canary.deviceId,
      commandId: canary.commandId,
      outcome: 'succeeded',
      at: new Date().toISOString(),
    });
    const done = await until(async () => {
      const { json } = await call('GET', `/campaigns/${id}`);
      return json.state === 'completed' ? json : undefined;
    });
    expect(done.progress).toMatchObject({ succeeded: DEVICES, failed: 0, inFlight: 0, skipped: 2 });
    expect(await versions()).toEqual({ '2.0': DEVICES + 2 });
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

  it.skip('with the transfer tracker (wip/firmware): outcomes confirmed by the BOOT Inform complete the campaign without the stand-in — enable once the tracker publishes firmware.outcomes on main', () =>
    undefined);
});
