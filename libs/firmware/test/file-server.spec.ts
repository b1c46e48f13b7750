import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createSqliteStore, type Store } from '@meridian/store';
import { fileServerHandler, signedFileUrl } from '../src';

const secret = 'file-server-test-secret';
const content = Buffer.from(
  Array.from({ length: 300_000 }, (_, i) => String.fromCharCode(65 + (i % 26))).join(''),
);
const sha256 = createHash('sha256').update(content).digest('hex');

function get(
  url: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('file server', () => {
  let store: Store;
  let server: http.Server;
  let base: string;
  let now = 1_000;
  const urlFor = (deviceId: string, expires = 2_000, name = 'fw-2.0.bin') =>
    signedFileUrl(base, { name, deviceId, expires }, secret);

  beforeAll(async () => {
    store = createSqliteStore(':memory:');
    await store.files.put(
      { name: 'fw-2.0.bin', type: '1 Firmware Upgrade Image', maxBytes: 1_000_000 },
      Readable.from([content]),
    );
    server = http.createServer(fileServerHandler(store, { secret, now: () => now }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await store.close();
  });

  it('serves the whole file to the device its URL is signed for, with ETag and length', async () => {
    const res = await get(urlFor('DEV-1'));
    expect(res.status).toBe(200);
    expect(res.body.equals(content)).toBe(true);
    expect(res.headers['etag']).toBe(`"${sha256}"`);
    expect(res.headers['content-length']).toBe(String(content.length));
    expect(res.headers['accept-ranges']).toBe('bytes');
  });

  it('resumes a download cut short with a Range from where it stopped', async () => {
    // A client that lost the connection after 100,000 bytes.
    const first = await new Promise<Buffer>((resolve, reject) => {
      const req = http.get(urlFor('DEV-1'), (res) => {
        const chunks: Buffer[] = [];
        let got = 0;
        res.on('data', (c: Buffer) => {
          chunks.push(c);
          got += c.length;
          if (got >= 100_000) {
            req.destroy();
            resolve(Buffer.concat(chunks).subarray(0, 100_000));
          }
        });
      });
      req.on('error', (error) => (error.message === 'socket hang up' ? undefined : reject(error)));
    });

    const rest = await get(urlFor('DEV-1'), {
      headers: { range: `bytes=${first.length}-`, 'if-range': `"${sha256}"` },
    });

    expect(rest.status).toBe(206);
    expect(rest.headers['content-range']).toBe(
      `bytes ${first.length}-${content.length - 1}/${content.length}`,
    );
    expect(Buffer.concat([first, rest.body]).equals(content)).toBe(true);
  });

  it('answers 416 to a range beyond the end', async () => {
    const res = await get(urlFor('DEV-1'), { headers: { range: `bytes=${content.length}-` } });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${content.length}`);
  });

  it('answers 304 to If-None-Match of the current ETag, and HEAD without a body', async () => {
    const notModified = await get(urlFor('DEV-1'), { headers: { 'if-none-match': `"${sha256}"` } });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);

    const head = await get(urlFor('DEV-1'), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(content.length));
    expect(head.body.length).toBe(0);
  });

  it("refuses (403) another device's URL, an expired one and an unsigned one", async () => {
    const forDev1 = new URL(urlFor('DEV-1'));
    forDev1.searchParams.set('device', 'DEV-2');
    const stolen = await get(forDev1.href);
    expect(stolen.status).toBe(403);
    expect(stolen.body.toString()).toContain('bad signature');

    const expired = urlFor('DEV-1', 999);
    expect((await get(expired)).status).toBe(403);
    now = 2_001;
    const late = await get(urlFor('DEV-1'));
    now = 1_000;
    expect(late.status).toBe(403);
    expect(late.body.toString()).toContain('expired');

    expect((await get(`${base}/fw-2.0.bin`)).status).toBe(403);
  });

  it('answers 404 to a signed URL of an unknown file and 405 to other methods', async () => {
    expect((await get(urlFor('DEV-1', 2_000, 'nope.bin'))).status).toBe(404);
    expect((await get(urlFor('DEV-1'), { method: 'PUT' })).status).toBe(405);
  });
});
