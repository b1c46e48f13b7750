import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { createSqliteStore, DuplicateKeyError } from '../src';
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
  });

  describe('tracing', () => {
    const exporter = new InMemorySpanExporter();

    beforeAll(() => {
      trace.setGlobalTracerProvider(
        new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
      );
    });

    afterAll(() => {
      trace.disable();
    });

    it('records one span per repository call, marking failures', async () => {
      const store = createSqliteStore(':memory:');
      await store.presets.create({
        name: 'p',
        channel: 'c',
        weight: 0,
        events: [],
        precondition: null,
        configurations: [],
      });
      await expect(
        store.presets.create({
          name: 'p',
          channel: 'c',
          weight: 0,
          events: [],
          precondition: null,
          configurations: [],
        }),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      await store.close();

      const spans = exporter.getFinishedSpans();
      expect(spans.map((s) => s.name)).toEqual(['store.presets.create', 'store.presets.create']);
      expect(spans[0]?.attributes).toMatchObject({
        'db.system.name': 'sqlite',
        'db.collection.name': 'presets',
        'db.operation.name': 'create',
      });
      expect(spans[0]?.status.code).toBe(0);
      expect(spans[1]?.status.code).toBe(2);
    });
  });
});
