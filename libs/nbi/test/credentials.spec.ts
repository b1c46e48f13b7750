import { digestHa1 } from '@meridian/cwmp';
import { ADMIN, OPERATOR, READER, json, startHarness } from './harness';

const DEVICE = '00D09E-SimRouter-SIM0001';

describe('NBI: device credentials', () => {
  let h: Awaited<ReturnType<typeof startHarness>>;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(() => h.stop());

  it('keeps Digest HA1 of the pair, shows no password nor HA1, and audits the change', async () => {
    const put = await h.call('PUT', `/devices/${DEVICE}/credentials`, OPERATOR, {
      username: 'SIM0001',
      password: 'per-device-secret',
    });
    expect(put.status).toBe(200);
    const view = await json(put);
    expect(view).toEqual({
      deviceId: DEVICE,
      username: 'SIM0001',
      realm: 'meridian',
      updatedAt: expect.any(String),
    });
    expect(await h.store.credentials.get(DEVICE)).toMatchObject({
      username: 'SIM0001',
      ha1: digestHa1('SIM0001', 'meridian', 'per-device-secret'),
    });

    const read = await h.call('GET', `/devices/${DEVICE}/credentials`, OPERATOR);
    expect(await json(read)).toEqual(view);
    expect(JSON.stringify(view)).not.toMatch(/per-device-secret|ha1/);

    const audit = await json(await h.call('GET', `/audit?deviceId=${DEVICE}`, ADMIN));
    expect(audit.items[0]).toMatchObject({
      actor: 'dev',
      action: 'PUT /devices/:deviceId/credentials',
      status: 200,
      detail: { username: 'SIM0001' },
    });
    expect(JSON.stringify(audit)).not.toMatch(/per-device-secret/);
  });

  it('removes them with DELETE (404 when there are none), audited', async () => {
    await h.call('PUT', `/devices/${DEVICE}/credentials`, OPERATOR, {
      username: 'u',
      password: 'p',
    });
    expect((await h.call('DELETE', `/devices/${DEVICE}/credentials`, ADMIN)).status).toBe(204);
    expect(await h.store.credentials.get(DEVICE)).toBeNull();
    expect((await h.call('DELETE', `/devices/${DEVICE}/credentials`, ADMIN)).status).toBe(404);
    expect((await h.call('GET', `/devices/${DEVICE}/credentials`, OPERATOR)).status).toBe(404);
    const audit = await json(await h.call('GET', `/audit?deviceId=${DEVICE}&limit=1`, ADMIN));
    expect(audit.items[0]).toMatchObject({ action: 'DELETE /devices/:deviceId/credentials' });
  });

  it('answers 400 naming the field, and 403 to a read-only key', async () => {
    const put = (body: unknown, deviceId = DEVICE) =>
      h.call('PUT', `/devices/${deviceId}/credentials`, OPERATOR, body);
    const message = async (body: unknown, deviceId?: string) => {
      const res = await put(body, deviceId);
      expect(res.status).toBe(400);
      return (await json(res)).error.message as string;
    };
    expect(await message({ password: 'p' })).toMatch(/username/);
    expect(await message({ username: 'u' })).toMatch(/password/);
    expect(await message({ username: 'u', password: 'x'.repeat(257) })).toMatch(/password/);
    expect(await message({ username: 'a:b', password: 'p' })).toMatch(/username must not/);
    expect(await message({ username: 'u', password: 'p', realm: 'x' })).toMatch(/realm/);
    expect(await message({ username: 'u', password: 'p' }, 'not a device id')).toMatch(
      /OUI-ProductClass-SerialNumber/,
    );
    const reader = await h.call('PUT', `/devices/${DEVICE}/credentials`, READER, {
      username: 'u',
      password: 'p',
    });
    expect(reader.status).toBe(403);
  });
});
