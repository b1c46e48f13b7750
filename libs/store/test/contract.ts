import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { DeviceIdStruct } from '@meridian/cwmp';
import {
  ChecksumMismatchError,
  DuplicateKeyError,
  FileTooLargeError,
  type FileContent,
  type FileUpload,
  VersionConflictError,
  type AuditEntryInput,
  type InformFields,
  informedDevice,
  type NewTask,
  type PresetInput,
  type ProvisioningRecord,
  type Store,
} from '../src';
import type { Campaign, CampaignDevice } from '@meridian/campaign';

/** How a suite gets a fresh, empty store and gets rid of it. */
export interface StoreHarness {
  open(now: () => Date): Promise<Store>;
  dispose(store: Store): Promise<void>;
  /**
   * False when the server runs a conditional update as a read, then a write (FerretDB 1.24):
   * racing puts from the same existing revision may then all pass. Default true.
   */
  atomicUpdates?: () => Promise<boolean>;
}

const at = (iso: string): Date => new Date(iso);

const identity = (
  serialNumber: string,
  productClass = 'HG8245',
  oui = '00259E',
): DeviceIdStruct => ({
  manufacturer: 'Huawei',
  oui,
  productClass,
  serialNumber,
});

const inform = (serialNumber: string, overrides: Partial<InformFields> = {}): InformFields => ({
  identity: identity(serialNumber),
  events: ['2 PERIODIC'],
  ...overrides,
});

/**
 * What both Inform writes must leave of a device first informed (1 BOOT, 10.0.0.1, tagged `lab`)
 * at `first`, then with a 2 PERIODIC at `last` giving software 1.1 and no address.
 */
const informedTwice = (first: Date, last: Date) => ({
  registeredAt: first,
  firstInform: first,
  lastInform: last,
  lastBoot: first,
  lastEvents: ['2 PERIODIC'],
  softwareVersion: '1.1',
  remoteAddress: '10.0.0.1',
  tags: ['lab'],
});

const task = (commandId: string, deviceId: string, createdAt: string): NewTask => ({
  commandId,
  deviceId,
  rpc: { name: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.'] },
  connectionRequest: true,
  source: 'nbi',
  createdAt: at(createdAt),
});

const preset = (name: string): PresetInput => ({
  name,
  channel: 'default',
  weight: 0,
  events: ['1 BOOT'],
  precondition: { 'DeviceID.ProductClass': 'HG8245' },
  configurations: [
    { type: 'value', name: 'Device.ManagementServer.PeriodicInformInterval', value: 300 },
  ],
});

/** The behaviour every Store adapter must have. */
export function storeContract(harness: StoreHarness): void {
  let store: Store;
  let clock: Date;

  beforeEach(async () => {
    clock = at('2026-01-01T00:00:00Z');
    store = await harness.open(() => clock);
  });

  afterEach(async () => {
    await harness.dispose(store);
  });

  describe('devices', () => {
    it('creates a device on its first Inform', async () => {
      const t1 = at('2026-03-01T10:00:00Z');
      const { device, created } = await store.devices.upsertFromInform(
        '00259E-HG8245-A1',
        inform('A1', {
          events: ['0 BOOTSTRAP', '1 BOOT'],
          softwareVersion: '1.0',
          remoteAddress: '10.0.0.1',
        }),
        t1,
      );

      expect(created).toBe(true);
      expect(device).toEqual({
        deviceId: '00259E-HG8245-A1',
        identity: identity('A1'),
        status: 'active',
        tags: [],
        registeredAt: t1,
        firstInform: t1,
        lastInform: t1,
        lastBoot: t1,
        lastBootstrap: t1,
        lastEvents: ['0 BOOTSTRAP', '1 BOOT'],
        softwareVersion: '1.0',
        remoteAddress: '10.0.0.1',
      });
      expect(await store.devices.get('00259E-HG8245-A1')).toEqual(device);
    });

    it('updates on later Informs: firstInform kept, lastInform moves, unsent fields kept', async () => {
      const t1 = at('2026-03-01T10:00:00Z');
      const t2 = at('2026-03-01T11:00:00Z');
      await store.devices.upsertFromInform(
        'D1',
        inform('A1', { events: ['1 BOOT'], softwareVersion: '1.0', remoteAddress: '10.0.0.1' }),
        t1,
      );
      await store.devices.addTag('D1', 'lab');

      const { device, created } = await store.devices.upsertFromInform(
        'D1',
        inform('A1', { softwareVersion: '1.1' }),
        t2,
      );

      expect(created).toBe(false);
      expect(device).toMatchObject(informedTwice(t1, t2));
      expect(await store.devices.get('D1')).toEqual(device);
    });

    it("keeps the CWMP version of the device's last session, and a later Inform's one", async () => {
      const t1 = at('2026-03-01T10:00:00Z');
      await store.devices.upsertFromInform('D1', inform('A1', { cwmpVersion: 'cwmp-1-1' }), t1);
      expect(await store.devices.get('D1')).toMatchObject({ cwmpVersion: 'cwmp-1-1' });

      await store.devices.upsertFromInform(
        'D1',
        inform('A1', { cwmpVersion: 'cwmp-1-2' }),
        at('2026-03-01T11:00:00Z'),
      );
      expect(await store.devices.get('D1')).toMatchObject({ cwmpVersion: 'cwmp-1-2' });
      const listed = await store.devices.list({}, { fields: ['cwmpVersion'] });
      expect(listed.items).toEqual([{ deviceId: 'D1', cwmpVersion: 'cwmp-1-2' }]);
    });

    it('keeps one device per deviceId under concurrent first Informs', async () => {
      const results = await Promise.all(
        [1, 2, 3, 4].map((n) =>
          store.devices.upsertFromInform('D1', inform('A1'), at(`2026-03-01T10:00:0${n}Z`)),
        ),
      );

      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect((await store.devices.list({})).total).toBe(1);
    });

    it('writes ParameterKey, PeriodicInformInterval and onlineUntil when an Inform gives them', async () => {
      const t1 = at('2026-03-01T10:00:00Z');
      const t2 = at('2026-03-01T10:05:00Z');
      const first = await store.devices.upsertFromInform(
        'D1',
        inform('A1', {
          parameterKey: 'cmd-1',
          periodicInformInterval: 300,
          onlineUntil: at('2026-03-01T10:06:00Z'),
        }),
        t1,
      );
      expect(first.device).toMatchObject({
        parameterKey: 'cmd-1',
        periodicInformInterval: 300,
        onlineUntil: at('2026-03-01T10:06:00Z'),
      });

      // Not given: kept. Given: replaced.
      await store.devices.upsertFromInform('D1', inform('A1'), t2);
      expect(await store.devices.get('D1')).toMatchObject({
        parameterKey: 'cmd-1',
        periodicInformInterval: 300,
        onlineUntil: at('2026-03-01T10:06:00Z'),
      });
      const { device } = await store.devices.upsertFromInform(
        'D1',
        inform('A1', { parameterKey: '', onlineUntil: at('2026-03-01T10:11:00Z') }),
        t2,
      );
      expect(device).toMatchObject({
        parameterKey: '',
        periodicInformInterval: 300,
        onlineUntil: at('2026-03-01T10:11:00Z'),
      });
      expect(await store.devices.get('D1')).toEqual(device);
    });

    it("keeps the last Inform's parameters, replaced by the next Inform that carries them", async () => {
      const version = (value: string) => ({
        path: 'Device.DeviceInfo.SoftwareVersion',
        value,
        type: 'xsd:string' as const,
      });
      const first = [
        version('1.0'),
        { path: 'Device.ManagementServer.ParameterKey', value: '', type: 'xsd:string' as const },
      ];
      const { device } = await store.devices.upsertFromInform(
        'D1',
        inform('A1', { informParameters: first }),
        at('2026-03-01T10:00:00Z'),
      );
      expect(device.informParameters).toEqual(first);
      expect(await store.devices.get('D1')).toEqual(device);

      // Not given (e.g. a caller that only moves lastInform): kept.
      await store.devices.upsertFromInform('D1', inform('A1'), at('2026-03-01T10:05:00Z'));
      expect((await store.devices.get('D1'))?.informParameters).toEqual(first);

      const second = [version('1.1')];
      await store.devices.upsertFromInform(
        'D1',
        inform('A1', { informParameters: second }),
        at('2026-03-01T10:10:00Z'),
      );
      expect((await store.devices.get('D1'))?.informParameters).toEqual(second);
    });

    describe('updateFromInform (a device the caller has read)', () => {
      const list = (uptime: string) => [
        { path: 'Device.DeviceInfo.UpTime', value: uptime, type: 'xsd:unsignedInt' as const },
        { path: 'Device.DeviceInfo.SoftwareVersion', value: '1.0', type: 'xsd:string' as const },
      ];

      it('stores what upsertFromInform would, tags, status and registration kept', async () => {
        const t1 = at('2026-03-01T10:00:00Z');
        const t2 = at('2026-03-01T11:00:00Z');
        const fields = (uptime: string, overrides: Partial<InformFields> = {}) =>
          inform('A1', {
            events: ['1 BOOT'],
            softwareVersion: '1.0',
            remoteAddress: '10.0.0.1',
            periodicInformInterval: 300,
            onlineUntil: at('2026-03-01T10:07:00Z'),
            informParameters: list(uptime),
            ...overrides,
          });
        await store.devices.upsertFromInform('D1', fields('10'), t1);
        await store.devices.addTag('D1', 'lab');
        await store.devices.setStatus('D1', 'disabled');
        const read = await store.devices.get('D1');
        if (read === null) throw new Error('D1 not stored');

        // A later Inform: new events, a new value in its list, a field not given.
        const later = fields('3610', {
          events: ['2 PERIODIC'],
          remoteAddress: undefined,
          softwareVersion: '1.1',
          onlineUntil: at('2026-03-01T11:07:00Z'),
        });
        expect(await store.devices.updateFromInform(read, later, t2)).toBe(true);
        const stored = await store.devices.get('D1');
        expect(stored).toEqual(informedDevice(read, later, t2));
        expect(stored).toMatchObject({
          ...informedTwice(t1, t2),
          status: 'disabled',
          informParameters: list('3610'),
        });

        // The same Inform again, an hour on: only lastInform and onlineUntil move.
        const t3 = at('2026-03-01T12:00:00Z');
        const again = { ...later, onlineUntil: at('2026-03-01T12:07:00Z') };
        expect(await store.devices.updateFromInform(stored!, again, t3)).toBe(true);
        expect(await store.devices.get('D1')).toEqual({
          ...stored,
          lastInform: t3,
          onlineUntil: at('2026-03-01T12:07:00Z'),
        });

        // A new manufacturer name (the same deviceId): written too.
        const renamed = { ...again, identity: { ...identity('A1'), manufacturer: 'Huawei Tech' } };
        const read2 = await store.devices.get('D1');
        expect(await store.devices.updateFromInform(read2!, renamed, t3)).toBe(true);
        expect(await store.devices.get('D1')).toEqual(informedDevice(read2!, renamed, t3));
        expect((await store.devices.get('D1'))?.identity.manufacturer).toBe('Huawei Tech');
      });

      it('sets firstInform on the first Inform of a pre-registered device', async () => {
        const registered = await store.devices.register({
          deviceId: 'P1',
          identity: identity('P1'),
          tags: [],
          registeredAt: at('2026-02-01T08:00:00Z'),
        });
        const t1 = at('2026-03-01T10:00:00Z');
        expect(await store.devices.updateFromInform(registered, inform('P1'), t1)).toBe(true);
        expect(await store.devices.get('P1')).toEqual(informedDevice(registered, inform('P1'), t1));
        expect((await store.devices.get('P1'))?.firstInform).toEqual(t1);
      });

      it('writes nothing for a device deleted since it was read', async () => {
        const { device } = await store.devices.upsertFromInform(
          'D1',
          inform('A1'),
          at('2026-03-01T10:00:00Z'),
        );
        await store.devices.delete('D1');
        expect(
          await store.devices.updateFromInform(device, inform('A1'), at('2026-03-01T11:00:00Z')),
        ).toBe(false);
        expect(await store.devices.get('D1')).toBeNull();
      });
    });

    describe('pre-registration', () => {
      const registeredAt = at('2026-02-01T08:00:00Z');
      const registration = {
        deviceId: '00259E-HG8245-P1',
        identity: identity('P1'),
        tags: ['vip', 'lab', 'vip'],
        registeredAt,
      };

      it('registers a device with no inform times, tags sorted without duplicates', async () => {
        const device = await store.devices.register(registration);

        expect(device).toEqual({
          deviceId: '00259E-HG8245-P1',
          identity: identity('P1'),
          status: 'active',
          tags: ['lab', 'vip'],
          registeredAt,
          lastEvents: [],
        });
        expect(await store.devices.get('00259E-HG8245-P1')).toEqual(device);
        expect((await store.devices.list({ tags: ['vip'] })).total).toBe(1);
      });

      it('refuses to register a deviceId that exists', async () => {
        await store.devices.register(registration);
        await store.devices.upsertFromInform('D2', inform('A2'), at('2026-03-01T10:00:00Z'));

        await expect(store.devices.register(registration)).rejects.toBeInstanceOf(
          DuplicateKeyError,
        );
        await expect(
          store.devices.register({ ...registration, deviceId: 'D2' }),
        ).rejects.toBeInstanceOf(DuplicateKeyError);
        expect((await store.devices.get('D2'))?.firstInform).toEqual(at('2026-03-01T10:00:00Z'));
      });

      it('sets firstInform on the first Inform, keeping registeredAt, tags and status', async () => {
        await store.devices.register(registration);
        await store.devices.setStatus('00259E-HG8245-P1', 'disabled');
        const t1 = at('2026-03-01T10:00:00Z');
        const t2 = at('2026-03-01T11:00:00Z');

        const first = await store.devices.upsertFromInform(
          '00259E-HG8245-P1',
          inform('P1', { events: ['0 BOOTSTRAP'] }),
          t1,
        );
        const second = await store.devices.upsertFromInform('00259E-HG8245-P1', inform('P1'), t2);

        expect(first.created).toBe(false);
        expect(first.device).toMatchObject({
          registeredAt,
          firstInform: t1,
          lastInform: t1,
          lastBootstrap: t1,
          tags: ['lab', 'vip'],
          status: 'disabled',
        });
        expect(second.device).toMatchObject({ registeredAt, firstInform: t1, lastInform: t2 });
        expect(await store.devices.get('00259E-HG8245-P1')).toEqual(second.device);
      });

      it('sets firstInform once under concurrent first Informs', async () => {
        await store.devices.register(registration);
        const times = [1, 2, 3].map((n) => at(`2026-03-01T10:00:0${n}Z`));

        await Promise.all(
          times.map((time) =>
            store.devices.upsertFromInform('00259E-HG8245-P1', inform('P1'), time),
          ),
        );
        const firstInform = (await store.devices.get('00259E-HG8245-P1'))?.firstInform;
        const later = await store.devices.upsertFromInform(
          '00259E-HG8245-P1',
          inform('P1'),
          at('2026-03-01T11:00:00Z'),
        );

        expect(times).toContainEqual(firstInform);
        expect(later.device.firstInform).toEqual(firstInform);
      });
    });

    describe('presence', () => {
      const now = at('2026-03-01T12:00:00Z');

      beforeEach(async () => {
        const fleet: [string, string | undefined][] = [
          ['D1', '2026-03-01T12:05:00Z'],
          ['D2', '2026-03-01T11:55:00Z'],
          // Exactly at "now": no longer online.
          ['D3', '2026-03-01T12:00:00Z'],
          ['D4', undefined],
          ['D5', '2026-03-01T13:00:00Z'],
        ];
        for (const [deviceId, until] of fleet) {
          await store.devices.upsertFromInform(
            deviceId,
            inform(deviceId, until === undefined ? {} : { onlineUntil: at(until) }),
            at('2026-03-01T11:50:00Z'),
          );
        }
        await store.devices.register({
          deviceId: 'D6',
          identity: identity('D6'),
          tags: ['lab'],
          registeredAt: at('2026-02-01T00:00:00Z'),
        });
        await store.devices.addTag('D1', 'lab');
      });

      const ids = (page: { items: { deviceId: string }[] }): string[] =>
        page.items.map((d) => d.deviceId);

      it('online: onlineUntil after the time asked about', async () => {
        const page = await store.devices.list({ presence: { online: true, at: now } });
        expect(ids(page)).toEqual(['D1', 'D5']);
        expect(page.total).toBe(2);
      });

      it('offline: onlineUntil at or before that time, or never known', async () => {
        const page = await store.devices.list({ presence: { online: false, at: now } });
        expect(ids(page)).toEqual(['D2', 'D3', 'D4', 'D6']);
        expect(page.total).toBe(4);
      });

      it('combines with the other criteria and moves with the time asked about', async () => {
        expect(
          ids(await store.devices.list({ tags: ['lab'], presence: { online: false, at: now } })),
        ).toEqual(['D6']);
        expect(
          ids(
            await store.devices.list({
              presence: { online: true, at: at('2026-03-01T12:30:00Z') },
            }),
          ),
        ).toEqual(['D5']);
      });
    });

    describe('sorting devices never heard from', () => {
      beforeEach(async () => {
        for (const [hour, deviceId] of ['D2', 'D4', 'D1'].entries()) {
          await store.devices.upsertFromInform(
            deviceId,
            inform(deviceId),
            at(`2026-03-01T1${hour}:00:00Z`),
          );
        }
        for (const deviceId of ['D3', 'D0']) {
          await store.devices.register({
            deviceId,
            identity: identity(deviceId),
            tags: [],
            registeredAt: at('2026-02-01T00:00:00Z'),
          });
        }
      });

      const sorted = async (
        field: 'firstInform' | 'lastInform',
        order: 'asc' | 'desc',
        paging: { skip?: number; limit?: number } = {},
      ): Promise<string[]> =>
        (await store.devices.list({}, { sort: { field, order }, ...paging })).items.map(
          (d) => d.deviceId,
        );

      it('puts them last, by deviceId, in both orders', async () => {
        expect(await sorted('lastInform', 'asc')).toEqual(['D2', 'D4', 'D1', 'D0', 'D3']);
        expect(await sorted('lastInform', 'desc')).toEqual(['D1', 'D4', 'D2', 'D0', 'D3']);
        expect(await sorted('firstInform', 'asc')).toEqual(['D2', 'D4', 'D1', 'D0', 'D3']);
        expect(await sorted('firstInform', 'desc')).toEqual(['D1', 'D4', 'D2', 'D0', 'D3']);
      });

      it('pages across the boundary', async () => {
        expect(await sorted('lastInform', 'asc', { skip: 2, limit: 2 })).toEqual(['D1', 'D0']);
        expect(await sorted('lastInform', 'desc', { skip: 3, limit: 5 })).toEqual(['D0', 'D3']);
        expect(await sorted('lastInform', 'asc', { skip: 4 })).toEqual(['D3']);
        expect(await sorted('lastInform', 'asc', { limit: 3 })).toEqual(['D2', 'D4', 'D1']);
        const page = await store.devices.list(
          {},
          { sort: { field: 'lastInform', order: 'asc' }, skip: 1, limit: 0 },
        );
        expect(page).toEqual({ items: [], total: 5 });
      });
    });

    it('returns null for an unknown device', async () => {
      expect(await store.devices.get('nope')).toBeNull();
    });

    it('adds and removes tags idempotently, sorted', async () => {
      await store.devices.upsertFromInform('D1', inform('A1'), at('2026-03-01T10:00:00Z'));

      expect(await store.devices.addTag('D1', 'zeta')).toBe(true);
      expect(await store.devices.addTag('D1', 'alpha')).toBe(true);
      expect(await store.devices.addTag('D1', 'alpha')).toBe(true);
      expect((await store.devices.get('D1'))?.tags).toEqual(['alpha', 'zeta']);

      expect(await store.devices.removeTag('D1', 'alpha')).toBe(true);
      expect(await store.devices.removeTag('D1', 'alpha')).toBe(true);
      expect((await store.devices.get('D1'))?.tags).toEqual(['zeta']);

      expect(await store.devices.addTag('unknown', 'x')).toBe(false);
      expect(await store.devices.removeTag('unknown', 'x')).toBe(false);
    });

    it('sets the status', async () => {
      await store.devices.upsertFromInform('D1', inform('A1'), at('2026-03-01T10:00:00Z'));

      expect(await store.devices.setStatus('D1', 'disabled')).toBe(true);
      expect((await store.devices.get('D1'))?.status).toBe('disabled');
      await store.devices.upsertFromInform('D1', inform('A1'), at('2026-03-01T11:00:00Z'));
      expect((await store.devices.get('D1'))?.status).toBe('disabled');
      expect(await store.devices.setStatus('unknown', 'disabled')).toBe(false);
    });

    it('deletes a device with its parameters, tasks, faults and provisioning record', async () => {
      const t = at('2026-03-01T10:00:00Z');
      for (const deviceId of ['D1', 'D2']) {
        await store.devices.upsertFromInform(deviceId, inform(deviceId), t);
        await store.parameters.upsertMany(deviceId, [
          { path: 'Device.X', value: '1', updatedAt: t },
        ]);
        await store.tasks.create(task(`${deviceId}-c1`, deviceId, '2026-03-01T10:00:00Z'));
        await store.faults.record({
          deviceId,
          channel: 'default',
          code: 'cwmp.9002',
          message: 'x',
          timestamp: t,
        });
        await store.provisioning.put(deviceId, { applied: ['p1'] }, null, t);
      }

      expect(await store.devices.delete('D1')).toBe(true);

      expect(await store.devices.get('D1')).toBeNull();
      expect(await store.parameters.get('D1', { prefix: '' })).toEqual([]);
      expect(await store.tasks.listByDevice('D1')).toEqual([]);
      expect(await store.faults.listByDevice('D1')).toEqual([]);
      expect(await store.provisioning.get('D1')).toBeNull();
      expect(await store.devices.get('D2')).not.toBeNull();
      expect(await store.provisioning.get('D2')).not.toBeNull();
      expect(await store.parameters.get('D2', { prefix: '' })).toHaveLength(1);
      expect(await store.tasks.listByDevice('D2')).toHaveLength(1);
      expect(await store.faults.listByDevice('D2')).toHaveLength(1);
      expect(await store.devices.delete('D1')).toBe(false);
    });

    describe('list', () => {
      // Five devices: two product classes, tags, Informs an hour apart, one cached parameter.
      beforeEach(async () => {
        const fleet = [
          { deviceId: 'D1', productClass: 'HG8245', tags: ['lab'], ssid: 'home' },
          { deviceId: 'D2', productClass: 'HG8245', tags: ['lab', 'beta'], ssid: 'office' },
          { deviceId: 'D3', productClass: 'F660', tags: ['beta'], ssid: 'home' },
          { deviceId: 'D4', productClass: 'F660', tags: [], ssid: 'cafe' },
          { deviceId: 'D5', productClass: 'HG8245', tags: ['lab'], ssid: 'home' },
        ];
        for (const [hour, d] of fleet.entries()) {
          const time = at(`2026-03-01T1${hour}:00:00Z`);
          await store.devices.upsertFromInform(
            d.deviceId,
            { identity: identity(`S${d.deviceId}`, d.productClass), events: [] },
            time,
          );
          for (const tag of d.tags) await store.devices.addTag(d.deviceId, tag);
          await store.parameters.upsertMany(d.deviceId, [
            { path: 'Device.WiFi.SSID.1.SSID', value: d.ssid, type: 'xsd:string', updatedAt: time },
          ]);
        }
      });

      const ids = (page: { items: { deviceId: string }[] }): string[] =>
        page.items.map((d) => d.deviceId);

      it('lists every device by deviceId with the total', async () => {
        const page = await store.devices.list({});
        expect(ids(page)).toEqual(['D1', 'D2', 'D3', 'D4', 'D5']);
        expect(page.total).toBe(5);
      });

      it('filters by tags (all of them)', async () => {
        expect(ids(await store.devices.list({ tags: ['lab'] }))).toEqual(['D1', 'D2', 'D5']);
        expect(ids(await store.devices.list({ tags: ['lab', 'beta'] }))).toEqual(['D2']);
      });

      it('filters by identity and by deviceIds', async () => {
        expect(ids(await store.devices.list({ productClass: 'F660' }))).toEqual(['D3', 'D4']);
        expect(ids(await store.devices.list({ oui: '00259E', serialNumber: 'SD4' }))).toEqual([
          'D4',
        ]);
        expect(ids(await store.devices.list({ deviceIds: ['D5', 'D1', 'D9'] }))).toEqual([
          'D1',
          'D5',
        ]);
        expect(ids(await store.devices.list({ manufacturer: 'Other' }))).toEqual([]);
      });

      it('filters by cached parameter value', async () => {
        const home = { path: 'Device.WiFi.SSID.1.SSID', value: 'home' };
        expect(ids(await store.devices.list({ parameters: [home] }))).toEqual(['D1', 'D3', 'D5']);
        expect(
          ids(
            await store.devices.list({ parameters: [home], productClass: 'HG8245', tags: ['lab'] }),
          ),
        ).toEqual(['D1', 'D5']);
        expect(
          ids(
            await store.devices.list({
              parameters: [{ path: 'Device.WiFi.SSID.1.SSID', value: 'none' }],
            }),
          ),
        ).toEqual([]);
      });

      it('filters by several values, of one object and of another, all of them', async () => {
        const t = at('2026-03-01T12:00:00Z');
        await store.parameters.upsertMany('D1', [
          { path: 'Device.WiFi.SSID.1.Enable', value: 'true', updatedAt: t },
          { path: 'Device.DeviceInfo.SoftwareVersion', value: '2.0', updatedAt: t },
        ]);
        await store.parameters.upsertMany('D3', [
          { path: 'Device.WiFi.SSID.1.Enable', value: 'false', updatedAt: t },
          { path: 'Device.DeviceInfo.SoftwareVersion', value: '2.0', updatedAt: t },
        ]);
        const home = { path: 'Device.WiFi.SSID.1.SSID', value: 'home' };
        const enabled = { path: 'Device.WiFi.SSID.1.Enable', value: 'true' };
        const version = { path: 'Device.DeviceInfo.SoftwareVersion', value: '2.0' };
        expect(ids(await store.devices.list({ parameters: [home, enabled] }))).toEqual(['D1']);
        expect(ids(await store.devices.list({ parameters: [home, version] }))).toEqual([
          'D1',
          'D3',
        ]);
        // A value held by another leaf of the object, or by the object path itself, is no match.
        expect(
          ids(
            await store.devices.list({ parameters: [{ ...enabled, path: 'Device.WiFi.SSID.1.' }] }),
          ),
        ).toEqual([]);
      });

      it('filters by lastInform range [from, to)', async () => {
        const page = await store.devices.list({
          lastInformFrom: at('2026-03-01T11:00:00Z'),
          lastInformTo: at('2026-03-01T13:00:00Z'),
        });
        expect(ids(page)).toEqual(['D2', 'D3']);
      });

      it('pages with skip and limit, total counting every match', async () => {
        const page = await store.devices.list({ tags: ['lab'] }, { skip: 1, limit: 1 });
        expect(ids(page)).toEqual(['D2']);
        expect(page.total).toBe(3);
        expect(ids(await store.devices.list({}, { skip: 4, limit: 10 }))).toEqual(['D5']);
      });

      it('sorts by lastInform, newest first', async () => {
        const page = await store.devices.list(
          {},
          { sort: { field: 'lastInform', order: 'desc' }, limit: 2 },
        );
        expect(ids(page)).toEqual(['D5', 'D4']);
      });

      it('returns only the projected fields', async () => {
        const page = await store.devices.list(
          { deviceIds: ['D2'] },
          { fields: ['lastInform', 'tags'] },
        );
        expect(page.items).toEqual([
          { deviceId: 'D2', lastInform: at('2026-03-01T11:00:00Z'), tags: ['beta', 'lab'] },
        ]);
      });
    });
  });

  describe('parameters', () => {
    /** A writable leaf of D1 as the cache returns it. */
    const cachedLeaf = (path: string, value: string, type: string, updatedAt: Date) => ({
      deviceId: 'D1',
      path,
      value,
      type,
      writable: true,
      updatedAt,
    });

    const t1 = at('2026-03-01T10:00:00Z');
    const t2 = at('2026-03-01T11:00:00Z');

    it('upserts values and reads them by paths and by prefix, sorted by path', async () => {
      await store.parameters.upsertMany('D1', [
        {
          path: 'Device.WiFi.SSID.1.SSID',
          value: 'home',
          type: 'xsd:string',
          writable: true,
          updatedAt: t1,
        },
        { path: 'Device.DeviceInfo.UpTime', value: '10', type: 'xsd:unsignedInt', updatedAt: t1 },
        { path: 'Device.WiFi.SSID.1.Enable', value: 'true', type: 'xsd:boolean', updatedAt: t1 },
      ]);

      const wifi = await store.parameters.get('D1', { prefix: 'Device.WiFi.' });
      expect(wifi.map((p) => p.path)).toEqual([
        'Device.WiFi.SSID.1.Enable',
        'Device.WiFi.SSID.1.SSID',
      ]);
      expect(
        await store.parameters.get('D1', { paths: ['Device.DeviceInfo.UpTime', 'Device.Nope'] }),
      ).toEqual([
        {
          deviceId: 'D1',
          path: 'Device.DeviceInfo.UpTime',
          value: '10',
          type: 'xsd:unsignedInt',
          updatedAt: t1,
        },
      ]);
      expect(await store.parameters.get('D2', { prefix: '' })).toEqual([]);
    });

    it('writes, merges and reads names that are members of Object.prototype as any other', async () => {
      await store.parameters.upsertMany('D1', [
        { path: 'Device.X_V.A', value: '1', type: 'xsd:string', updatedAt: t1 },
        { path: 'Device.X_V.B', value: '2', type: 'xsd:string', updatedAt: t1 },
      ]);
      // Merged into the cached object: names an object would inherit, and "__proto__".
      await store.parameters.upsertMany('D1', [
        { path: 'Device.X_V.constructor', value: '3', type: 'xsd:string', updatedAt: t2 },
        { path: 'Device.X_V.__proto__', value: '4', type: 'xsd:string', updatedAt: t2 },
        { path: 'Device.X_V.A', value: '5', updatedAt: t2 },
      ]);
      const leaf = (name: string, value: string, updatedAt: Date) => ({
        deviceId: 'D1',
        path: `Device.X_V.${name}`,
        value,
        type: 'xsd:string',
        updatedAt,
      });
      expect(await store.parameters.get('D1', { prefix: 'Device.X_V.' })).toEqual([
        leaf('A', '5', t2),
        leaf('B', '2', t1),
        leaf('__proto__', '4', t2),
        leaf('constructor', '3', t2),
      ]);
      expect(
        await store.parameters.get('D1', {
          paths: ['Device.X_V.toString', 'Device.X_V.constructor', 'Device.X_V.__proto__'],
        }),
      ).toEqual([leaf('__proto__', '4', t2), leaf('constructor', '3', t2)]);
      expect((Object as unknown as Record<number, unknown>)[0]).toBeUndefined();
    });

    it('updates a cached parameter, keeping the fields not given', async () => {
      await store.parameters.upsertMany('D1', [
        {
          path: 'Device.WiFi.SSID.1.SSID',
          value: 'home',
          type: 'xsd:string',
          writable: true,
          updatedAt: t1,
        },
        { path: 'Device.WiFi.SSID.1.', writable: false, updatedAt: t1 },
      ]);
      await store.parameters.upsertMany('D1', [
        { path: 'Device.WiFi.SSID.1.SSID', value: 'office', updatedAt: t2 },
      ]);

      expect(await store.parameters.get('D1', { prefix: 'Device.WiFi.SSID.1.' })).toEqual([
        { deviceId: 'D1', path: 'Device.WiFi.SSID.1.', writable: false, updatedAt: t1 },
        cachedLeaf('Device.WiFi.SSID.1.SSID', 'office', 'xsd:string', t2),
      ]);
    });

    it('writes new objects and cached ones in one call, keeping what the cached ones were not told', async () => {
      await store.parameters.upsertMany('D1', [
        { path: 'Device.ManagementServer.URL', value: 'http://acs', updatedAt: t1 },
        { path: 'Device.ManagementServer.', writable: false, updatedAt: t1 },
      ]);
      await store.parameters.upsertMany('D1', [
        { path: 'Device.ManagementServer.URL', writable: true, type: 'xsd:string', updatedAt: t2 },
        {
          path: 'Device.ManagementServer.PeriodicInformInterval',
          value: '300',
          type: 'xsd:unsignedInt',
          writable: true,
          updatedAt: t2,
        },
        { path: 'Device.Time.', writable: false, updatedAt: t2 },
        { path: 'Device.Time.NTPServer1', value: 'ntp', writable: true, updatedAt: t2 },
      ]);

      expect(await store.parameters.get('D1', { prefix: 'Device.' })).toEqual([
        { deviceId: 'D1', path: 'Device.ManagementServer.', writable: false, updatedAt: t1 },
        cachedLeaf('Device.ManagementServer.PeriodicInformInterval', '300', 'xsd:unsignedInt', t2),
        cachedLeaf('Device.ManagementServer.URL', 'http://acs', 'xsd:string', t2),
        { deviceId: 'D1', path: 'Device.Time.', writable: false, updatedAt: t2 },
        {
          deviceId: 'D1',
          path: 'Device.Time.NTPServer1',
          value: 'ntp',
          writable: true,
          updatedAt: t2,
        },
      ]);
    });

    it('writes a discovery over the leaves its Inform cached: what it tells replaces them, the rest is kept', async () => {
      const t3 = at('2026-03-01T12:00:00Z');
      await store.parameters.upsertMany('D1', [
        { path: 'Device.DeviceInfo.SerialNumber', value: 'S1', type: 'xsd:string', updatedAt: t1 },
        { path: 'Device.DeviceInfo.__proto__', value: 'p', type: 'xsd:string', updatedAt: t1 },
        {
          path: 'Device.ManagementServer.URL',
          value: 'http://acs',
          type: 'xsd:string',
          updatedAt: t1,
        },
        {
          path: 'Device.ManagementServer.ParameterKey',
          value: 'k',
          type: 'xsd:string',
          updatedAt: t1,
        },
      ]);
      // DeviceInfo: every cached leaf told in full. ManagementServer: URL's type not told.
      await store.parameters.upsertMany('D1', [
        { path: 'Device.DeviceInfo.', writable: false, updatedAt: t2 },
        {
          path: 'Device.DeviceInfo.SerialNumber',
          value: 'S2',
          type: 'xsd:string',
          writable: false,
          updatedAt: t2,
        },
        {
          path: 'Device.DeviceInfo.__proto__',
          value: 'q',
          type: 'xsd:int',
          writable: true,
          updatedAt: t3,
        },
        {
          path: 'Device.ManagementServer.URL',
          value: 'http://acs2',
          writable: true,
          updatedAt: t2,
        },
        {
          path: 'Device.ManagementServer.ParameterKey',
          value: 'k2',
          type: 'xsd:string',
          writable: false,
          updatedAt: t2,
        },
      ]);

      const leaf = (
        path: string,
        value: string,
        type: string,
        writable: boolean,
        updatedAt: Date,
      ) => ({
        deviceId: 'D1',
        path,
        value,
        type,
        writable,
        updatedAt,
      });
      expect(await store.parameters.get('D1', { prefix: '' })).toEqual([
        { deviceId: 'D1', path: 'Device.DeviceInfo.', writable: false, updatedAt: t2 },
        leaf('Device.DeviceInfo.SerialNumber', 'S2', 'xsd:string', false, t2),
        leaf('Device.DeviceInfo.__proto__', 'q', 'xsd:int', true, t3),
        leaf('Device.ManagementServer.ParameterKey', 'k2', 'xsd:string', false, t2),
        leaf('Device.ManagementServer.URL', 'http://acs2', 'xsd:string', true, t2),
      ]);
    });

    it('caches a whole data model in one call and updates it all in the next', async () => {
      // Larger than one bulk write: FerretDB hangs on update commands of >= 100 statements.
      const tree = (value: string, updatedAt: Date) =>
        Array.from({ length: 250 }, (_, i) => ({ path: `Device.X.${i}.Value`, value, updatedAt }));
      await store.parameters.upsertMany('D1', tree('a', t1));
      await store.parameters.upsertMany('D1', tree('b', t2));

      const cached = await store.parameters.get('D1', { prefix: 'Device.X.' });
      expect(cached).toHaveLength(250);
      expect(cached.every((p) => p.value === 'b' && p.updatedAt.getTime() === t2.getTime())).toBe(
        true,
      );
    });

    it('deletes an object subtree and nothing beside it', async () => {
      const paths = [
        'Device.WiFi.SSID.2.',
        'Device.WiFi.SSID.2.SSID',
        'Device.WiFi.SSID.2.Stats.BytesSent',
        'Device.WiFi.SSID.20.SSID',
        'Device.WiFi.SSID.1.SSID',
      ];
      await store.parameters.upsertMany(
        'D1',
        paths.map((path) => ({ path, value: 'x', updatedAt: t1 })),
      );
      await store.parameters.upsertMany('D2', [
        { path: 'Device.WiFi.SSID.2.SSID', value: 'x', updatedAt: t1 },
      ]);

      expect(await store.parameters.deleteSubtree('D1', 'Device.WiFi.SSID.2.')).toBe(3);

      expect((await store.parameters.get('D1', { prefix: '' })).map((p) => p.path)).toEqual([
        'Device.WiFi.SSID.1.SSID',
        'Device.WiFi.SSID.20.SSID',
      ]);
      expect(await store.parameters.get('D2', { prefix: '' })).toHaveLength(1);
      expect(await store.parameters.deleteSubtree('D1', 'Device.WiFi.SSID.1.SSID')).toBe(1);
    });

    it('tells an object path from a leaf of the same name, and reads a prefix that ends inside a name', async () => {
      await store.parameters.upsertMany('D1', [
        { path: 'Device.WiFi.', writable: false, updatedAt: t1 },
        { path: 'Device.WiFi.SSIDNumberOfEntries', value: '2', updatedAt: t1 },
        { path: 'Device.WiFi.SSID.', writable: true, updatedAt: t1 },
        { path: 'Device.WiFi.SSID.1.SSID', value: 'home', updatedAt: t1 },
        { path: 'Device.WiFi.Radio.1.Enable', value: 'true', updatedAt: t1 },
        { path: 'Device.WiFiX.Y', value: 'beside', updatedAt: t1 },
      ]);

      const paths = async (selector: { paths: string[] } | { prefix: string }) =>
        (await store.parameters.get('D1', selector)).map((p) => p.path);
      expect(
        await paths({ paths: ['Device.WiFi.SSID.', 'Device.WiFi.SSID', 'Device.WiFi', 'Device.'] }),
      ).toEqual(['Device.WiFi.SSID.']);
      expect(await paths({ paths: ['Device.WiFi.SSID.1.SSID', 'Device.WiFi.'] })).toEqual([
        'Device.WiFi.',
        'Device.WiFi.SSID.1.SSID',
      ]);
      expect(await paths({ prefix: 'Device.WiFi.SSID' })).toEqual([
        'Device.WiFi.SSID.',
        'Device.WiFi.SSID.1.SSID',
        'Device.WiFi.SSIDNumberOfEntries',
      ]);
      expect(await paths({ prefix: 'Device.WiFi' })).toEqual([
        'Device.WiFi.',
        'Device.WiFi.Radio.1.Enable',
        'Device.WiFi.SSID.',
        'Device.WiFi.SSID.1.SSID',
        'Device.WiFi.SSIDNumberOfEntries',
        'Device.WiFiX.Y',
      ]);
    });

    it("updates some of an object's leaves, leaving the others as cached", async () => {
      const leaf = (name: string, value: string, updatedAt: Date) => ({
        path: `Device.WiFi.SSID.1.${name}`,
        value,
        type: 'xsd:string' as const,
        writable: true,
        updatedAt,
      });
      await store.parameters.upsertMany('D1', [
        leaf('SSID', 'home', t1),
        leaf('Alias', 'cpe-1', t1),
        leaf('Status', 'Up', t1),
      ]);
      const t3 = at('2026-03-01T12:00:00Z');
      await store.parameters.upsertMany('D1', [
        { path: 'Device.WiFi.SSID.1.Status', value: 'Down', updatedAt: t2 },
        { path: 'Device.WiFi.SSID.1.BSSID', value: 'aa:bb', updatedAt: t3 },
      ]);

      expect(await store.parameters.get('D1', { prefix: 'Device.WiFi.SSID.1.' })).toEqual([
        cachedLeaf('Device.WiFi.SSID.1.Alias', 'cpe-1', 'xsd:string', t1),
        { deviceId: 'D1', path: 'Device.WiFi.SSID.1.BSSID', value: 'aa:bb', updatedAt: t3 },
        cachedLeaf('Device.WiFi.SSID.1.SSID', 'home', 'xsd:string', t1),
        cachedLeaf('Device.WiFi.SSID.1.Status', 'Down', 'xsd:string', t2),
      ]);
    });

    it("writes a leaf told alone (a periodic Inform's UpTime) over its cached type and writability, at its own time", async () => {
      await store.parameters.upsertMany('D1', [
        {
          path: 'Device.DeviceInfo.UpTime',
          value: '10',
          type: 'xsd:unsignedInt',
          writable: false,
          updatedAt: t1,
        },
        {
          path: 'Device.DeviceInfo.Alias',
          value: 'cpe',
          type: 'xsd:string',
          writable: true,
          updatedAt: t1,
        },
      ]);
      await store.parameters.upsertMany('D1', [
        { path: 'Device.DeviceInfo.UpTime', value: '3610', updatedAt: t2 },
      ]);
      const t3 = at('2026-03-01T12:00:00Z');
      await store.parameters.upsertMany('D1', [
        { path: 'Device.DeviceInfo.Alias', writable: false, updatedAt: t3 },
      ]);
      // A leaf its object's row does not hold yet, told alone.
      await store.parameters.upsertMany('D1', [
        { path: 'Device.DeviceInfo.ProvisioningCode', value: 'X', updatedAt: t3 },
      ]);

      expect(await store.parameters.get('D1', { prefix: 'Device.DeviceInfo.' })).toEqual([
        {
          deviceId: 'D1',
          path: 'Device.DeviceInfo.Alias',
          value: 'cpe',
          type: 'xsd:string',
          writable: false,
          updatedAt: t3,
        },
        { deviceId: 'D1', path: 'Device.DeviceInfo.ProvisioningCode', value: 'X', updatedAt: t3 },
        {
          deviceId: 'D1',
          path: 'Device.DeviceInfo.UpTime',
          value: '3610',
          type: 'xsd:unsignedInt',
          writable: false,
          updatedAt: t2,
        },
      ]);
      expect(
        await store.parameters.get('D1', {
          paths: ['Device.DeviceInfo.UpTime', 'Device.DeviceInfo.Alias'],
        }),
      ).toEqual([
        {
          deviceId: 'D1',
          path: 'Device.DeviceInfo.Alias',
          value: 'cpe',
          type: 'xsd:string',
          writable: false,
          updatedAt: t3,
        },
        {
          deviceId: 'D1',
          path: 'Device.DeviceInfo.UpTime',
          value: '3610',
          type: 'xsd:unsignedInt',
          writable: false,
          updatedAt: t2,
        },
      ]);
    });

    it("deletes a leaf among its object's others, an object without its trailing dot, and counts only what was there", async () => {
      await store.parameters.upsertMany('D1', [
        { path: 'Device.WiFi.SSID.1.', writable: false, updatedAt: t1 },
        { path: 'Device.WiFi.SSID.1.SSID', value: 'home', updatedAt: t1 },
        { path: 'Device.WiFi.SSID.1.Alias', value: 'a', updatedAt: t1 },
        { path: 'Device.WiFi.SSID.1.Stats.BytesSent', value: '7', updatedAt: t1 },
        { path: 'Device.WiFi.SSID.2.SSID', value: 'guest', updatedAt: t1 },
        { path: 'Device.WiFi.SSIDNumberOfEntries', value: '2', updatedAt: t1 },
      ]);
      const paths = async () =>
        (await store.parameters.get('D1', { prefix: '' })).map((p) => p.path);

      expect(await store.parameters.deleteSubtree('D1', 'Device.WiFi.SSID.1.Alias')).toBe(1);
      expect(await store.parameters.deleteSubtree('D1', 'Device.WiFi.SSID.1.Alias')).toBe(0);
      expect(await store.parameters.deleteSubtree('D1', 'Device.WiFi.SSID.1.Nope')).toBe(0);
      expect(await paths()).toEqual([
        'Device.WiFi.SSID.1.',
        'Device.WiFi.SSID.1.SSID',
        'Device.WiFi.SSID.1.Stats.BytesSent',
        'Device.WiFi.SSID.2.SSID',
        'Device.WiFi.SSIDNumberOfEntries',
      ]);
      // "Device.WiFi.SSID.2" names the object: its subtree goes, its siblings stay.
      expect(await store.parameters.deleteSubtree('D1', 'Device.WiFi.SSID.2')).toBe(1);
      expect(await store.parameters.deleteSubtree('D1', 'Device.WiFi.SSID.1.')).toBe(3);
      expect(await paths()).toEqual(['Device.WiFi.SSIDNumberOfEntries']);
      // The last leaf of an object goes, and the object reads empty.
      expect(await store.parameters.deleteSubtree('D1', 'Device.WiFi.SSIDNumberOfEntries')).toBe(1);
      expect(await store.parameters.get('D1', { prefix: 'Device.WiFi.' })).toEqual([]);
      expect(
        await store.parameters.findDevicesByValue('Device.WiFi.SSIDNumberOfEntries', '2'),
      ).toEqual([]);
    });

    it('finds a value only under its own path, not in a sibling leaf or another object', async () => {
      await store.parameters.upsertMany('D1', [
        { path: 'Device.WiFi.SSID.1.SSID', value: 'x', updatedAt: t1 },
        { path: 'Device.WiFi.SSID.1.Alias', value: 'home', updatedAt: t1 },
      ]);
      await store.parameters.upsertMany('D2', [
        { path: 'Device.WiFi.SSID.2.SSID', value: 'home', updatedAt: t1 },
        { path: 'Device.WiFi.SSID.1.', writable: true, updatedAt: t1 },
      ]);
      await store.parameters.upsertMany('D3', [
        { path: 'Device.WiFi.SSID.1.SSID', value: 'home', type: 'xsd:string', updatedAt: t1 },
      ]);

      expect(await store.parameters.findDevicesByValue('Device.WiFi.SSID.1.SSID', 'home')).toEqual([
        'D3',
      ]);
      expect(await store.parameters.findDevicesByValue('Device.WiFi.SSID.1.Alias', 'home')).toEqual(
        ['D1'],
      );
      expect(await store.parameters.findDevicesByValue('Device.WiFi.SSID.1.', 'home')).toEqual([]);
    });

    it('finds the devices whose parameter holds a value', async () => {
      for (const [deviceId, value] of [
        ['D2', 'home'],
        ['D1', 'home'],
        ['D3', 'cafe'],
      ]) {
        await store.parameters.upsertMany(deviceId as string, [
          { path: 'Device.WiFi.SSID.1.SSID', value: value as string, updatedAt: t1 },
          { path: 'Device.WiFi.SSID.2.SSID', value: 'home-2', updatedAt: t1 },
        ]);
      }

      expect(await store.parameters.findDevicesByValue('Device.WiFi.SSID.1.SSID', 'home')).toEqual([
        'D1',
        'D2',
      ]);
      expect(await store.parameters.findDevicesByValue('Device.WiFi.SSID.2.SSID', 'home')).toEqual(
        [],
      );
    });
  });

  describe('tasks', () => {
    it('creates a pending task and refuses a second one with the same commandId', async () => {
      const created = await store.tasks.create({
        ...task('c1', 'D1', '2026-03-01T10:00:00Z'),
        expiresAt: at('2026-03-02T10:00:00Z'),
      });

      expect(created).toMatchObject({
        commandId: 'c1',
        status: 'pending',
        updatedAt: at('2026-03-01T10:00:00Z'),
      });
      expect(await store.tasks.get('c1')).toEqual(created);
      await expect(
        store.tasks.create(task('c1', 'D2', '2026-03-01T10:00:00Z')),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await store.tasks.get('nope')).toBeNull();
    });

    it('keeps the commandIds of a task of several commands, in order', async () => {
      const created = await store.tasks.create({
        ...task('c-values', 'D1', '2026-03-01T10:00:00Z'),
        commandIds: ['c-names', 'c-values'],
      });
      expect(await store.tasks.get('c-values')).toEqual(created);
      expect((await store.tasks.get('c-values'))?.commandIds).toEqual(['c-names', 'c-values']);
      expect((await store.tasks.list({ deviceId: 'D1' })).items[0]?.commandIds).toEqual([
        'c-names',
        'c-values',
      ]);
    });

    it('lists a device’s tasks in creation order, by status', async () => {
      await store.tasks.create(task('c-late', 'D1', '2026-03-01T12:00:00Z'));
      await store.tasks.create(task('c-early', 'D1', '2026-03-01T10:00:00Z'));
      await store.tasks.create(task('c-mid', 'D1', '2026-03-01T11:00:00Z'));
      await store.tasks.create(task('other', 'D2', '2026-03-01T11:00:00Z'));
      await store.tasks.updateStatus('c-mid', { status: 'expired' }, at('2026-03-01T13:00:00Z'));

      const all = await store.tasks.listByDevice('D1');
      expect(all.map((t) => t.commandId)).toEqual(['c-early', 'c-mid', 'c-late']);
      const pending = await store.tasks.listByDevice('D1', 'pending');
      expect(pending.map((t) => t.commandId)).toEqual(['c-early', 'c-late']);
    });

    it('deletes ended tasks created before a time, oldest first up to a limit, never a pending one', async () => {
      for (const [id, day] of [
        ['old-done', '01'],
        ['old-expired', '02'],
        ['old-pending', '03'],
        ['old-cancelled', '04'],
        ['new-done', '20'],
      ] as const) {
        await store.tasks.create(task(id, 'D1', `2026-03-${day}T10:00:00Z`));
      }
      const end = at('2026-03-21T10:00:00Z');
      const done = { status: 'done', response: { name: 'RebootResponse' } } as const;
      await store.tasks.updateStatus('old-done', done, end);
      await store.tasks.updateStatus('old-expired', { status: 'expired' }, end);
      await store.tasks.cancel('old-cancelled', end);
      await store.tasks.updateStatus('new-done', done, end);

      const before = at('2026-03-10T00:00:00Z');
      expect(await store.tasks.deleteEndedBefore(before, 2)).toBe(2);
      expect(await store.tasks.get('old-done')).toBeNull();
      expect(await store.tasks.get('old-expired')).toBeNull();
      expect(await store.tasks.get('old-cancelled')).not.toBeNull();
      expect(await store.tasks.deleteEndedBefore(before, 2)).toBe(1);
      expect(await store.tasks.deleteEndedBefore(before, 2)).toBe(0);
      const left = await store.tasks.listByDevice('D1');
      expect(left.map((t) => t.commandId)).toEqual(['old-pending', 'new-done']);
    });

    it('ends a pending task once, with its outcome', async () => {
      await store.tasks.create(task('c1', 'D1', '2026-03-01T10:00:00Z'));
      const response = {
        name: 'GetParameterValuesResponse' as const,
        parameterList: [
          { name: 'Device.DeviceInfo.UpTime', value: '5', type: 'xsd:unsignedInt' as const },
        ],
      };

      const done = await store.tasks.updateStatus(
        'c1',
        { status: 'done', response },
        at('2026-03-01T10:05:00Z'),
      );

      expect(done).toMatchObject({
        status: 'done',
        response,
        updatedAt: at('2026-03-01T10:05:00Z'),
      });
      expect(
        await store.tasks.updateStatus('c1', { status: 'expired' }, at('2026-03-01T11:00:00Z')),
      ).toBeNull();
      expect(await store.tasks.get('c1')).toEqual(done);
      expect(
        await store.tasks.updateStatus('nope', { status: 'expired' }, at('2026-03-01T11:00:00Z')),
      ).toBeNull();
    });

    it('records a fault outcome', async () => {
      await store.tasks.create(task('c1', 'D1', '2026-03-01T10:00:00Z'));
      const fault = { faultCode: 9005, faultString: 'Invalid parameter name' };

      await store.tasks.updateStatus('c1', { status: 'fault', fault }, at('2026-03-01T10:05:00Z'));

      expect(await store.tasks.get('c1')).toMatchObject({ status: 'fault', fault });
    });

    it('keeps a diagnostic task with its results, and the reason it expired', async () => {
      const { rpc: _rpc, ...common } = task('d1', 'D1', '2026-03-01T10:00:00Z');
      const diagnostic = { kind: 'ipPing' as const, inputs: { Host: '127.0.0.1', Timeout: 5 } };
      await store.tasks.create({ ...common, diagnostic });
      await store.tasks.create({ ...common, commandId: 'd2', diagnostic });
      const diagnosticResult = {
        kind: 'ipPing' as const,
        diagnosticsState: 'Complete',
        results: { SuccessCount: 3, RouteHops: [{ Host: 'a', RTTimes: [1, 2] }] },
      };
      const response = { name: 'GetParameterValuesResponse' as const, parameterList: [] };

      await store.tasks.updateStatus(
        'd1',
        { status: 'done', response, diagnosticResult },
        at('2026-03-01T10:01:00Z'),
      );
      await store.tasks.updateStatus(
        'd2',
        { status: 'expired', reason: 'ipPing: no 8 DIAGNOSTICS COMPLETE' },
        at('2026-03-01T10:02:00Z'),
      );

      const done = await store.tasks.get('d1');
      expect(done).toMatchObject({ status: 'done', diagnostic, diagnosticResult });
      expect(done?.rpc).toBeUndefined();
      expect(await store.tasks.get('d2')).toMatchObject({
        status: 'expired',
        diagnostic,
        reason: 'ipPing: no 8 DIAGNOSTICS COMPLETE',
      });
    });

    it('cancels only pending tasks', async () => {
      await store.tasks.create(task('c1', 'D1', '2026-03-01T10:00:00Z'));
      await store.tasks.create(task('c2', 'D1', '2026-03-01T10:00:00Z'));
      await store.tasks.updateStatus(
        'c2',
        { status: 'rejected', reason: 'unknown RPC' },
        at('2026-03-01T10:01:00Z'),
      );

      expect(await store.tasks.cancel('c1', at('2026-03-01T10:02:00Z'))).toBe(true);
      expect(await store.tasks.cancel('c2', at('2026-03-01T10:02:00Z'))).toBe(false);
      expect(await store.tasks.get('c1')).toMatchObject({ status: 'cancelled' });
      expect(await store.tasks.get('c2')).toMatchObject({
        status: 'rejected',
        reason: 'unknown RPC',
      });
    });

    it('records the connection request outcome whatever the status, the last one winning', async () => {
      await store.tasks.create(task('c1', 'D1', '2026-03-01T10:00:00Z'));
      const failed = {
        outcome: 'failed' as const,
        method: 'http' as const,
        attempts: 3,
        error: '401 after Digest',
        at: at('2026-03-01T10:00:05Z'),
      };

      const recorded = await store.tasks.recordConnectionRequest('c1', failed);

      expect(recorded).toMatchObject({ status: 'pending', connectionRequestResult: failed });
      expect(recorded?.connectionRequestResult?.at).toBeInstanceOf(Date);
      expect(await store.tasks.get('c1')).toEqual(recorded);

      await store.tasks.updateStatus('c1', { status: 'expired' }, at('2026-03-01T11:00:00Z'));
      const sent = { outcome: 'sent' as const, attempts: 1, at: at('2026-03-01T11:00:01Z') };
      const again = await store.tasks.recordConnectionRequest('c1', sent);
      expect(again?.status).toBe('expired');
      expect(again?.connectionRequestResult).toEqual(sent);
      expect((await store.tasks.get('c1'))?.connectionRequestResult).toEqual(sent);
      expect((await store.tasks.list({ deviceId: 'D1' })).items[0]).toEqual(again);

      expect(await store.tasks.recordConnectionRequest('nope', sent)).toBeNull();
    });

    it('lists tasks newest first with filter and paging', async () => {
      for (let i = 1; i <= 5; i++) {
        await store.tasks.create(
          task(`c${i}`, i % 2 === 0 ? 'D2' : 'D1', `2026-03-01T1${i}:00:00Z`),
        );
      }

      const page = await store.tasks.list({ deviceId: 'D1' }, { limit: 2 });
      expect(page.items.map((t) => t.commandId)).toEqual(['c5', 'c3']);
      expect(page.total).toBe(3);
      expect((await store.tasks.list({ status: 'done' })).total).toBe(0);
      expect(
        (await store.tasks.list({ source: 'nbi' }, { skip: 4 })).items.map((t) => t.commandId),
      ).toEqual(['c1']);
    });
  });

  describe('faults', () => {
    it('records a fault per device and channel and counts repeated failures', async () => {
      const first = await store.faults.record({
        deviceId: 'D1',
        channel: 'default',
        code: 'cwmp.9002',
        message: 'Internal error',
        detail: { rpc: 'SetParameterValues' },
        timestamp: at('2026-03-01T10:00:00Z'),
      });
      expect(first.failures).toBe(1);

      const second = await store.faults.record({
        deviceId: 'D1',
        channel: 'default',
        code: 'cwmp.9005',
        message: 'Invalid parameter name',
        timestamp: at('2026-03-01T11:00:00Z'),
      });

      expect(second).toEqual({
        deviceId: 'D1',
        channel: 'default',
        code: 'cwmp.9005',
        message: 'Invalid parameter name',
        timestamp: at('2026-03-01T11:00:00Z'),
        failures: 2,
      });
      expect(await store.faults.get('D1', 'default')).toEqual(second);
      expect(await store.faults.get('D1', 'other')).toBeNull();
    });

    it('lists faults per device by channel and all faults newest first; deletes one', async () => {
      const record = (deviceId: string, channel: string, time: string) =>
        store.faults.record({ deviceId, channel, code: 'x', message: 'x', timestamp: at(time) });
      await record('D1', 'zeta', '2026-03-01T10:00:00Z');
      await record('D1', 'alpha', '2026-03-01T12:00:00Z');
      await record('D2', 'alpha', '2026-03-01T11:00:00Z');

      expect((await store.faults.listByDevice('D1')).map((f) => f.channel)).toEqual([
        'alpha',
        'zeta',
      ]);
      const page = await store.faults.list({ limit: 2 });
      expect(page.items.map((f) => `${f.deviceId}/${f.channel}`)).toEqual(['D1/alpha', 'D2/alpha']);
      expect(page.total).toBe(3);

      expect(await store.faults.delete('D1', 'alpha')).toBe(true);
      expect(await store.faults.delete('D1', 'alpha')).toBe(false);
      expect((await store.faults.listByDevice('D1')).map((f) => f.channel)).toEqual(['zeta']);
    });

    it("clears a device's faults of several channels at once, leaving others and other devices'", async () => {
      const record = (deviceId: string, channel: string) =>
        store.faults.record({
          deviceId,
          channel,
          code: 'x',
          message: 'x',
          timestamp: at('2026-03-01T10:00:00Z'),
        });
      await record('D1', 'preset:a');
      await record('D1', 'conflict:X.Y');
      await record('D1', 'discovery');
      await record('D2', 'preset:a');

      expect(await store.faults.clear('D1', ['preset:a', 'conflict:X.Y', 'preset:none'])).toBe(2);
      expect(await store.faults.clear('D1', [])).toBe(0);
      expect((await store.faults.listByDevice('D1')).map((f) => f.channel)).toEqual(['discovery']);
      expect((await store.faults.listByDevice('D2')).map((f) => f.channel)).toEqual(['preset:a']);
    });
  });

  describe('presets', () => {
    it('creates version 1 and refuses a duplicate name', async () => {
      const created = await store.presets.create(preset('inform-interval'));

      expect(created).toEqual({
        ...preset('inform-interval'),
        version: 1,
        createdAt: clock,
        updatedAt: clock,
      });
      expect(await store.presets.get('inform-interval')).toEqual(created);
      await expect(store.presets.create(preset('inform-interval'))).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
    });

    it('increments the version on each update and keeps createdAt', async () => {
      const created = await store.presets.create(preset('p'));
      clock = at('2026-01-02T00:00:00Z');

      const v2 = await store.presets.update('p', { weight: 10, events: [] });
      expect(v2).toEqual({ ...created, weight: 10, events: [], version: 2, updatedAt: clock });
      const v3 = await store.presets.update('p', { channel: 'wifi' }, 2);
      expect(v3).toMatchObject({ channel: 'wifi', weight: 10, version: 3 });
      expect(await store.presets.get('p')).toEqual(v3);
    });

    it('refuses an update made against a stale version', async () => {
      await store.presets.create(preset('p'));
      await store.presets.update('p', { weight: 1 }, 1);

      await expect(store.presets.update('p', { weight: 2 }, 1)).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      expect(await store.presets.get('p')).toMatchObject({ weight: 1, version: 2 });
      expect(await store.presets.update('unknown', { weight: 2 })).toBeNull();
    });

    it('lists by name and deletes', async () => {
      await store.presets.create(preset('b'));
      await store.presets.create(preset('a'));

      expect((await store.presets.list()).map((p) => p.name)).toEqual(['a', 'b']);
      expect(await store.presets.delete('a')).toBe(true);
      expect(await store.presets.delete('a')).toBe(false);
      expect((await store.presets.list()).map((p) => p.name)).toEqual(['b']);
    });
  });

  describe('files', () => {
    const image = Buffer.from('meridian-sim-firmware 1.2\n' + 'x'.repeat(100_000));
    const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
    const firmware = {
      name: 'fw 1.2/ü.bin',
      type: '1 Firmware Upgrade Image',
      version: '1.2',
      oui: '00259E',
      productClass: 'HG8245',
      modelName: 'EchoLife',
    };
    const upload = (overrides: Partial<FileUpload> = {}): FileUpload => ({
      ...firmware,
      maxBytes: 1_000_000,
      ...overrides,
    });
    /** A body that arrives in pieces, as from a socket. */
    const body = (content: Buffer) =>
      Readable.from(
        Array.from({ length: Math.ceil(content.length / 16_384) }, (_, i) =>
          content.subarray(i * 16_384, (i + 1) * 16_384),
        ),
      );
    const readAll = async (content: FileContent | null): Promise<Buffer | null> => {
      if (content === null) return null;
      const chunks: Buffer[] = [];
      for await (const chunk of content.stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    };

    it('stores the content with its size and SHA-256, and reads it whole or a range', async () => {
      const created = await store.files.put(upload({ sha256: sha256(image) }), body(image));

      expect(created).toEqual({
        ...firmware,
        size: image.length,
        sha256: sha256(image),
        createdAt: clock,
        updatedAt: clock,
      });
      expect(await store.files.get(firmware.name)).toEqual(created);
      expect(await readAll(await store.files.read(firmware.name))).toEqual(image);
      const range = await store.files.read(firmware.name, { start: 70_000, end: 70_009 });
      expect(range?.file).toEqual(created);
      expect(await readAll(range)).toEqual(image.subarray(70_000, 70_010));
      expect(await store.files.read('unknown.bin')).toBeNull();
    });

    it('replaces content and metadata keeping createdAt; delete removes both', async () => {
      await store.files.put(upload(), body(image));
      const firstClock = clock;
      clock = at('2026-01-02T00:00:00Z');
      const next = Buffer.from('meridian-sim-firmware 1.3\n');

      const replaced = await store.files.put(
        { name: firmware.name, type: '1 Firmware Upgrade Image', maxBytes: 100 },
        body(next),
      );

      expect(replaced).toEqual({
        name: firmware.name,
        type: '1 Firmware Upgrade Image',
        size: next.length,
        sha256: sha256(next),
        createdAt: firstClock,
        updatedAt: clock,
      });
      expect(await readAll(await store.files.read(firmware.name))).toEqual(next);
      expect(await store.files.delete(firmware.name)).toBe(true);
      expect(await store.files.get(firmware.name)).toBeNull();
      expect(await store.files.read(firmware.name)).toBeNull();
      expect(await store.files.delete(firmware.name)).toBe(false);
    });

    it('refuses a wrong checksum or too large content and keeps the previous file', async () => {
      const before = await store.files.put(upload(), body(image));

      await expect(
        store.files.put(upload({ sha256: 'ab'.repeat(32) }), body(Buffer.from('other'))),
      ).rejects.toBeInstanceOf(ChecksumMismatchError);
      await expect(
        store.files.put(upload({ maxBytes: 50_000 }), body(image)),
      ).rejects.toBeInstanceOf(FileTooLargeError);
      await expect(
        store.files.put(upload({ name: 'new.bin', maxBytes: 50_000 }), body(image)),
      ).rejects.toBeInstanceOf(FileTooLargeError);

      expect(await store.files.get(firmware.name)).toEqual(before);
      expect(await readAll(await store.files.read(firmware.name))).toEqual(image);
      expect(await store.files.get('new.bin')).toBeNull();
    });

    it('lists by name with filter and paging', async () => {
      const content = Buffer.from('x');
      await store.files.put(upload({ name: 'b.bin' }), body(content));
      await store.files.put(upload({ name: 'a.bin', productClass: 'F660' }), body(content));
      await store.files.put(
        upload({ name: 'c.xml', type: '3 Vendor Configuration File' }),
        body(content),
      );

      const page = await store.files.list({ type: '1 Firmware Upgrade Image' }, { limit: 1 });
      expect(page.items.map((f) => f.name)).toEqual(['a.bin']);
      expect(page.total).toBe(2);
      expect((await store.files.list({ productClass: 'HG8245' })).items.map((f) => f.name)).toEqual(
        ['b.bin', 'c.xml'],
      );
    });
  });

  describe('provisioning state', () => {
    const t1 = at('2026-03-01T10:00:00Z');
    const t2 = at('2026-03-01T10:01:00Z');
    // Keys MongoDB restricts in field names must survive.
    const state = { 'Device.WiFi.': { $set: 'x' }, applied: ['a', 'b'], step: 2 };
    // Provisioning plans for registered devices only (the MongoDB store keeps the state in the
    // device's document).
    beforeEach(async () => {
      for (const deviceId of ['D1', 'D2']) {
        await store.devices.upsertFromInform(deviceId, inform(deviceId), t1);
      }
    });

    it('creates at revision 1 and increments on each put', async () => {
      expect(await store.provisioning.get('D1')).toBeNull();

      const created = await store.provisioning.put('D1', state, null, t1);
      expect(created).toEqual({
        deviceId: 'D1',
        state,
        stateJson: JSON.stringify(state),
        revision: 1,
        updatedAt: t1,
      });
      expect(await store.provisioning.get('D1')).toEqual(created);

      const updated = await store.provisioning.put('D1', { step: 3 }, 1, t2);
      expect(updated).toEqual({
        deviceId: 'D1',
        state: { step: 3 },
        stateJson: '{"step":3}',
        revision: 2,
        updatedAt: t2,
      });
      expect(await store.provisioning.get('D1')).toEqual(updated);
      expect(await store.provisioning.get('D2')).toBeNull();
    });

    it('refuses a put against another revision, telling the stored one', async () => {
      await store.provisioning.put('D1', state, null, t1);
      await store.provisioning.put('D1', state, 1, t1);

      const conflict = (promise: Promise<unknown>) =>
        promise.then(
          () => {
            throw new Error('expected a VersionConflictError');
          },
          (error: unknown) => {
            expect(error).toBeInstanceOf(VersionConflictError);
            const { collection, key, expectedVersion, actualVersion } =
              error as VersionConflictError;
            return { collection, key, expectedVersion, actualVersion };
          },
        );
      expect(await conflict(store.provisioning.put('D1', {}, 1, t2))).toEqual({
        collection: 'provisioning',
        key: 'D1',
        expectedVersion: 1,
        actualVersion: 2,
      });
      expect(await conflict(store.provisioning.put('D1', {}, null, t2))).toMatchObject({
        expectedVersion: 0,
        actualVersion: 2,
      });
      expect(await conflict(store.provisioning.put('D9', {}, 1, t2))).toMatchObject({
        key: 'D9',
        actualVersion: 0,
      });
      expect(await store.provisioning.get('D1')).toMatchObject({ state, revision: 2 });
      expect(await store.provisioning.get('D9')).toBeNull();
    });

    it('gives a device not registered no state, and does not register it (deleted while planned)', async () => {
      await expect(store.provisioning.put('D9', state, null, t1)).rejects.toMatchObject({
        collection: 'provisioning',
        key: 'D9',
        expectedVersion: 0,
        actualVersion: 0,
      });
      expect(await store.provisioning.get('D9')).toBeNull();
      expect(await store.devices.get('D9')).toBeNull();
      // Deleted between its plan's read and its put.
      await store.provisioning.put('D2', state, null, t1);
      await store.devices.delete('D2');
      await expect(store.provisioning.put('D2', state, 1, t2)).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      await expect(store.provisioning.put('D2', state, null, t2)).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      expect(await store.provisioning.get('D2')).toBeNull();
      expect(await store.devices.get('D2')).toBeNull();
    });

    it('lets one of concurrent puts with the same expected revision win (exactly one where updates are atomic)', async () => {
      const race = async (expected: number | null, exactlyOne: boolean) => {
        const results = await Promise.allSettled(
          ['a', 'b', 'c', 'd'].map((writer) =>
            store.provisioning.put('D1', { writer }, expected, t1),
          ),
        );
        const won = results.filter(
          (r): r is PromiseFulfilledResult<ProvisioningRecord> => r.status === 'fulfilled',
        );
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (exactlyOne) expect(won).toHaveLength(1);
        else expect(won.length).toBeGreaterThanOrEqual(1);
        expect(lost).toHaveLength(4 - won.length);
        for (const { reason } of lost) expect(reason).toBeInstanceOf(VersionConflictError);
        return won.map((w) => w.value.state);
      };

      // Creating and updating are decided by the server's atomic update (FerretDB's is not).
      const atomic = (await harness.atomicUpdates?.()) ?? true;
      const created = await race(null, atomic);
      expect(created).toContainEqual((await store.provisioning.get('D1'))?.state);
      // One of the winners stays.
      const updated = await race(1, atomic);
      const stored = await store.provisioning.get('D1');
      expect(stored).toMatchObject({ revision: 2 });
      expect(updated).toContainEqual(stored?.state);
    });
  });

  describe('credentials', () => {
    const credentials = (deviceId: string, username: string, ha1: string, updatedAt: string) => ({
      deviceId,
      username,
      realm: 'meridian',
      ha1,
      updatedAt: at(updatedAt),
    });

    it("keeps, replaces and deletes a device's credentials", async () => {
      expect(await store.credentials.get('D1')).toBeNull();
      const first = credentials('D1', 'cpe', 'a'.repeat(32), '2026-03-01T10:00:00Z');
      expect(await store.credentials.put(first)).toEqual(first);
      expect(await store.credentials.get('D1')).toEqual(first);

      const second = credentials('D1', 'cpe2', 'b'.repeat(32), '2026-03-01T11:00:00Z');
      await store.credentials.put(second);
      expect(await store.credentials.get('D1')).toEqual(second);
      expect(await store.credentials.get('D2')).toBeNull();

      expect(await store.credentials.delete('D1')).toBe(true);
      expect(await store.credentials.delete('D1')).toBe(false);
      expect(await store.credentials.get('D1')).toBeNull();
    });

    it('are kept for a device not yet registered, and go with a deleted device', async () => {
      await store.credentials.put(credentials('D1', 'cpe', 'a'.repeat(32), '2026-03-01T10:00:00Z'));
      await store.devices.upsertFromInform('D1', inform('A1'), at('2026-03-01T10:00:00Z'));
      expect(await store.credentials.get('D1')).not.toBeNull();
      expect(await store.devices.delete('D1')).toBe(true);
      expect(await store.credentials.get('D1')).toBeNull();
    });
  });

  describe('USP subscriptions', () => {
    const build = (id: string) => (instance: number) => ({
      params: { ID: id, Alias: `cpe-${instance}`, Enable: 'true' },
      replyTo: 'usp/controller/c1',
    });

    it('numbers instances per device, lists them in order and deletes one', async () => {
      const first = await store.uspSubscriptions.create('D1', build('a'));
      expect(first).toEqual({
        deviceId: 'D1',
        instance: 1,
        params: { ID: 'a', Alias: 'cpe-1', Enable: 'true' },
        replyTo: 'usp/controller/c1',
      });
      expect((await store.uspSubscriptions.create('D1', build('b'))).instance).toBe(2);
      expect((await store.uspSubscriptions.create('D2', build('c'))).instance).toBe(1);
      expect((await store.uspSubscriptions.list('D1')).map((s) => s.params.ID)).toEqual(['a', 'b']);

      expect(await store.uspSubscriptions.delete('D1', 1)).toBe(true);
      expect(await store.uspSubscriptions.delete('D1', 1)).toBe(false);
      expect(await store.uspSubscriptions.list('D1')).toEqual([
        {
          deviceId: 'D1',
          instance: 2,
          params: { ID: 'b', Alias: 'cpe-2', Enable: 'true' },
          replyTo: 'usp/controller/c1',
        },
      ]);
      expect((await store.uspSubscriptions.create('D1', build('d'))).instance).toBe(3);
    });

    it('replaces the parameters of an instance (a Set), and only of that one', async () => {
      await store.uspSubscriptions.create('D1', build('a'));
      await store.uspSubscriptions.create('D1', build('b'));
      const params = { ID: 'a', Alias: 'cpe-1', Enable: 'false' };
      expect(await store.uspSubscriptions.update('D1', 1, params)).toBe(true);
      expect(await store.uspSubscriptions.update('D1', 9, params)).toBe(false);
      expect((await store.uspSubscriptions.list('D1')).map((s) => s.params)).toEqual([
        params,
        { ID: 'b', Alias: 'cpe-2', Enable: 'true' },
      ]);
      expect((await store.uspSubscriptions.list('D1'))[0]!.replyTo).toBe('usp/controller/c1');
    });

    it('go with a deleted device', async () => {
      await store.devices.upsertFromInform('D1', inform('A1'), at('2026-03-01T10:00:00Z'));
      await store.uspSubscriptions.create('D1', build('a'));
      expect(await store.devices.delete('D1')).toBe(true);
      expect(await store.uspSubscriptions.list('D1')).toEqual([]);
    });
  });

  describe('USP requests', () => {
    const build =
      (commandId: string, listed = true, deadline = at('2026-03-01T11:00:00Z')) =>
      (instance: number) => ({
        commandId,
        listed,
        params: {
          Command: 'Device.IP.Diagnostics.IPPing()',
          Status: 'Requested',
          Alias: `cpe-${instance}`,
        },
        inputs: { Host: '127.0.0.1' },
        deadline,
      });

    it('numbers instances per device, updates their parameters, lists them in order and deletes one', async () => {
      const first = await store.uspRequests.create('D1', build('usp-op-1'));
      expect(first).toEqual({
        deviceId: 'D1',
        instance: 1,
        commandId: 'usp-op-1',
        listed: true,
        params: { Command: 'Device.IP.Diagnostics.IPPing()', Status: 'Requested', Alias: 'cpe-1' },
        inputs: { Host: '127.0.0.1' },
        deadline: at('2026-03-01T11:00:00Z'),
      });
      expect((await store.uspRequests.list('D1'))[0]?.deadline).toEqual(at('2026-03-01T11:00:00Z'));
      expect((await store.uspRequests.create('D1', build('usp-op-2', false))).instance).toBe(2);
      expect((await store.uspRequests.create('D2', build('usp-op-3'))).instance).toBe(1);

      expect(await store.uspRequests.update('D1', 1, { ...first.params, Status: 'Active' })).toBe(
        true,
      );
      expect(await store.uspRequests.update('D1', 9, { Status: 'Active' })).toBe(false);
      const listed = await store.uspRequests.list('D1');
      expect(listed.map((r) => [r.commandId, r.listed, r.params.Status])).toEqual([
        ['usp-op-1', true, 'Active'],
        ['usp-op-2', false, 'Requested'],
      ]);

      expect(await store.uspRequests.delete('D1', 1)).toBe(true);
      expect(await store.uspRequests.delete('D1', 1)).toBe(false);
      expect((await store.uspRequests.list('D1')).map((r) => r.instance)).toEqual([2]);
      expect((await store.uspRequests.create('D1', build('usp-op-4'))).instance).toBe(3);
    });

    it('finds the overdue requests of every device, earliest deadline first, at most the limit', async () => {
      await store.uspRequests.create('D2', build('late', true, at('2026-03-01T10:05:00Z')));
      await store.uspRequests.create('D1', build('early', false, at('2026-03-01T10:01:00Z')));
      await store.uspRequests.create('D1', build('not-yet', true, at('2026-03-01T10:10:00Z')));
      await store.uspRequests.create('D3', build('due-now', true, at('2026-03-01T10:06:00Z')));
      const now = at('2026-03-01T10:06:00Z');
      expect((await store.uspRequests.overdue(now, 10)).map((r) => r.commandId)).toEqual([
        'early',
        'late',
        'due-now',
      ]);
      expect((await store.uspRequests.overdue(now, 2)).map((r) => r.commandId)).toEqual([
        'early',
        'late',
      ]);
      const [early] = await store.uspRequests.overdue(now, 1);
      expect(early).toMatchObject({ deviceId: 'D1', instance: 1, listed: false });
      expect(await store.uspRequests.overdue(at('2026-03-01T10:00:00Z'), 10)).toEqual([]);
    });

    it('go with a deleted device', async () => {
      await store.devices.upsertFromInform('D1', inform('A1'), at('2026-03-01T10:00:00Z'));
      await store.uspRequests.create('D1', build('usp-op-1'));
      expect(await store.devices.delete('D1')).toBe(true);
      expect(await store.uspRequests.list('D1')).toEqual([]);
    });
  });

  describe('audit', () => {
    const entry = (time: string, overrides: Partial<AuditEntryInput> = {}): AuditEntryInput => ({
      at: at(time),
      actor: 'ops',
      role: 'admin',
      action: 'POST /devices/:deviceId/tasks',
      deviceId: 'D1',
      status: 201,
      ...overrides,
    });

    it('appends entries with unique ids ordered like their times', async () => {
      const appended = [];
      for (const time of ['2026-03-01T10:00:00Z', '2026-03-01T09:00:00Z', '2026-03-01T11:00:00Z']) {
        appended.push(await store.audit.append(entry(time)));
        // Same millisecond twice: still distinct, still in append order.
        appended.push(await store.audit.append(entry(time)));
      }

      const ids = appended.map((e) => e.id);
      expect(new Set(ids).size).toBe(6);
      const byId = [...appended].sort((a, b) => (a.id < b.id ? -1 : 1));
      const byTime = [...appended].sort(
        (a, b) => a.at.getTime() - b.at.getTime() || ids.indexOf(a.id) - ids.indexOf(b.id),
      );
      expect(byId).toEqual(byTime);
    });

    it('round-trips every field, optional ones absent when not given', async () => {
      const full = await store.audit.append(
        entry('2026-03-01T10:00:00Z', {
          target: 'cmd-1',
          detail: { 'Device.X': { $v: [1, 'two', null, true] } },
        }),
      );
      const bare = await store.audit.append({
        at: at('2026-03-01T09:00:00Z'),
        actor: 'viewer-key',
        role: 'viewer',
        action: 'DELETE /presets/:name',
        status: 403,
      });

      expect(full).toMatchObject({ target: 'cmd-1', deviceId: 'D1' });
      expect((await store.audit.list({})).items).toEqual([full, bare]);
    });

    it('deletes entries made before a time, oldest first up to a limit', async () => {
      const old = [];
      for (const time of ['2026-03-01T12:00:00Z', '2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z']) {
        old.push(await store.audit.append(entry(time)));
      }
      const kept = await store.audit.append(entry('2026-03-20T10:00:00Z'));
      const before = at('2026-03-10T00:00:00Z');
      const left = async () => (await store.audit.list({})).items.map((e) => e.id);

      expect(await store.audit.deleteBefore(before, 2)).toBe(2);
      expect(await left()).toEqual([kept.id, old[0]!.id]);
      expect(await store.audit.deleteBefore(before, 2)).toBe(1);
      expect(await store.audit.deleteBefore(before, 2)).toBe(0);
      expect(await left()).toEqual([kept.id]);
    });

    it('lists newest first, filtered by device, actor and [from, to), with paging', async () => {
      const e1 = await store.audit.append(entry('2026-03-01T10:00:00Z'));
      const e2 = await store.audit.append(entry('2026-03-01T11:00:00Z', { deviceId: 'D2' }));
      const e3 = await store.audit.append(entry('2026-03-01T12:00:00Z', { actor: 'bot' }));
      const e4 = await store.audit.append(entry('2026-03-01T13:00:00Z'));
      const ids = (page: { items: { id: string }[] }) => page.items.map((e) => e.id);

      const all = await store.audit.list({});
      expect(ids(all)).toEqual([e4.id, e3.id, e2.id, e1.id]);
      expect(all.total).toBe(4);
      expect(ids(await store.audit.list({ deviceId: 'D1' }))).toEqual([e4.id, e3.id, e1.id]);
      expect(ids(await store.audit.list({ actor: 'bot' }))).toEqual([e3.id]);
      expect(
        ids(
          await store.audit.list({
            from: at('2026-03-01T11:00:00Z'),
            to: at('2026-03-01T13:00:00Z'),
          }),
        ),
      ).toEqual([e3.id, e2.id]);
      const page = await store.audit.list({ deviceId: 'D1', actor: 'ops' }, { skip: 1, limit: 1 });
      expect(page).toEqual({ items: [e1], total: 2 });
    });
  });

  describe('campaigns', () => {
    const campaign = (
      campaignId: string,
      createdAt: string,
      overrides: Partial<Campaign> = {},
    ): Campaign => ({
      campaignId,
      name: `rollout ${campaignId}`,
      fileName: 'fw-2.0.bin',
      version: '2.0',
      target: {
        productClass: 'HG8245',
        tags: ['lab'],
        parameter: { path: 'Device.X.Y', value: 'a.b' },
      },
      stages: [
        { percent: 1, soakSeconds: 600 },
        { percent: 100, soakSeconds: 0 },
      ],
      maxInFlight: 10,
      stopRules: { failuresInWindow: { failures: 2, window: 10 }, stageTimeoutSeconds: 3600 },
      state: 'running',
      stage: 0,
      stageStartedAt: at(createdAt),
      countFrom: at(createdAt),
      createdAt: at(createdAt),
      updatedAt: at(createdAt),
      ...overrides,
    });
    const device = (
      campaignId: string,
      deviceId: string,
      order: number,
      overrides: Partial<CampaignDevice> = {},
    ): CampaignDevice => ({
      campaignId,
      deviceId,
      order,
      stage: order === 0 ? 0 : 1,
      state: 'pending',
      ...overrides,
    });

    it('stores a campaign with its devices, refuses its id twice', async () => {
      const c1 = campaign('c1', '2026-03-01T10:00:00Z', {
        window: { start: '22:00', end: '05:00', timeZone: 'device', fallbackTimeZone: 'UTC' },
      });
      const devices = [
        device('c1', 'D2', 1),
        // The zone the device reported, for a window in the devices' zones.
        device('c1', 'D1', 0, { timeZone: 'CET-1CEST,M3.5.0,M10.5.0/3' }),
        device('c1', 'D3', 2, { state: 'skipped', skipReason: 'onTargetVersion' }),
      ];
      expect(await store.campaigns.create(c1, devices)).toEqual(c1);
      expect(await store.campaigns.get('c1')).toEqual(c1);
      expect(await store.campaigns.get('c2')).toBeNull();
      expect(await store.campaigns.devices('c1')).toEqual([devices[1], devices[0], devices[2]]);
      expect(await store.campaigns.devices('c1', ['skipped'])).toEqual([devices[2]]);
      expect(await store.campaigns.devices('c2')).toEqual([]);
      await expect(store.campaigns.create(c1, [])).rejects.toThrow(DuplicateKeyError);
    });

    it('lists newest first, by state, paged', async () => {
      const c1 = campaign('c1', '2026-03-01T10:00:00Z');
      const c2 = campaign('c2', '2026-03-02T10:00:00Z', { state: 'paused', pauseReason: 'why' });
      const c3 = campaign('c3', '2026-03-03T10:00:00Z');
      for (const c of [c1, c2, c3]) await store.campaigns.create(c, []);
      expect(await store.campaigns.list({})).toEqual({ items: [c3, c2, c1], total: 3 });
      expect(await store.campaigns.list({ state: 'running' })).toEqual({
        items: [c3, c1],
        total: 2,
      });
      expect(await store.campaigns.list({}, { skip: 1, limit: 1 })).toEqual({
        items: [c2],
        total: 3,
      });
    });

    it('updates the runtime fields, clears the pause reason, and checks the expected state', async () => {
      await store.campaigns.create(campaign('c1', '2026-03-01T10:00:00Z'), []);
      const paused = await store.campaigns.update('c1', {
        state: 'paused',
        pauseReason: 'stop rule',
        updatedAt: at('2026-03-01T11:00:00Z'),
      });
      expect(paused).toMatchObject({ state: 'paused', pauseReason: 'stop rule' });
      expect(await store.campaigns.get('c1')).toEqual(paused);
      // A runner that still thinks it is running changes nothing.
      expect(
        await store.campaigns.update(
          'c1',
          { stage: 1, updatedAt: at('2026-03-01T11:01:00Z') },
          'running',
        ),
      ).toBeNull();
      const resumed = await store.campaigns.update(
        'c1',
        {
          state: 'running',
          pauseReason: undefined,
          countFrom: at('2026-03-01T12:00:00Z'),
          stopRules: { stageFailureRatePercent: 30 },
          updatedAt: at('2026-03-01T12:00:00Z'),
        },
        'paused',
      );
      expect(resumed).toEqual({
        ...campaign('c1', '2026-03-01T10:00:00Z'),
        countFrom: at('2026-03-01T12:00:00Z'),
        stopRules: { stageFailureRatePercent: 30 },
        updatedAt: at('2026-03-01T12:00:00Z'),
      });
      expect(await store.campaigns.get('c1')).toEqual(resumed);
      expect(await store.campaigns.update('nope', { updatedAt: clock })).toBeNull();
    });

    it("replaces devices' records and finds a device's records across campaigns by state", async () => {
      await store.campaigns.create(campaign('c1', '2026-03-01T10:00:00Z'), [
        device('c1', 'D1', 0),
        device('c1', 'D2', 1),
      ]);
      await store.campaigns.create(campaign('c2', '2026-03-02T10:00:00Z'), [device('c2', 'D1', 0)]);
      const started = device('c1', 'D1', 0, {
        state: 'inFlight',
        commandId: 'cabc',
        startedAt: at('2026-03-01T10:01:00Z'),
        sentAt: at('2026-03-01T10:01:01Z'),
      });
      const failed = device('c1', 'D2', 1, {
        state: 'failed',
        commandId: 'cdef',
        startedAt: at('2026-03-01T10:01:00Z'),
        finishedAt: at('2026-03-01T10:05:00Z'),
        outcome: 'failed',
        faultCode: 9010,
        faultString: 'Download failure',
      });
      await store.campaigns.putDevices([started, failed]);
      expect(await store.campaigns.devices('c1')).toEqual([started, failed]);
      expect(
        await store.campaigns.devicesById(['D1', 'D2', 'D9'], ['pending', 'inFlight']),
      ).toEqual([started, device('c2', 'D1', 0)]);
      expect(await store.campaigns.devicesById(['D2'], ['failed'])).toEqual([failed]);
      expect(await store.campaigns.devicesById([], ['pending'])).toEqual([]);
    });

    it('deletes ended campaigns last updated before a time with their devices, in bounded steps', async () => {
      const ended = (id: string, state: 'completed' | 'aborted', updatedAt: string) =>
        campaign(id, '2026-01-01T10:00:00Z', { state, updatedAt: at(updatedAt) });
      const devicesOf = (id: string, n: number) =>
        Array.from({ length: n }, (_, i) => device(id, `D${i}`, i, { state: 'succeeded' }));
      await store.campaigns.create(
        ended('old', 'completed', '2026-03-01T10:00:00Z'),
        devicesOf('old', 3),
      );
      await store.campaigns.create(
        ended('older', 'aborted', '2026-02-01T10:00:00Z'),
        devicesOf('older', 1),
      );
      await store.campaigns.create(
        ended('recent', 'completed', '2026-03-20T10:00:00Z'),
        devicesOf('recent', 1),
      );
      // Running or paused campaigns stay whatever their age.
      await store.campaigns.create(
        campaign('running', '2026-01-01T10:00:00Z'),
        devicesOf('running', 1),
      );
      await store.campaigns.create(
        campaign('paused', '2026-01-01T10:00:00Z', { state: 'paused', pauseReason: 'why' }),
        [],
      );
      const before = at('2026-03-10T00:00:00Z');

      // "older" first (its device and itself), then 1 of "old"'s 3 devices.
      expect(await store.campaigns.deleteEndedBefore(before, 3)).toBe(3);
      expect(await store.campaigns.get('older')).toBeNull();
      expect(await store.campaigns.devices('old')).toHaveLength(2);
      expect(await store.campaigns.deleteEndedBefore(before, 3)).toBe(3);
      expect(await store.campaigns.get('old')).toBeNull();
      expect(await store.campaigns.devices('old')).toEqual([]);
      expect(await store.campaigns.deleteEndedBefore(before, 3)).toBe(0);
      expect((await store.campaigns.list({})).items.map((c) => c.campaignId).sort()).toEqual([
        'paused',
        'recent',
        'running',
      ]);
      expect(await store.campaigns.devices('running')).toHaveLength(1);
      expect(await store.campaigns.devices('recent')).toHaveLength(1);
    });
  });

  describe('transfers', () => {
    const transfer = (
      commandId: string,
      deviceId: string,
      createdAt: string,
      deadline: string,
    ) => ({
      commandId,
      deviceId,
      commandKey: `key-${commandId}`,
      fileName: 'fw-2.0.bin',
      fileType: '1 Firmware Upgrade Image',
      version: '2.0',
      fromVersion: '1.0',
      createdAt: at(createdAt),
      deadline: at(deadline),
    });

    it('stores a waiting transfer once, finds it by its CommandKey, and ends it once', async () => {
      const t1 = transfer('c1', 'D1', '2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z');
      const created = await store.transfers.create(t1);
      expect(created).toEqual({
        created: true,
        transfer: { ...t1, state: 'waiting', published: false, updatedAt: t1.createdAt },
      });
      // A result delivered twice keeps the first record.
      const again = await store.transfers.create({ ...t1, version: '9.9' });
      expect(again).toEqual({ created: false, transfer: created.transfer });
      expect(await store.transfers.findByKey('D1', 'key-c1')).toEqual(created.transfer);
      expect(await store.transfers.findByKey('D2', 'key-c1')).toBeNull();

      const end = {
        state: 'failed' as const,
        faultCode: 9010,
        faultString: 'Download failure',
        at: at('2026-03-01T10:05:00Z'),
      };
      const ended = await store.transfers.end('c1', end);
      expect(ended).toEqual({
        ...created.transfer,
        state: 'failed',
        faultCode: 9010,
        faultString: 'Download failure',
        updatedAt: end.at,
      });
      expect(await store.transfers.end('c1', { state: 'succeeded', at: end.at })).toBeNull();
      expect(await store.transfers.end('unknown', end)).toBeNull();
      expect(await store.transfers.get('c1')).toEqual(ended);
    });

    it("lists a device's transfers newest first, and goes with a deleted device", async () => {
      await store.devices.upsertFromInform('D1', inform('A1'), at('2026-03-01T09:00:00Z'));
      const older = transfer('c1', 'D1', '2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z');
      const newer = transfer('c2', 'D1', '2026-03-01T10:30:00Z', '2026-03-01T11:30:00Z');
      await store.transfers.create(older);
      await store.transfers.create(newer);
      await store.transfers.create(
        transfer('c3', 'D2', '2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z'),
      );
      expect((await store.transfers.listByDevice('D1')).map((t) => t.commandId)).toEqual([
        'c2',
        'c1',
      ]);
      await store.devices.delete('D1');
      expect(await store.transfers.listByDevice('D1')).toEqual([]);
      expect(await store.transfers.get('c3')).not.toBeNull();
    });

    it('gives the sweep expired waiting transfers and unpublished outcomes, until published', async () => {
      await store.transfers.create(
        transfer('due', 'D1', '2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z'),
      );
      await store.transfers.create(
        transfer('later', 'D1', '2026-03-01T10:00:00Z', '2026-03-01T13:00:00Z'),
      );
      await store.transfers.create(
        transfer('ended', 'D2', '2026-03-01T10:00:00Z', '2026-03-01T12:00:00Z'),
      );
      await store.transfers.end('ended', { state: 'succeeded', at: at('2026-03-01T10:10:00Z') });

      const now = at('2026-03-01T12:30:00Z');
      expect((await store.transfers.listDue(now, 10)).map((t) => t.commandId)).toEqual([
        'due',
        'ended',
      ]);
      expect((await store.transfers.listDue(now, 1)).map((t) => t.commandId)).toEqual(['due']);
      await store.transfers.markPublished('ended');
      expect((await store.transfers.listDue(now, 10)).map((t) => t.commandId)).toEqual(['due']);
      expect((await store.transfers.get('ended'))?.published).toBe(true);
    });

    it('deletes ended, published transfers created before a time, oldest first up to a limit', async () => {
      const old = (id: string, day: string) =>
        transfer(id, 'D1', `2026-03-${day}T10:00:00Z`, `2026-03-${day}T11:00:00Z`);
      for (const [id, day] of [
        ['ended-2', '02'],
        ['ended-1', '01'],
        ['ended-3', '03'],
        ['unpublished', '01'],
        ['waiting', '01'],
        ['recent', '20'],
      ] as const) {
        await store.transfers.create(old(id, day));
      }
      for (const id of ['ended-1', 'ended-2', 'ended-3', 'unpublished', 'recent']) {
        await store.transfers.end(id, { state: 'succeeded', at: at('2026-03-21T10:00:00Z') });
        if (id !== 'unpublished') await store.transfers.markPublished(id);
      }
      const before = at('2026-03-10T00:00:00Z');

      expect(await store.transfers.deleteEndedBefore(before, 2)).toBe(2);
      expect(await store.transfers.get('ended-1')).toBeNull();
      expect(await store.transfers.get('ended-2')).toBeNull();
      expect(await store.transfers.deleteEndedBefore(before, 2)).toBe(1);
      expect(await store.transfers.deleteEndedBefore(before, 2)).toBe(0);
      // The sweep has still to publish one outcome and to time out the waiting one.
      expect((await store.transfers.listByDevice('D1')).map((t) => t.commandId).sort()).toEqual([
        'recent',
        'unpublished',
        'waiting',
      ]);
    });
  });
}
