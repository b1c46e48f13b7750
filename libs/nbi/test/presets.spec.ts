import { ADMIN, OPERATOR, READER, json, startHarness } from './harness';

const BODY = {
  weight: 10,
  events: ['1 BOOT'],
  precondition: { productClass: { eq: 'SimRouter' } },
  actions: [{ type: 'addTag', tag: 'provisioned' }],
};

describe('NBI presets', () => {
  let h: Awaited<ReturnType<typeof startHarness>>;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(() => h.stop());

  it('creates (201), replaces (200, next version) and shows a preset with its version as ETag', async () => {
    const created = await h.call('PUT', '/presets/tag-routers', OPERATOR, BODY);
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(await json(created)).toEqual({
      name: 'tag-routers',
      version: 1,
      ...BODY,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const replaced = await h.call('PUT', '/presets/tag-routers', OPERATOR, {
      actions: [{ type: 'reboot' }],
    });
    expect(replaced.status).toBe(200);
    expect(await json(replaced)).toMatchObject({ version: 2, actions: [{ type: 'reboot' }] });
    const shown = await h.call('GET', '/presets/tag-routers', READER);
    expect(shown.headers.get('etag')).toBe('"2"');
    expect(await json(shown)).toMatchObject({ name: 'tag-routers', version: 2 });
    const list = await json(await h.call('GET', '/presets', READER));
    expect(list.map((p: { name: string }) => p.name)).toEqual(['tag-routers']);
  });

  it('replaces only the version If-Match names, and answers 412 otherwise', async () => {
    await h.call('PUT', '/presets/guarded', OPERATOR, BODY);
    const stale = await h.call('PUT', '/presets/guarded', OPERATOR, BODY, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    expect((await json(stale)).error).toEqual({
      code: 'version_conflict',
      message: 'preset guarded is at version 1, not 7',
    });
    const fresh = await h.call('PUT', '/presets/guarded', OPERATOR, BODY, { 'if-match': '"1"' });
    expect(fresh.status).toBe(200);
    expect((await json(fresh)).version).toBe(2);
    const absent = await h.call('PUT', '/presets/absent', OPERATOR, BODY, { 'if-match': '*' });
    expect(absent.status).toBe(412);
    const malformed = await h.call('PUT', '/presets/guarded', OPERATOR, BODY, { 'if-match': '1' });
    expect(malformed.status).toBe(400);
  });

  it('refuses an invalid preset with every error', async () => {
    const res = await h.call('PUT', '/presets/broken', OPERATOR, {
      weight: 'heavy',
      actions: [{ type: 'explode' }],
    });
    expect(res.status).toBe(400);
    const { error } = await json(res);
    expect(error.code).toBe('invalid_preset');
    expect(error.details.length).toBeGreaterThanOrEqual(2);
    expect(error.message).toBe(error.details.join('; '));
    expect((await h.call('GET', '/presets/broken', READER)).status).toBe(404);
  });

  it.each(['a b', 'discovery'])('refuses the preset name %j', async (name) => {
    const res = await h.call('PUT', `/presets/${encodeURIComponent(name)}`, OPERATOR, BODY);
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('invalid_preset_name');
  });

  it('deletes (204, then 404), and keeps read-only keys out of changes', async () => {
    await h.call('PUT', '/presets/doomed', OPERATOR, BODY);
    expect((await h.call('PUT', '/presets/doomed', READER, BODY)).status).toBe(403);
    expect((await h.call('DELETE', '/presets/doomed', READER)).status).toBe(403);
    expect((await h.call('DELETE', '/presets/doomed', OPERATOR)).status).toBe(204);
    const again = await h.call('DELETE', '/presets/doomed', OPERATOR);
    expect(again.status).toBe(404);
    expect((await json(again)).error.code).toBe('not_found');
  });

  it('audits every preset change', async () => {
    const page = await json(await h.call('GET', '/audit?actor=dev', ADMIN));
    const actions = page.items.map((e: { action: string; target: string; status: number }) => [
      e.action,
      e.target,
      e.status,
    ]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['PUT /presets/:name', 'tag-routers', 201],
        ['PUT /presets/:name', 'tag-routers', 200],
        ['DELETE /presets/:name', 'doomed', 204],
      ]),
    );
  });
});
