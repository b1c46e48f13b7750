import {
  applyOutcome,
  evaluate,
  inWindow,
  planDevices,
  progressOf,
  nextWindow,
  specProblems,
  stageEnds,
  type Campaign,
  type CampaignDevice,
  type CampaignSpec,
  type Candidate,
} from '../src';

const T0 = new Date('2026-12-05T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

const spec: CampaignSpec = {
  name: 'fw 2.0',
  fileName: 'fw-2.0.bin',
  version: '2.0',
  target: { productClass: 'SimRouter' },
  stages: [
    { percent: 1, soakSeconds: 60 },
    { percent: 10, soakSeconds: 60 },
    { percent: 100, soakSeconds: 0 },
  ],
  maxInFlight: 5,
  stopRules: {},
};

const campaignOf = (overrides: Partial<Campaign> = {}): Campaign => ({
  ...spec,
  campaignId: 'c1',
  state: 'running',
  stage: 0,
  stageStartedAt: T0,
  countFrom: T0,
  createdAt: T0,
  updatedAt: T0,
  ...overrides,
});

const candidates = (n: number, version = '1.0'): Candidate[] =>
  Array.from({ length: n }, (_, i) => ({
    deviceId: `dev-${String(i).padStart(4, '0')}`,
    softwareVersion: version,
  }));

/** Marks the devices as started, then finished with `outcome` at `time`. */
function finish(
  devices: CampaignDevice[],
  ids: string[],
  outcome: 'succeeded' | 'failed' | 'rolledBack' | 'timedOut' | 'undelivered',
  time: Date,
  faultCode?: number,
): CampaignDevice[] {
  return devices.map((d) => {
    if (!ids.includes(d.deviceId)) return d;
    const started = { ...d, state: 'inFlight' as const, commandId: `cmd-${d.deviceId}` };
    return applyOutcome(started, { commandId: started.commandId, outcome, at: time, faultCode })!;
  });
}
const startAll = (devices: CampaignDevice[], ids: string[]): CampaignDevice[] =>
  devices.map((d) =>
    ids.includes(d.deviceId) ? { ...d, state: 'inFlight', commandId: `cmd-${d.deviceId}` } : d,
  );

describe('specProblems', () => {
  it('accepts a valid spec', () => {
    expect(specProblems(spec)).toEqual([]);
    expect(
      specProblems({
        ...spec,
        window: { start: '22:00', end: '05:00', timeZone: 'Europe/Paris' },
        stopRules: {
          failuresInWindow: { failures: 2, window: 10 },
          stageFailureRatePercent: 5,
          stageTimeoutSeconds: 3600,
        },
      }),
    ).toEqual([]);
  });

  it('names each problem', () => {
    const problems = specProblems({
      ...spec,
      stages: [
        { percent: 10, soakSeconds: -1 },
        { percent: 5, soakSeconds: 0 },
      ],
      maxInFlight: 0,
      window: { start: '25:00', end: '5', timeZone: 'Mars/Olympus' },
      stopRules: {
        failuresInWindow: { failures: 10, window: 10 },
        stageFailureRatePercent: 100,
        stageTimeoutSeconds: 0,
      },
    });
    expect(problems).toEqual([
      'stages[0].soakSeconds must be an integer >= 0',
      "stages[1].percent must be above the previous stage's (10) and at most 100",
      'the last stage must reach 100 percent',
      'maxInFlight must be an integer >= 1',
      'window.start must be HH:MM',
      'window.end must be HH:MM',
      'window.timeZone Mars/Olympus is no IANA time zone, POSIX TZ string or "device"',
      'stopRules.failuresInWindow.failures must be below its window',
      'stopRules.stageFailureRatePercent must be at least 0 and below 100',
      'stopRules.stageTimeoutSeconds must be an integer >= 1',
    ]);
    expect(specProblems({ ...spec, stages: [] })).toEqual(['stages: at least one stage']);
  });
});

describe('stageEnds', () => {
  it('gives every stage at least one device and the last all of them', () => {
    expect(stageEnds(spec.stages, 1000)).toEqual([10, 100, 1000]);
    expect(stageEnds(spec.stages, 50)).toEqual([1, 5, 50]);
    expect(stageEnds(spec.stages, 2)).toEqual([1, 2, 2]);
    expect(stageEnds(spec.stages, 0)).toEqual([0, 0, 0]);
  });
});

describe('planDevices', () => {
  it('skips devices on the target version or busy in another campaign, stages the rest', () => {
    const found: Candidate[] = [
      ...candidates(100),
      { deviceId: 'on-target', softwareVersion: '2.0' },
      { deviceId: 'busy', softwareVersion: '1.0', busyIn: 'other' },
      { deviceId: 'mine', softwareVersion: '1.0', busyIn: 'c1' },
    ];
    const devices = planDevices(campaignOf(), found);
    expect(devices).toHaveLength(103);
    const skipped = devices.filter((d) => d.state === 'skipped');
    expect(skipped.map((d) => [d.deviceId, d.skipReason])).toEqual([
      ['on-target', 'onTargetVersion'],
      ['busy', 'inAnotherCampaign'],
    ]);
    const pending = devices.filter((d) => d.state === 'pending');
    expect(pending).toHaveLength(101);
    const perStage = [0, 1, 2].map((s) => pending.filter((d) => d.stage === s).length);
    expect(perStage).toEqual([2, 9, 90]); // ceil(1 % of 101), ceil(10 %) - 2, the rest
    expect(pending.map((d) => d.order)).toEqual(pending.map((_, i) => i));
    expect(new Set(devices.map((d) => d.order)).size).toBe(103);
  });

  it('is deterministic per campaign and not the deviceId order', () => {
    const a = planDevices(campaignOf(), candidates(50));
    const b = planDevices(campaignOf(), [...candidates(50)].reverse());
    expect(a).toEqual(b);
    const canary = a.filter((d) => d.stage === 0).map((d) => d.deviceId);
    const other = planDevices(campaignOf({ campaignId: 'c2' }), candidates(50))
      .filter((d) => d.stage === 0)
      .map((d) => d.deviceId);
    expect(a.map((d) => d.deviceId)).not.toEqual(candidates(50).map((c) => c.deviceId));
    expect(canary).toHaveLength(1);
    expect(other).toHaveLength(1);
  });
});

describe('inWindow', () => {
  it('reads the local time of the zone, windows over midnight included', () => {
    const night = { start: '22:00', end: '05:00', timeZone: 'Europe/Paris' };
    // 21:30 UTC in December is 22:30 in Paris.
    expect(inWindow(night, new Date('2026-12-05T21:30:00Z'))).toBe(true);
    expect(inWindow(night, new Date('2026-12-05T03:59:00Z'))).toBe(true);
    expect(inWindow(night, new Date('2026-12-05T04:00:00Z'))).toBe(false);
    expect(inWindow(night, new Date('2026-12-05T12:00:00Z'))).toBe(false);
    const day = { start: '09:00', end: '17:00', timeZone: 'America/New_York' };
    expect(inWindow(day, new Date('2026-12-05T14:00:00Z'))).toBe(true); // 09:00 EST
    expect(inWindow(day, new Date('2026-12-05T13:59:00Z'))).toBe(false);
    expect(inWindow(day, new Date('2026-12-05T22:00:00Z'))).toBe(false); // 17:00 EST
  });

  it("reads a window in the devices' zones in each device's POSIX zone, else the fallback", () => {
    const night = {
      start: '02:00',
      end: '04:00',
      timeZone: 'device',
      fallbackTimeZone: 'Asia/Tokyo',
    };
    const paris = 'CET-1CEST,M3.5.0,M10.5.0/3';
    const newYork = 'EST5EDT,M3.2.0,M11.1.0';
    // 01:30 UTC on a December night: 02:30 in Paris, 20:30 in New York, 10:30 in Tokyo.
    const t = new Date('2026-12-05T01:30:00Z');
    expect(inWindow(night, t, paris)).toBe(true);
    expect(inWindow(night, t, newYork)).toBe(false);
    expect(inWindow(night, t)).toBe(false);
    expect(inWindow(night, t, 'not a zone')).toBe(false);
    // 07:30 UTC in July: 03:30 EDT in New York, 09:30 CEST in Paris.
    const july = new Date('2026-07-05T07:30:00Z');
    expect(inWindow(night, july, newYork)).toBe(true);
    expect(inWindow(night, july, paris)).toBe(false);
    // 17:30 UTC: 02:30 in Tokyo, the fallback of devices without a zone.
    expect(inWindow(night, new Date('2026-12-05T17:30:00Z'))).toBe(true);
  });
});

describe('nextWindow', () => {
  const night = { start: '22:00', end: '05:00', timeZone: 'device' };
  const paris = 'CET-1CEST,M3.5.0,M10.5.0/3';

  it("inside the window: open now, closing at its end in the device's zone", () => {
    // 22:30:15 UTC in December: 23:30:15 in Paris, 5 h 29 min 45 s before 05:00.
    const t = new Date('2026-12-05T22:30:15Z');
    expect(nextWindow(night, t, paris)).toEqual({ opens: 0, closes: 5 * 3600 + 29 * 60 + 45 });
    // 02:00 UTC: 02:00 for a device on UTC, 3 h left; 03:00 in Paris, 2 h left.
    const two = new Date('2026-12-05T02:00:00Z');
    expect(nextWindow(night, two, 'UTC0')).toEqual({ opens: 0, closes: 3 * 3600 });
    expect(nextWindow(night, two, paris)).toEqual({ opens: 0, closes: 2 * 3600 });
  });

  it('outside it: the next opening, and its close a window length later', () => {
    // 12:00:30 UTC is 13:00:30 in Paris: 8 h 59 min 30 s to 22:00, then 7 h of window.
    const noon = new Date('2026-12-05T12:00:30Z');
    const opens = 8 * 3600 + 59 * 60 + 30;
    expect(nextWindow(night, noon, paris)).toEqual({ opens, closes: opens + 7 * 3600 });
    // A daytime window in a fixed zone, just closed: nearly a day to wait.
    const day = { start: '09:00', end: '17:00', timeZone: 'UTC' };
    expect(nextWindow(day, new Date('2026-12-05T17:00:00Z'))).toEqual({
      opens: 16 * 3600,
      closes: 24 * 3600,
    });
  });
});

describe('applyOutcome', () => {
  const device: CampaignDevice = {
    campaignId: 'c1',
    deviceId: 'd',
    order: 0,
    stage: 0,
    state: 'inFlight',
    commandId: 'k1',
  };

  it('ends the device in flight under that command', () => {
    expect(applyOutcome(device, { commandId: 'k1', outcome: 'succeeded', at: T0 })).toMatchObject({
      state: 'succeeded',
      outcome: 'succeeded',
      finishedAt: T0,
    });
    expect(
      applyOutcome(device, {
        commandId: 'k1',
        outcome: 'failed',
        faultCode: 9010,
        faultString: 'Download failure',
        at: T0,
      }),
    ).toMatchObject({ state: 'failed', faultCode: 9010, faultString: 'Download failure' });
    expect(applyOutcome(device, { commandId: 'k1', outcome: 'rolledBack', at: T0 })?.state).toBe(
      'failed',
    );
  });

  it('skips a device whose Download never reached it (undelivered): not upgraded, not failed', () => {
    expect(
      applyOutcome(
        { ...device, cancelledAt: T0 },
        { commandId: 'k1', outcome: 'undelivered', faultString: 'cancelled', at: at(5) },
      ),
    ).toEqual({
      ...device,
      cancelledAt: T0,
      state: 'skipped',
      skipReason: 'undelivered',
      outcome: 'undelivered',
      finishedAt: at(5),
    });
  });

  it('ignores another command and a device not in flight (an outcome delivered twice)', () => {
    expect(applyOutcome(device, { commandId: 'other', outcome: 'failed', at: T0 })).toBeNull();
    const done = applyOutcome(device, { commandId: 'k1', outcome: 'succeeded', at: T0 })!;
    expect(applyOutcome(done, { commandId: 'k1', outcome: 'failed', at: at(5) })).toBeNull();
  });
});

describe('progressOf', () => {
  it('counts per state, failures by fault code and outcome, skips by reason', () => {
    let devices = planDevices(campaignOf(), [
      ...candidates(10),
      { deviceId: 'x', softwareVersion: '2.0' },
    ]);
    const ids = devices.filter((d) => d.state === 'pending').map((d) => d.deviceId);
    devices = finish(devices, ids.slice(0, 3), 'succeeded', T0);
    devices = finish(devices, ids.slice(3, 5), 'failed', T0, 9010);
    devices = finish(devices, ids.slice(5, 6), 'failed', T0, 9012);
    devices = finish(devices, ids.slice(6, 7), 'rolledBack', T0);
    devices = startAll(devices, ids.slice(7, 8));
    devices = finish(devices, ids.slice(8, 9), 'undelivered', T0);
    expect(progressOf(devices)).toEqual({
      total: 11,
      pending: 1,
      inFlight: 1,
      succeeded: 3,
      failed: 4,
      failedByFaultCode: { '9010': 2, '9012': 1, none: 1 },
      failedByOutcome: { failed: 3, rolledBack: 1 },
      skipped: 2,
      skippedByReason: { onTargetVersion: 1, undelivered: 1 },
    });
  });
});

describe('evaluate', () => {
  const limit = { startLimit: 100 };

  it('starts the canary stage only, then soaks, then advances', () => {
    const campaign = campaignOf();
    let devices = planDevices(campaign, candidates(100));
    const first = evaluate(campaign, devices, T0, limit);
    expect(first.start).toHaveLength(1);
    expect(first.start).toEqual(devices.filter((d) => d.stage === 0).map((d) => d.deviceId));
    devices = startAll(devices, first.start);
    expect(evaluate(campaign, devices, at(1), limit)).toEqual({ start: [] });

    devices = finish(devices, first.start, 'succeeded', at(10));
    const soaking = evaluate(campaign, devices, at(30), limit);
    expect(soaking).toEqual({
      start: [],
      waiting: `stage 0 soaking until ${at(70).toISOString()}`,
    });

    const next = evaluate(campaign, devices, at(70), limit);
    expect(next.advanceTo).toBe(1);
    expect(next.start).toHaveLength(5); // stage 1 has 9, maxInFlight 5
    const stage1 = devices.filter((d) => d.stage === 1).map((d) => d.deviceId);
    expect(stage1).toEqual(expect.arrayContaining(next.start));
  });

  it('keeps at most maxInFlight in flight and startLimit per evaluation', () => {
    const campaign = campaignOf({ stage: 2 });
    let devices = planDevices(campaign, candidates(100)).map((d) => ({ ...d, stage: 2 }));
    expect(evaluate(campaign, devices, T0, { startLimit: 2 }).start).toHaveLength(2);
    const five = evaluate(campaign, devices, T0, limit).start;
    expect(five).toHaveLength(5);
    devices = startAll(devices, five);
    expect(evaluate(campaign, devices, T0, limit)).toEqual({
      start: [],
      waiting: '5 devices in flight',
    });
    devices = finish(devices, five.slice(0, 2), 'succeeded', at(5));
    expect(evaluate(campaign, devices, at(6), limit).start).toHaveLength(2);
  });

  it('completes when the last stage has finished, failures included, without soaking it', () => {
    const campaign = campaignOf({ stage: 2 });
    let devices = planDevices(campaign, candidates(3)).map((d) => ({ ...d, stage: 2 }));
    const ids = devices.map((d) => d.deviceId);
    devices = finish(devices, ids.slice(0, 2), 'succeeded', at(5));
    devices = finish(devices, ids.slice(2), 'failed', at(5), 9010);
    expect(evaluate(campaign, devices, at(5), limit)).toEqual({ start: [], complete: true });
  });

  it('completes at once a campaign whose devices were all skipped', () => {
    const campaign = campaignOf();
    const devices = planDevices(campaign, candidates(5, '2.0'));
    expect(evaluate(campaign, devices, T0, limit)).toMatchObject({ complete: true, start: [] });
  });

  it('skips over empty stages to the first with devices, soaking each', () => {
    const campaign = campaignOf({
      stages: [
        { percent: 50, soakSeconds: 0 },
        { percent: 100, soakSeconds: 0 },
      ],
    });
    const devices = planDevices(campaign, candidates(1));
    // One device: stage 0 has it, stage 1 none.
    expect(devices.map((d) => d.stage)).toEqual([0]);
    const done = finish(devices, [devices[0]!.deviceId], 'succeeded', T0);
    expect(evaluate(campaign, done, T0, limit)).toEqual({
      start: [],
      advanceTo: 1,
      complete: true,
    });
  });

  it('does nothing when paused, completed or aborted', () => {
    const devices = planDevices(campaignOf(), candidates(10));
    for (const state of ['paused', 'completed', 'aborted'] as const) {
      expect(evaluate(campaignOf({ state }), devices, T0, limit)).toEqual({ start: [] });
    }
  });

  it("starts, in the devices' zones, only the devices whose night it is, keeping the rollout order", () => {
    const zones = ['CET-1CEST,M3.5.0,M10.5.0/3', 'EST5EDT,M3.2.0,M11.1.0', 'JST-9'];
    const planned = planDevices(
      campaignOf({ stages: [{ percent: 100, soakSeconds: 0 }] }),
      candidates(30).map((c, i) => ({ ...c, timeZone: zones[i % 3]! })),
    );
    expect(planned.every((d) => d.timeZone !== undefined)).toBe(true);
    const campaign = campaignOf({
      stages: [{ percent: 100, soakSeconds: 0 }],
      maxInFlight: 100,
      window: { start: '02:00', end: '04:00', timeZone: 'device' },
    });
    const zoneOf = new Map(planned.map((d) => [d.deviceId, d.timeZone]));
    // 01:30 UTC: 02:30 in Paris only.
    const paris = evaluate(campaign, planned, new Date('2026-12-05T01:30:00Z'), {
      startLimit: 100,
    });
    expect(paris.start).toHaveLength(10);
    expect(paris.start.every((id) => zoneOf.get(id) === zones[0])).toBe(true);
    const order = new Map(planned.map((d) => [d.deviceId, d.order]));
    expect(paris.start.map((id) => order.get(id))).toEqual(
      [...paris.start.map((id) => order.get(id)!)].sort((a, b) => a - b),
    );
    // 07:30 UTC: 02:30 in New York.
    const newYork = evaluate(campaign, planned, new Date('2026-12-05T07:30:00Z'), {
      startLimit: 100,
    });
    expect(newYork.start.map((id) => zoneOf.get(id))).toEqual(Array(10).fill(zones[1]));
    // 12:00 UTC: nobody's night.
    expect(
      evaluate(campaign, planned, new Date('2026-12-05T12:00:00Z'), { startLimit: 100 }),
    ).toEqual({
      start: [],
      waiting: 'outside the maintenance window 02:00-04:00 device of every pending device',
    });
  });

  it('starts only inside the maintenance window', () => {
    const campaign = campaignOf({
      window: { start: '02:00', end: '04:00', timeZone: 'Asia/Tokyo' },
    });
    const devices = planDevices(campaign, candidates(10));
    // 10:00 UTC is 19:00 in Tokyo.
    expect(evaluate(campaign, devices, T0, limit)).toEqual({
      start: [],
      waiting: 'outside the maintenance window 02:00-04:00 Asia/Tokyo',
    });
    // 18:30 UTC is 03:30 in Tokyo.
    expect(evaluate(campaign, devices, new Date('2026-12-05T18:30:00Z'), limit).start).toHaveLength(
      1,
    );
  });

  it('hands the window to the devices with scheduleDownload: they start outside it too', () => {
    const campaign = campaignOf({
      window: { start: '02:00', end: '04:00', timeZone: 'Asia/Tokyo', scheduleDownload: true },
    });
    const devices = planDevices(campaign, candidates(10));
    // 10:00 UTC is 19:00 in Tokyo: the canary starts now, its RPC waits for the window.
    expect(evaluate(campaign, devices, T0, limit)).toEqual({
      start: [devices.find((d) => d.stage === 0)!.deviceId],
    });
  });

  it('completes a stage whose devices were undelivered, and counts them in no stop rule', () => {
    const campaign = campaignOf({
      stage: 2,
      stopRules: { failuresInWindow: { failures: 0, window: 5 }, stageFailureRatePercent: 0 },
    });
    let devices = planDevices(campaign, candidates(3)).map((d) => ({ ...d, stage: 2 }));
    devices = finish(
      devices,
      devices.map((d) => d.deviceId),
      'undelivered',
      T0,
    );
    expect(evaluate(campaign, devices, at(1), limit)).toEqual({ start: [], complete: true });
  });

  describe('stop rules', () => {
    const fullStage = (n: number, rules: Campaign['stopRules'], extra: Partial<Campaign> = {}) => {
      const campaign = campaignOf({ stage: 2, stopRules: rules, maxInFlight: 100, ...extra });
      const devices = planDevices(campaign, candidates(n)).map((d) => ({ ...d, stage: 2 }));
      return { campaign, devices, ids: devices.map((d) => d.deviceId) };
    };

    it('pauses on more than N failures among the last M finished devices', () => {
      const {
        campaign,
        ids,
        devices: planned,
      } = fullStage(30, {
        failuresInWindow: { failures: 2, window: 10 },
      });
      let devices = finish(planned, ids.slice(0, 10), 'succeeded', at(1));
      devices = finish(devices, ids.slice(10, 12), 'failed', at(2), 9010);
      expect(evaluate(campaign, devices, at(3), limit).pause).toBeUndefined();
      devices = finish(devices, ids.slice(12, 13), 'timedOut', at(4));
      expect(evaluate(campaign, devices, at(5), limit)).toEqual({
        start: [],
        pause: 'stop rule failuresInWindow: 3 failures in the last 10 devices (more than 2 of 10)',
      });
      // The same three failures, pushed out of the window by 8 later successes: no pause.
      devices = finish(devices, ids.slice(13, 21), 'succeeded', at(6));
      expect(evaluate(campaign, devices, at(7), limit).pause).toBeUndefined();
    });

    it('counts window failures only from countFrom (the last resume)', () => {
      const {
        campaign,
        ids,
        devices: planned,
      } = fullStage(30, {
        failuresInWindow: { failures: 0, window: 5 },
      });
      const devices = finish(planned, ids.slice(0, 1), 'failed', at(1), 9010);
      expect(evaluate(campaign, devices, at(2), limit).pause).toContain('failuresInWindow');
      expect(
        evaluate({ ...campaign, countFrom: at(2) }, devices, at(3), limit).pause,
      ).toBeUndefined();
    });

    it('pauses on a stage failure rate above X % once enough devices of the stage finished', () => {
      const { campaign, ids, devices: planned } = fullStage(50, { stageFailureRatePercent: 20 });
      // 3 failures of the first 5: 60 %, but fewer than 10 finished: not judged yet.
      let devices = finish(planned, ids.slice(0, 3), 'failed', at(1), 9012);
      devices = finish(devices, ids.slice(3, 5), 'succeeded', at(1));
      expect(evaluate(campaign, devices, at(2), limit).pause).toBeUndefined();
      devices = finish(devices, ids.slice(5, 10), 'succeeded', at(3));
      expect(evaluate(campaign, devices, at(4), limit).pause).toBe(
        'stop rule stageFailureRatePercent: 3 of 10 devices of stage 2 failed (30.0 % > 20 %)',
      );
      // 2 of 10 is 20 %: not above.
      const under = finish(
        finish(planned, ids.slice(0, 2), 'failed', at(1)),
        ids.slice(2, 10),
        'succeeded',
        at(1),
      );
      expect(evaluate(campaign, under, at(2), limit).pause).toBeUndefined();
    });

    it('judges a stage smaller than the sample once all of it finished', () => {
      const campaign = campaignOf({ stopRules: { stageFailureRatePercent: 0 } });
      const planned = planDevices(campaign, candidates(100));
      const canary = planned.filter((d) => d.stage === 0).map((d) => d.deviceId);
      const devices = finish(planned, canary, 'failed', at(1), 9010);
      expect(evaluate(campaign, devices, at(2), limit).pause).toContain(
        '1 of 1 devices of stage 0',
      );
    });

    it('pauses a stage that has not finished within its timeout', () => {
      const { campaign, ids, devices: planned } = fullStage(5, { stageTimeoutSeconds: 600 });
      const devices = startAll(planned, ids);
      expect(evaluate(campaign, devices, at(600), limit).pause).toBeUndefined();
      expect(evaluate(campaign, devices, at(601), limit).pause).toBe(
        'stop rule stageTimeoutSeconds: stage 2 not finished 600 s after it started',
      );
      const done = finish(planned, ids, 'succeeded', at(100));
      expect(evaluate(campaign, done, at(601), limit)).toEqual({ start: [], complete: true });
    });
  });
});
