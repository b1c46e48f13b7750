import type { ParameterInfo } from '@meridian/cwmp';
import { discoveryBatches } from '../src/discovery';
import { CONFIG, names, preset, sampleCpe, session, step, world } from './driver';

const ntp = preset('ntp', [
  {
    type: 'setParameterValues',
    parameters: [{ path: 'Device.Time.NTPServer1', value: 'ntp.corp' }],
  },
]);

describe('discovery of chosen subtrees', () => {
  it('reads only the configured subtrees, all in one wave, and applies presets after both', () => {
    const w = world(sampleCpe(), {
      presets: [ntp],
      config: { ...CONFIG, discoveryPaths: ['WiFi.', 'Time.'] },
    });
    const boot = session(w, ['0 BOOTSTRAP']);
    const gpn = boot.commands.filter((c) => c.rpc.name === 'GetParameterNames');
    expect(gpn.map((c) => c.rpc)).toEqual([
      { name: 'GetParameterNames', parameterPath: 'Device.WiFi.', nextLevel: false },
      { name: 'GetParameterNames', parameterPath: 'Device.Time.', nextLevel: false },
    ]);
    expect(w.state?.discoveredAt).toBeDefined();
    expect(w.cache.get('Device.WiFi.SSID.2.SSID')?.value).toBe('acme-2');
    expect(w.cache.get('Device.DeviceInfo.UpTime')).toBeUndefined();
    expect(w.cpe.value('Device.Time.NTPServer1')).toBe('ntp.corp');
  });
});

describe('discovery failures', () => {
  it('a failed GetParameterNames is retried with backoff; presets wait for discovery', () => {
    const w = world(sampleCpe(), { presets: [ntp] });
    w.cpe.faultFor = (rpc) =>
      rpc.name === 'GetParameterNames'
        ? { faultCode: 9002, faultString: 'Internal error' }
        : undefined;
    const first = session(w, ['0 BOOTSTRAP']);
    expect(names(first.commands)).toEqual(['GetParameterNames']);
    expect(w.state?.failures.discovery).toMatchObject({
      count: 1,
      lastError: '9002 Internal error',
    });
    expect(first.outputs.at(-1)?.decisions).toContainEqual(
      expect.objectContaining({
        kind: 'waiting',
        message: expect.stringContaining('presets wait for discovery'),
      }),
    );
    expect(session(w, ['2 PERIODIC']).commands).toEqual([]);

    w.cpe.faultFor = undefined;
    w.clock += 60_000;
    session(w, ['2 PERIODIC']);
    expect(w.state?.discoveredAt).toBeDefined();
    expect(w.state?.failures.discovery).toBeUndefined();
    expect(w.cpe.value('Device.Time.NTPServer1')).toBe('ntp.corp');
  });

  it('gives up discovery after maxFailures with a fault on channel "discovery"; presets then go on', () => {
    const w = world(sampleCpe(), { presets: [ntp] });
    w.cpe.faultFor = (rpc) =>
      rpc.name === 'GetParameterNames'
        ? { faultCode: 9002, faultString: 'Internal error' }
        : undefined;
    for (let i = 0; i < w.config.maxFailures; i++) {
      session(w, [i === 0 ? '0 BOOTSTRAP' : '2 PERIODIC']);
      w.clock += w.config.backoff.maxMs;
    }
    expect(w.faults.get('discovery')).toMatchObject({ code: '9002', message: 'Internal error' });
    expect(w.state?.discoveredAt).toBeUndefined();
    // The SetParameterValues went out in the last failing session, without a cache.
    expect(w.cpe.value('Device.Time.NTPServer1')).toBe('ntp.corp');
    expect(w.state?.applied.ntp?.version).toBe(1);
  });

  it('a failed batch leaves the discovery unfinished, and the next attempt completes it', () => {
    const w = world(sampleCpe(), { presets: [ntp] });
    let failOnce = true;
    w.cpe.faultFor = (rpc) => {
      if (rpc.name !== 'GetParameterValues' || !failOnce) return undefined;
      failOnce = false;
      return { faultCode: 9004, faultString: 'Resources exceeded' };
    };
    const first = session(w, ['0 BOOTSTRAP']);
    expect(names(first.commands)).toEqual([
      'GetParameterNames',
      'GetParameterValues',
      'GetParameterValues',
      'GetParameterValues',
    ]);
    expect(w.state?.discoveredAt).toBeUndefined();
    expect(w.state?.failures.discovery?.count).toBe(1);
    expect(w.decisions).toContainEqual(
      expect.objectContaining({
        kind: 'discovery',
        message: expect.stringContaining('incomplete'),
      }),
    );

    w.clock += 60_000;
    session(w, ['2 PERIODIC']);
    expect(w.state?.discoveredAt).toBeDefined();
    expect(w.state?.applied.ntp?.version).toBe(1);
  });
});

describe('periodic refresh', () => {
  it('reads a subtree again when it is older than its max age, before presets run', () => {
    const w = world(sampleCpe(), {
      presets: [ntp],
      config: {
        ...world(sampleCpe()).config,
        refresh: [{ path: 'Device.DeviceInfo.', maxAgeMs: 3_600_000 }],
      },
    });
    const boot = session(w, ['0 BOOTSTRAP']);
    // Just discovered: nothing to refresh yet.
    expect(names(boot.commands).filter((n) => n === 'GetParameterValues')).toHaveLength(3);

    w.clock += 10 * 60_000;
    expect(session(w, ['2 PERIODIC']).commands).toEqual([]);

    w.cpe.set('Device.DeviceInfo.UpTime', '7300', 'xsd:unsignedInt', false);
    w.clock += 2 * 3_600_000;
    w.presets = [
      {
        ...ntp,
        version: 2,
        actions: [
          {
            type: 'setParameterValues',
            parameters: [{ path: 'Device.Time.NTPServer1', value: 'ntp2' }],
          },
        ],
      },
    ];
    const later = session(w, ['2 PERIODIC']);
    expect(later.commands.map((c) => [c.rpc.name, c.purpose.kind])).toEqual([
      ['GetParameterValues', 'refresh'],
      ['SetParameterValues', 'preset'],
    ]);
    expect(later.commands[0]?.rpc).toEqual({
      name: 'GetParameterValues',
      parameterNames: ['Device.DeviceInfo.'],
    });
    expect(w.cache.get('Device.DeviceInfo.UpTime')?.value).toBe('7300');
    expect(w.state?.refreshedAt['Device.DeviceInfo.']).toBeDefined();

    w.clock += 10 * 60_000;
    expect(session(w, ['2 PERIODIC']).commands).toEqual([]);
  });

  it('a refresh that faults is retried after the backoff', () => {
    const w = world(sampleCpe(), {
      config: { ...world(sampleCpe()).config, refresh: [{ path: 'Device.Gone.', maxAgeMs: 1000 }] },
    });
    session(w, ['0 BOOTSTRAP']);
    w.clock += 5000;
    w.device.events = ['2 PERIODIC'];
    const failing = step(w, { kind: 'inform' });
    expect(failing.commands[0]?.purpose).toEqual({
      kind: 'refresh',
      path: 'Device.Gone.',
      step: 'values',
    });
    const command = failing.commands[0];
    const outcome = w.cpe.answer(command?.rpc ?? { name: 'GetRPCMethods' });
    step(w, { kind: 'result', commandId: command?.commandId ?? '', outcome });
    expect(w.state?.failures.discovery?.count).toBe(1);
    expect(session(w, ['2 PERIODIC']).commands).toEqual([]);
    w.clock += 60_000;
    expect(names(session(w, ['2 PERIODIC']).commands)).toEqual(['GetParameterValues']);
  });
});

describe('discovery batches', () => {
  // A tree like a router's: tables of instances of different sizes, and an empty table.
  const list: ParameterInfo[] = [{ name: 'Device.', writable: false }];
  const object = (name: string, leaves: number, writable = false): void => {
    list.push({ name, writable });
    for (let i = 0; i < leaves; i++) list.push({ name: `${name}P${i}`, writable: i % 3 === 0 });
  };
  object('Device.DeviceInfo.', 40);
  object('Device.Hosts.', 1);
  object('Device.Hosts.Host.', 0, true);
  for (let i = 1; i <= 8; i++) object(`Device.IP.Interface.${i}.`, 23, true);
  for (let i = 1; i <= 4; i++) object(`Device.WiFi.SSID.${i}.`, 30);
  object('Device.X_BIG.', 130);
  const leaves = list.filter((p) => !p.name.endsWith('.')).map((p) => p.name);

  it('asks for every leaf once, at most the batch size per response, in about leaves / size batches', () => {
    const batches = discoveryBatches('Device.', list, 100);
    const asked = batches.map((b) =>
      b.parameterNames.flatMap((name) =>
        name.endsWith('.') ? leaves.filter((leaf) => leaf.startsWith(name)) : [name],
      ),
    );
    expect(asked.flat().sort()).toEqual([...leaves].sort());
    expect(asked.every((names) => names.length <= 100)).toBe(true);
    expect(batches.length).toBe(Math.ceil(leaves.length / 100));
    // Partial paths where a subtree fits: far fewer names than leaves in the requests.
    expect(batches.flatMap((b) => b.parameterNames).length).toBeLessThan(leaves.length / 2);
    // Every object, with the writability the names told (an object of more leaves than a
    // batch goes with each batch of its leaves).
    const held = batches.flatMap((b) => Object.entries(b.names));
    expect([...new Set(held.map(([object]) => object))].sort()).toEqual(
      list
        .filter((p) => p.name.endsWith('.'))
        .map((p) => p.name)
        .sort(),
    );
    const writable = held.flatMap(([object, names]) =>
      names === '' ? [] : names.split(',').map((n) => (n === '.' ? object : object + n)),
    );
    expect([...new Set(writable)].sort()).toEqual(
      list
        .filter((p) => p.writable)
        .map((p) => p.name)
        .sort(),
    );
  });

  it('has no batch for a subtree without leaves (its names are cached at once)', () => {
    expect(
      discoveryBatches('Device.Hosts.Host.', [{ name: 'Device.Hosts.Host.', writable: true }], 100),
    ).toEqual([]);
  });
});
