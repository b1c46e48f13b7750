import { Readable } from 'node:stream';
import type { CampaignEvent } from '@meridian/contracts';
import { ADMIN, OPERATOR, READER, json, startHarness } from './harness';

/** The /campaigns routes on an embedded store and bus (no runner: nothing starts). */
describe('NBI /campaigns', () => {
  let h: Awaited<ReturnType<typeof startHarness>>;
  const events: CampaignEvent[] = [];
  const body = {
    name: 'fw 2.0',
    file: 'fw-2.0.bin',
    target: { productClass: 'HG8245', softwareVersion: '1.0', tags: ['lab'] },
    stages: [{ percent: 10, soakSeconds: 60 }, { percent: 100 }],
    stopRules: { stageFailureRatePercent: 20 },
  };

  beforeAll(async () => {
    h = await startHarness();
    await h.bus.subscribe('firmware.campaigns', 'test', async ({ value }) => {
      events.push(value);
    });
    await h.store.files.put(
      { name: 'fw-2.0.bin', type: '1 Firmware Upgrade Image', version: '2.0', maxBytes: 1e6 },
      Readable.from([Buffer.from('image')]),
    );
    const versions = ['1.0', '1.0', '1.0', '2.0', '0.9'];
    for (const [i, softwareVersion] of versions.entries()) {
      const deviceId = `00259E-HG8245-S${i}`;
      await h.store.devices.upsertFromInform(
        deviceId,
        {
          identity: {
            manufacturer: 'H',
            oui: '00259E',
            productClass: 'HG8245',
            serialNumber: `S${i}`,
          },
          events: ['1 BOOT'],
          softwareVersion,
        },
        new Date(),
      );
      if (i !== 2) await h.store.devices.addTag(deviceId, 'lab');
    }
  });

  afterAll(async () => {
    await h.stop();
  });

  it('creates a campaign over the target: on the version already skipped, other versions left out', async () => {
    const res = await h.call('POST', '/campaigns', OPERATOR, body);
    expect(res.status).toBe(201);
    const created = await json(res);
    // S0, S1: tagged, on 1.0. S2 untagged; S3 on 2.0 (skipped); S4 on 0.9 (not the target's).
    expect(created).toMatchObject({
      state: 'running',
      version: '2.0',
      maxInFlight: 50,
      stages: [
        { percent: 10, soakSeconds: 60 },
        { percent: 100, soakSeconds: 0 },
      ],
      progress: { total: 3, pending: 2, skipped: 1, skippedByReason: { onTargetVersion: 1 } },
    });
    const devices = await json(
      await h.call('GET', `/campaigns/${created.campaignId}/devices?state=pending`, READER),
    );
    expect(devices.items.map((d: { deviceId: string }) => d.deviceId).sort()).toEqual([
      '00259E-HG8245-S0',
      '00259E-HG8245-S1',
    ]);
    expect(events.at(-1)).toMatchObject({ campaignId: created.campaignId, change: 'created' });
    const audit = await json(await h.call('GET', '/audit', ADMIN));
    expect(audit.items[0]).toMatchObject({
      actor: 'dev',
      action: 'POST /campaigns',
      target: created.campaignId,
      status: 201,
      detail: { file: 'fw-2.0.bin', version: '2.0', devices: 3, skipped: 1 },
    });

    // The same devices in a second campaign: busy in the first one.
    const second = await json(await h.call('POST', '/campaigns', OPERATOR, body));
    expect(second.progress).toMatchObject({
      pending: 0,
      skipped: 3,
      skippedByReason: { onTargetVersion: 1, inAnotherCampaign: 2 },
    });
  });

  it('pauses, resumes with changed stop rules, aborts; 409 from the wrong state', async () => {
    const { campaignId } = await json(await h.call('POST', '/campaigns', OPERATOR, body));
    expect((await h.call('POST', `/campaigns/${campaignId}/resume`, OPERATOR)).status).toBe(409);
    const paused = await json(await h.call('POST', `/campaigns/${campaignId}/pause`, OPERATOR));
    expect(paused).toMatchObject({ state: 'paused', pauseReason: 'paused by dev' });

    const invalid = await h.call('POST', `/campaigns/${campaignId}/resume`, OPERATOR, {
      stopRules: { failuresInWindow: { failures: 10, window: 10 } },
    });
    expect(invalid.status).toBe(400);
    expect((await json(invalid)).error.details).toEqual([
      'stopRules.failuresInWindow.failures must be below its window',
    ]);
    const unknownRule = await h.call('POST', `/campaigns/${campaignId}/resume`, OPERATOR, {
      stopRules: { maxFailures: 3 },
    });
    expect((await json(unknownRule)).error.details).toEqual([
      'body.stopRules: unknown field maxFailures',
    ]);

    const resumed = await h.call('POST', `/campaigns/${campaignId}/resume`, OPERATOR, {
      stopRules: { failuresInWindow: { failures: 3, window: 10 } },
    });
    expect(resumed.status).toBe(200);
    const running = await json(resumed);
    expect(running).toMatchObject({
      state: 'running',
      stopRules: { failuresInWindow: { failures: 3, window: 10 } },
    });
    expect(running.pauseReason).toBeUndefined();
    expect(new Date(running.countFrom).getTime()).toBeGreaterThan(
      new Date(paused.countFrom).getTime() - 1,
    );

    const aborted = await json(await h.call('POST', `/campaigns/${campaignId}/abort`, OPERATOR));
    expect(aborted.state).toBe('aborted');
    const again = await h.call('POST', `/campaigns/${campaignId}/abort`, OPERATOR);
    expect(again.status).toBe(409);
    expect((await json(again)).error).toMatchObject({ code: 'not_running', state: 'aborted' });
    expect(events.filter((e) => e.campaignId === campaignId).map((e) => e.change)).toEqual([
      'created',
      'paused',
      'resumed',
      'aborted',
    ]);
  });

  it('lists by state, shows progress per stage, and answers clear errors', async () => {
    const list = await json(await h.call('GET', '/campaigns?state=aborted', READER));
    expect(list.total).toBe(1);
    expect((await h.call('GET', '/campaigns?state=done', READER)).status).toBe(400);
    const { campaignId } = list.items[0];
    const one = await json(await h.call('GET', `/campaigns/${campaignId}`, READER));
    expect(one.stageProgress.map((s: { percent: number }) => s.percent)).toEqual([10, 100]);
    expect((await h.call('GET', '/campaigns/nope', READER)).status).toBe(404);
    expect((await h.call('POST', '/campaigns/nope/pause', OPERATOR)).status).toBe(404);
    expect((await h.call('POST', '/campaigns', READER, body)).status).toBe(403);
    expect((await h.call('POST', `/campaigns/${campaignId}/pause`, READER)).status).toBe(403);
    const noVersion = await h.call('POST', '/campaigns', OPERATOR, { ...body, version: '' });
    expect((await json(noVersion)).error.code).toBe('invalid_campaign');
  });

  it('publishes the routes and schemas in the OpenAPI document', async () => {
    const doc = await json(await h.call('GET', '/api-docs-json'));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/campaigns',
        '/campaigns/{campaignId}',
        '/campaigns/{campaignId}/devices',
        '/campaigns/{campaignId}/pause',
        '/campaigns/{campaignId}/resume',
        '/campaigns/{campaignId}/abort',
      ]),
    );
    expect(doc.components.schemas.CampaignBody.required).toEqual([
      'name',
      'file',
      'target',
      'stages',
    ]);
  });
});
