import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { nbiClient, type NbiReply } from '@meridian/testing';
import type { Simulator } from '@meridian/cpe-sim';
import type { Meridian } from '../src/meridian';
import { simulatorsOf, startAllInOne, type AllInOne } from './all-in-one';

const KEY = 'firmware-admin-key-0123456789';
jest.setTimeout(30_000);

async function until<T>(probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`condition not met within ${ms} ms`);
}

/** Upload an image, upgrade one device by naming the file in a download task. */
describe('all-in-one firmware upgrade', () => {
  let allInOne: AllInOne;
  let meridian: Meridian;
  let sim: Simulator;
  let nbi: string;
  const image = Buffer.from(`meridian-sim-firmware 2.0\n${'\0'.repeat(50_000)}`);
  const sha256 = createHash('sha256').update(image).digest('hex');
  const auth = { authorization: `Bearer ${KEY}` };

  const put = async (
    name: string,
    body: Buffer,
    query: string,
    headers: Record<string, string> = {},
  ): Promise<NbiReply> => {
    const res = await fetch(`${nbi}/files/${encodeURIComponent(name)}?${query}`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/octet-stream', ...headers },
      body,
    });
    return { status: res.status, json: await res.json() };
  };
  const call = (method: string, path: string, body?: unknown) =>
    nbiClient(nbi, KEY)(method, path, body);

  beforeAll(async () => {
    allInOne = await startAllInOne('firmware', {
      MERIDIAN_FILES_MAX_BYTES: '100000',
      // A preset is seen by the very next Inform.
      MERIDIAN_PRESET_CACHE_MS: '0',
      MERIDIAN_NBI_API_KEYS: `ops:operator:${KEY}`,
    });
    ({ meridian, nbi } = allInOne);
    sim = await simulatorsOf(meridian, { rebootDelayMs: 50 });
    await sim.booted;
  });

  afterAll(async () => {
    await sim?.stop();
    await allInOne?.close();
  });

  it('refuses a too large file (413) and a wrong checksum (400), storing nothing', async () => {
    const large = await put(
      'big.bin',
      Buffer.alloc(100_001),
      'fileType=1%20Firmware%20Upgrade%20Image',
    );
    expect(large.status).toBe(413);
    expect(large.json.error.code).toBe('file_too_large');

    const wrong = await put('fw-2.0.bin', image, 'fileType=1%20Firmware%20Upgrade%20Image', {
      'x-meridian-sha256': 'ab'.repeat(32),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error).toMatchObject({ code: 'checksum_mismatch' });

    const noType = await put('fw-2.0.bin', image, '');
    expect(noType.status).toBe(400);
    expect(noType.json.error.message).toContain('fileType');

    expect((await call('GET', '/files')).json).toEqual({ items: [], total: 0 });
  });

  it('upgrades a device: upload, download task naming the file, the device comes back on 2.0', async () => {
    const uploaded = await put(
      'fw-2.0.bin',
      image,
      'fileType=1%20Firmware%20Upgrade%20Image&version=2.0&productClass=SimRouter',
      { 'x-meridian-sha256': sha256 },
    );
    expect(uploaded.status).toBe(201);
    expect(uploaded.json).toMatchObject({
      name: 'fw-2.0.bin',
      size: image.length,
      sha256,
      version: '2.0',
    });
    expect((await call('GET', '/files/fw-2.0.bin')).json).toMatchObject({ size: image.length });

    const deviceId = `00D09E-SimRouter-${sim.devices[0]!.serialNumber}`;
    const { json: task } = await call(
      'POST',
      `/devices/${deviceId}/tasks?connectionRequest=true&timeout=10000`,
      { name: 'download', file: 'fw-2.0.bin' },
    );
    expect(task).toMatchObject({ status: 'done', response: { status: 1 } });
    expect(task.rpc).toMatchObject({
      fileType: '1 Firmware Upgrade Image',
      fileSize: image.length,
    });
    expect(task.rpc.url).toContain(`device=${encodeURIComponent(deviceId)}`);

    const upgraded = await until(async () => {
      const reply = await call('GET', `/devices/${deviceId}?fields=softwareVersion`);
      return reply.json.softwareVersion === '2.0' ? reply : undefined;
    });
    expect(upgraded.json.softwareVersion).toBe('2.0');
    // The tracker, in-process, confirmed it from the BOOT Inform on 2.0.
    const transfers = await until(async () => {
      const reply = await call('GET', `/devices/${deviceId}/transfers`);
      return reply.json.items?.[0]?.state === 'succeeded' ? reply : undefined;
    });
    expect(transfers.json.items).toEqual([
      expect.objectContaining({
        commandId: task.commandId,
        fileName: 'fw-2.0.bin',
        version: '2.0',
        fromVersion: '1.0.0',
        reportedVersion: '2.0',
        state: 'succeeded',
      }),
    ]);

    const unknown = await call('POST', `/devices/${deviceId}/tasks`, {
      name: 'download',
      file: 'nope.bin',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toContain('nope.bin');

    expect((await call('DELETE', '/files/fw-2.0.bin')).status).toBe(204);
    expect((await call('GET', '/files/fw-2.0.bin')).status).toBe(404);
  });

  it('a preset download action fetches from the file server with a URL signed for the device', async () => {
    const next = Buffer.from('meridian-sim-firmware 3.0\n');
    const uploaded = await put('fw-3.0.bin', next, 'fileType=1%20Firmware%20Upgrade%20Image');
    expect(uploaded.status).toBe(201);
    const preset = await call('PUT', '/presets/firmware-3', {
      precondition: { productClass: { eq: 'SimRouter' } },
      actions: [{ type: 'download', file: 'fw-3.0.bin' }],
    });
    expect(preset.status).toBe(201);
    const deviceId = `00D09E-SimRouter-${sim.devices[0]!.serialNumber}`;

    await sim.devices[0]!.inform(['6 CONNECTION REQUEST']);

    const upgraded = await until(async () => {
      const reply = await call('GET', `/devices/${deviceId}?fields=softwareVersion`);
      return reply.json.softwareVersion === '3.0' ? reply : undefined;
    });
    expect(upgraded.json.softwareVersion).toBe('3.0');
    // A preset's Download names its file too: tracked to the file's version.
    const transfers = await until(async () => {
      const reply = await call('GET', `/devices/${deviceId}/transfers`);
      return reply.json.items?.[0]?.fileName === 'fw-3.0.bin' &&
        reply.json.items[0].state !== 'waiting'
        ? reply
        : undefined;
    });
    expect(transfers.json.items[0]).toMatchObject({ fileName: 'fw-3.0.bin', state: 'succeeded' });
    // The preset counts as applied once the transfer is confirmed, not on the DownloadResponse.
    const provisioning = await until(async () => {
      const reply = await call('GET', `/devices/${deviceId}/provisioning`);
      return reply.json.applied?.['firmware-3'] ? reply : undefined;
    });
    expect(provisioning.json.applied['firmware-3']).toMatchObject({ version: 1 });
  });
});
