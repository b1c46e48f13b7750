import type { ProvisioningPreset } from '../src';
import { converge, names, preset, sampleCpe, session, step, world } from './driver';

const setNtp = (value: string, rest: Partial<ProvisioningPreset> = {}, name = 'ntp') =>
  preset(
    name,
    [{ type: 'setParameterValues', parameters: [{ path: 'Device.Time.NTPServer1', value }] }],
    rest,
  );

describe('presets across sessions', () => {
  it('a reboot Inform does not re-emit applied configuration', () => {
    const w = world(sampleCpe(), { presets: [setNtp('ntp.corp')] });
    converge(w, 3);
    expect(w.cpe.value('Device.Time.NTPServer1')).toBe('ntp.corp');
    const sets = w.cpe.received.filter((rpc) => rpc.name === 'SetParameterValues').length;

    const reboot = session(w, ['1 BOOT', 'M Reboot']);
    expect(reboot.commands).toEqual([]);
    expect(reboot.outputs[0]?.decisions).toEqual([
      expect.objectContaining({
        kind: 'skipped',
        preset: 'ntp',
        message: expect.stringContaining('version 1 already applied'),
      }),
    ]);
    expect(w.cpe.received.filter((rpc) => rpc.name === 'SetParameterValues')).toHaveLength(sets);
  });

  it('a new preset version re-applies on the next Inform', () => {
    const w = world(sampleCpe(), { presets: [setNtp('ntp.corp')] });
    converge(w, 3);
    w.presets = [setNtp('ntp2.corp', { version: 2 })];
    const next = session(w, ['2 PERIODIC']);
    expect(names(next.commands)).toEqual(['SetParameterValues']);
    expect(w.cpe.value('Device.Time.NTPServer1')).toBe('ntp2.corp');
    expect(w.state?.applied.ntp?.version).toBe(2);
  });

  it('a new version whose values already hold is applied without a command', () => {
    const w = world(sampleCpe(), { presets: [setNtp('ntp.corp')] });
    converge(w, 3);
    w.presets = [setNtp('ntp.corp', { version: 2 })];
    const next = session(w, ['2 PERIODIC']);
    expect(next.commands).toEqual([]);
    expect(w.state?.applied.ntp?.version).toBe(2);
  });

  it('0 BOOTSTRAP forgets what was applied: the factory-reset CPE is discovered and provisioned again', () => {
    const w = world(sampleCpe(), { presets: [setNtp('ntp.corp')] });
    converge(w, 3);
    w.cpe.set('Device.Time.NTPServer1', 'pool.ntp.org'); // factory defaults
    const again = session(w, ['0 BOOTSTRAP', '1 BOOT']);
    expect(again.outputs[0]?.decisions[0]?.kind).toBe('reset');
    expect(names(again.commands)[0]).toBe('GetParameterNames');
    expect(names(again.commands).at(-1)).toBe('SetParameterValues');
    expect(w.cpe.value('Device.Time.NTPServer1')).toBe('ntp.corp');
  });

  it('triggers on the events of the session only', () => {
    const w = world(sampleCpe(), { presets: [setNtp('ntp.corp', { events: ['1 BOOT'] })] });
    session(w, ['2 PERIODIC']); // discovery only
    expect(w.state?.applied).toEqual({});
    session(w, ['1 BOOT']);
    expect(w.state?.applied.ntp?.version).toBe(1);
  });

  it('does not apply a preset whose precondition fails', () => {
    const w = world(sampleCpe(), {
      presets: [setNtp('ntp.corp', { precondition: { softwareVersion: { versionLt: '2.9' } } })],
    });
    converge(w, 3);
    expect(w.cpe.value('Device.Time.NTPServer1')).toBe('pool.ntp.org');
    expect(w.state?.applied).toEqual({});
  });
});

describe('ensureInstances', () => {
  const voip = (count: number, version = 1) =>
    preset(
      'voip',
      [
        {
          type: 'ensureInstances',
          object: 'Device.NAT.PortMapping.',
          count,
          match: { Description: 'voip' },
          values: { Enable: 'true', ExternalPort: '5060' },
        },
      ],
      { version },
    );

  it('adds the missing instances, then sets them to match ∪ values in one SetParameterValues', () => {
    const w = world(sampleCpe(), { presets: [voip(2)] });
    const boot = session(w, ['0 BOOTSTRAP']);
    const provisioning = names(boot.commands).filter(
      (n) => n !== 'GetParameterNames' && n !== 'GetParameterValues',
    );
    expect(provisioning).toEqual(['AddObject', 'AddObject', 'SetParameterValues']);
    expect(w.cpe.instances('Device.NAT.PortMapping.')).toEqual([1, 2]);
    for (const n of [1, 2]) {
      expect(w.cpe.value(`Device.NAT.PortMapping.${n}.Description`)).toBe('voip');
      expect(w.cpe.value(`Device.NAT.PortMapping.${n}.Enable`)).toBe('true');
      expect(w.cpe.value(`Device.NAT.PortMapping.${n}.ExternalPort`)).toBe('5060');
    }
    expect(w.state?.applied.voip?.version).toBe(1);
    expect(session(w, ['2 PERIODIC']).commands).toEqual([]);
  });

  it('deletes extra matching instances, highest instance number first, and leaves others alone', () => {
    const cpe = sampleCpe();
    for (const description of ['voip', 'game', 'voip', 'voip']) {
      const n = cpe.addInstance('Device.NAT.PortMapping.');
      cpe.set(`Device.NAT.PortMapping.${n}.Description`, description);
    }
    const w = world(cpe, { presets: [voip(1)] });
    const boot = session(w, ['0 BOOTSTRAP']);
    const deletes = boot.commands.flatMap((c) =>
      c.rpc.name === 'DeleteObject' ? [c.rpc.objectName] : [],
    );
    expect(deletes).toEqual(['Device.NAT.PortMapping.4.', 'Device.NAT.PortMapping.3.']);
    expect(w.cpe.instances('Device.NAT.PortMapping.')).toEqual([1, 2]);
    expect(w.cpe.value('Device.NAT.PortMapping.2.Description')).toBe('game');
    expect(w.state?.applied.voip?.version).toBe(1);
  });

  it('count 0 removes every matching instance', () => {
    const w = world(sampleCpe(), { presets: [voip(2)] });
    converge(w, 3);
    w.presets = [voip(0, 2)];
    session(w, ['2 PERIODIC']);
    expect(w.cpe.instances('Device.NAT.PortMapping.')).toEqual([]);
    expect(w.state?.applied.voip?.version).toBe(2);
  });
});

describe('conflicts', () => {
  it('the higher weight wins, the loser is not sent, and the conflict is a visible fault', () => {
    const w = world(sampleCpe(), {
      presets: [
        setNtp('ntp.low', { weight: 10 }, 'low'),
        setNtp('ntp.high', { weight: 20 }, 'high'),
      ],
    });
    const boot = session(w, ['0 BOOTSTRAP']);
    const sets = boot.commands.filter((c) => c.rpc.name === 'SetParameterValues');
    expect(sets).toHaveLength(1);
    expect(sets[0]?.purpose).toMatchObject({ preset: 'high' });
    expect(w.cpe.value('Device.Time.NTPServer1')).toBe('ntp.high');
    const fault = w.faults.get('conflict:Device.Time.NTPServer1');
    expect(fault?.code).toBe('preset_conflict');
    expect(fault?.message).toBe(
      'Device.Time.NTPServer1: preset "high" (weight 20) sets "ntp.high" and wins over preset "low" (weight 10) sets "ntp.low"',
    );
    expect(w.decisions.some((d) => d.kind === 'conflict' && d.preset === 'high')).toBe(true);
    // The loser's other settings still apply, and it counts as applied.
    expect(w.state?.applied).toEqual({ low: expect.anything(), high: expect.anything() });
  });

  it('on equal weights the later name wins', () => {
    const w = world(sampleCpe(), {
      presets: [setNtp('b-value', {}, 'beta'), setNtp('a-value', {}, 'alpha')],
    });
    session(w, ['0 BOOTSTRAP']);
    expect(w.cpe.value('Device.Time.NTPServer1')).toBe('b-value');
  });

  it('an applied preset still holds its value against a new lighter one', () => {
    const w = world(sampleCpe(), { presets: [setNtp('ntp.first', { weight: 50 }, 'first')] });
    converge(w, 3);
    w.presets.push(setNtp('ntp.second', { weight: 1 }, 'second'));
    const next = session(w, ['2 PERIODIC']);
    expect(next.commands).toEqual([]);
    expect(w.cpe.value('Device.Time.NTPServer1')).toBe('ntp.first');
    expect(w.faults.get('conflict:Device.Time.NTPServer1')?.message).toContain(
      'preset "first" (weight 50)',
    );
  });

  it('presets setting the same value do not conflict', () => {
    const w = world(sampleCpe(), { presets: [setNtp('same', {}, 'a'), setNtp('same', {}, 'b')] });
    session(w, ['0 BOOTSTRAP']);
    expect(w.faults.size).toBe(0);
    expect(w.decisions.some((d) => d.kind === 'conflict')).toBe(false);
  });
});

describe('faults', () => {
  it('retries a faulting preset with backoff, then gives up with a fault; other presets still apply', () => {
    const w = world(sampleCpe(), {
      presets: [
        preset('bad', [
          {
            type: 'setParameterValues',
            parameters: [{ path: 'Device.DeviceInfo.UpTime', value: '0' }],
          },
        ]),
        setNtp('ntp.corp'),
      ],
    });
    session(w, ['0 BOOTSTRAP']);
    expect(w.state?.applied.ntp?.version).toBe(1);
    expect(w.state?.failures.bad).toMatchObject({
      version: 1,
      count: 1,
      lastError: '9008 cannot set Device.DeviceInfo.UpTime',
    });
    // Both SetParameterValues went in one wave; "bad" (sorted first) was answered a tick earlier.
    const failedAt = w.clock - w.tickMs;
    expect(w.state?.failures.bad?.retryAt).toBe(new Date(failedAt + 60_000).toISOString());
    expect(w.faults.size).toBe(0);

    // Before retryAt: left alone.
    const early = session(w, ['2 PERIODIC']);
    expect(early.commands).toEqual([]);
    expect(early.outputs[0]?.decisions).toContainEqual(
      expect.objectContaining({
        kind: 'skipped',
        preset: 'bad',
        message: expect.stringContaining('retry after'),
      }),
    );

    // After it: tried again, the delay doubles.
    w.clock += 60_000;
    const second = session(w, ['2 PERIODIC']);
    expect(names(second.commands)).toEqual(['SetParameterValues']);
    expect(w.state?.failures.bad?.count).toBe(2);
    expect(Date.parse(w.state?.failures.bad?.retryAt ?? '') - w.clock).toBe(120_000);

    // Third failure = maxFailures: a fault on the preset's channel.
    w.clock += 120_000;
    session(w, ['2 PERIODIC']);
    const fault = w.faults.get('preset:bad');
    expect(fault).toMatchObject({
      code: '9008',
      message: 'cannot set Device.DeviceInfo.UpTime',
      detail: { preset: 'bad', version: 1, action: 0 },
    });
    expect(w.decisions).toContainEqual(expect.objectContaining({ kind: 'gaveUp', preset: 'bad' }));

    // Given up: no more attempts, even much later.
    w.clock += 86_400_000;
    const after = session(w, ['2 PERIODIC']);
    expect(after.commands).toEqual([]);

    // A new version is a new chance, and success clears the fault.
    w.presets[0] = preset(
      'bad',
      [
        {
          type: 'setParameterValues',
          parameters: [{ path: 'Device.Time.NTPServer1', value: 'ntp.corp' }],
        },
      ],
      { version: 2 },
    );
    session(w, ['2 PERIODIC']);
    expect(w.state?.applied.bad?.version).toBe(2);
    expect(w.faults.has('preset:bad')).toBe(false);
  });

  it('a download of a file not in the repository is a fault at once, not retried', () => {
    const w = world(sampleCpe(), {
      presets: [preset('fw', [{ type: 'download', file: 'fw-3.0.bin' }])],
    });
    session(w, ['0 BOOTSTRAP']);
    expect(w.faults.get('preset:fw')).toMatchObject({ code: 'file_not_found' });
    expect(w.state?.failures.fw?.count).toBe(w.config.maxFailures);
    w.files['fw-3.0.bin'] = {
      name: 'fw-3.0.bin',
      type: '1 Firmware Upgrade Image',
      size: 1000,
      url: 'http://files/fw-3.0.bin',
    };
    w.clock += 86_400_000;
    expect(session(w, ['2 PERIODIC']).commands).toEqual([]);
  });

  describe('a download counts as applied only once its transfer is confirmed', () => {
    const fw = {
      'fw-3.0.bin': {
        name: 'fw-3.0.bin',
        type: '1 Firmware Upgrade Image',
        size: 1000,
        url: 'http://files/fw-3.0.bin',
      },
    };

    it('waits after the DownloadResponse, and is applied by the succeeded outcome', () => {
      const w = world(sampleCpe(), {
        files: fw,
        presets: [preset('fw', [{ type: 'download', file: 'fw-3.0.bin' }])],
        transferOutcome: null,
      });
      const boot = session(w, ['0 BOOTSTRAP']);
      const download = boot.commands.find((c) => c.rpc.name === 'Download');
      expect(w.state?.applied.fw).toBeUndefined();
      expect(w.state?.progress.fw?.transfers).toEqual({
        '0': { commandId: download?.commandId, since: expect.any(String) },
      });
      // The BOOT Inform of the upgrade: nothing sent again, the preset still waits.
      const back = session(w, ['1 BOOT', 'M Download']);
      expect(back.commands).toEqual([]);
      expect(back.outputs[0]?.decisions).toContainEqual(
        expect.objectContaining({ kind: 'waiting', preset: 'fw' }),
      );

      const confirmed = step(w, {
        kind: 'transfer',
        commandId: download!.commandId,
        outcome: 'succeeded',
      });
      expect(confirmed.commands).toEqual([]);
      expect(w.state?.applied.fw?.version).toBe(1);
      expect(w.state?.progress.fw).toBeUndefined();
    });

    it('counts a failed or rolled-back transfer as a failure of the preset, retried with backoff', () => {
      const w = world(sampleCpe(), {
        files: fw,
        presets: [preset('fw', [{ type: 'download', file: 'fw-3.0.bin' }])],
        transferOutcome: 'failed',
      });
      session(w, ['0 BOOTSTRAP']);
      expect(w.state?.applied.fw).toBeUndefined();
      expect(w.state?.failures.fw).toMatchObject({
        count: 1,
        lastError: '9010 download failed: Download failure',
      });
      expect(session(w, ['2 PERIODIC']).commands).toEqual([]);

      w.transferOutcome = 'rolledBack';
      w.clock = Date.parse(w.state!.failures.fw!.retryAt) + 1;
      const retried = session(w, ['2 PERIODIC']);
      expect(names(retried.commands)).toEqual(['Download']);
      expect(w.state?.failures.fw).toMatchObject({
        count: 2,
        lastError: 'rolledBack download rolledBack',
      });
    });

    it('gives up waiting after transferWaitMs (no firmware service): a failure, then a new Download', () => {
      const w = world(sampleCpe(), {
        files: fw,
        presets: [preset('fw', [{ type: 'download', file: 'fw-3.0.bin' }])],
        transferOutcome: null,
      });
      session(w, ['0 BOOTSTRAP']);
      w.clock += w.config.transferWaitMs + 1;
      const late = session(w, ['2 PERIODIC']);
      expect(late.commands).toEqual([]);
      expect(w.state?.failures.fw?.lastError).toContain('transfer_unconfirmed');
      w.clock = Date.parse(w.state!.failures.fw!.retryAt) + 1;
      expect(names(session(w, ['2 PERIODIC']).commands)).toEqual(['Download']);
    });

    it('takes an outcome that overtook the Download result', () => {
      const w = world(sampleCpe(), {
        files: fw,
        presets: [preset('fw', [{ type: 'download', file: 'fw-3.0.bin' }])],
        transferOutcome: null,
      });
      w.device.events = ['0 BOOTSTRAP'];
      // Discovery, then the preset's Download, answered in order but its result held back.
      let queue = step(w, { kind: 'inform' }).commands;
      let download;
      while (queue.length > 0) {
        const command = queue.shift()!;
        if (command.rpc.name === 'Download') {
          download = command;
          continue;
        }
        const outcome = w.cpe.answer(command.rpc);
        if (outcome.status === 'done') w.cache.apply(command.rpc, outcome.response);
        queue = [
          ...queue,
          ...step(w, { kind: 'result', commandId: command.commandId, rpc: command.rpc, outcome })
            .commands,
        ];
      }
      expect(download).toBeDefined();
      step(w, { kind: 'transfer', commandId: download!.commandId, outcome: 'succeeded' });
      expect(w.state?.applied.fw?.version).toBe(1);
      const late = step(w, {
        kind: 'result',
        commandId: download!.commandId,
        rpc: download!.rpc,
        outcome: w.cpe.answer(download!.rpc),
      });
      expect(late.commands).toEqual([]);
      expect(w.state?.applied.fw?.version).toBe(1);
    });
  });

  it('commands of one wave that fail together count as one failure', () => {
    const w = world(sampleCpe(), {
      presets: [
        preset('missing', [
          { type: 'ensureInstances', object: 'Device.NAT.Missing.', count: 2, match: {} },
        ]),
      ],
    });
    const boot = session(w, ['0 BOOTSTRAP']);
    expect(names(boot.commands).slice(4)).toEqual(['AddObject', 'AddObject']);
    expect(w.state?.failures.missing).toMatchObject({ count: 1, lastError: '9005 not a table' });
  });

  it('an expired or rejected command counts as a failure', () => {
    const w = world(sampleCpe(), { presets: [setNtp('ntp.corp')] });
    session(w, ['2 PERIODIC']); // discovery, then the SPV is answered
    w.presets = [setNtp('ntp.other', { version: 2 })];
    const inform = step(w, { kind: 'inform' });
    const command = inform.commands[0];
    expect(command?.rpc.name).toBe('SetParameterValues');
    step(w, {
      kind: 'result',
      commandId: command?.commandId ?? '',
      outcome: { status: 'expired' },
    });
    expect(w.state?.failures.ntp).toMatchObject({
      version: 2,
      count: 1,
      lastError: expect.stringMatching(/^expired/),
    });
  });
});

describe('ordering and one-shot actions', () => {
  it('reboots last, alone, once every other action of every preset is done', () => {
    const w = world(sampleCpe(), {
      presets: [
        preset(
          'restart',
          [
            { type: 'reboot' },
            {
              type: 'setParameterValues',
              parameters: [
                { path: 'Device.ManagementServer.PeriodicInformInterval', value: '300' },
              ],
            },
          ],
          { weight: 1 },
        ),
        setNtp('ntp.corp', { weight: 9 }),
      ],
    });
    const boot = session(w, ['0 BOOTSTRAP']);
    const provisioning = names(boot.commands).slice(4); // GPN + 3 GPV batches
    expect(provisioning).toEqual(['SetParameterValues', 'SetParameterValues', 'Reboot']);
    expect(w.cpe.reboots).toBe(1);
    expect(w.state?.applied).toEqual({ restart: expect.anything(), ntp: expect.anything() });
    session(w, ['1 BOOT', 'M Reboot']);
    expect(w.cpe.reboots).toBe(1);
  });

  it('sets notifications, downloads and refreshes once per version', () => {
    const w = world(sampleCpe(), {
      files: {
        'fw.bin': {
          name: 'fw.bin',
          type: '1 Firmware Upgrade Image',
          size: 4096,
          url: 'http://files/fw.bin',
        },
      },
      presets: [
        preset('once', [
          {
            type: 'setNotification',
            parameters: [{ path: 'Device.WiFi.SSID.1.SSID', notification: 2 }],
          },
          { type: 'download', file: 'fw.bin' },
          { type: 'refresh', path: 'Device.WiFi.' },
        ]),
      ],
    });
    const boot = session(w, ['0 BOOTSTRAP']);
    expect(names(boot.commands).slice(4)).toEqual([
      'SetParameterAttributes',
      'Download',
      'GetParameterNames',
      'GetParameterValues',
    ]);
    const [spa, download, gpn, gpv] = boot.commands.slice(4).map((c) => c.rpc);
    expect(spa).toEqual({
      name: 'SetParameterAttributes',
      parameterList: [
        {
          name: 'Device.WiFi.SSID.1.SSID',
          notificationChange: true,
          notification: 2,
          accessListChange: false,
          accessList: [],
        },
      ],
    });
    expect(download).toEqual({
      name: 'Download',
      commandKey: '',
      fileType: '1 Firmware Upgrade Image',
      url: 'http://files/fw.bin',
      username: '',
      password: '',
      fileSize: 4096,
      targetFileName: '',
      delaySeconds: 0,
      successURL: '',
      failureURL: '',
    });
    expect(gpn).toEqual({
      name: 'GetParameterNames',
      parameterPath: 'Device.WiFi.',
      nextLevel: false,
    });
    expect(gpv).toEqual({ name: 'GetParameterValues', parameterNames: ['Device.WiFi.'] });
    expect(w.cpe.notifications.get('Device.WiFi.SSID.1.SSID')).toBe(2);
    expect(w.state?.applied.once?.version).toBe(1);
    expect(session(w, ['2 PERIODIC']).commands).toEqual([]);
  });

  it('adds and removes tags without a command, and another preset can match on them', () => {
    const w = world(sampleCpe(), {
      presets: [
        preset('tagger', [
          { type: 'addTag', tag: 'corp' },
          { type: 'removeTag', tag: 'new' },
        ]),
        setNtp('ntp.corp', { precondition: { tags: ['corp'], notTags: ['new'] } }),
      ],
    });
    w.device.tags = ['new'];
    const boot = session(w, ['0 BOOTSTRAP']);
    const tagged = boot.outputs.find((o) => o.tags.add.length > 0);
    expect(tagged?.tags).toEqual({ add: ['corp'], remove: ['new'] });
    expect(w.device.tags).toEqual(['corp']);
    expect(w.state?.applied.tagger?.version).toBe(1);
    // The tag came after the last round of that session; the next Inform sees it.
    session(w, ['2 PERIODIC']);
    expect(w.cpe.value('Device.Time.NTPServer1')).toBe('ntp.corp');
  });
});

describe('results', () => {
  it('does not send a done SetParameterValues again when the cache disagrees', () => {
    const w = world(sampleCpe(), { presets: [setNtp('ntp.corp')] });
    // A cache that misses what was set (as if the result had no RPC to learn from).
    const apply = w.cache.apply.bind(w.cache);
    w.cache.apply = (rpc, response) => {
      if (response.name !== 'SetParameterValuesResponse') apply(rpc, response);
    };
    const boot = session(w, ['0 BOOTSTRAP']);
    expect(names(boot.commands).filter((n) => n === 'SetParameterValues')).toHaveLength(1);
    expect(w.state?.applied.ntp?.version).toBe(1);
  });

  it('ignores a duplicate result', () => {
    const w = world(sampleCpe(), { presets: [setNtp('ntp.corp')] });
    w.device.events = ['0 BOOTSTRAP'];
    let out = step(w, { kind: 'inform' });
    const gpn = out.commands[0];
    const outcome = w.cpe.answer(gpn?.rpc ?? { name: 'GetRPCMethods' });
    if (outcome.status === 'done' && gpn) w.cache.apply(gpn.rpc, outcome.response);
    out = step(w, { kind: 'result', commandId: gpn?.commandId ?? '', outcome });
    expect(out.commands).toHaveLength(3);
    const before = structuredClone(w.state);
    const duplicate = step(w, { kind: 'result', commandId: gpn?.commandId ?? '', outcome });
    expect(duplicate.commands).toEqual([]);
    expect(duplicate.state).toEqual(before);
    expect(duplicate.decisions).toEqual([
      expect.objectContaining({
        kind: 'skipped',
        message: expect.stringContaining('not in flight'),
      }),
    ]);
  });

  it('is deterministic: the same input gives the same output', () => {
    const make = () => {
      const w = world(sampleCpe(), { presets: [setNtp('ntp.corp')] });
      const boot = session(w, ['0 BOOTSTRAP']);
      w.presets = [setNtp('ntp.next', { version: 2 })];
      return { w, boot };
    };
    const a = make();
    const b = make();
    expect(a.boot).toEqual(b.boot);
    expect(a.w.state).toEqual(b.w.state);
    expect(step(a.w, { kind: 'inform' })).toEqual(step(b.w, { kind: 'inform' }));
    // The ids fit a ParameterKey (32 characters) and are distinct per command.
    const ids = a.boot.commands.map((c) => c.commandId);
    expect(ids.every((id) => /^p[0-9a-f]{31}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
