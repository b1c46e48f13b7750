import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Global, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BUS, InProcessBus } from '@meridian/bus';
import { SCHEMA_VERSION, Topics, type CommandMessage } from '@meridian/contracts';
import { STORE, createSqliteStore, type Store } from '@meridian/store';
import { parseApiKeys } from '../src/auth';
import { NbiModule, setupOpenApi } from '../src/nbi.module';

const ADMIN = 'admin-key-0123456789';
const READER = 'reader-key-0123456789';
const DEVICE = '00D09E-SimRouter-SIM0001';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted by shape
const json = async (res: Response): Promise<any> => res.json();

describe('NBI', () => {
  let app: INestApplication;
  let bus: InProcessBus;
  let store: Store;
  let base: string;
  const commands: CommandMessage[] = [];
  /** Stands in for the gateway: answers GPV at once, leaves other commands queued. */
  let answer = true;

  beforeAll(async () => {
    bus = new InProcessBus();
    store = createSqliteStore(':memory:');
    await bus.subscribe(Topics.commands, 'fake-gateway', async ({ value }) => {
      commands.push(value);
      if (!answer || value.rpc.name !== 'GetParameterValues') return;
      await bus.publish(Topics.results, value.deviceId, {
        schemaVersion: SCHEMA_VERSION,
        commandId: value.commandId,
        deviceId: value.deviceId,
        source: value.source,
        time: new Date().toISOString(),
        outcome: 'done',
        response: {
          name: 'GetParameterValuesResponse',
          parameterList: [
            { name: 'Device.DeviceInfo.UpTime', value: '42', type: 'xsd:unsignedInt' },
          ],
        },
      });
    });
    @Global()
    @Module({
      providers: [
        { provide: BUS, useValue: bus },
        { provide: STORE, useValue: store },
      ],
      exports: [BUS, STORE],
    })
    class Infra {}
    @Module({
      imports: [
        Infra,
        NbiModule.forRoot({
          apiKeys: parseApiKeys([`ops:admin:${ADMIN}`, `noc:read-only:${READER}`]),
        }),
      ],
    })
    class TestApp {}
    app = await NestFactory.create(TestApp, { logger: false });
    setupOpenApi(app);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    await store.devices.upsertFromInform(
      DEVICE,
      {
        identity: {
          manufacturer: 'M',
          oui: '00D09E',
          productClass: 'SimRouter',
          serialNumber: 'SIM0001',
        },
        events: ['0 BOOTSTRAP'],
      },
      new Date('2026-11-25T10:00:00Z'),
    );
  });

  afterAll(async () => {
    await app.close();
    await bus.close();
    await store.close();
  });

  const call = (method: string, path: string, key?: string, body?: unknown) =>
    fetch(base + path, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });

  it('refuses requests without a valid API key, with a JSON error', async () => {
    const res = await call('GET', '/devices');
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe('unauthenticated');
    expect((await call('GET', '/devices', 'wrong-key-0123456789')).status).toBe(401);
  });

  it('lists devices with paging and projection', async () => {
    const res = await call('GET', '/devices?fields=deviceId,tags&limit=10', READER);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ items: [{ deviceId: DEVICE, tags: [] }], total: 1 });
  });

  it('keeps read-only keys from changing anything', async () => {
    const res = await call('POST', `/devices/${DEVICE}/tasks`, READER, { name: 'reboot' });
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe('forbidden');
  });

  it('answers 200 with the result when the task completes within the timeout, and caches the values', async () => {
    const res = await call('POST', `/devices/${DEVICE}/tasks?timeout=5000`, ADMIN, {
      name: 'getParameterValues',
      parameterNames: ['Device.DeviceInfo.UpTime'],
    });
    expect(res.status).toBe(200);
    const task = await json(res);
    expect(task.status).toBe('done');
    expect(task.response.parameterList[0].value).toBe('42');
    const device = await json(await call('GET', `/devices/${DEVICE}`, READER));
    expect(device.parameters).toEqual([
      expect.objectContaining({
        path: 'Device.DeviceInfo.UpTime',
        value: '42',
        type: 'xsd:unsignedInt',
      }),
    ]);
  });

  it('answers 202 with the pending task when it does not complete in time; it can be cancelled', async () => {
    answer = false;
    const res = await call(
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
    const sent = commands.find((c) => c.commandId === task.commandId);
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
    expect((await call('DELETE', `/tasks/${task.commandId}`, ADMIN)).status).toBe(204);
    expect((await json(await call('GET', `/tasks/${task.commandId}`, READER))).status).toBe(
      'cancelled',
    );
    expect((await call('DELETE', `/tasks/${task.commandId}`, ADMIN)).status).toBe(409);
  });

  it('rejects invalid tasks and unknown devices with stable codes', async () => {
    const bad = await call('POST', `/devices/${DEVICE}/tasks`, ADMIN, {
      name: 'addObject',
      objectName: 'Device.X',
    });
    expect(bad.status).toBe(400);
    expect(await json(bad)).toEqual({
      error: { code: 'invalid_task', message: 'objectName must end with "."' },
    });
    const unknown = await call('POST', '/devices/nope/tasks', ADMIN, { name: 'reboot' });
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error.code).toBe('not_found');
  });

  it('serves its OpenAPI document', async () => {
    const res = await fetch(`${base}/api-docs-json`);
    expect(res.status).toBe(200);
    const doc = await json(res);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/devices',
        '/devices/{deviceId}',
        '/devices/{deviceId}/tasks',
        '/tasks/{commandId}',
      ]),
    );
  });
});
