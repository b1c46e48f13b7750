import {
  UspError,
  changedInformParameters,
  deviceEventsOfInform,
  encodeMsg,
  indexSnapshot,
  newSubscription,
  notifExpiresAt,
  notifRetryDelayMs,
  objectReferenceMatches,
  notifiesFor,
  notifyMsg,
  parseMsg,
  planSet,
  referenceMatches,
  subscriptionInstanceOf,
  subscriptionEntries,
  subscriptionExpired,
  subscriptionSet,
  type SubscriptionRow,
} from '../src';

const now = new Date('2026-12-05T08:00:00.123Z');
const device = { oui: '00D09E', productClass: 'Router', serialNumber: 'SN1' };

function row(instance: number, params: Record<string, string>): SubscriptionRow {
  return {
    instance,
    params: { Enable: 'true', Recipient: 'ctrl', NotifRetry: 'false', ...params },
  };
}

describe('newSubscription', () => {
  it('fills the defaults, the Recipient and the CreationDate', () => {
    const { params, paramErrs } = newSubscription(
      3,
      [
        { param: 'Enable', value: '1', required: true },
        { param: 'ID', value: 'boot-1', required: true },
        { param: 'NotifType', value: 'Event', required: true },
        { param: 'ReferenceList', value: 'Device.Boot!', required: true },
      ],
      'proto::ctrl',
      now,
    );
    expect(paramErrs).toEqual([]);
    expect(params).toMatchObject({
      Enable: 'true',
      ID: 'boot-1',
      NotifType: 'Event',
      ReferenceList: 'Device.Boot!',
      Recipient: 'proto::ctrl',
      CreationDate: '2026-12-05T08:00:00Z',
      NotifRetry: 'false',
    });
  });

  it('refuses a read-only or unknown required setting, lists non-required ones', () => {
    const base = [{ param: 'NotifType', value: 'ValueChange', required: true }];
    expect(() =>
      newSubscription(1, [...base, { param: 'Recipient', value: 'x', required: true }], 'c', now),
    ).toThrow(expect.objectContaining({ code: 7013 }));
    const { paramErrs } = newSubscription(
      1,
      [...base, { param: 'Colour', value: 'x', required: false }],
      'c',
      now,
    );
    expect(paramErrs).toEqual([
      { param: 'Colour', errCode: 7010, errMsg: 'not a parameter of Subscription' },
    ]);
  });

  it('refuses a NotifType outside TR-181 and a bad boolean', () => {
    expect(() => newSubscription(1, [], 'c', now)).toThrow(UspError);
    expect(() =>
      newSubscription(1, [{ param: 'NotifType', value: 'AnyChange', required: true }], 'c', now),
    ).toThrow(expect.objectContaining({ code: 7012 }));
    expect(() =>
      newSubscription(
        1,
        [
          { param: 'NotifType', value: 'Event', required: true },
          { param: 'Enable', value: 'yes', required: true },
        ],
        'c',
        now,
      ),
    ).toThrow(expect.objectContaining({ code: 7012 }));
  });
});

describe('subscription paths', () => {
  it('reads instance numbers and lays out the table', () => {
    expect(subscriptionInstanceOf('Device.LocalAgent.Subscription.4.')).toBe(4);
    expect(subscriptionInstanceOf('Device.LocalAgent.Subscription.4')).toBe(4);
    expect(subscriptionInstanceOf('Device.LocalAgent.Subscription.*.')).toBeUndefined();
    expect(subscriptionEntries([{ instance: 2, params: { ID: 'a', Enable: 'true' } }])).toEqual([
      { name: 'Device.LocalAgent.Subscription.2.ID', value: 'a', type: 'string' },
      { name: 'Device.LocalAgent.Subscription.2.Enable', value: 'true', type: 'boolean' },
    ]);
  });

  it.each([
    ['Device.DeviceInfo.UpTime', 'Device.DeviceInfo.UpTime', true],
    ['Device.DeviceInfo.', 'Device.DeviceInfo.UpTime', true],
    ['Device.WiFi.SSID.*.SSID', 'Device.WiFi.SSID.2.SSID', true],
    ['Device.WiFi.SSID.*.', 'Device.WiFi.SSID.1.Enable', true],
    ['Device.WiFi.SSID.1.SSID', 'Device.WiFi.SSID.2.SSID', false],
    ['Device.DeviceInfo.UpTime', 'Device.DeviceInfo.UpTimeX', false],
  ])('reference %s matches %s: %s', (reference, path, expected) => {
    expect(referenceMatches(reference, path)).toBe(expected);
  });
});

describe('subscriptionSet: a Set of the Subscription table the translator keeps', () => {
  const current = newSubscription(
    3,
    [
      { param: 'ID', value: 'ops', required: true },
      { param: 'Enable', value: 'true', required: true },
      { param: 'NotifType', value: 'Event', required: true },
      { param: 'ReferenceList', value: 'Device.Boot!', required: true },
    ],
    'ctrl',
    now,
  ).params;
  /** The table as Set's planner sees it, and the one object a Set of its path updates. */
  const target = (settings: { param: string; value: string; required?: boolean }[]) => {
    const table = new Map(
      subscriptionEntries([{ instance: 3, params: current }]).map((e) => [
        e.name,
        { value: e.value, type: e.type },
      ]),
    );
    const [entry] = planSet(indexSnapshot(table), {
      updateObjs: [
        {
          objPath: 'Device.LocalAgent.Subscription.[ID=="ops"].',
          paramSettings: settings.map((x) => ({ ...x, required: x.required ?? true })),
        },
      ],
    });
    expect(entry!.targets.map((t) => t.objectPath)).toEqual(['Device.LocalAgent.Subscription.3.']);
    return entry!.targets[0]!;
  };

  it('changes what it sets and keeps the rest: Enable off, another ReferenceList', () => {
    const { outcome, params } = subscriptionSet(
      target([
        { param: 'Enable', value: '0' },
        { param: 'ReferenceList', value: 'Device.Boot!,Device.LocalAgent.TransferComplete!' },
      ]),
      current,
    );
    expect(outcome).toEqual({
      ok: true,
      updated: { Enable: '0', ReferenceList: 'Device.Boot!,Device.LocalAgent.TransferComplete!' },
      paramErrs: [],
    });
    expect(params).toEqual({
      ...current,
      Enable: 'false',
      ReferenceList: 'Device.Boot!,Device.LocalAgent.TransferComplete!',
    });
  });

  it('a required parameter in error fails the object (7021) and changes nothing', () => {
    const { outcome, params } = subscriptionSet(
      target([
        { param: 'Enable', value: 'false' },
        { param: 'Recipient', value: 'someone-else' },
      ]),
      current,
    );
    expect(outcome).toMatchObject({
      ok: false,
      errCode: 7021,
      paramErrs: [{ paramPath: 'Device.LocalAgent.Subscription.3.Recipient', errCode: 7013 }],
    });
    expect(params).toEqual(current);
  });

  it('one not required is left out and listed (R-SET.2): a bad NotifType, a bad unsignedInt', () => {
    const { outcome, params } = subscriptionSet(
      target([
        { param: 'NotifType', value: 'Whatever', required: false },
        { param: 'TimeToLive', value: '-1', required: false },
        { param: 'NotifRetry', value: 'true' },
      ]),
      current,
    );
    expect(outcome).toMatchObject({
      ok: true,
      updated: { NotifRetry: 'true' },
      paramErrs: [
        { paramPath: 'Device.LocalAgent.Subscription.3.NotifType', errCode: 7012 },
        { paramPath: 'Device.LocalAgent.Subscription.3.TimeToLive', errCode: 7012 },
      ],
    });
    expect(params).toEqual({ ...current, NotifRetry: 'true' });
  });
});

describe('subscriptionExpired: TimeToLive from the CreationDate', () => {
  const created = { CreationDate: '2026-12-05T08:00:00Z' };
  it.each([
    ['0', '2030-01-01T00:00:00Z', false],
    ['60', '2026-12-05T08:00:59Z', false],
    ['60', '2026-12-05T08:01:00Z', true],
    ['3600', '2026-12-05T09:00:01Z', true],
  ])('TimeToLive %s at %s: %s', (ttl, at, expired) => {
    expect(subscriptionExpired({ ...created, TimeToLive: ttl }, new Date(at))).toBe(expired);
  });
});

describe('deviceEventsOfInform', () => {
  const ev = (eventCode: string, commandKey = '') => ({ eventCode, commandKey });
  it('maps BOOT, M Reboot, BOOTSTRAP and VALUE CHANGE', () => {
    expect(deviceEventsOfInform([ev('1 BOOT')], [])).toEqual([
      { kind: 'boot', cause: 'LocalReboot', commandKey: '', firmwareUpdated: false },
    ]);
    expect(deviceEventsOfInform([ev('1 BOOT'), ev('M Reboot', 'k1')], [])).toEqual([
      { kind: 'boot', cause: 'RemoteReboot', commandKey: 'k1', firmwareUpdated: false },
    ]);
    expect(deviceEventsOfInform([ev('0 BOOTSTRAP'), ev('1 BOOT'), ev('M Download')], [])).toEqual([
      { kind: 'onBoard' },
      { kind: 'boot', cause: 'LocalFactoryReset', commandKey: '', firmwareUpdated: true },
    ]);
    const parameters = [{ name: 'Device.X', value: '1' }];
    expect(deviceEventsOfInform([ev('4 VALUE CHANGE')], parameters)).toEqual([
      { kind: 'valueChange', parameters },
    ]);
    expect(deviceEventsOfInform([ev('2 PERIODIC')], parameters)).toEqual([]);
  });
});

describe('notifiesFor', () => {
  const boot = row(1, { ID: 'b', NotifType: 'Event', ReferenceList: 'Device.Boot!' });
  const change = row(2, {
    ID: 'v',
    NotifType: 'ValueChange',
    ReferenceList: 'Device.WiFi.SSID.*.SSID, Device.DeviceInfo.ProvisioningCode',
    NotifRetry: 'true',
  });
  const off = row(3, {
    ID: 'off',
    NotifType: 'Event',
    ReferenceList: 'Device.Boot!',
    Enable: 'false',
  });

  it('gives a Boot! Event to the enabled Event subscriptions naming Device.Boot!', () => {
    const out = notifiesFor(
      [boot, change, off],
      { kind: 'boot', cause: 'RemoteReboot', commandKey: 'k', firmwareUpdated: false },
      device,
    );
    expect(out).toEqual([
      {
        instance: 1,
        recipient: 'ctrl',
        notify: {
          subscriptionId: 'b',
          sendResp: false,
          event: {
            objPath: 'Device.',
            eventName: 'Boot!',
            params: {
              CommandKey: 'k',
              Cause: 'RemoteReboot',
              FirmwareUpdated: 'false',
              ParameterMap: '{}',
            },
          },
        },
      },
    ]);
  });

  it('gives one ValueChange per referenced parameter, send_resp from NotifRetry', () => {
    const out = notifiesFor(
      [boot, change],
      {
        kind: 'valueChange',
        parameters: [
          { name: 'Device.WiFi.SSID.2.SSID', value: 'new' },
          { name: 'Device.DeviceInfo.UpTime', value: '5' },
          { name: 'Device.DeviceInfo.ProvisioningCode', value: 'pc' },
        ],
      },
      device,
    );
    expect(out.map((n) => n.notify)).toEqual([
      {
        subscriptionId: 'v',
        sendResp: true,
        valueChange: { paramPath: 'Device.WiFi.SSID.2.SSID', paramValue: 'new' },
      },
      {
        subscriptionId: 'v',
        sendResp: true,
        valueChange: { paramPath: 'Device.DeviceInfo.ProvisioningCode', paramValue: 'pc' },
      },
    ]);
  });

  it('sends one OnBoardRequest per Controller with an enabled subscription', () => {
    const out = notifiesFor([boot, change, off], { kind: 'onBoard' }, device);
    expect(out).toEqual([
      {
        instance: undefined,
        recipient: 'ctrl',
        notify: {
          subscriptionId: '',
          sendResp: true,
          onBoardReq: { ...device, agentSupportedProtocolVersions: '1.0,1.1,1.2,1.3,1.4' },
        },
      },
    ]);
  });

  it('encodes as a NOTIFY request', () => {
    const [planned] = notifiesFor(
      [boot],
      { kind: 'boot', cause: 'LocalReboot', commandKey: '', firmwareUpdated: false },
      device,
    );
    const parsed = parseMsg(encodeMsg(notifyMsg('n-1', planned!.notify)));
    expect(parsed).toMatchObject({ class: 'request', kind: 'notify', msgId: 'n-1' });
  });
});

describe('ObjectCreation and ObjectDeletion', () => {
  const rows = [
    row(1, {
      ID: 'nat-add',
      NotifType: 'ObjectCreation',
      ReferenceList: 'Device.NAT.PortMapping.',
      NotifRetry: 'true',
    }),
    row(2, { ID: 'nat-del', NotifType: 'ObjectDeletion', ReferenceList: 'Device.NAT.*.' }),
    row(3, { ID: 'ssid-add', NotifType: 'ObjectCreation', ReferenceList: 'Device.WiFi.SSID.' }),
    row(4, {
      ID: 'off',
      Enable: 'false',
      NotifType: 'ObjectCreation',
      ReferenceList: 'Device.NAT.PortMapping.',
    }),
  ];

  it('notifies a creation to the subscriptions whose ReferenceList names its table', () => {
    const planned = notifiesFor(
      rows,
      {
        kind: 'objectCreation',
        objPath: 'Device.NAT.PortMapping.3.',
        uniqueKeys: { Alias: 'cpe-3' },
      },
      device,
    );
    expect(planned).toEqual([
      {
        instance: 1,
        recipient: 'ctrl',
        notify: {
          subscriptionId: 'nat-add',
          sendResp: true,
          objCreation: { objPath: 'Device.NAT.PortMapping.3.', uniqueKeys: { Alias: 'cpe-3' } },
        },
      },
    ]);
  });

  it('notifies a deletion, a wildcard entry matching any table beneath', () => {
    const planned = notifiesFor(
      rows,
      { kind: 'objectDeletion', objPath: 'Device.NAT.PortMapping.3.' },
      device,
    );
    expect(planned.map((p) => p.notify)).toEqual([
      {
        subscriptionId: 'nat-del',
        sendResp: false,
        objDeletion: { objPath: 'Device.NAT.PortMapping.3.' },
      },
    ]);
    expect(
      notifiesFor(rows, { kind: 'objectDeletion', objPath: 'Device.WiFi.SSID.1.' }, device),
    ).toEqual([]);
  });

  it.each([
    ['Device.NAT.PortMapping.', 'Device.NAT.PortMapping.3.', true],
    ['Device.NAT.PortMapping.*.', 'Device.NAT.PortMapping.3.', true],
    ['Device.NAT.PortMapping.3.', 'Device.NAT.PortMapping.3.', true],
    ['Device.NAT.', 'Device.NAT.PortMapping.3.', true],
    ['Device.NAT.PortMapping.4.', 'Device.NAT.PortMapping.3.', false],
    ['Device.NAT.PortMapping.*.Description', 'Device.NAT.PortMapping.3.', false],
    ['Device.WiFi.SSID.', 'Device.NAT.PortMapping.3.', false],
  ])('object reference %s names %s: %s', (reference, instance, expected) => {
    expect(objectReferenceMatches(reference, instance)).toBe(expected);
  });

  it('does not notify a Subscription of its own creation', () => {
    const own = row(5, {
      ID: 'subs',
      NotifType: 'ObjectCreation',
      ReferenceList: 'Device.LocalAgent.Subscription.',
    });
    const event = (objPath: string) =>
      ({ kind: 'objectCreation', objPath, uniqueKeys: {} }) as const;
    expect(notifiesFor([own], event('Device.LocalAgent.Subscription.5.'), device)).toEqual([]);
    expect(notifiesFor([own], event('Device.LocalAgent.Subscription.6.'), device)).toHaveLength(1);
  });

  it('accepts the NotifTypes on Add', () => {
    for (const type of ['ObjectCreation', 'ObjectDeletion']) {
      const { params } = newSubscription(
        1,
        [{ param: 'NotifType', value: type, required: true }],
        'c',
        now,
      );
      expect(params.NotifType).toBe(type);
    }
  });
});

describe('Notify retry (R-NOT.1, R-NOT.2)', () => {
  it.each([
    [1, 0, 5000],
    [1, 0.999, 9995],
    [2, 0, 10_000],
    [3, 0.5, 30_000],
    [10, 0, 2_560_000],
    [25, 0.999, 5_117_440],
  ])('retry %i with random %d waits %i ms (defaults m 5 s, k 2000)', (retry, random, ms) => {
    expect(notifRetryDelayMs(retry, random)).toBe(ms);
  });

  it('follows the configured minimum wait and multiplier', () => {
    expect(notifRetryDelayMs(2, 0, { minWaitMs: 200, intervalMultiplier: 3000 })).toBe(600);
  });

  it('expires NotifExpiration seconds after the first send, never with 0', () => {
    expect(notifExpiresAt(row(1, { NotifExpiration: '30' }), 1000)).toBe(31_000);
    expect(notifExpiresAt(row(1, { NotifExpiration: '0' }), 1000)).toBeUndefined();
    expect(notifExpiresAt(undefined, 1000)).toBeUndefined();
  });
});

describe('ValueChange of an Inform: only what changed', () => {
  const informTime = new Date('2026-12-05T10:00:00.000Z');
  const before = new Date('2026-12-05T09:00:00.000Z');
  // cpe-sim sends both SSIDs and UpTime in every Inform (forced); SSID.2 changed on the router.
  const parameterList = [
    { name: 'Device.DeviceInfo.UpTime', value: '3600' },
    { name: 'Device.WiFi.SSID.1.SSID', value: 'home' },
    { name: 'Device.WiFi.SSID.2.SSID', value: 'renamed' },
    { name: 'Device.WiFi.SSID.3.SSID', value: 'new' },
  ];

  it('leaves out forced parameters the cache already held with that value', () => {
    const cached = new Map([
      ['Device.DeviceInfo.UpTime', { value: '3000', updatedAt: before }],
      ['Device.WiFi.SSID.1.SSID', { value: 'home', updatedAt: before }],
      ['Device.WiFi.SSID.2.SSID', { value: 'guest', updatedAt: before }],
    ]);
    expect(changedInformParameters(parameterList, cached, informTime).map((p) => p.name)).toEqual([
      'Device.DeviceInfo.UpTime',
      'Device.WiFi.SSID.2.SSID',
      'Device.WiFi.SSID.3.SSID',
    ]);
  });

  it('keeps a change the cache was already given from this same Inform', () => {
    const cached = new Map([
      ['Device.DeviceInfo.UpTime', { value: '3600', updatedAt: informTime }],
      ['Device.WiFi.SSID.1.SSID', { value: 'home', updatedAt: before }],
      ['Device.WiFi.SSID.2.SSID', { value: 'renamed', updatedAt: informTime }],
      ['Device.WiFi.SSID.3.SSID', { value: 'new', updatedAt: informTime }],
    ]);
    expect(changedInformParameters(parameterList, cached, informTime).map((p) => p.name)).toEqual([
      'Device.DeviceInfo.UpTime',
      'Device.WiFi.SSID.2.SSID',
      'Device.WiFi.SSID.3.SSID',
    ]);
  });

  it('so an object-path subscription gets a Notify for the changed SSID alone', () => {
    const cached = new Map([['Device.WiFi.SSID.1.SSID', { value: 'home', updatedAt: before }]]);
    const [event] = deviceEventsOfInform(
      [{ eventCode: '4 VALUE CHANGE', commandKey: '' }],
      changedInformParameters(parameterList.slice(1, 3), cached, informTime),
    );
    const row: SubscriptionRow = {
      instance: 1,
      params: {
        Enable: 'true',
        ID: 'ssids',
        NotifType: 'ValueChange',
        ReferenceList: 'Device.WiFi.SSID.',
        Recipient: 'self::controller',
      },
    };
    const planned = notifiesFor([row], event!, {
      oui: '00D09E',
      productClass: 'SimRouter',
      serialNumber: 'S1',
    });
    expect(planned.map((p) => p.notify.valueChange)).toEqual([
      { paramPath: 'Device.WiFi.SSID.2.SSID', paramValue: 'renamed' },
    ]);
  });
});
