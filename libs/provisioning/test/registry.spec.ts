import type { Device } from '@meridian/store';
import { changedSinceLastInform, registryUpdateOf } from '../src/registry';
import { inform } from './fixtures';

const PRESENCE = { graceSeconds: 60, defaultIntervalSeconds: 3600 };

describe('registryUpdateOf', () => {
  it('takes identity, versions and connection request URL from either root model', () => {
    const u = registryUpdateOf(
      inform({
        parameterList: [
          {
            name: 'InternetGatewayDevice.DeviceInfo.SoftwareVersion',
            value: 'V9',
            type: 'xsd:string',
          },
        ],
      }),
      PRESENCE,
    );
    expect(u.fields.softwareVersion).toBe('V9');
    expect(u.fields.connectionRequestUrl).toBeUndefined();
    expect(u.fields.events).toEqual(['1 BOOT']);
    expect(u.informTime.toISOString()).toBe('2026-11-25T10:00:00.000Z');
  });

  it("keeps the CWMP schema the session spoke, by its name (1.3 and 1.4 speak cwmp-1-2's)", () => {
    expect(registryUpdateOf(inform({ cwmpVersion: '1-1' }), PRESENCE).fields.cwmpVersion).toBe(
      'cwmp-1-1',
    );
    expect(registryUpdateOf(inform({ cwmpVersion: '1-2' }), PRESENCE).fields.cwmpVersion).toBe(
      'cwmp-1-2',
    );
  });

  it('reports the ParameterKey and counts the device online for its interval plus the grace', () => {
    const u = registryUpdateOf(
      inform({
        parameterList: [
          { name: 'Device.ManagementServer.ParameterKey', value: 'p0123', type: 'xsd:string' },
          {
            name: 'Device.ManagementServer.PeriodicInformInterval',
            value: '300',
            type: 'xsd:unsignedInt',
          },
        ],
      }),
      PRESENCE,
      999,
    );
    expect(u.fields.parameterKey).toBe('p0123');
    expect(u.fields.periodicInformInterval).toBe(300);
    // 10:00:00 + 300 s + 60 s of grace
    expect(u.fields.onlineUntil?.toISOString()).toBe('2026-11-25T10:06:00.000Z');
  });

  it('uses the cached interval when the Inform has none, else the default', () => {
    const bare = inform({ parameterList: [] });
    expect(registryUpdateOf(bare, PRESENCE, 600).fields.onlineUntil?.toISOString()).toBe(
      '2026-11-25T10:11:00.000Z',
    );
    const unknown = registryUpdateOf(bare, PRESENCE);
    expect(unknown.fields.periodicInformInterval).toBeUndefined();
    expect(unknown.fields.onlineUntil?.toISOString()).toBe('2026-11-25T11:01:00.000Z');
  });

  it('treats an interval of 0 (periodic Informs off) as unknown', () => {
    const off = inform({
      parameterList: [
        {
          name: 'Device.ManagementServer.PeriodicInformInterval',
          value: '0',
          type: 'xsd:unsignedInt',
        },
      ],
    });
    expect(registryUpdateOf(off, PRESENCE).fields.periodicInformInterval).toBeUndefined();
  });
});

describe('changedSinceLastInform', () => {
  const periodic = [{ eventCode: '2 PERIODIC', commandKey: '' }];
  const updateOf = (overrides: Parameters<typeof inform>[0] = {}) =>
    registryUpdateOf(inform({ events: periodic, ...overrides }), PRESENCE);
  const stored = (overrides: Partial<Device> = {}): Device => {
    const { fields } = updateOf();
    return {
      deviceId: 'D1',
      identity: fields.identity,
      status: 'active',
      tags: [],
      registeredAt: new Date('2026-11-25T09:00:00Z'),
      lastEvents: fields.events,
      periodicInformInterval: 300,
      ...(fields.informParameters ? { informParameters: fields.informParameters } : {}),
      ...overrides,
    };
  };
  const [first, ...rest] = inform().parameterList;
  if (first === undefined) throw new Error('the fixture has parameters');

  it('is nothing for the same events and ParameterList', () => {
    expect(changedSinceLastInform(stored(), updateOf())).toEqual([]);
  });

  it('is the parameters with a new value or type, or not in the last list, in any order', () => {
    const paths = (overrides: Parameters<typeof inform>[0]) =>
      changedSinceLastInform(stored(), updateOf(overrides))?.map((p) => [p.path, p.value]);
    expect(paths({ parameterList: [{ ...first, value: 'x' }, ...rest] })).toEqual([
      [first.name, 'x'],
    ]);
    expect(paths({ parameterList: [...rest, { ...first, type: 'xsd:int' }] })).toEqual([
      [first.name, first.value],
    ]);
    const upTime = {
      name: 'Device.DeviceInfo.UpTime',
      value: '3600',
      type: 'xsd:unsignedInt' as const,
    };
    expect(paths({ parameterList: [upTime, ...rest, first] })).toEqual([[upTime.name, '3600']]);
    // A parameter the Inform no longer carries is nothing to write.
    expect(paths({ parameterList: rest })).toEqual([]);
  });

  it('is told for an Inform of periodic or connection-request events after other events', () => {
    const booted = stored({ lastEvents: ['0 BOOTSTRAP', '1 BOOT'] });
    const requested = updateOf({ events: [{ eventCode: '6 CONNECTION REQUEST', commandKey: '' }] });
    expect(changedSinceLastInform(booted, requested)).toEqual([]);
    expect(changedSinceLastInform(booted, updateOf())).toEqual([]);
  });

  it('cannot be told for other events, or without a stored list or interval', () => {
    const boot = updateOf({ events: [...periodic, { eventCode: '1 BOOT', commandKey: '' }] });
    expect(changedSinceLastInform(stored(), boot)).toBeNull();
    expect(changedSinceLastInform(stored({ informParameters: undefined }), updateOf())).toBeNull();
    expect(
      changedSinceLastInform(stored({ periodicInformInterval: undefined }), updateOf()),
    ).toBeNull();
    expect(changedSinceLastInform(null, updateOf())).toBeNull();
  });
});
