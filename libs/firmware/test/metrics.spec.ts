import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createSqliteStore, type Store } from '@meridian/store';
import { Metrics } from '@meridian/telemetry';
import { fileServerHandler, signedFileUrl } from '../src';

/** The value of one series of the Prometheus text; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const secret = 'file-server-metrics-secret';
const content = Buffer.alloc(100_000, 7);

/** What an SRE reads of the file server: requests by status, bytes sent, transfers. */
describe('file server metrics', () => {
  let store: Store;
  let server: http.Server;
  let base: string;
  let metrics: Metrics;
  const now = 1_000;
  const urlFor = (deviceId: string, name = 'fw.bin') =>
    signedFileUrl(base, { name, deviceId, expires: 2_000 }, secret);

  beforeAll(async () => {
    store = createSqliteStore(':memory:');
    await store.files.put(
      { name: 'fw.bin', type: '1 Firmware Upgrade Image', maxBytes: 1_000_000 },
      Readable.from([content]),
    );
    metrics = new Metrics();
    server = http.createServer(fileServerHandler(store, { secret, now: () => now, metrics }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await store.close();
    await metrics.shutdown();
  });

  it('counts requests by method and status, bytes sent and completed transfers', async () => {
    expect(await (await fetch(urlFor('DEV-1'))).arrayBuffer()).toHaveProperty(
      'byteLength',
      content.length,
    );
    const ranged = await fetch(urlFor('DEV-1'), { headers: { range: 'bytes=0-999' } });
    expect(ranged.status).toBe(206);
    await ranged.arrayBuffer();
    expect((await fetch(urlFor('DEV-1'), { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${base}/fw.bin`)).status).toBe(403);
    expect((await fetch(urlFor('DEV-1', 'missing.bin'))).status).toBe(404);
    expect((await fetch(urlFor('DEV-1'), { method: 'POST' })).status).toBe(405);

    const text = await metrics.scrape();
    expect(sample(text, 'meridian_files_requests_total{method="GET",status="200"}')).toBe(1);
    expect(sample(text, 'meridian_files_requests_total{method="GET",status="206"}')).toBe(1);
    expect(sample(text, 'meridian_files_requests_total{method="HEAD",status="200"}')).toBe(1);
    expect(sample(text, 'meridian_files_requests_total{method="GET",status="403"}')).toBe(1);
    expect(sample(text, 'meridian_files_requests_total{method="GET",status="404"}')).toBe(1);
    expect(sample(text, 'meridian_files_requests_total{method="other",status="405"}')).toBe(1);
    expect(sample(text, 'meridian_files_sent_bytes_total')).toBe(content.length + 1000);
    expect(sample(text, 'meridian_files_transfer_duration_seconds_count{outcome="complete"}')).toBe(
      2,
    );
    expect(sample(text, 'meridian_files_transfers_active')).toBe(0);
    // Bounded labels: neither the device nor the file is named.
    expect(text).not.toContain('DEV-1');
    expect(text).not.toContain('fw.bin');
  });

  it('records a download the CPE abandoned as aborted', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 1);
    await store.files.put(
      { name: 'big.bin', type: '1 Firmware Upgrade Image', maxBytes: big.length },
      Readable.from([big]),
    );
    await new Promise<void>((resolve, reject) => {
      const req = http.get(urlFor('DEV-2', 'big.bin'), (res) => {
        // Read the first chunk, then hang up mid-transfer.
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (error) => {
        if (!req.destroyed) reject(error);
      });
    });
    const aborted = async () =>
      sample(
        await metrics.scrape(),
        'meridian_files_transfer_duration_seconds_count{outcome="aborted"}',
      );
    for (let i = 0; i < 200 && (await aborted()) !== 1; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(await aborted()).toBe(1);
    const text = await metrics.scrape();
    expect(sample(text, 'meridian_files_transfers_active')).toBe(0);
    expect(sample(text, 'meridian_files_sent_bytes_total')).toBeLessThan(
      content.length + 1000 + big.length,
    );
  });
});
