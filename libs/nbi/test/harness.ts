import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Global, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BUS, InProcessBus } from '@meridian/bus';
import { SCHEMA_VERSION, Topics, isCommandMessage, type CommandMessage } from '@meridian/contracts';
import type { CpeMethodRequest, CpeMethodResponse } from '@meridian/cwmp';
import { InMemorySessionStore, SESSION_STORE, type SessionStore } from '@meridian/session-store';
import { STORE, createSqliteStore, type Store } from '@meridian/store';
import { parseApiKeys } from '../src/auth';
import type { NbiFilesOptions } from '../src/files';
import { NbiModule, setupOpenApi } from '../src/nbi.module';

export const ADMIN = 'admin-key-0123456789';
export const OPERATOR = 'operator-key-0123456789';
export const READER = 'reader-key-0123456789';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted by shape
export const json = async (res: Response): Promise<any> => res.json();

/** What the fake gateway answers to the reads it serves. */
function responseOf(rpc: CpeMethodRequest): CpeMethodResponse | null {
  switch (rpc.name) {
    case 'GetParameterValues':
      return {
        name: 'GetParameterValuesResponse',
        parameterList: [{ name: 'Device.DeviceInfo.UpTime', value: '42', type: 'xsd:unsignedInt' }],
      };
    case 'GetParameterNames':
      return {
        name: 'GetParameterNamesResponse',
        parameterList: [{ name: 'Device.DeviceInfo.UpTime', writable: false }],
      };
    default:
      return null;
  }
}

/**
 * Stands in for the gateway: answers GetParameterValues and GetParameterNames at once (or with a
 * fault for the methods in `faults`), leaves other commands queued; records every command.
 */
export class FakeGateway {
  readonly commands: CommandMessage[] = [];
  answer = true;
  readonly faults = new Set<CpeMethodRequest['name']>();

  constructor(private readonly bus: InProcessBus) {}

  async start(): Promise<void> {
    await this.bus.subscribe(Topics.commands, 'fake-gateway', async ({ value }) => {
      if (!isCommandMessage(value)) return;
      this.commands.push(value);
      if (value.rpc === undefined) return;
      const response = responseOf(value.rpc);
      const faulted = this.faults.has(value.rpc.name);
      if (!this.answer || (!response && !faulted)) return;
      const common = {
        schemaVersion: SCHEMA_VERSION,
        commandId: value.commandId,
        // As a gateway does: a step of a task of several commands names its task.
        ...(value.taskId !== undefined ? { taskId: value.taskId } : {}),
        deviceId: value.deviceId,
        source: value.source,
        time: new Date().toISOString(),
        rpc: value.rpc,
        // As a gateway does: the result names the command's repository file.
        ...(value.fileName !== undefined ? { fileName: value.fileName } : {}),
      } as const;
      await this.bus.publish(
        Topics.results,
        value.deviceId,
        faulted || !response
          ? {
              ...common,
              outcome: 'fault',
              fault: { faultCode: 9005, faultString: 'Invalid parameter name' },
            }
          : { ...common, outcome: 'done', response },
      );
    });
  }
}

/** One NBI replica over HTTP on loopback, on the given bus and store. */
export async function startNbi(
  bus: InProcessBus,
  store: Store,
  instanceId: string,
  sessions: SessionStore = new InMemorySessionStore(),
  files?: NbiFilesOptions,
): Promise<{ app: INestApplication; base: string }> {
  @Global()
  @Module({
    providers: [
      { provide: BUS, useValue: bus },
      { provide: STORE, useValue: store },
      { provide: SESSION_STORE, useValue: sessions },
    ],
    exports: [BUS, STORE, SESSION_STORE],
  })
  class Infra {}
  @Module({
    imports: [
      Infra,
      NbiModule.forRoot({
        apiKeys: parseApiKeys([
          `ops:admin:${ADMIN}`,
          `dev:operator:${OPERATOR}`,
          `noc:read-only:${READER}`,
        ]),
        instanceId,
        ...(files !== undefined ? { files } : {}),
      }),
    ],
  })
  class TestApp {}
  const app = await NestFactory.create(TestApp, { logger: false });
  setupOpenApi(app);
  await app.listen(0, '127.0.0.1');
  return { app, base: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}

/** The file server the harness's NBI signs download URLs for (nothing listens there). */
export const HARNESS_FILES: NbiFilesOptions = {
  baseUrl: () => 'http://files.test:7567',
  secret: 'harness-files-secret-0123456789',
  urlTtlSeconds: 600,
  maxBytes: 1_000_000,
};

/** An embedded store and bus, a fake gateway and one NBI replica. */
export async function startHarness() {
  const bus = new InProcessBus();
  const store = createSqliteStore(':memory:');
  const sessions = new InMemorySessionStore();
  const gateway = new FakeGateway(bus);
  await gateway.start();
  const { app, base } = await startNbi(bus, store, 'a', sessions, HARNESS_FILES);
  const call = (method: string, path: string, key?: string, body?: unknown, headers = {}) =>
    fetch(base + path, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  const stop = async (): Promise<void> => {
    await app.close();
    await bus.close();
    await store.close();
  };
  return { bus, store, sessions, gateway, app, base, call, stop };
}
