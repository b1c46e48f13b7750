import 'reflect-metadata';
import { Readable } from 'node:stream';
import { InProcessBus } from '@meridian/bus';
import { planDevices, progressOf, type Campaign } from '@meridian/campaign';
import {
  SCHEMA_VERSION,
  isCancelMessage,
  isCommandMessage,
  type CampaignEvent,
  type CancelMessage,
  type CommandMessage,
  type FirmwareOutcome,
} from '@meridian/contracts';
import { InMemorySessionStore } from '@meridian/session-store';
import { createSqliteStore, type Store } from '@meridian/store';
import { Metrics } from '@meridian/telemetry';
import { campaignCandidates, campaignCommandId, checkAccess, CampaignRunner } from '../src';

const T0 = new Date('2026-12-05T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const SECRET = 'campaign-runner-secret-0123456789';

/** Runner over a real SQLite store and the in-process bus; the clock is passed to tick(). */
describe('CampaignRunner', () => {
  let store: Store;
  let bus: InProcessBus;
  let downloads: CommandMessage[];
  let cancels: CancelMessage[];
  let events: CampaignEvent[];

  // A long interval: the tests drive tick() with their own clock, the timer never fires.
  const runner = (wakeRatePerSecond = 1, intervalMs = 600_000, metrics?: Metrics) =>
    new CampaignRunner(
      store,
      bus,
      {
        filesUrl: () => 'http://files.example:7567',
        secret: SECRET,
        urlTtlSeconds: 3600,
        deliverySeconds: 600,
        intervalMs,
        wakeRatePerSecond,
      },
      metrics,
    );

  const outcome = (
    deviceId: string,
    campaignId: string,
    result: FirmwareOutcome['outcome'],
    time: Date,
    faultCode?: number,
  ): FirmwareOutcome => ({
    schemaVersion: SCHEMA_VERSION,
    deviceId,
    commandId: campaignCommandId(campaignId, deviceId),
    fileName: 'fw-2.0.bin',
    version: '2.0',
    outcome: result,
    ...(faultCode !== undefined ? { faultCode, faultString: 'Download failure' } : {}),
    at: time.toISOString(),
  });

  async function settle(): Promise<void> {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  }

  async function newCampaign(
    campaignId: string,
    devices: number,
    overrides: Partial<Campaign> = {},
  ): Promise<Campaign> {
    for (let i = 0; i < devices; i++) {
      await store.devices.upsertFromInform(
        `00D09E-SimRouter-${campaignId}${i}`,
        {
          identity: {
            manufacturer: 'Sim',
            oui: '00D09E',
            productClass: 'SimRouter',
            serialNumber: `${campaignId}${i}`,
          },
          events: ['1 BOOT'],
          softwareVersion: i === 0 ? '2.0' : '1.0',
        },
        T0,
      );
    }
    const campaign: Campaign = {
      campaignId,
      name: campaignId,
      fileName: 'fw-2.0.bin',
      version: '2.0',
      target: { productClass: 'SimRouter' },
      stages: [
        { percent: 10, soakSeconds: 30 },
        { percent: 100, soakSeconds: 0 },
      ],
      maxInFlight: 4,
      stopRules: {},
      state: 'running',
      stage: 0,
      stageStartedAt: T0,
      countFrom: T0,
      createdAt: T0,
      updatedAt: T0,
      ...overrides,
    };
    const candidates = await campaignCandidates(store, campaign.target, campaign.version);
    await store.campaigns.create(campaign, planDevices(campaign, candidates));
    return campaign;
  }

  beforeEach(async () => {
    store = createSqliteStore(':memory:');
    bus = new InProcessBus();
    downloads = [];
    cancels = [];
    events = [];
    await store.files.put(
      { name: 'fw-2.0.bin', type: '1 Firmware Upgrade Image', version: '2.0', maxBytes: 1e6 },
      Readable.from([Buffer.from('meridian-sim-firmware 2.0\n')]),
    );
    await bus.subscribe('cwmp.commands', 'test', async ({ value }) => {
      if (isCommandMessage(value)) downloads.push(value);
      if (isCancelMessage(value)) cancels.push(value);
    });
    await bus.subscribe('firmware.campaigns', 'test', async ({ value }) => {
      events.push(value);
    });
  });

  afterEach(async () => {
    await bus.close();
    await store.close();
  });

  it('sends the canary Downloads: derived commandId, URL signed for the device, connection request', async () => {
    const campaign = await newCampaign('a', 21);
    await runner().tick(T0);
    await settle();
    // 20 eligible (one is on 2.0 already): 10 % is 2 devices.
    expect(downloads).toHaveLength(2);
    for (const command of downloads) {
      expect(command).toMatchObject({
        commandId: campaignCommandId('a', command.deviceId),
        connectionRequest: true,
        source: 'firmware',
        fileName: 'fw-2.0.bin',
        rpc: { name: 'Download', fileType: '1 Firmware Upgrade Image', fileSize: 26 },
      });
      expect(command.commandId).toMatch(/^c[0-9a-f]{31}$/);
      const url = new URL((command.rpc as { url: string }).url);
      expect(url.pathname).toBe('/fw-2.0.bin');
      expect(
        checkAccess('fw-2.0.bin', url.searchParams, SECRET, T0.getTime() / 1000),
      ).toMatchObject({ ok: true, grant: { deviceId: command.deviceId } });
    }
    const inFlight = await store.campaigns.devices(campaign.campaignId, ['inFlight']);
    expect(inFlight.map((d) => d.deviceId).sort()).toEqual(downloads.map((d) => d.deviceId).sort());
    expect(inFlight.every((d) => d.sentAt?.getTime() === T0.getTime())).toBe(true);
    const skipped = await store.campaigns.devices(campaign.campaignId, ['skipped']);
    expect(skipped.map((d) => [d.deviceId, d.skipReason])).toEqual([
      ['00D09E-SimRouter-a0', 'onTargetVersion'],
    ]);
  });

  it('hands the window to the devices: a ScheduleDownload to those speaking CWMP 1.2+, else a Download delayed until it opens', async () => {
    // 10:00 UTC at T0 is 11:00 in Paris: the window opens in 1 h and closes 2 h later.
    await newCampaign('w', 11, {
      stages: [{ percent: 100, soakSeconds: 0 }],
      maxInFlight: 10,
      window: { start: '12:00', end: '14:00', timeZone: 'Europe/Paris', scheduleDownload: true },
    });
    const spoke = (i: number) => (i <= 5 ? 'cwmp-1-2' : i <= 8 ? 'cwmp-1-1' : undefined);
    for (let i = 1; i <= 10; i++) {
      const cwmpVersion = spoke(i);
      await store.devices.upsertFromInform(
        `00D09E-SimRouter-w${i}`,
        {
          identity: {
            manufacturer: 'Sim',
            oui: '00D09E',
            productClass: 'SimRouter',
            serialNumber: `w${i}`,
          },
          events: ['2 PERIODIC'],
          ...(cwmpVersion !== undefined ? { cwmpVersion } : {}),
        },
        T0,
      );
    }
    await runner(100).tick(T0);
    await settle();
    expect(downloads).toHaveLength(10);
    const serial = (c: CommandMessage) => Number(c.deviceId.replace('00D09E-SimRouter-w', ''));
    for (const command of downloads) {
      const rpc =
        spoke(serial(command)) === 'cwmp-1-2'
          ? {
              name: 'ScheduleDownload',
              commandKey: command.commandId,
              fileType: '1 Firmware Upgrade Image',
              fileSize: 26,
              timeWindowList: [
                {
                  windowStart: 3600,
                  windowEnd: 3 * 3600,
                  windowMode: '1 At Any Time',
                  maxRetries: -1,
                },
              ],
            }
          : { name: 'Download', commandKey: command.commandId, delaySeconds: 3600 };
      expect(command).toMatchObject({ commandId: campaignCommandId('w', command.deviceId), rpc });
      // The device may fetch the file until its window closes, and the URL's lifetime after.
      const url = new URL((command.rpc as { url: string }).url);
      const closes = T0.getTime() / 1000 + 3 * 3600;
      expect(checkAccess('fw-2.0.bin', url.searchParams, SECRET, closes + 3599)).toMatchObject({
        ok: true,
      });
    }
    expect(downloads.filter((c) => c.rpc?.name === 'ScheduleDownload')).toHaveLength(5);
  });

  it('cancels, once, a Download still undelivered after the delivery time; the device ends skipped (undelivered), not failed', async () => {
    await newCampaign('x', 4, {
      stages: [{ percent: 100, soakSeconds: 0 }],
      stopRules: { failuresInWindow: { failures: 0, window: 3 } },
    });
    const r = runner(100);
    await r.onApplicationBootstrap();
    try {
      await r.tick(T0);
      await settle();
      expect(downloads).toHaveLength(3);
      // The gateway refuses each one not delivered by then.
      for (const command of downloads) expect(command.expiresAt).toBe(at(600).toISOString());
      const [delivered, ...offline] = downloads.map((d) => d.deviceId);
      await r.tick(at(599));
      await settle();
      expect(cancels).toEqual([]);

      await r.tick(at(600));
      await r.tick(at(601));
      await settle();
      // Each once, as a cancel on cwmp.commands: the gateway withdraws one it has not sent and
      // leaves one it sent (it alone knows which) to its own outcome.
      expect(cancels.map((c) => [c.deviceId, c.commandId, c.source]).sort()).toEqual(
        downloads.map((d) => [d.deviceId, d.commandId, 'firmware']).sort(),
      );
      // The delivered one ends with its own outcome; the others' cancelled results end them
      // undelivered.
      await bus.publish(
        'firmware.outcomes',
        delivered!,
        outcome(delivered!, 'x', 'succeeded', at(602)),
      );
      for (const deviceId of offline) {
        await bus.publish(
          'firmware.outcomes',
          deviceId,
          outcome(deviceId, 'x', 'undelivered', at(602)),
        );
      }
      await settle();
      await r.tick(at(603));
      await settle();
      expect(await store.campaigns.get('x')).toMatchObject({ state: 'completed' });
      const devices = await store.campaigns.devices('x');
      expect(progressOf(devices)).toMatchObject({
        succeeded: 1,
        failed: 0,
        skipped: 3,
        skippedByReason: { onTargetVersion: 1, undelivered: 2 },
      });
    } finally {
      await r.onApplicationShutdown();
    }
  });

  it('a restarted runner sends no device a second Download; one stored but unsent goes once, same id', async () => {
    const campaign = await newCampaign('b', 11, { stages: [{ percent: 100, soakSeconds: 0 }] });
    await runner().tick(T0);
    await settle();
    expect(downloads).toHaveLength(4); // maxInFlight
    // A crash between storing a start and publishing it: one more device in flight, unsent.
    const [next] = await store.campaigns.devices(campaign.campaignId, ['pending']);
    await store.campaigns.putDevices([
      {
        ...next!,
        state: 'inFlight',
        commandId: campaignCommandId('b', next!.deviceId),
        startedAt: T0,
      },
    ]);

    await runner().tick(at(1));
    await settle();
    expect(downloads).toHaveLength(5);
    expect(downloads[4]).toMatchObject({
      deviceId: next!.deviceId,
      commandId: campaignCommandId('b', next!.deviceId),
    });
    await runner().tick(at(2));
    await settle();
    expect(downloads).toHaveLength(5);
    expect(new Set(downloads.map((d) => d.deviceId)).size).toBe(5);
    // And were it published twice, the gateway's session store queues a commandId once.
    const sessions = new InMemorySessionStore();
    expect(await sessions.enqueue(downloads[4]!)).toBe(true);
    expect(await sessions.enqueue({ ...downloads[4]!, createdAt: at(3).toISOString() })).toBe(
      false,
    );
    await sessions.close();
  });

  it('bounds the starts per tick by the wake rate', async () => {
    await newCampaign('c', 30, {
      stages: [{ percent: 100, soakSeconds: 0 }],
      maxInFlight: 100,
    });
    await runner(1, 3000).tick(T0); // 1 per second, every 3 s
    await settle();
    expect(downloads).toHaveLength(3);
  });

  it('advances on outcomes after the soak, completes, and publishes each change', async () => {
    const campaign = await newCampaign('d', 21);
    const r = runner();
    await r.onApplicationBootstrap();
    try {
      await r.tick(T0);
      await settle();
      const canary = downloads.map((d) => d.deviceId);
      for (const deviceId of canary) {
        await bus.publish(
          'firmware.outcomes',
          deviceId,
          outcome(deviceId, 'd', 'succeeded', at(5)),
        );
      }
      await settle();
      // An outcome delivered twice, and one of a command no campaign sent, change nothing.
      await bus.publish('firmware.outcomes', canary[0]!, outcome(canary[0]!, 'd', 'failed', at(6)));
      await bus.publish('firmware.outcomes', 'other', outcome('other', 'd', 'failed', at(6)));
      await settle();
      const succeeded = await store.campaigns.devices('d', ['succeeded']);
      expect(succeeded.map((d) => d.deviceId).sort()).toEqual([...canary].sort());

      await r.tick(at(20)); // soaking until 35
      await settle();
      expect(downloads).toHaveLength(2);
      await r.tick(at(35));
      await settle();
      expect((await store.campaigns.get('d'))?.stage).toBe(1);
      expect(downloads).toHaveLength(6);

      // The rest: each outcome frees a slot.
      for (
        let t = 40;
        downloads.length < 20 || (await store.campaigns.devices('d', ['inFlight'])).length > 0;
        t++
      ) {
        for (const d of await store.campaigns.devices('d', ['inFlight'])) {
          await bus.publish(
            'firmware.outcomes',
            d.deviceId,
            outcome(d.deviceId, 'd', 'succeeded', at(t)),
          );
        }
        await settle();
        await r.tick(at(t));
        await settle();
        expect(t).toBeLessThan(100);
      }
      await r.tick(at(200));
      await settle();
      expect(await store.campaigns.get(campaign.campaignId)).toMatchObject({ state: 'completed' });
      expect(events.map((e) => [e.change, e.state, e.stage])).toEqual([
        ['stageAdvanced', 'running', 1],
        ['completed', 'completed', 1],
      ]);
    } finally {
      await r.onApplicationShutdown();
    }
  });

  it('exports devices by state per running or paused campaign, and outcomes by fault code', async () => {
    await newCampaign('m', 11, { stages: [{ percent: 100, soakSeconds: 0 }] });
    const metrics = new Metrics();
    const r = runner(1, 600_000, metrics);
    await r.onApplicationBootstrap();
    const sample = async (series: string) => {
      const line = (await metrics.scrape()).split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    try {
      await r.tick(T0);
      await settle();
      const [first, second, third] = downloads.map((d) => d.deviceId);
      await bus.publish('firmware.outcomes', first!, outcome(first!, 'm', 'failed', at(1), 9010));
      await bus.publish('firmware.outcomes', second!, outcome(second!, 'm', 'failed', at(1), 9010));
      await bus.publish('firmware.outcomes', third!, outcome(third!, 'm', 'rolledBack', at(2)));
      await settle();
      const devices = (state: string) =>
        sample(`meridian_campaign_devices{campaign="m",state="${state}"}`);
      expect(await devices('pending')).toBe(6);
      expect(await devices('inFlight')).toBe(1);
      expect(await devices('failed')).toBe(3);
      expect(await devices('succeeded')).toBe(0);
      expect(await devices('skipped')).toBe(1);
      expect(await sample('meridian_campaign_outcomes_total{outcome="failed",code="9010"}')).toBe(
        2,
      );
      expect(
        await sample('meridian_campaign_outcomes_total{outcome="rolledBack",code="none"}'),
      ).toBe(1);
      // An ended campaign shows its final counts.
      const fourth = downloads[3]!.deviceId;
      await bus.publish('firmware.outcomes', fourth, outcome(fourth, 'm', 'succeeded', at(3)));
      await settle();
      await store.campaigns.update('m', { state: 'aborted', updatedAt: new Date() }, 'running');
      expect(await devices('inFlight')).toBe(0);
      expect(await devices('succeeded')).toBe(1);
    } finally {
      await r.onApplicationShutdown();
      await metrics.shutdown();
    }
  });

  it('pauses on a stop rule with the reason, and starts nothing more', async () => {
    await newCampaign('e', 21, {
      stages: [{ percent: 100, soakSeconds: 0 }],
      stopRules: { failuresInWindow: { failures: 1, window: 10 } },
    });
    const r = runner();
    await r.onApplicationBootstrap();
    try {
      await r.tick(T0);
      await settle();
      const [first, second] = downloads.map((d) => d.deviceId);
      await bus.publish('firmware.outcomes', first!, outcome(first!, 'e', 'failed', at(1), 9010));
      await bus.publish('firmware.outcomes', second!, outcome(second!, 'e', 'rolledBack', at(2)));
      await settle();
      await r.tick(at(3));
      await settle();
      const paused = await store.campaigns.get('e');
      expect(paused).toMatchObject({
        state: 'paused',
        pauseReason:
          'stop rule failuresInWindow: 2 failures in the last 2 devices (more than 1 of 10)',
      });
      expect(events).toEqual([
        expect.objectContaining({ change: 'paused', state: 'paused', reason: paused?.pauseReason }),
      ]);
      await r.tick(at(4));
      await settle();
      expect(downloads).toHaveLength(4);
      const failed = await store.campaigns.devices('e', ['failed']);
      expect(failed.map((d) => [d.outcome, d.faultCode])).toEqual(
        expect.arrayContaining([
          ['failed', 9010],
          ['rolledBack', undefined],
        ]),
      );
    } finally {
      await r.onApplicationShutdown();
    }
  });

  it('skips devices pending or in flight in another running or paused campaign', async () => {
    await newCampaign('f', 5, { stages: [{ percent: 100, soakSeconds: 0 }] });
    const second = await campaignCandidates(store, { productClass: 'SimRouter' }, '2.0');
    expect(second.filter((c) => c.busyIn === 'f')).toHaveLength(4); // f0 is on 2.0: skipped there
    // Two campaigns that both hold a device (created at once on two NBI replicas): the second
    // to start it skips it.
    await runner().tick(T0);
    await settle();
    const raced: Campaign = {
      ...(await store.campaigns.get('f'))!,
      campaignId: 'g',
      stages: [{ percent: 100, soakSeconds: 0 }],
      maxInFlight: 10,
    };
    await store.campaigns.create(
      raced,
      planDevices(
        raced,
        second.map(({ deviceId }) => ({ deviceId })),
      ),
    );
    const before = downloads.length;
    await runner().tick(at(1));
    await settle();
    const started = downloads.slice(before).map((d) => d.deviceId);
    const fInFlight = (await store.campaigns.devices('f', ['inFlight'])).map((d) => d.deviceId);
    expect(started.some((deviceId) => fInFlight.includes(deviceId))).toBe(false);
    const gSkipped = await store.campaigns.devices('g', ['skipped']);
    expect(gSkipped.map((d) => d.deviceId).sort()).toEqual([...fInFlight].sort());
    expect(gSkipped.every((d) => d.skipReason === 'inAnotherCampaign')).toBe(true);

    await store.campaigns.update('f', { state: 'aborted', updatedAt: at(1) });
    const afterAbort = await campaignCandidates(store, { productClass: 'SimRouter' }, '2.0');
    expect(afterAbort.filter((c) => c.busyIn === 'f')).toEqual([]);
  });
});
