import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTelemetry, type Telemetry } from '@meridian/telemetry';
import {
  ChecksumMismatchError,
  createSqliteStore,
  DuplicateKeyError,
  FileTooLargeError,
  storeWithSpan,
  VersionConflictError,
} from '../src';
import { whereOf } from '../src/sqlite/devices';
import { migrate, SCHEMA_VERSION } from '../src/sqlite/schema';
import { storeContract } from './contract';

describe('sqlite store', () => {
  storeContract({
    open: async (now) => createSqliteStore(':memory:', { now }),
    dispose: (store) => store.close(),
  });

  describe('on a file', () => {
    let dir: string;

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'meridian-store-'));
    });

    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('opens a new file from several processes at once, each with the whole schema', async () => {
      // Built code in child processes (npm test builds first): the race is between processes.
      // Each loads the store, then waits for the same instant to open the file.
      const built = join(__dirname, '../../../dist/libs/store/src/sqlite/store.js');
      const open = `const { createSqliteStore } = require(${JSON.stringify(built)});
        const [file, at] = process.argv.slice(1);
        while (Date.now() < Number(at));
        createSqliteStore(file).close();`;
      for (let round = 0; round < 3; round++) {
        const file = join(dir, `race-${round}.db`);
        const at = String(Date.now() + 2_000);
        const exits = await Promise.all(
          Array.from({ length: 4 }, () => {
            const child = spawn(process.execPath, ['-e', open, file, at], {
              stdio: ['ignore', 'ignore', 'pipe'],
            });
            let stderr = '';
            child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
            return new Promise<string>((resolve) =>
              child.on('exit', (code) => resolve(`${code} ${stderr}`)),
            );
          }),
        );
        expect(exits).toEqual(['0 ', '0 ', '0 ', '0 ']);
        const db = new Database(file, { readonly: true });
        expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
        db.close();
      }
    }, 60_000);

    it('keeps file content under files/ next to the database, and no leftovers of a failed upload', async () => {
      const store = createSqliteStore(join(dir, 'meridian.db'));
      const upload = { name: 'fw.bin', type: '1 Firmware Upgrade Image', maxBytes: 10 };
      await store.files.put(upload, Readable.from([Buffer.from('12345')]));
      await expect(
        store.files.put(upload, Readable.from([Buffer.from('123456789'), Buffer.from('ab')])),
      ).rejects.toBeInstanceOf(FileTooLargeError);
      await expect(
        store.files.put({ ...upload, sha256: '0'.repeat(64) }, Readable.from([Buffer.from('1')])),
      ).rejects.toBeInstanceOf(ChecksumMismatchError);
      await store.close();

      const stored = readdirSync(join(dir, 'files'));
      expect(stored).toHaveLength(1);
      expect(readFileSync(join(dir, 'files', stored[0] as string), 'utf8')).toBe('12345');
    });

    it('keeps what was written after close and reopen, creating the data directory', async () => {
      const file = join(dir, 'data', 'meridian.db');
      const t = new Date('2026-03-01T10:00:00Z');
      const first = createSqliteStore(file);
      await first.devices.upsertFromInform(
        'D1',
        {
          identity: { manufacturer: 'M', oui: '00259E', productClass: 'P', serialNumber: 'S' },
          events: [],
        },
        t,
      );
      await first.devices.addTag('D1', 'lab');
      await first.parameters.upsertMany('D1', [{ path: 'Device.X', value: '1', updatedAt: t }]);
      await first.close();

      const second = createSqliteStore(file);
      try {
        expect(await second.devices.get('D1')).toMatchObject({
          deviceId: 'D1',
          tags: ['lab'],
          firstInform: t,
        });
        expect(await second.parameters.get('D1', { paths: ['Device.X'] })).toHaveLength(1);
      } finally {
        await second.close();
      }
    });

    /**
     * A store on a file and a second, read-only connection to it, which sees only committed rows:
     * `committed(table)` counts them.
     */
    const withReader = async (
      test: (
        store: ReturnType<typeof createSqliteStore>,
        reader: Database.Database,
        committed: (table: string) => number,
      ) => Promise<void>,
    ): Promise<void> => {
      const file = join(dir, 'meridian.db');
      const store = createSqliteStore(file);
      const reader = new Database(file, { readonly: true });
      try {
        await test(
          store,
          reader,
          (table) => reader.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number,
        );
      } finally {
        reader.close();
        await store.close();
      }
    };

    const identityOf = (serialNumber: string) => ({
      manufacturer: 'M',
      oui: '00259E',
      productClass: 'P',
      serialNumber,
    });

    it('commits the writes of one event-loop turn together: each call resolves once its rows are committed, a failed one undoes only its own', () =>
      withReader(async (store, reader, committed) => {
        const t = new Date('2026-03-01T10:00:00Z');
        const committedRows = () => committed('parameter_objects');
        await store.devices.upsertFromInform('D1', { identity: identityOf('S1'), events: [] }, t);
        await store.provisioning.put('D1', { step: 1 }, null, t);
        // Started in the same turn: three writes and a stale revision that must fail.
        const writes = [1, 2, 3].map((i) =>
          store.parameters
            .upsertMany(`D${i}`, [{ path: 'Device.X', value: String(i), updatedAt: t }])
            // Another connection sees the rows as soon as the call resolves.
            .then(() => committedRows()),
        );
        const stale = store.provisioning.put('D1', { step: 2 }, 7, t);
        // Not committed while the turn runs.
        expect(committedRows()).toBe(0);
        await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
        expect(await Promise.all(writes)).toEqual([3, 3, 3]);
        expect(reader.prepare('SELECT state, revision FROM provisioning').get() as unknown).toEqual(
          { state: '{"step":1}', revision: 1 },
        );
        // A read-only call resolves without waiting for a commit, and sees the group's writes.
        expect(await store.parameters.get('D2', { paths: ['Device.X'] })).toMatchObject([
          { value: '2' },
        ]);
      }));

    it("answers a message's reads (device, planner state, cache) without waiting for the commit of writes made meanwhile", () =>
      withReader(async (store, _reader, committedIn) => {
        const t = new Date('2026-03-01T10:00:00Z');
        const committed = () => committedIn('provisioning');
        for (const [deviceId, serial] of [
          ['D1', 'S1'],
          ['D2', 'S2'],
        ] as const) {
          await store.devices.upsertFromInform(
            deviceId,
            { identity: identityOf(serial), events: [] },
            t,
          );
        }
        // Reads started, then another message's write in the same turn, before the reads'
        // results are taken: the reads do not wait for that write's commit.
        const reads = Promise.all([
          store.devices.get('D1'),
          store.provisioning.get('D1'),
          store.parameters.get('D1', { paths: ['Device.X'] }),
        ]).then(committed);
        const write = store.provisioning.put('D2', { step: 1 }, null, t).then(committed);
        expect(await reads).toBe(0);
        expect(await write).toBe(1);
      }));
  });

  describe('a database of the previous version (schema 1)', () => {
    let dir: string;
    let file: string;
    const firstInform = new Date('2026-03-01T10:00:00Z');
    const lastInform = new Date('2026-03-01T11:00:00Z');

    // What the previous release wrote: its schema and rows, through plain SQL.
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'meridian-store-'));
      file = join(dir, 'meridian.db');
      const db = new Database(file);
      migrate(db, 1);
      db.prepare(
        `INSERT INTO devices (device_id, manufacturer, oui, product_class, serial_number, status,
           first_inform, last_inform, last_events, software_version)
         VALUES ('D1', 'M', '00259E', 'P', 'S1', 'active', ?, ?, '["2 PERIODIC"]', '1.0')`,
      ).run(firstInform.getTime(), lastInform.getTime());
      db.prepare("INSERT INTO device_tags (device_id, tag) VALUES ('D1', 'lab')").run();
      db.prepare(
        `INSERT INTO tasks (command_id, device_id, status, source, connection_request, rpc,
           created_at, updated_at)
         VALUES ('c1', 'D1', 'pending', 'nbi', 1, '{"name":"Reboot","commandKey":"c1"}', ?, ?)`,
      ).run(lastInform.getTime(), lastInform.getTime());
      db.close();
    });

    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('is migrated on open: rows kept, registeredAt = firstInform, new repositories work', async () => {
      const store = createSqliteStore(file);
      try {
        expect(await store.devices.get('D1')).toEqual({
          deviceId: 'D1',
          identity: { manufacturer: 'M', oui: '00259E', productClass: 'P', serialNumber: 'S1' },
          status: 'active',
          tags: ['lab'],
          registeredAt: firstInform,
          firstInform,
          lastInform,
          lastEvents: ['2 PERIODIC'],
          softwareVersion: '1.0',
        });
        const at = new Date('2026-03-01T12:00:00Z');
        expect(
          await store.tasks.recordConnectionRequest('c1', { outcome: 'sent', attempts: 1, at }),
        ).toMatchObject({ commandId: 'c1', connectionRequestResult: { outcome: 'sent' } });
        expect(await store.provisioning.put('D1', { step: 1 }, null, at)).toMatchObject({
          revision: 1,
        });
        expect(
          (await store.audit.append({ at, actor: 'a', role: 'r', action: 'x', status: 200 })).id,
        ).toBeTruthy();
        await store.devices.register({
          deviceId: 'D2',
          identity: { manufacturer: 'M', oui: '00259E', productClass: 'P', serialNumber: 'S2' },
          tags: [],
          registeredAt: at,
        });
        expect(
          (await store.devices.list({}, { sort: { field: 'lastInform', order: 'asc' } })).items.map(
            (d) => d.deviceId,
          ),
        ).toEqual(['D1', 'D2']);
      } finally {
        await store.close();
      }
      const db = new Database(file, { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      db.close();
    });

    it('refuses a database written by a newer build', () => {
      const db = new Database(file);
      db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      db.close();

      expect(() => createSqliteStore(file)).toThrow(/schema/);
    });
  });

  describe('USP requests of a database before their deadline (schema 12)', () => {
    it('get deadline 0: the first sweep finds them overdue', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'meridian-store-'));
      const file = join(dir, 'meridian.db');
      try {
        const db = new Database(file);
        migrate(db, 12);
        db.prepare(
          `INSERT INTO usp_requests (device_id, instance, command_id, listed, params, inputs)
           VALUES ('D1', 1, 'usp-op-1', 1, '{"Status":"Active"}', '{}')`,
        ).run();
        db.close();
        const store = createSqliteStore(file);
        try {
          expect(await store.uspRequests.overdue(new Date(0), 10)).toEqual([
            {
              deviceId: 'D1',
              instance: 1,
              commandId: 'usp-op-1',
              listed: true,
              params: { Status: 'Active' },
              inputs: {},
              deadline: new Date(0),
            },
          ]);
        } finally {
          await store.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("the last Inform's ParameterList on the device row", () => {
    it('keeps any text as it came, and reads the JSON an earlier build wrote', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'meridian-store-'));
      const file = join(dir, 'meridian.db');
      const identity = { manufacturer: 'M', oui: 'OUI', productClass: 'PC', serialNumber: 'SN' };
      // Lengths, colons and digits in the text itself; an empty value; astral characters.
      const awkward = [
        { path: 'Device.X_1:2.Name', value: '12:34:56', type: 'xsd:string' as const },
        { path: 'Device.Empty', value: '', type: 'xsd:string' as const },
        { path: 'Device.Name', value: '[9:名前 \u{1F4E1}]"\\', type: 'xsd:string' as const },
      ];
      try {
        let store = createSqliteStore(file);
        try {
          const fields = { identity, events: ['1 BOOT'], informParameters: awkward };
          await store.devices.upsertFromInform('D1', fields, new Date(1000));
          expect((await store.devices.get('D1'))?.informParameters).toEqual(awkward);
          const before = (await store.devices.get('D1'))!;
          const next = [{ ...awkward[0]!, value: '' }, ...awkward.slice(1)];
          const periodic = { identity, events: ['2 PERIODIC'], informParameters: next };
          expect(await store.devices.updateFromInform(before, periodic, new Date(2000))).toBe(true);
          expect((await store.devices.get('D1'))?.informParameters).toEqual(next);
        } finally {
          await store.close();
        }
        const db = new Database(file);
        db.prepare(`UPDATE devices SET inform_parameters = ? WHERE device_id = 'D1'`).run(
          JSON.stringify(awkward),
        );
        db.close();
        store = createSqliteStore(file);
        try {
          expect((await store.devices.get('D1'))?.informParameters).toEqual(awkward);
        } finally {
          await store.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('tags of a database before they were kept on the device row (schema 15)', () => {
    it('are read after the migration, and follow later adds and removals', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'meridian-store-'));
      const file = join(dir, 'meridian.db');
      try {
        const db = new Database(file);
        migrate(db, 15);
        db.prepare(
          `INSERT INTO devices (device_id, manufacturer, oui, product_class, serial_number,
             status, registered_at, last_events)
           VALUES ('D1', 'M', 'OUI', 'PC', 'SN', 'active', 0, '[]')`,
        ).run();
        for (const tag of ['zeta', 'alpha']) {
          db.prepare(`INSERT INTO device_tags (device_id, tag) VALUES ('D1', ?)`).run(tag);
        }
        db.close();
        const store = createSqliteStore(file);
        try {
          expect((await store.devices.get('D1'))?.tags).toEqual(['alpha', 'zeta']);
          await store.devices.addTag('D1', 'mid');
          await store.devices.removeTag('D1', 'zeta');
          expect((await store.devices.get('D1'))?.tags).toEqual(['alpha', 'mid']);
        } finally {
          await store.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('a parameter cache of one row per parameter (schema 16)', () => {
    it('reads the same after the migration to one row per object, and is written, searched and deleted in', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'meridian-store-'));
      const file = join(dir, 'meridian.db');
      // [deviceId, path, value, type, writable, updatedAt] as schema 16 kept them.
      const rows: [string, string, string | null, string | null, number | null, number][] = [
        ['D1', 'Device.', null, null, 0, 1000],
        ['D1', 'Device.WiFi.SSID.1.', null, null, 1, 1000],
        ['D1', 'Device.WiFi.SSID.1.SSID', 'home', 'xsd:string', 1, 2000],
        ['D1', 'Device.WiFi.SSID.1.Enable', 'true', 'xsd:boolean', 0, 2000],
        ['D1', 'Device.WiFi.SSID.1.Alias', null, null, 1, 1500],
        ['D1', 'Device.WiFi.SSIDNumberOfEntries', '1', null, null, 3000],
        ['D1', 'Device.DeviceInfo.UpTime', '42', 'xsd:unsignedInt', null, 4000],
        ['D2', 'Device.WiFi.SSID.1.SSID', 'home', 'xsd:string', 1, 5000],
        ['D2', 'InternetGatewayDevice.LANDevice.1.Hosts.HostNumberOfEntries', '0', null, 0, 6000],
      ];
      try {
        const db = new Database(file);
        migrate(db, 16);
        db.prepare(
          `INSERT INTO devices (device_id, manufacturer, oui, product_class, serial_number,
             status, registered_at, last_events)
           VALUES ('D1', 'M', 'OUI', 'PC', 'SN', 'active', 0, '[]')`,
        ).run();
        const insert = db.prepare(
          `INSERT INTO parameters (device_id, path, value, type, writable, updated_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        );
        for (const row of rows) insert.run(...row);
        db.close();

        const store = createSqliteStore(file);
        try {
          const cached = (deviceId: string) =>
            rows
              .filter((row) => row[0] === deviceId)
              .map(([, path, value, type, writable, updatedAt]) => ({
                deviceId,
                path,
                ...(value === null ? {} : { value }),
                ...(type === null ? {} : { type }),
                ...(writable === null ? {} : { writable: writable === 1 }),
                updatedAt: new Date(updatedAt),
              }))
              .sort((a, b) => (a.path < b.path ? -1 : 1));
          expect(await store.parameters.get('D1', { prefix: '' })).toEqual(cached('D1'));
          expect(await store.parameters.get('D2', { prefix: '' })).toEqual(cached('D2'));
          expect(
            await store.parameters.findDevicesByValue('Device.WiFi.SSID.1.SSID', 'home'),
          ).toEqual(['D1', 'D2']);
          const home = { path: 'Device.WiFi.SSID.1.SSID', value: 'home' };
          expect((await store.devices.list({ parameters: [home] })).items).toMatchObject([
            { deviceId: 'D1' },
          ]);
          // Written over: the migrated entry keeps what the write does not tell.
          await store.parameters.upsertMany('D1', [
            { path: 'Device.WiFi.SSID.1.SSID', value: 'office', updatedAt: new Date(9000) },
          ]);
          expect(await store.parameters.get('D1', { paths: ['Device.WiFi.SSID.1.SSID'] })).toEqual([
            {
              deviceId: 'D1',
              path: 'Device.WiFi.SSID.1.SSID',
              value: 'office',
              type: 'xsd:string',
              writable: true,
              updatedAt: new Date(9000),
            },
          ]);
          expect(await store.parameters.deleteSubtree('D1', 'Device.WiFi.')).toBe(5);
          expect(await store.devices.delete('D1')).toBe(true);
          expect(await store.parameters.get('D1', { prefix: '' })).toEqual([]);
        } finally {
          await store.close();
        }
        const after = new Database(file, { readonly: true });
        const tables = after
          .prepare<
            [],
            { name: string }
          >("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'parameter%'")
          .all();
        expect(tables).toEqual([{ name: 'parameter_objects' }]);
        // One row per device and object.
        expect(after.prepare('SELECT count(*) FROM parameter_objects').pluck().get()).toBe(2);
        after.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('a device and its planner state read at once (one statement)', () => {
    const fields = (serialNumber: string) => ({
      identity: { manufacturer: 'M', oui: '00D09E', productClass: 'P', serialNumber },
      events: ['2 PERIODIC'],
    });
    const at = new Date('2026-12-07T06:00:00.000Z');

    it('gives each device its own state as stored, none without one, and a put made between the two reads', async () => {
      const store = createSqliteStore(':memory:');
      try {
        await store.devices.upsertFromInform('A', fields('A'), at);
        await store.devices.upsertFromInform('B', fields('B'), at);
        await store.provisioning.put('A', { seq: 1 }, null, at);
        const [a, stateOfA] = await Promise.all([
          store.devices.get('A'),
          store.provisioning.get('A'),
        ]);
        expect(a?.deviceId).toBe('A');
        expect(stateOfA).toMatchObject({ state: { seq: 1 }, stateJson: '{"seq":1}', revision: 1 });
        expect(stateOfA?.updatedAt).toEqual(at);
        const [, stateOfB] = await Promise.all([
          store.devices.get('B'),
          store.provisioning.get('B'),
        ]);
        expect(stateOfB).toBeNull();
        // Another device's read in between: A's state is read for A.
        const [, , again] = await Promise.all([
          store.devices.get('B'),
          store.devices.get('A'),
          store.provisioning.get('A'),
        ]);
        expect(again?.revision).toBe(1);
        // A put between the device's read and the state's, in the same run.
        const [, , fresh] = await Promise.all([
          store.devices.get('A'),
          store.provisioning.put('A', { seq: 2 }, 1, at),
          store.provisioning.get('A'),
        ]);
        expect(fresh).toMatchObject({ state: { seq: 2 }, revision: 2 });
        // And a get on its own later reads the store.
        await store.devices.get('A');
        await store.provisioning.put('A', { seq: 3 }, 2, at);
        expect((await store.provisioning.get('A'))?.revision).toBe(3);
      } finally {
        await store.close();
      }
    });
  });

  describe('presence query', () => {
    it('is an index search on online_until both ways, no scan of devices', () => {
      const db = new Database(':memory:');
      migrate(db);
      const plan = (online: boolean): string => {
        const where = whereOf({ presence: { online, at: new Date() } });
        return db
          .prepare<unknown[], { detail: string }>(
            `EXPLAIN QUERY PLAN SELECT count(*) FROM devices d ${where}`,
          )
          .all(...where.params)
          .map((row) => row.detail)
          .join('\n');
      };

      expect(plan(true)).toMatch(/SEARCH d USING (COVERING )?INDEX devices_online_until/);
      expect(plan(false)).toMatch(/SEARCH d USING (COVERING )?INDEX devices_online_until/);
      expect(`${plan(true)}\n${plan(false)}`).not.toMatch(/SCAN d/);
      db.close();
    });
  });

  describe('parameter cache', () => {
    it('has no index besides its primary key (discovery writes ~105 rows per device), and the parameter filter probes that key per device', () => {
      const db = new Database(':memory:');
      migrate(db);
      const indexes = db
        .prepare<
          [],
          { name: string; origin: string }
        >("SELECT * FROM pragma_index_list('parameter_objects')")
        .all();
      expect(indexes.map((i) => i.origin)).toEqual(['pk']);
      const where = whereOf({ parameters: [{ path: 'Device.X', value: '1' }] });
      const plan = db
        .prepare<unknown[], { detail: string }>(
          `EXPLAIN QUERY PLAN SELECT count(*) FROM devices d ${where}`,
        )
        .all(...where.params)
        .map((row) => row.detail)
        .join('\n');
      expect(plan).toMatch(/SEARCH p .*INDEX \w+ \(device_id=\? AND path=\?\)/);
      db.close();
    });
  });

  describe('tracing', () => {
    const exporter = new InMemorySpanExporter();
    let telemetry: Telemetry;

    beforeAll(() => {
      telemetry = startTelemetry({ serviceName: 'store-spec', exporter });
    });

    afterAll(() => telemetry.shutdown());

    it('records each repository call as an event on the calling span, marking failures', async () => {
      const store = createSqliteStore(':memory:');
      const preset = {
        name: 'p',
        channel: 'c',
        weight: 0,
        events: [],
        precondition: null,
        configurations: [],
      };
      const caller = trace.getTracer('spec').startSpan('cwmp.inform process');
      const traced = storeWithSpan(store, caller);
      await traced.presets.create(preset);
      await expect(traced.presets.create(preset)).rejects.toBeInstanceOf(DuplicateKeyError);
      caller.end();
      // Outside any span: timed for the histogram only, no span of its own.
      await store.presets.list();
      await store.close();
      await telemetry.forceFlush();

      const spans = exporter.getFinishedSpans();
      expect(spans.map((s) => s.name)).toEqual(['cwmp.inform process']);
      const [ok, failed] = spans[0]!.events;
      expect(spans[0]!.events.map((e) => e.name)).toEqual([
        'store.presets.create',
        'store.presets.create',
      ]);
      expect(ok?.attributes).toEqual({ 'meridian.duration_ms': expect.any(Number) });
      expect(failed?.attributes).toMatchObject({
        'meridian.duration_ms': expect.any(Number),
        'error.type': 'DuplicateKeyError',
        'exception.message': expect.stringMatching(/.+/),
      });
      // Each event is stamped with its call's start, within the calling span.
      const nanos = ([s, n]: [number, number]) => s * 1e9 + n;
      expect(nanos(ok!.time)).toBeGreaterThanOrEqual(nanos(spans[0]!.startTime));
      expect(nanos(failed!.time)).toBeGreaterThanOrEqual(nanos(ok!.time));
      expect(nanos(failed!.time)).toBeLessThanOrEqual(nanos(spans[0]!.endTime));
    });
  });
});
