import 'reflect-metadata';
import { Readable } from 'node:stream';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { adaptersModule } from '@meridian/adapters';
import { BUS, InProcessBus } from '@meridian/bus';
import { SCHEMA_VERSION, isCommandMessage, type CommandMessage } from '@meridian/contracts';
import { createSqliteStore, STORE, type FileMeta, type Store } from '@meridian/store';
import { answerRequest, checkAccess, FirmwareModule, type TransferTrackingOptions } from '../src';

const FIRMWARE = '1 Firmware Upgrade Image';
const file = (name: string, overrides: Partial<FileMeta> = {}): FileMeta => ({
  name,
  type: FIRMWARE,
  size: 10,
  sha256: 'ab'.repeat(32),
  createdAt: new Date('2026-12-01T00:00:00Z'),
  updatedAt: new Date('2026-12-01T00:00:00Z'),
  ...overrides,
});
const device = { oui: '00D09E', productClass: 'SimRouter', softwareVersion: '1.0' };
const rule = { fileTypes: [FIRMWARE] };

describe('answerRequest (RequestDownload, pure)', () => {
  it('gives the newest fitting file of another version', () => {
    const files = [
      file('fw-1.0.bin', { version: '1.0', updatedAt: new Date('2026-12-04T00:00:00Z') }),
      file('fw-2.0.bin', { version: '2.0', updatedAt: new Date('2026-12-03T00:00:00Z') }),
      file('fw-1.9.bin', { version: '1.9', updatedAt: new Date('2026-12-02T00:00:00Z') }),
      file('other.bin', { version: '3.0', productClass: 'OtherBox', updatedAt: new Date() }),
    ];
    expect(answerRequest(FIRMWARE, device, files, rule)).toEqual({
      kind: 'download',
      file: files[1],
    });
  });

  it('refuses a type the rule does not allow, no fitting file, or only the running version', () => {
    expect(answerRequest('3 Vendor Configuration File', device, [], rule)).toEqual({
      kind: 'refuse',
      reason: expect.stringContaining('not allowed'),
    });
    expect(answerRequest(FIRMWARE, device, [file('x', { oui: 'FFFFFF' })], rule)).toEqual({
      kind: 'refuse',
      reason: expect.stringContaining('no file of type'),
    });
    expect(answerRequest(FIRMWARE, device, [file('fw-1.0.bin', { version: '1.0' })], rule)).toEqual(
      { kind: 'refuse', reason: expect.stringContaining('already runs 1.0') },
    );
  });
});

describe('RequestDownload through the tracker (in-process bus, SQLite store)', () => {
  const DEVICE = '00D09E-SimRouter-SIM000001';
  const SECRET = 'request-download-secret-1';
  let store: Store;
  let bus: InProcessBus;
  let app: INestApplicationContext;
  let commands: CommandMessage[];

  async function start(requestDownload?: TransferTrackingOptions['requestDownload']) {
    @Module({
      imports: [
        adaptersModule({ [STORE]: store, [BUS]: bus }),
        FirmwareModule.forRoot({
          host: '127.0.0.1',
          port: 0,
          secret: SECRET,
          tracking: {
            timeoutMs: 600_000,
            sweepIntervalMs: 3_600_000,
            ...(requestDownload ? { requestDownload } : {}),
          },
        }),
      ],
    })
    class TestApp {}
    app = await NestFactory.createApplicationContext(TestApp, { logger: false });
    await app.init();
  }

  const request = (fileType: string) =>
    bus.publish('cwmp.events', DEVICE, {
      schemaVersion: SCHEMA_VERSION,
      deviceId: DEVICE,
      sessionId: 's1',
      gatewayId: 'gw',
      time: new Date().toISOString(),
      rpc: { name: 'RequestDownload', fileType, fileTypeArg: [] },
    });
  const settle = async () => {
    while (bus.pending('cwmp.events') > 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
  };

  beforeEach(async () => {
    store = createSqliteStore(':memory:');
    await store.devices.upsertFromInform(
      DEVICE,
      {
        identity: {
          manufacturer: 'Meridian',
          oui: '00D09E',
          productClass: 'SimRouter',
          serialNumber: 'SIM000001',
        },
        events: ['1 BOOT'],
        softwareVersion: '1.0',
      },
      new Date(),
    );
    await store.files.put(
      { name: 'fw-2.0.bin', type: FIRMWARE, version: '2.0', maxBytes: 100 },
      Readable.from([Buffer.from('meridian-sim-firmware 2.0\n')]),
    );
    bus = new InProcessBus();
    commands = [];
    await bus.subscribe('cwmp.commands', 'test', async ({ value }) => {
      if (isCommandMessage(value)) commands.push(value);
    });
  });

  afterEach(async () => {
    await app.close();
    await bus.close();
    await store.close();
  });

  it('answers an allowed request with a Download of the file, signed for the device', async () => {
    await start({
      fileTypes: [FIRMWARE],
      baseUrl: () => 'http://files.example:7567',
      secret: SECRET,
      urlTtlSeconds: 3600,
    });
    await request(FIRMWARE);
    await settle();
    expect(commands).toEqual([
      expect.objectContaining({
        deviceId: DEVICE,
        source: 'firmware',
        fileName: 'fw-2.0.bin',
        connectionRequest: true,
        rpc: expect.objectContaining({ name: 'Download', fileType: FIRMWARE, fileSize: 26 }),
      }),
    ]);
    const url = new URL(commands[0]!.rpc!.name === 'Download' ? commands[0]!.rpc!.url : '');
    expect(url.pathname).toBe('/fw-2.0.bin');
    const now = Math.floor(Date.now() / 1000);
    expect(checkAccess('fw-2.0.bin', url.searchParams, SECRET, now)).toMatchObject({ ok: true });
    expect(await store.faults.get(DEVICE, 'firmware.requestDownload')).toBeNull();
  });

  it('records a refusal under the device faults, and sends nothing', async () => {
    await start();
    await request(FIRMWARE);
    await settle();
    expect(commands).toEqual([]);
    expect(await store.faults.get(DEVICE, 'firmware.requestDownload')).toMatchObject({
      code: 'refused',
      message: 'CPE-initiated downloads are not enabled',
      detail: { fileType: FIRMWARE },
    });
  });
});
