import type { FirmwareOutcome } from '@meridian/contracts';
import { transferProfileOf, type SimulatedCpe, type TransferShare } from '@meridian/cpe-sim';
import { campaignCommandId } from '@meridian/firmware';
import { eventually, tapTopic, type TopicTap } from '@meridian/testing';
import { startServices, type Services } from './services-setup';

/*
 * Firmware upgrades on Meridian as deployed: gateway, provisioning, NBI and the firmware service
 * (file server, transfer tracking) as processes on the real Kafka, Redis and FerretDB, simulated
 * CPEs downloading from the file server. One device upgrades, one comes back on its old version,
 * one fails with 9010, one never reports; each outcome arrives on firmware.outcomes and in
 * GET /devices/{deviceId}/transfers. A campaign run by the firmware service ends its devices from
 * those outcomes, read back from Kafka; SIGKILLed in the middle of a campaign and started again,
 * the firmware service carries it to the end: an outcome for every device, no second Download.
 */
jest.setTimeout(120_000);

const SHARES: TransferShare[] = [
  { share: 0.25, profile: { outcome: 'fail', faultCode: 9010, faultString: 'Download failure' } },
  { share: 0.25, profile: { outcome: 'rollBack' } },
  { share: 0.25, profile: { outcome: 'silent' } },
];
/** The devices of the kill case, from this index on (the other cases use the first ones). */
const FIRST_KILL_DEVICE = 11;
const KILL_DEVICES = 16;
const IMAGE = Buffer.from(`meridian-sim-firmware 2.0\n${'x'.repeat(10_000)}`);

describe('firmware upgrades on the services', () => {
  let services: Services;
  let outcomes: TopicTap<FirmwareOutcome>;
  /** The simulated devices of a transfer profile (devices are numbered from 1). */
  const devicesOf = (outcome?: string): SimulatedCpe[] =>
    services.sim.devices.filter((_, i) => transferProfileOf(i + 1, SHARES)?.outcome === outcome);
  const deviceOf = (outcome?: string, nth = 0): SimulatedCpe => {
    const found = devicesOf(outcome)[nth];
    if (!found) throw new Error(`no device of profile ${outcome}`);
    return found;
  };
  const download = async (cpe: SimulatedCpe): Promise<string> => {
    const reply = await services.call(
      'POST',
      `/devices/${services.deviceIdOf(cpe)}/tasks?connectionRequest=true&timeout=20000`,
      { name: 'download', file: 'fw-2.0.bin' },
    );
    expect(reply.json).toMatchObject({ status: 'done', response: { status: 1 } });
    return reply.json.commandId as string;
  };
  const outcomeOf = async (commandId: string) =>
    (await outcomes.next((o) => o.commandId === commandId, 60_000)).value;

  beforeAll(async () => {
    services = await startServices({
      name: 'firmware',
      devices: FIRST_KILL_DEVICE + KILL_DEVICES,
      nbi: true,
      firmwareEnv: {
        MERIDIAN_TRANSFER_TIMEOUT_SECONDS: '6',
        MERIDIAN_TRANSFER_SWEEP_SECONDS: '1',
        MERIDIAN_CAMPAIGN_INTERVAL_MS: '200',
        // One Download per tick: the kill finds devices done, in flight and pending.
        MERIDIAN_CAMPAIGN_WAKE_RATE: '5',
        // The killed member leaves its consumer groups this soon, for the restarted one.
        MERIDIAN_KAFKA_SESSION_TIMEOUT_MS: '6000',
      },
      simulator: { transferShares: SHARES },
      // The preset case informs right after PUT /presets: with the default 2 s catalog cache,
      // a snapshot another device's session took just before misses the new preset, nothing is
      // planned and no outcome ever comes (seen under load). Every Inform reads the presets.
      provisioningEnv: { MERIDIAN_PRESET_CACHE_MS: '0' },
    });
    outcomes = await tapTopic(
      `${services.kafkaPrefix}firmware.outcomes`,
      `${services.kafkaPrefix}e2e-outcomes`,
    );
    const uploaded = await services.upload(
      'fw-2.0.bin',
      IMAGE,
      'fileType=1%20Firmware%20Upgrade%20Image&version=2.0',
    );
    expect(uploaded.status).toBe(201);
  }, 150_000);

  afterAll(async () => {
    await outcomes?.close();
    await services?.stop();
  }, 60_000);

  it('upgrades a device end to end: download by file, fetched, BOOT on 2.0, succeeded', async () => {
    const cpe = deviceOf(undefined);
    const commandId = await download(cpe);
    const outcome = await outcomeOf(commandId);
    expect(outcome).toEqual({
      schemaVersion: 1,
      deviceId: services.deviceIdOf(cpe),
      commandId,
      fileName: 'fw-2.0.bin',
      version: '2.0',
      outcome: 'succeeded',
      at: expect.any(String),
    });
    // The image came from the file server: the device installed what it says.
    expect(cpe.value('Device.DeviceInfo.SoftwareVersion')).toBe('2.0');
    const transfers = await services.call('GET', `/devices/${services.deviceIdOf(cpe)}/transfers`);
    expect(transfers.json.items).toEqual([
      expect.objectContaining({
        commandId,
        fileName: 'fw-2.0.bin',
        fileType: '1 Firmware Upgrade Image',
        version: '2.0',
        fromVersion: '1.0.0',
        reportedVersion: '2.0',
        state: 'succeeded',
      }),
    ]);
  });

  it('counts a device back on its old version as rolledBack', async () => {
    const cpe = deviceOf('rollBack');
    const outcome = await outcomeOf(await download(cpe));
    expect(outcome).toMatchObject({ outcome: 'rolledBack', version: '2.0' });
    expect(cpe.value('Device.DeviceInfo.SoftwareVersion')).toBe('1.0.0');
  });

  it('fails with the 9010 of TransferComplete', async () => {
    const outcome = await outcomeOf(await download(deviceOf('fail')));
    expect(outcome).toMatchObject({
      outcome: 'failed',
      faultCode: 9010,
      faultString: 'Download failure',
    });
  });

  it('times out a device that never reports', async () => {
    const cpe = deviceOf('silent');
    const commandId = await download(cpe);
    expect(await outcomeOf(commandId)).toMatchObject({ outcome: 'timedOut' });
    const transfers = await services.call('GET', `/devices/${services.deviceIdOf(cpe)}/transfers`);
    expect(transfers.json.items).toEqual([
      expect.objectContaining({ commandId, state: 'timedOut' }),
    ]);
  });

  it('applies a preset download once provisioning reads the succeeded outcome from Kafka', async () => {
    const cpe = devicesOf(undefined)[1]!;
    const deviceId = services.deviceIdOf(cpe);
    expect((await services.call('POST', `/devices/${deviceId}/tags/fw-preset`)).status).toBe(204);
    const preset = await services.call('PUT', '/presets/fw-preset', {
      precondition: { tags: ['fw-preset'] },
      actions: [{ type: 'download', file: 'fw-2.0.bin' }],
    });
    expect(preset.status).toBe(201);
    await cpe.inform(['6 CONNECTION REQUEST']);
    const outcome = await outcomes.next(
      (o) => o.deviceId === deviceId && o.fileName === 'fw-2.0.bin',
      60_000,
    );
    expect(outcome.value).toMatchObject({ outcome: 'succeeded', version: '2.0' });
    await eventually(async () => {
      const reply = await services.call('GET', `/devices/${deviceId}/provisioning`);
      return reply.json.applied?.['fw-preset']?.version === 1;
    }, 30_000);
    expect(cpe.value('Device.DeviceInfo.SoftwareVersion')).toBe('2.0');
  });

  it('runs a campaign on the firmware service: pauses on its first failure, resumes with a changed rule, completes with the rollback counted failed', async () => {
    // Devices no other case touched: one fails with 9010, one rolls back, one upgrades.
    const wave = [deviceOf('fail', 1), deviceOf('rollBack', 1), deviceOf(undefined, 2)];
    const [failing, rollingBack, healthy] = wave.map((cpe) => services.deviceIdOf(cpe));
    for (const cpe of wave) {
      const tagged = await services.call('POST', `/devices/${services.deviceIdOf(cpe)}/tags/wave`);
      expect(tagged.status).toBe(204);
    }
    const created = await services.call('POST', '/campaigns', {
      name: 'wave',
      file: 'fw-2.0.bin',
      target: { tags: ['wave'] },
      stages: [{ percent: 100 }],
      maxInFlight: 1,
      stopRules: { failuresInWindow: { failures: 0, window: 10 } },
    });
    expect(created.status).toBe(201);
    expect(created.json.progress).toMatchObject({ total: 3, pending: 3 });
    const id: string = created.json.campaignId;
    const campaign = async () => (await services.call('GET', `/campaigns/${id}`)).json;

    // One device at a time: the first failure pauses it, with a device still pending.
    let paused: { pauseReason: string; progress: Record<string, number> } | undefined;
    await eventually(async () => {
      const json = await campaign();
      if (json.state === 'paused') paused = json;
      return paused !== undefined;
    }, 60_000);
    expect(paused!.pauseReason).toMatch(
      /^stop rule failuresInWindow: 1 failures in the last [12] devices \(more than 0 of 10\)$/,
    );
    expect(paused!.progress).toMatchObject({ failed: 1, inFlight: 0 });
    expect(paused!.progress.pending).toBeGreaterThan(0);

    const resumed = await services.call('POST', `/campaigns/${id}/resume`, {
      stopRules: { failuresInWindow: { failures: 2, window: 10 } },
    });
    expect(resumed.json).toMatchObject({ state: 'running' });
    let done: { progress: Record<string, unknown> } | undefined;
    await eventually(async () => {
      const json = await campaign();
      if (json.state === 'completed') done = json;
      return done !== undefined;
    }, 60_000);
    expect(done!.progress).toMatchObject({
      succeeded: 1,
      failed: 2,
      failedByFaultCode: { '9010': 1, none: 1 },
      failedByOutcome: { failed: 1, rolledBack: 1 },
    });
    // Each device's outcome came over Kafka from the tracker, under the campaign's commandId.
    const ended = await Promise.all(
      [failing, rollingBack, healthy].map((deviceId) =>
        outcomeOf(campaignCommandId(id, deviceId!)),
      ),
    );
    expect(ended.map((o) => [o.deviceId, o.outcome, o.version])).toEqual([
      [failing, 'failed', '2.0'],
      [rollingBack, 'rolledBack', '2.0'],
      [healthy, 'succeeded', '2.0'],
    ]);
    expect(wave.map((cpe) => cpe.value('Device.DeviceInfo.SoftwareVersion'))).toEqual([
      '1.0.0',
      '1.0.0',
      '2.0',
    ]);
  });

  it('loses no outcome and sends no second Download when the firmware service is SIGKILLed mid-campaign', async () => {
    const fleet = services.sim.devices.slice(FIRST_KILL_DEVICE);
    const downloadsOf = (cpe: SimulatedCpe) =>
      cpe.sessions.flatMap((s) => s.rpcs).filter((rpc) => rpc === 'Download').length;
    expect(fleet.map(downloadsOf)).toEqual(fleet.map(() => 0));
    for (const cpe of fleet) {
      const tagged = await services.call('POST', `/devices/${services.deviceIdOf(cpe)}/tags/kill`);
      expect(tagged.status).toBe(204);
    }
    const created = await services.call('POST', '/campaigns', {
      name: 'kill',
      file: 'fw-2.0.bin',
      target: { tags: ['kill'] },
      stages: [{ percent: 100 }],
      maxInFlight: 4,
    });
    expect(created.status).toBe(201);
    const id: string = created.json.campaignId;
    const campaign = async () => (await services.call('GET', `/campaigns/${id}`)).json;

    // Killed with devices finished, devices in flight and devices not started yet.
    let before: { progress: Record<string, number> } | undefined;
    await eventually(async () => {
      const json = await campaign();
      const { succeeded, failed, inFlight, pending } = json.progress;
      if (succeeded + failed >= 2 && inFlight >= 1 && pending >= 1) before = json;
      return before !== undefined;
    }, 60_000);
    await services.killFirmware();
    await services.restartFirmware();

    let done: { progress: Record<string, number> } | undefined;
    await eventually(async () => {
      const json = await campaign();
      if (json.state === 'completed') done = json;
      return done !== undefined;
    }, 90_000);
    expect(done!.progress).toMatchObject({ total: KILL_DEVICES, pending: 0, inFlight: 0 });
    const { succeeded, failed } = done!.progress as { succeeded: number; failed: number };
    expect(succeeded + failed).toBe(KILL_DEVICES);
    expect(succeeded).toBeGreaterThan(0);
    // Every device's outcome came from the tracker over Kafka, under the campaign's commandId,
    // and the campaign counted the device as that outcome says.
    const devices = (await services.call('GET', `/campaigns/${id}/devices?limit=100`)).json.items;
    expect(devices).toHaveLength(KILL_DEVICES);
    for (const cpe of fleet) {
      const deviceId = services.deviceIdOf(cpe);
      const outcome = await outcomeOf(campaignCommandId(id, deviceId));
      const device = devices.find((d: { deviceId: string }) => d.deviceId === deviceId);
      expect([deviceId, device.outcome]).toEqual([deviceId, outcome.outcome]);
    }
    // Counted where the Downloads land: each device got exactly one.
    expect(fleet.map(downloadsOf)).toEqual(fleet.map(() => 1));
    // Its own budget: the waits above (start 60 s, restart up to 60 s, completion 90 s, then
    // outcomes already read) exceed the file's 120 s under CPU load, where jest would cut the
    // test short with a bare timeout instead of the wait that was too slow.
  }, 300_000);
});
