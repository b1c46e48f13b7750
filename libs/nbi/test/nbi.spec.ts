import { SCHEMA_VERSION, Topics, asyncApiDocument } from '@meridian/contracts';
import { eventually } from '@meridian/testing';
import { ADMIN, OPERATOR, READER, json, startHarness, startNbi } from './harness';

const DEVICE = '00D09E-SimRouter-SIM0001';
const OFFLINE = '00D09E-SimRouter-SIM0002';

describe('NBI', () => {
  let h: Awaited<ReturnType<typeof startHarness>>;

  beforeAll(async () => {
    h = await startHarness();
    const identity = { manufacturer: 'M', oui: '00D09E', productClass: 'SimRouter' };
    await h.store.devices.upsertFromInform(
      DEVICE,
      {
        identity: { ...identity, serialNumber: 'SIM0001' },
        events: ['0 BOOTSTRAP'],
        parameterKey: 'pk-7',
        onlineUntil: new Date(Date.now() + 3_600_000),
        informParameters: [
          { path: 'Device.ManagementServer.ParameterKey', value: 'pk-7', type: 'xsd:string' },
        ],
      },
      new Date('2026-11-25T10:00:00Z'),
    );
    await h.store.devices.upsertFromInform(
      OFFLINE,
      {
        identity: { ...identity, serialNumber: 'SIM0002' },
        events: ['1 BOOT'],
        onlineUntil: new Date(Date.now() - 1000),
      },
      new Date('2026-11-25T09:00:00Z'),
    );
  });

  afterAll(() => h.stop());

  beforeEach(() => {
    h.gateway.answer = true;
    h.gateway.faults.clear();
  });

  it('refuses requests without a valid API key, with a JSON error', async () => {
    const res = await h.call('GET', '/devices');
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe('unauthenticated');
    expect((await h.call('GET', '/devices', 'wrong-key-0123456789')).status).toBe(401);
  });

  it('lists devices with paging and projection', async () => {
    const res = await h.call('GET', '/devices?fields=deviceId,tags&limit=1', READER);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ items: [{ deviceId: DEVICE, tags: [] }], total: 2 });
  });

  it('shows whether a device is online, its ParameterKey and registration time', async () => {
    const device = await json(await h.call('GET', `/devices/${DEVICE}`, READER));
    expect(device).toMatchObject({
      deviceId: DEVICE,
      online: true,
      parameterKey: 'pk-7',
      registeredAt: '2026-11-25T10:00:00.000Z',
    });
    // Provisioning's record of the last Inform is not part of the API (the values are in the cache).
    expect(device).not.toHaveProperty('informParameters');
    const listed = await json(await h.call('GET', '/devices', READER));
    expect(listed.items[0]).not.toHaveProperty('informParameters');
    const offline = await json(await h.call('GET', `/devices/${OFFLINE}`, READER));
    expect(offline.online).toBe(false);
    const projected = await json(await h.call('GET', '/devices?fields=online', READER));
    expect(projected.items).toEqual([
      { deviceId: DEVICE, online: true },
      { deviceId: OFFLINE, online: false },
    ]);
  });

  it('filters the device list on presence', async () => {
    const ids = async (query: string) =>
      (await json(await h.call('GET', `/devices?fields=deviceId&${query}`, READER))).items.map(
        (d: { deviceId: string }) => d.deviceId,
      );
    expect(await ids('online=true')).toEqual([DEVICE]);
    expect(await ids('online=false')).toEqual([OFFLINE]);
    const bad = await h.call('GET', '/devices?online=maybe', READER);
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.code).toBe('bad_request');
  });

  it("lists a device's transfers from the store, newest first; 404 for an unknown device", async () => {
    const created = new Date('2026-12-05T08:00:00Z');
    await h.store.transfers.create({
      commandId: 'dl-old',
      deviceId: DEVICE,
      commandKey: 'dl-old',
      createdAt: created,
      deadline: new Date(created.getTime() + 3_600_000),
    });
    await h.store.transfers.create({
      commandId: 'dl-new',
      deviceId: DEVICE,
      commandKey: 'dl-new',
      fileName: 'fw-2.0.bin',
      fileType: '1 Firmware Upgrade Image',
      version: '2.0',
      createdAt: new Date(created.getTime() + 1000),
      deadline: new Date(created.getTime() + 3_601_000),
    });
    await h.store.transfers.end('dl-old', {
      state: 'failed',
      faultCode: 9010,
      faultString: 'Download failure',
      at: new Date(created.getTime() + 5000),
    });
    const res = await h.call('GET', `/devices/${DEVICE}/transfers`, READER);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      items: [
        {
          commandId: 'dl-new',
          deviceId: DEVICE,
          commandKey: 'dl-new',
          fileName: 'fw-2.0.bin',
          fileType: '1 Firmware Upgrade Image',
          version: '2.0',
          state: 'waiting',
          createdAt: '2026-12-05T08:00:01.000Z',
          updatedAt: '2026-12-05T08:00:01.000Z',
          deadline: '2026-12-05T09:00:01.000Z',
        },
        expect.objectContaining({ commandId: 'dl-old', state: 'failed', faultCode: 9010 }),
      ],
    });
    expect((await h.call('GET', '/devices/00D09E-SimRouter-NOPE/transfers', READER)).status).toBe(
      404,
    );
    const openApi = await json(await h.call('GET', '/api-docs-json', READER));
    expect(Object.keys(openApi.paths ?? {})).toContain('/devices/{deviceId}/transfers');
  });

  it('keeps read-only keys from changing anything', async () => {
    const res = await h.call('POST', `/devices/${DEVICE}/tasks`, READER, { name: 'reboot' });
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe('forbidden');
  });

  it('answers 200 with the result when the task completes within the timeout', async () => {
    const res = await h.call('POST', `/devices/${DEVICE}/tasks?timeout=5000`, ADMIN, {
      name: 'getParameterValues',
      parameterNames: ['Device.DeviceInfo.UpTime'],
    });
    expect(res.status).toBe(200);
    const task = await json(res);
    expect(task.status).toBe('done');
    expect(task.response.parameterList[0].value).toBe('42');
  });

  it('answers 503 with Retry-After when the bus refuses the command, and the task ends rejected instead of pending', async () => {
    // What the NBI met in the chaos run while the Kafka broker restarted (docs/reliability.md).
    const publish = jest
      .spyOn(h.bus, 'publish')
      .mockRejectedValueOnce(new Error('Connection error: connect ECONNREFUSED'));
    try {
      const res = await h.call('POST', `/devices/${DEVICE}/tasks?timeout=5000`, ADMIN, {
        name: 'getParameterValues',
        parameterNames: ['Device.DeviceInfo.UpTime'],
      });
      expect(res.status).toBe(503);
      // RFC 9110 §10.2.3: when to send the task again (a broker restart takes seconds).
      expect(res.headers.get('retry-after')).toBe('5');
      const { error } = await json(res);
      expect(error.code).toBe('unavailable');
      const task = await json(await h.call('GET', `/tasks/${error.commandId}`, ADMIN));
      expect(task).toMatchObject({
        status: 'rejected',
        reason: expect.stringContaining('not sent'),
      });
    } finally {
      publish.mockRestore();
    }
  });

  it('answers 202 with the pending task when it does not complete in time; it can be cancelled', async () => {
    h.gateway.answer = false;
    const res = await h.call(
      'POST',
      `/devices/${DEVICE}/tasks?timeout=50&connectionRequest=true`,
      ADMIN,
      {
        name: 'setParameterValues',
        parameterValues: [
          ['Device.ManagementServer.PeriodicInformInterval', 60, 'xsd:unsignedInt'],
        ],
      },
    );
    expect(res.status).toBe(202);
    const task = await json(res);
    expect(task.status).toBe('pending');
    const sent = h.gateway.commands.find((c) => c.commandId === task.commandId);
    expect(sent).toMatchObject({ deviceId: DEVICE, connectionRequest: true, source: 'nbi' });
    expect(sent?.rpc).toEqual({
      name: 'SetParameterValues',
      parameterList: [
        {
          name: 'Device.ManagementServer.PeriodicInformInterval',
          value: '60',
          type: 'xsd:unsignedInt',
        },
      ],
      parameterKey: '',
    });
    expect((await h.call('DELETE', `/tasks/${task.commandId}`, ADMIN)).status).toBe(204);
    expect((await json(await h.call('GET', `/tasks/${task.commandId}`, READER))).status).toBe(
      'cancelled',
    );
    const again = await h.call('DELETE', `/tasks/${task.commandId}`, ADMIN);
    expect(again.status).toBe(409);
    expect((await json(again)).error).toMatchObject({ code: 'not_pending', state: 'cancelled' });
  });

  it('shows how the connection request for a task went', async () => {
    h.gateway.answer = false;
    const task = await json(
      await h.call('POST', `/devices/${DEVICE}/tasks?connectionRequest=true`, OPERATOR, {
        name: 'reboot',
      }),
    );
    expect(task.connectionRequestResult).toBeUndefined();
    await h.bus.publish(Topics.connectionRequests, DEVICE, {
      schemaVersion: SCHEMA_VERSION,
      deviceId: DEVICE,
      commandIds: [task.commandId, 'not-a-task'],
      outcome: 'failed',
      method: 'http',
      attempts: 3,
      error: 'ECONNREFUSED',
      gatewayId: 'gw-1',
      time: '2026-11-25T12:00:00.000Z',
    });
    let shown: { connectionRequestResult?: unknown; status?: string } = {};
    await eventually(async () => {
      shown = await json(await h.call('GET', `/tasks/${task.commandId}`, READER));
      return shown.connectionRequestResult !== undefined;
    });
    expect(shown.connectionRequestResult).toEqual({
      outcome: 'failed',
      method: 'http',
      attempts: 3,
      error: 'ECONNREFUSED',
      at: '2026-11-25T12:00:00.000Z',
    });
    // Not an outcome: the command stays queued for the device's next session.
    expect(shown.status).toBe('pending');
  });

  describe('refreshObject', () => {
    const refresh = (timeout = 5000) =>
      h.call('POST', `/devices/${DEVICE}/tasks?timeout=${timeout}`, OPERATOR, {
        name: 'refreshObject',
        objectName: 'Device.DeviceInfo.',
      });
    const commandsOf = (taskId: string) =>
      h.gateway.commands.filter((c) => (c.taskId ?? c.commandId) === taskId);

    it('reads the names then the values of the subtree, and ends with the values', async () => {
      const res = await refresh();
      expect(res.status).toBe(200);
      const task = await json(res);
      expect(task).toMatchObject({
        status: 'done',
        rpc: { name: 'GetParameterNames', parameterPath: 'Device.DeviceInfo.', nextLevel: false },
        response: { name: 'GetParameterValuesResponse' },
      });
      const sent = commandsOf(task.commandId);
      expect(sent.map((c) => c.rpc)).toEqual([
        { name: 'GetParameterNames', parameterPath: 'Device.DeviceInfo.', nextLevel: false },
        { name: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.'] },
      ]);
      // Both carry the task's id; it is the commandId of the last (the one that ends the task).
      expect(sent.map((c) => c.taskId)).toEqual([task.commandId, task.commandId]);
      expect(sent[1]?.commandId).toBe(task.commandId);
      expect(sent[0]?.commandId).not.toBe(task.commandId);
      for (const c of sent) expect(c.commandId).toMatch(/^[0-9a-f]{32}$/);
    });

    it('is tracked by its taskId, whatever its commandIds look like', async () => {
      h.gateway.answer = false;
      const task = await json(await refresh(0));
      const [names, values] = commandsOf(task.commandId);
      expect(names && values).toBeTruthy();
      // The connection request report names the task by its taskId.
      await h.bus.publish(Topics.connectionRequests, DEVICE, {
        schemaVersion: SCHEMA_VERSION,
        deviceId: DEVICE,
        commandIds: [names!.commandId, values!.commandId],
        taskIds: [task.commandId],
        outcome: 'sent',
        method: 'http',
        attempts: 1,
        gatewayId: 'gw-1',
        time: '2026-11-25T12:00:00.000Z',
      });
      const result = (
        command: typeof names,
        commandId = command!.commandId,
        taskId: string | null = command!.taskId ?? null,
      ) => ({
        schemaVersion: SCHEMA_VERSION,
        commandId,
        ...(taskId !== null ? { taskId } : {}),
        deviceId: DEVICE,
        source: 'nbi',
        time: new Date().toISOString(),
        rpc: command!.rpc,
      });
      const shown = async () => json(await h.call('GET', `/tasks/${task.commandId}`, READER));
      await eventually(async () => (await shown()).connectionRequestResult !== undefined);
      // The names step done: still pending, the values step carries it on.
      await h.bus.publish(Topics.results, DEVICE, {
        ...result(names),
        outcome: 'done',
        response: { name: 'GetParameterNamesResponse', parameterList: [] },
      });
      // A result under another id of the task's shape is not the task's.
      await h.bus.publish(Topics.results, DEVICE, {
        ...result(values, `v${task.commandId.slice(1)}`, null),
        outcome: 'fault',
        fault: { faultCode: 9002, faultString: 'Internal error' },
      });
      await new Promise((r) => setTimeout(r, 50));
      expect(await shown()).toMatchObject({
        status: 'pending',
        connectionRequestResult: { outcome: 'sent' },
      });
      await h.bus.publish(Topics.results, DEVICE, {
        ...result(values),
        outcome: 'done',
        response: { name: 'GetParameterValuesResponse', parameterList: [] },
      });
      await eventually(async () => (await shown()).status === 'done');
      h.gateway.answer = true;
    });

    it.each(['GetParameterNames', 'GetParameterValues'] as const)(
      'ends fault when %s faults, listed under the device faults and retried whole',
      async (method) => {
        h.gateway.faults.add(method);
        const task = await json(await refresh());
        expect(task).toMatchObject({ status: 'fault', fault: { faultCode: 9005 } });
        const faults = await json(await h.call('GET', `/devices/${DEVICE}/faults`, READER));
        expect(faults).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ channel: 'task.refreshObject', code: '9005' }),
          ]),
        );
        h.gateway.faults.clear();
        const retried = await h.call(
          'POST',
          `/devices/${DEVICE}/faults/task.refreshObject/retry?timeout=5000`,
          OPERATOR,
        );
        expect(retried.status).toBe(200);
        const again = await json(retried);
        expect(again.status).toBe('done');
        expect(commandsOf(again.commandId).map((c) => c.rpc?.name)).toEqual([
          'GetParameterNames',
          'GetParameterValues',
        ]);
      },
    );

    it('sends each command once and ends once with two replicas reading every result', async () => {
      const second = await startNbi(h.bus, h.store, 'b', h.sessions);
      try {
        const task = await json(await refresh());
        expect(task.status).toBe('done');
        // Both replicas have read both results by now (the fake answers in order, at once).
        await new Promise((r) => setTimeout(r, 100));
        expect(commandsOf(task.commandId)).toHaveLength(2);
        const stored = await json(await h.call('GET', `/tasks/${task.commandId}`, READER));
        expect(stored).toMatchObject({ status: 'done', updatedAt: task.updatedAt });
      } finally {
        await second.app.close();
      }
    });
  });

  it('retries a failed download of a repository file for that file, with a URL signed anew', async () => {
    const image = Buffer.from('meridian-sim-firmware 2.0\n');
    const uploaded = await fetch(
      `${h.base}/files/fw-retry.bin?fileType=1%20Firmware%20Upgrade%20Image&version=2.0`,
      {
        method: 'PUT',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/octet-stream' },
        body: image,
      },
    );
    expect(uploaded.status).toBe(201);
    h.gateway.faults.add('Download');
    try {
      const task = await json(
        await h.call('POST', `/devices/${DEVICE}/tasks?timeout=5000`, OPERATOR, {
          name: 'download',
          file: 'fw-retry.bin',
        }),
      );
      expect(task.status).toBe('fault');
      const fault = (await json(await h.call('GET', `/devices/${DEVICE}/faults`, READER))).find(
        (f: { channel: string }) => f.channel === 'task.Download',
      );
      expect(fault.detail).toMatchObject({ fileName: 'fw-retry.bin' });
    } finally {
      h.gateway.faults.delete('Download');
    }
    const sent = h.gateway.commands.length;
    // A second later: a URL signed anew expires later than the recorded one.
    await new Promise((r) => setTimeout(r, 1000));

    const retried = await h.call('POST', `/devices/${DEVICE}/faults/task.Download/retry`, OPERATOR);

    expect(retried.status).toBe(202);
    const [first, again] = [h.gateway.commands[sent - 1]!, h.gateway.commands[sent]!];
    expect(again).toMatchObject({
      fileName: 'fw-retry.bin',
      rpc: { name: 'Download', fileType: '1 Firmware Upgrade Image', fileSize: image.length },
    });
    const expiresOf = (url: string) => Number(new URL(url).searchParams.get('expires'));
    const url = (c: typeof first) => (c.rpc as { url: string }).url;
    expect(url(again)).toContain('http://files.test:7567/');
    expect(expiresOf(url(again))).toBeGreaterThan(expiresOf(url(first)));
    expect(await h.store.faults.get(DEVICE, 'task.Download')).toBeNull();
  });

  describe('cancel (DELETE /tasks/{taskId})', () => {
    /** A task left pending, its commands queued on the device as a gateway would hold them. */
    const queuedTask = async (body: unknown): Promise<string> => {
      h.gateway.answer = false;
      const before = h.gateway.commands.length;
      const task = await json(await h.call('POST', `/devices/${DEVICE}/tasks`, OPERATOR, body));
      for (const command of h.gateway.commands.slice(before)) await h.sessions.enqueue(command);
      return task.commandId as string;
    };
    const queuedIds = async () => (await h.sessions.queue(DEVICE)).map((c) => c.commandId);
    const cancelledResults: string[] = [];

    beforeAll(async () => {
      await h.bus.subscribe(Topics.results, 'cancel-observer', async ({ value }) => {
        if (value.outcome === 'cancelled') cancelledResults.push(value.commandId);
      });
    });
    afterEach(async () => {
      for (const id of await queuedIds()) await h.sessions.remove(DEVICE, id);
    });

    it('takes a task not sent yet out of the device queue and reports it cancelled', async () => {
      const id = await queuedTask({ name: 'reboot' });
      expect(await queuedIds()).toEqual([id]);

      expect((await h.call('DELETE', `/tasks/${id}`, OPERATOR)).status).toBe(204);

      expect(await queuedIds()).toEqual([]);
      expect((await json(await h.call('GET', `/tasks/${id}`, READER))).status).toBe('cancelled');
      await eventually(() => cancelledResults.includes(id));
    });

    it('refuses a task already sent to the device with 409 and its state; it stays pending', async () => {
      const id = await queuedTask({ name: 'reboot' });
      await h.sessions.markSent(DEVICE, id);

      const res = await h.call('DELETE', `/tasks/${id}`, OPERATOR);

      expect(res.status).toBe(409);
      expect((await json(res)).error).toMatchObject({ code: 'in_flight', state: 'sent' });
      expect(await queuedIds()).toEqual([id]);
      expect((await json(await h.call('GET', `/tasks/${id}`, READER))).status).toBe('pending');
      expect(cancelledResults).not.toContain(id);
    });

    it('cancels both commands of a refreshObject task', async () => {
      const id = await queuedTask({ name: 'refreshObject', objectName: 'Device.WiFi.' });
      expect(await queuedIds()).toHaveLength(2);

      expect((await h.call('DELETE', `/tasks/${id}`, OPERATOR)).status).toBe(204);

      expect(await queuedIds()).toEqual([]);
      expect((await json(await h.call('GET', `/tasks/${id}`, READER))).status).toBe('cancelled');
    });

    it('cancels a diagnostic not requested yet; one the CPE runs is in flight (409)', async () => {
      const ping = { name: 'diagnostic', kind: 'ipPing', inputs: { Host: '192.0.2.1' } };
      const waiting = await queuedTask(ping);
      expect((await h.call('DELETE', `/tasks/${waiting}`, OPERATOR)).status).toBe(204);
      expect((await json(await h.call('GET', `/tasks/${waiting}`, READER))).status).toBe(
        'cancelled',
      );
      await eventually(() => cancelledResults.includes(waiting));

      // Requested and awaited: the CPE runs the test, its results (or deadline) will end it.
      const running = await queuedTask(ping);
      await h.sessions.markSent(DEVICE, running);
      await h.sessions.awaitCompletion(DEVICE, running, Date.now() + 60_000);
      const res = await h.call('DELETE', `/tasks/${running}`, OPERATOR);

      expect(res.status).toBe(409);
      expect((await json(res)).error).toMatchObject({ code: 'in_flight', state: 'sent' });
      expect(await queuedIds()).toEqual([running]);
      expect((await json(await h.call('GET', `/tasks/${running}`, READER))).status).toBe('pending');
      await h.sessions.clearCompletion(DEVICE, running);
    });

    it('answers 404 for an unknown task', async () => {
      expect((await h.call('DELETE', '/tasks/nope', OPERATOR)).status).toBe(404);
    });
  });

  it('rejects invalid tasks and unknown devices with stable codes', async () => {
    const bad = await h.call('POST', `/devices/${DEVICE}/tasks`, ADMIN, {
      name: 'addObject',
      objectName: 'Device.X',
    });
    expect(bad.status).toBe(400);
    expect(await json(bad)).toEqual({
      error: { code: 'invalid_task', message: 'objectName must end with "."' },
    });
    const unknown = await h.call('POST', '/devices/nope/tasks', ADMIN, { name: 'reboot' });
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error.code).toBe('not_found');
  });

  it.each([
    [
      '"abc" as xsd:int',
      { name: 'setParameterValues', parameterValues: [['Device.X.Interval', 'abc', 'xsd:int']] },
      'parameterValues[0][1] "abc" is not a valid xsd:int',
    ],
    [
      'fileType "firmware"',
      { name: 'download', fileType: 'firmware', url: 'http://files.example/fw.bin' },
      'fileType "firmware" is not a CWMP file type',
    ],
    [
      'a URL longer than the CWMP URL holds',
      {
        name: 'download',
        fileType: '1 Firmware Upgrade Image',
        url: `http://files.example/${'f'.repeat(300)}`,
      },
      'no CPE could take this task: Download: URL is longer than 256 characters',
    ],
  ])(
    'answers a task no CPE could take (%s) with 400 naming the field; nothing is sent',
    async (_, body, message) => {
      const before = h.gateway.commands.length;
      const res = await h.call('POST', `/devices/${DEVICE}/tasks`, ADMIN, body);

      expect(res.status).toBe(400);
      expect((await json(res)).error).toEqual({
        code: 'invalid_task',
        message: expect.stringContaining(message),
      });
      expect(h.gateway.commands.length).toBe(before);
    },
  );

  describe('pre-registration', () => {
    // A serial number with "-": percent-encoded in the id, and again in the URL path.
    const NEW = '00D09E-SimRouter-NEW%2D1';
    const path = `/devices/${encodeURIComponent(NEW)}`;

    it('creates a device from its id before its first Inform (admin only)', async () => {
      expect((await h.call('PUT', path, OPERATOR, {})).status).toBe(403);
      const res = await h.call('PUT', path, ADMIN, { tags: ['lab', 'early', 'lab'] });
      expect(res.status).toBe(201);
      expect(await json(res)).toMatchObject({
        deviceId: NEW,
        identity: {
          manufacturer: '',
          oui: '00D09E',
          productClass: 'SimRouter',
          serialNumber: 'NEW-1',
        },
        tags: ['early', 'lab'],
        online: false,
      });
      const shown = await json(await h.call('GET', path, READER));
      expect(shown.registeredAt).toEqual(expect.any(String));
      expect(shown.lastInform).toBeUndefined();
      const again = await h.call('PUT', path, ADMIN);
      expect(again.status).toBe(409);
      expect((await json(again)).error.code).toBe('device_exists');
    });

    it.each([
      ['00D09E-a-b-c', 'invalid_device_id'],
      ['00D09E-Sim Router-X', 'invalid_device_id'],
    ])('refuses the id %s', async (id, code) => {
      const res = await h.call('PUT', `/devices/${encodeURIComponent(id)}`, ADMIN);
      expect(res.status).toBe(400);
      expect((await json(res)).error.code).toBe(code);
    });

    it('refuses a body other than {tags}', async () => {
      const res = await h.call('PUT', '/devices/00D09E-X-Y', ADMIN, { tags: [1] });
      expect(res.status).toBe(400);
      expect((await json(res)).error.code).toBe('bad_request');
    });
  });

  describe('audit log', () => {
    it('holds every change with who, what, which device and the answer, newest first', async () => {
      await h.call('POST', `/devices/${DEVICE}/tags/audited`, OPERATOR);
      await h.call('DELETE', `/devices/${DEVICE}/tags/audited`, ADMIN);
      const res = await h.call('GET', `/audit?deviceId=${DEVICE}&limit=2`, ADMIN);
      expect(res.status).toBe(200);
      const page = await json(res);
      expect(page.total).toBeGreaterThan(2);
      expect(page.items).toEqual([
        expect.objectContaining({
          actor: 'ops',
          role: 'admin',
          action: 'DELETE /devices/:deviceId/tags/:tag',
          deviceId: DEVICE,
          target: 'audited',
          status: 204,
        }),
        expect.objectContaining({
          actor: 'dev',
          role: 'operator',
          action: 'POST /devices/:deviceId/tags/:tag',
          status: 204,
        }),
      ]);
    });

    it('records tasks without their arguments, and filters on actor and time', async () => {
      const from = new Date().toISOString();
      h.gateway.answer = false;
      const task = await json(
        await h.call('POST', `/devices/${DEVICE}/tasks`, OPERATOR, {
          name: 'download',
          fileType: '1 Firmware Upgrade Image',
          url: 'http://files/fw.bin',
          password: 'file-secret',
        }),
      );
      const page = await json(await h.call('GET', `/audit?actor=dev&from=${from}`, ADMIN));
      expect(page.items).toEqual([
        expect.objectContaining({
          action: 'POST /devices/:deviceId/tasks',
          target: task.commandId,
          status: 202,
          detail: { kind: 'download' },
        }),
      ]);
      expect(JSON.stringify(page)).not.toContain('file-secret');
      const later = new Date(Date.now() + 60_000).toISOString();
      expect((await json(await h.call('GET', `/audit?from=${later}`, ADMIN))).total).toBe(0);
    });

    it('is for admins only', async () => {
      expect((await h.call('GET', '/audit', OPERATOR)).status).toBe(403);
      const bad = await h.call('GET', '/audit?from=yesterday', ADMIN);
      expect(bad.status).toBe(400);
      expect((await json(bad)).error.code).toBe('bad_request');
    });
  });

  it('serves its OpenAPI document, every schema reference resolving', async () => {
    const res = await fetch(`${h.base}/api-docs-json`);
    expect(res.status).toBe(200);
    const doc = await json(res);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/devices',
        '/devices/{deviceId}',
        '/devices/{deviceId}/tasks',
        '/tasks/{taskId}',
        '/presets',
        '/presets/{name}',
        '/audit',
      ]),
    );
    expect(doc.paths['/devices/{deviceId}'].put).toBeDefined();
    const schemas = doc.components.schemas;
    expect(schemas.Task.properties.connectionRequestResult).toBeDefined();
    expect(schemas.Device.properties).toEqual(
      expect.objectContaining({
        online: expect.anything(),
        parameterKey: expect.anything(),
        registeredAt: expect.anything(),
      }),
    );
    const refs = [...JSON.stringify(doc).matchAll(/"#\/components\/schemas\/([^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(10);
    for (const [, name] of refs) expect(schemas).toHaveProperty([name!]);
  });

  it('serves the AsyncAPI document of the bus topics, without an API key like the OpenAPI one', async () => {
    const res = await fetch(`${h.base}/asyncapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await json(res)).toEqual(asyncApiDocument());
    expect((await fetch(`${h.base}/api-docs-json`)).status).toBe(200);
  });
});
