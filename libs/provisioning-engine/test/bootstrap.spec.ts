import type { CpeMethodRequest } from '@meridian/cwmp';
import type { PlannedCommand } from '../src';
import { answer, names, preset, sampleCpe, session, step, world } from './driver';

const gpnOfRoot: CpeMethodRequest = {
  name: 'GetParameterNames',
  parameterPath: 'Device.',
  nextLevel: false,
};

const rpcOf = <N extends CpeMethodRequest['name']>(
  command: PlannedCommand | undefined,
  name: N,
) => {
  expect(command?.rpc.name).toBe(name);
  return command?.rpc as Extract<CpeMethodRequest, { name: N }>;
};

describe('bootstrap of a new device, step by step', () => {
  it('discovers the data model in batches, then applies the matching preset once', () => {
    const w = world(sampleCpe(), {
      presets: [
        preset('wifi', [
          {
            type: 'setParameterValues',
            parameters: [{ path: 'Device.WiFi.SSID.1.SSID', value: 'corp' }],
          },
        ]),
        preset('other-vendor', [{ type: 'reboot' }], {
          precondition: { manufacturer: { eq: 'Globex' } },
        }),
      ],
    });
    w.device.events = ['0 BOOTSTRAP', '1 BOOT'];

    // Inform: names first.
    const inform = step(w, { kind: 'inform' });
    expect(inform.commands).toHaveLength(1);
    const gpn = rpcOf(inform.commands[0], 'GetParameterNames');
    expect(gpn).toEqual({ name: 'GetParameterNames', parameterPath: 'Device.', nextLevel: false });
    expect(inform.commands[0]?.purpose).toEqual({ kind: 'discoverNames' });
    expect(inform.decisions.map((d) => d.kind)).toEqual(['reset', 'emitted']);

    // Names → the 10 leaves in batches of at most 4, whole subtrees by their partial path, all
    // in one wave; the names are held in the batches until their values come.
    const afterNames = answer(w, inform.commands[0] as PlannedCommand);
    expect(afterNames.discovered).toEqual([]);
    expect(w.cache.entries.size).toBe(0);
    expect(names(afterNames.commands)).toEqual([
      'GetParameterValues',
      'GetParameterValues',
      'GetParameterValues',
    ]);
    const batches = afterNames.commands.map((c) => rpcOf(c, 'GetParameterValues').parameterNames);
    expect(batches).toEqual([
      ['Device.WiFi.'],
      ['Device.DeviceInfo.', 'Device.Time.'],
      ['Device.ManagementServer.'],
    ]);
    expect(afterNames.commands.map((c) => c.purpose)).toEqual([
      {
        kind: 'discoverValues',
        batch: 1,
        of: 3,
        names: {
          'Device.WiFi.': '',
          'Device.WiFi.SSID.': '',
          'Device.WiFi.SSID.1.': 'Enable,SSID',
          'Device.WiFi.SSID.2.': 'Enable,SSID',
        },
      },
      {
        kind: 'discoverValues',
        batch: 2,
        of: 3,
        names: {
          'Device.': '',
          'Device.DeviceInfo.': '',
          'Device.NAT.': '',
          'Device.Time.': 'NTPServer1',
        },
      },
      {
        kind: 'discoverValues',
        batch: 3,
        of: 3,
        names: { 'Device.ManagementServer.': 'PeriodicInformInterval' },
      },
    ]);

    // Batches 1 and 2: the wave is not over.
    const [b1, b2, b3] = afterNames.commands as [PlannedCommand, PlannedCommand, PlannedCommand];
    expect(answer(w, b1).commands).toEqual([]);
    expect(answer(w, b2).commands).toEqual([]);
    expect(w.state?.discoveredAt).toBeUndefined();

    // Last batch: discovery done, the preset that matches is applied, the other is not a candidate.
    const afterDiscovery = answer(w, b3);
    expect(w.state?.discoveredAt).toBe(new Date(w.clock).toISOString());
    expect(afterDiscovery.clearedFaults).toContain('discovery');
    expect(afterDiscovery.decisions.map((d) => [d.kind, d.preset])).toEqual([
      ['discovery', undefined],
      ['matched', 'wifi'],
      ['emitted', 'wifi'],
    ]);
    const emitted = afterDiscovery.decisions.find((d) => d.kind === 'emitted');
    expect(emitted?.message).toContain('Device.WiFi.SSID.1.SSID is "acme-1", preset wants "corp"');
    const spv = rpcOf(afterDiscovery.commands[0], 'SetParameterValues');
    // The type is the one discovery cached.
    expect(spv.parameterList).toEqual([
      { name: 'Device.WiFi.SSID.1.SSID', value: 'corp', type: 'xsd:string' },
    ]);

    // Done: applied with the ParameterKey the gateway used (the commandId).
    const spvCommand = afterDiscovery.commands[0] as PlannedCommand;
    const applied = answer(w, spvCommand);
    expect(applied.commands).toEqual([]);
    expect(applied.decisions.map((d) => [d.kind, d.preset])).toEqual([
      ['matched', 'wifi'],
      ['applied', 'wifi'],
    ]);
    expect(applied.clearedFaults).toContain('preset:wifi');
    expect(w.state?.applied.wifi).toEqual({
      version: 1,
      at: new Date(w.clock).toISOString(),
      parameterKey: spvCommand.commandId,
    });
    expect(w.state?.inFlight).toEqual({});
    expect(w.state?.progress).toEqual({});
    expect(w.cpe.value('Device.WiFi.SSID.1.SSID')).toBe('corp');
  });

  it('caches each discovered record once: names, writability, value and type together', () => {
    const w = world(sampleCpe());
    session(w, ['0 BOOTSTRAP', '1 BOOT']);
    expect(w.state?.discoveredAt).toBeDefined();
    expect(w.cache.get('Device.WiFi.SSID.1.SSID')).toEqual({
      value: 'acme-1',
      type: 'xsd:string',
      writable: true,
    });
    expect(w.cache.get('Device.DeviceInfo.UpTime')).toEqual({
      value: '100',
      type: 'xsd:unsignedInt',
      writable: false,
    });
    // An object without leaves is cached too, with its writability.
    expect(w.cache.get('Device.NAT.')).toEqual({ writable: false });
    expect(w.cache.get('Device.')).toEqual({ writable: false });
    const all = w.cpe.answer(gpnOfRoot);
    const listed =
      all.status === 'done' && all.response.name === 'GetParameterNamesResponse'
        ? all.response.parameterList.length
        : 0;
    expect(w.cache.entries.size).toBe(listed);
    expect([...w.cache.writes.values()].every((n) => n === 1)).toBe(true);
  });

  it('asks a subtree bigger than a batch by its object leaves, and still no batch over the size', () => {
    const cpe = sampleCpe();
    for (let i = 1; i <= 6; i++)
      cpe.set(`Device.DeviceInfo.Extra${i}`, String(i), 'xsd:string', false);
    const w = world(cpe);
    const log = session(w, ['0 BOOTSTRAP']);
    const gpv = log.commands.filter((c) => c.rpc.name === 'GetParameterValues');
    const leavesOf = (c: PlannedCommand): number => {
      const outcome = cpe.answer(c.rpc);
      return outcome.status === 'done' && outcome.response.name === 'GetParameterValuesResponse'
        ? outcome.response.parameterList.length
        : -1;
    };
    expect(gpv.map(leavesOf).every((n) => n >= 1 && n <= w.config.discoveryBatchSize)).toBe(true);
    expect(gpv.flatMap((c) => rpcOf(c, 'GetParameterValues').parameterNames)).toContain(
      'Device.DeviceInfo.Extra1',
    );
    expect(gpv.map(leavesOf).reduce((a, b) => a + b, 0)).toBe(16);
    expect(w.cache.get('Device.DeviceInfo.Extra6')).toEqual({
      value: '6',
      type: 'xsd:string',
      writable: false,
    });
  });

  it('waits for a wave in flight instead of starting another', () => {
    const w = world(sampleCpe());
    const first = step(w, { kind: 'inform' });
    expect(names(first.commands)).toEqual(['GetParameterNames']);
    const again = step(w, { kind: 'inform' });
    expect(again.commands).toEqual([]);
    expect(again.decisions).toEqual([
      { kind: 'waiting', message: '1 command(s) of the previous wave still in flight' },
    ]);
  });

  it('forgets a command whose result never came after inFlightTtlMs, and starts over', () => {
    const w = world(sampleCpe());
    const first = step(w, { kind: 'inform' });
    w.clock += w.config.inFlightTtlMs + 1;
    const later = step(w, { kind: 'inform' });
    expect(later.decisions[0]?.kind).toBe('failed');
    expect(later.decisions[0]?.message).toContain(`no result for ${first.commands[0]?.commandId}`);
    expect(names(later.commands)).toEqual(['GetParameterNames']);
    expect(later.commands[0]?.commandId).not.toBe(first.commands[0]?.commandId);
    expect(Object.keys(w.state?.inFlight ?? {})).toEqual([later.commands[0]?.commandId]);
  });
});
