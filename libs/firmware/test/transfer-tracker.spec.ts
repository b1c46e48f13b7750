import 'reflect-metadata';
import { Readable } from 'node:stream';
import { Module } from '@nestjs/common';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { adaptersModule } from '@meridian/adapters';
import { BUS, InProcessBus } from '@meridian/bus';
import {
  SCHEMA_VERSION,
  validateMessage,
  type FirmwareOutcome,
  type InformMessage,
  type ResultMessage,
} from '@meridian/contracts';
import { wireKeyOf } from '@meridian/cwmp-session';
import { createSqliteStore, STORE, type Store } from '@meridian/store';
import { startTelemetry } from '@meridian/telemetry';
import { FirmwareModule, TransferTracker } from '../src';

const DEVICE = '00259E-HG8245-SIM0001';
const T0 = Date.parse('2026-12-05T08:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function downloadResult(
  commandId: string,
  overrides: Partial<ResultMessage> = {},
  fileName: string | undefined = 'fw-2.0.bin',
): ResultMessage {
  return {
    schemaVersion: SCHEMA_VERSION,
    deviceId: DEVICE,
    commandId,
    source: 'nbi',
    time: iso(T0),
    ...(fileName ? { fileName } : {}),
    rpc: {
      name: 'Download',
      commandKey: wireKeyOf(commandId),
      fileType: '1 Firmware Upgrade Image',
      url: 'http://files/fw-2.0.bin',
      username: '',
      password: '',
      fileSize: 40,
      targetFileName: '',
      delaySeconds: 0,
      successURL: '',
      failureURL: '',
    },
    outcome: 'done',
    response: { name: 'DownloadResponse', status: 1, startTime: '', completeTime: '' },
    ...overrides,
  } as ResultMessage;
}

function bootInform(commandId: string, version: string, root = 'Device.'): InformMessage {
  return {
    schemaVersion: SCHEMA_VERSION,
    deviceId: DEVICE,
    deviceIdStruct: {
      manufacturer: 'Meridian',
      oui: '00259E',
      productClass: 'HG8245',
      serialNumber: 'SIM0001',
    },
    events: [
      { eventCode: '1 BOOT', commandKey: '' },
      { eventCode: '7 TRANSFER COMPLETE', commandKey: '' },
      { eventCode: 'M Download', commandKey: wireKeyOf(commandId) },
    ],
    parameterList: [
      { name: `${root}DeviceInfo.SoftwareVersion`, value: version, type: 'xsd:string' },
    ],
    retryCount: 0,
    currentTime: iso(T0),
    sessionId: 's2',
    gatewayId: 'gw',
    cwmpVersion: '1-2',
    remoteAddress: '127.0.0.1',
    time: iso(T0 + 60_000),
  };
}

const transferComplete = (commandId: string, faultCode: number, faultString = '') => ({
  schemaVersion: SCHEMA_VERSION,
  deviceId: DEVICE,
  sessionId: 's2',
  gatewayId: 'gw',
  time: iso(T0 + 60_000),
  rpc: {
    name: 'TransferComplete' as const,
    commandKey: wireKeyOf(commandId),
    faultStruct: { faultCode, faultString },
    startTime: iso(T0),
    completeTime: iso(T0 + 50_000),
  },
});

describe('TransferTracker (in-process bus, SQLite store)', () => {
  let store: Store;
  let bus: InProcessBus;
  let app: INestApplicationContext;
  let now: number;
  let outcomes: FirmwareOutcome[];

  async function start(): Promise<void> {
    @Module({
      imports: [
        adaptersModule({ [STORE]: store, [BUS]: bus }),
        FirmwareModule.forRoot({
          host: '127.0.0.1',
          port: 0,
          secret: 'tracker-test-secret-01',
          tracking: { timeoutMs: 600_000, sweepIntervalMs: 3_600_000, now: () => new Date(now) },
        }),
      ],
    })
    class TestApp {}
    app = await NestFactory.createApplicationContext(TestApp, { logger: false });
    await app.init();
  }

  /** Until the tracker has handled everything published so far. */
  async function settle(): Promise<void> {
    while (
      bus.pending('cwmp.results') + bus.pending('cwmp.events') + bus.pending('cwmp.inform') >
      0
    ) {
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 20));
  }

  beforeEach(async () => {
    now = T0;
    outcomes = [];
    store = createSqliteStore(':memory:');
    await store.files.put(
      { name: 'fw-2.0.bin', type: '1 Firmware Upgrade Image', version: '2.0', maxBytes: 1000 },
      Readable.from([Buffer.from('meridian-sim-firmware 2.0\n')]),
    );
    bus = new InProcessBus();
    await bus.subscribe('firmware.outcomes', 'test', async (m) => {
      expect(validateMessage('firmware.outcomes', m.value).ok).toBe(true);
      outcomes.push(m.value);
    });
    await start();
  });

  afterEach(async () => {
    await app.close();
    await bus.close();
    await store.close();
  });

  it('waits after an accepted Download and confirms success only on the BOOT Inform with the new version', async () => {
    const commandId = 'nbi-0123456789abcdef0123456789abcdef';
    await bus.publish('cwmp.results', DEVICE, downloadResult(commandId));
    await bus.publish('cwmp.events', DEVICE, transferComplete(commandId, 0));
    await settle();
    expect(await store.transfers.get(commandId)).toMatchObject({
      state: 'waiting',
      fileName: 'fw-2.0.bin',
      version: '2.0',
    });
    expect(outcomes).toEqual([]);

    now = T0 + 60_000;
    await bus.publish('cwmp.inform', DEVICE, bootInform(commandId, '2.0'));
    await settle();
    expect(outcomes).toEqual([
      {
        schemaVersion: SCHEMA_VERSION,
        deviceId: DEVICE,
        commandId,
        fileName: 'fw-2.0.bin',
        version: '2.0',
        outcome: 'succeeded',
        at: iso(T0 + 60_000),
      },
    ]);
    expect(await store.transfers.get(commandId)).toMatchObject({
      state: 'succeeded',
      reportedVersion: '2.0',
      published: true,
    });
    // A redelivered Inform changes nothing and publishes nothing more.
    await bus.publish('cwmp.inform', DEVICE, bootInform(commandId, '2.0'));
    await settle();
    expect(outcomes).toHaveLength(1);
  });

  it('adds its consumer span only to the Informs that report a transfer', async () => {
    const spans = new InMemorySpanExporter();
    const telemetry = startTelemetry({ serviceName: 'firmware-test', exporter: spans });
    try {
      const periodic = {
        ...bootInform('c-none', '1.0'),
        events: [{ eventCode: '2 PERIODIC', commandKey: '' }],
      };
      await bus.publish('cwmp.inform', DEVICE, periodic);
      await bus.publish('cwmp.results', DEVICE, downloadResult('c-traced'));
      await bus.publish('cwmp.inform', DEVICE, bootInform('c-traced', '2.0'));
      await settle();
      expect(outcomes.map((o) => o.outcome)).toEqual(['succeeded']);
      const informSpans = spans.getFinishedSpans().filter((s) => s.name === 'cwmp.inform process');
      expect(informSpans).toHaveLength(1);
    } finally {
      await telemetry.shutdown();
    }
  });

  it('reports a device back on the old version (InternetGatewayDevice root) as rolledBack', async () => {
    await bus.publish('cwmp.results', DEVICE, downloadResult('c-rb'));
    await bus.publish('cwmp.inform', DEVICE, bootInform('c-rb', '1.0', 'InternetGatewayDevice.'));
    await settle();
    expect(outcomes).toEqual([
      expect.objectContaining({ commandId: 'c-rb', outcome: 'rolledBack', version: '2.0' }),
    ]);
  });

  it('fails with the CWMP fault code of TransferComplete', async () => {
    await bus.publish('cwmp.results', DEVICE, downloadResult('c-9010'));
    await bus.publish(
      'cwmp.events',
      DEVICE,
      transferComplete('c-9010', 9010, 'Download failure: HTTP 404'),
    );
    await settle();
    expect(outcomes).toEqual([
      expect.objectContaining({
        commandId: 'c-9010',
        outcome: 'failed',
        faultCode: 9010,
        faultString: 'Download failure: HTTP 404',
      }),
    ]);
  });

  it('fails a Download the CPE refused, and succeeds a config file on a clean TransferComplete', async () => {
    await bus.publish(
      'cwmp.results',
      DEVICE,
      downloadResult('c-refused', {
        outcome: 'fault',
        fault: { faultCode: 9017, faultString: 'no window' },
      } as Partial<ResultMessage>),
    );
    const config = downloadResult('c-cfg', {}, undefined);
    if (config.rpc?.name === 'Download') config.rpc.fileType = '3 Vendor Configuration File';
    await bus.publish('cwmp.results', DEVICE, config);
    await bus.publish('cwmp.events', DEVICE, transferComplete('c-cfg', 0));
    // Not a transfer: ignored.
    await bus.publish('cwmp.results', DEVICE, {
      ...downloadResult('c-gpv', {}, undefined),
      rpc: { name: 'GetParameterValues', parameterNames: ['Device.'] },
    });
    await settle();
    expect(outcomes.map((o) => [o.commandId, o.outcome, o.faultCode])).toEqual([
      ['c-refused', 'failed', 9017],
      ['c-cfg', 'succeeded', undefined],
    ]);
    expect(await store.transfers.get('c-gpv')).toBeNull();
  });

  it('times out a silent device, with the deadline kept in the store across a restart', async () => {
    await bus.publish('cwmp.results', DEVICE, downloadResult('c-silent'));
    await settle();
    await app.close();

    now = T0 + 600_000;
    await start();
    expect(outcomes).toEqual([
      expect.objectContaining({ commandId: 'c-silent', outcome: 'timedOut' }),
    ]);
  });

  it('ends a refused Download delivered again after a crash left its transfer waiting', async () => {
    const refused = downloadResult('c-again', {
      outcome: 'fault',
      fault: { faultCode: 9010, faultString: 'Download failure' },
    } as Partial<ResultMessage>);
    // The first delivery stored the transfer, then the process died.
    await store.transfers.create({
      commandId: 'c-again',
      deviceId: DEVICE,
      commandKey: 'c-again',
      createdAt: new Date(T0),
      deadline: new Date(T0 + 600_000),
    });
    await bus.publish('cwmp.results', DEVICE, refused);
    await bus.publish('cwmp.results', DEVICE, refused);
    await settle();
    expect(outcomes).toEqual([
      expect.objectContaining({ commandId: 'c-again', outcome: 'failed', faultCode: 9010 }),
    ]);
  });

  it('publishes at the next sweep an outcome written but not published before a crash', async () => {
    await store.transfers.create({
      commandId: 'c-crash',
      deviceId: DEVICE,
      commandKey: 'c-crash',
      createdAt: new Date(T0),
      deadline: new Date(T0 + 600_000),
    });
    await store.transfers.end('c-crash', { state: 'failed', faultCode: 9012, at: new Date(T0) });
    await app.get(TransferTracker).sweep();
    expect(outcomes).toEqual([
      expect.objectContaining({ commandId: 'c-crash', outcome: 'failed', faultCode: 9012 }),
    ]);
    await app.get(TransferTracker).sweep();
    expect(outcomes).toHaveLength(1);
  });
});
