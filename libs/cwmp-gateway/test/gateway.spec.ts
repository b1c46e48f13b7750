import * as net from 'node:net';
import { decodeEnvelope, digestHa1, type GetParameterValues } from '@meridian/cwmp';
import { SCHEMA_VERSION, type CommandMessage } from '@meridian/contracts';
import { digestResponse } from '../src/auth/digest';
import type { GatewayConfigOverrides } from '../src/config';
import { CpeClient } from './support/cpe-client';
import {
  billionLaughs,
  DEVICE,
  DEVICE_ID,
  deviceNumber,
  envelope,
  inform,
  unknownRpc,
} from './support/envelopes';
import { eventually, startGateway, type RunningGateway } from './support/gateway-harness';
import { Metrics } from '@meridian/telemetry';

const gpvCommand = (commandId: string, deviceId = DEVICE_ID): CommandMessage => ({
  schemaVersion: SCHEMA_VERSION,
  commandId,
  deviceId,
  rpc: { name: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.UpTime'] },
  connectionRequest: false,
  source: 'test',
  createdAt: new Date().toISOString(),
});

const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('cwmp-gateway over HTTP', () => {
  let gateway: RunningGateway;
  const clients: CpeClient[] = [];
  const client = (options?: { keepCookie?: boolean }): CpeClient => {
    const c = new CpeClient(gateway.port, options);
    clients.push(c);
    return c;
  };
  const start = async (overrides: GatewayConfigOverrides = {}): Promise<void> => {
    gateway = await startGateway(overrides);
  };

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await gateway?.close();
  });

  it('runs a full session: Inform, empty POST, queued GPV, its response, 204, result published', async () => {
    await start();
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, gpvCommand('cmd-1'));
    await eventually(async () => (await gateway.sessions.queue(DEVICE_ID)).length === 1);

    const cpe = client();
    const informed = await cpe.post(inform());
    expect(informed.status).toBe(200);
    expect(informed.headers['set-cookie']?.[0]).toMatch(
      /^meridian-session=[\w-]{22}; Path=\/; HttpOnly$/,
    );
    const informResponse = decodeEnvelope(informed.body);
    expect(informResponse.body).toEqual({ name: 'InformResponse', maxEnvelopes: 1 });
    expect(informResponse.header.id).toBe('inform-1');
    await eventually(() => gateway.published('cwmp.inform').length === 1);
    expect(gateway.published('cwmp.inform')[0]).toMatchObject({
      deviceId: DEVICE_ID,
      gatewayId: 'cwmp-gateway',
    });

    const request = await cpe.post('');
    expect(request.status).toBe(200);
    expect(request.reusedSocket).toBe(true);
    const gpv = decodeEnvelope(request.body);
    expect(gpv.body).toEqual<GetParameterValues>({
      name: 'GetParameterValues',
      parameterNames: ['Device.DeviceInfo.UpTime'],
    });

    const response = envelope(
      {
        name: 'GetParameterValuesResponse',
        parameterList: [{ name: 'Device.DeviceInfo.UpTime', value: '42', type: 'xsd:unsignedInt' }],
      },
      { id: gpv.header.id },
    );
    const done = await cpe.post(response);
    expect(done.status).toBe(204);
    await eventually(() => gateway.published('cwmp.results').length === 1);
    expect(gateway.published('cwmp.results')[0]).toMatchObject({
      commandId: 'cmd-1',
      deviceId: DEVICE_ID,
      outcome: 'done',
      response: { name: 'GetParameterValuesResponse' },
    });
    expect(await gateway.sessions.queue(DEVICE_ID)).toEqual([]);
    expect(await gateway.sessions.leaseHolder(DEVICE_ID)).toBeNull();
  });

  it('names the task of a command that is one step of several in its result', async () => {
    await start();
    const step = { ...gpvCommand('step-1'), taskId: 'task-1' };
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, step);
    await eventually(async () => (await gateway.sessions.queue(DEVICE_ID)).length === 1);
    const cpe = client();
    await cpe.post(inform());
    const gpv = decodeEnvelope((await cpe.post('')).body);
    const response = envelope(
      { name: 'GetParameterValuesResponse', parameterList: [] },
      { id: gpv.header.id },
    );
    expect((await cpe.post(response)).status).toBe(204);
    await eventually(() => gateway.published('cwmp.results').length === 1);
    expect(gateway.published('cwmp.results')[0]).toMatchObject({
      commandId: 'step-1',
      taskId: 'task-1',
      outcome: 'done',
    });
  });

  it('reuses one keep-alive connection for the requests of a session', async () => {
    await start();
    const cpe = client();
    const first = await cpe.post(inform());
    const second = await cpe.post('');
    expect([first.reusedSocket, second.reusedSocket]).toEqual([false, true]);
    expect(second.status).toBe(204);
  });

  it('continues the session on its connection when the CPE drops the cookie', async () => {
    await start();
    await gateway.bus.publish('cwmp.commands', DEVICE_ID, gpvCommand('cmd-2'));
    await eventually(async () => (await gateway.sessions.queue(DEVICE_ID)).length === 1);
    const cpe = client({ keepCookie: false });
    expect((await cpe.post(inform())).status).toBe(200);
    const request = await cpe.post('');
    expect(decodeEnvelope(request.body).body.name).toBe('GetParameterValues');
  });

  describe('authentication', () => {
    const auth = { defaultUsername: 'acs', defaultPassword: 'secret', nonceSecret: 'k' };

    it('challenges with Basic, then accepts the credentials', async () => {
      await start({ auth: { mode: 'basic', ...auth } });
      const cpe = client();
      const challenged = await cpe.post(inform());
      expect(challenged.status).toBe(401);
      expect(challenged.headers['www-authenticate']).toBe(
        'Basic realm="meridian", charset="UTF-8"',
      );
      const accepted = await cpe.post(inform(), { Authorization: basic('acs', 'secret') });
      expect(accepted.status).toBe(200);
      expect(accepted.reusedSocket).toBe(true);
    });

    it('accepts preemptive Basic on the first request', async () => {
      await start({ auth: { mode: 'basic', ...auth } });
      expect(
        (await client().post(inform(), { Authorization: basic('acs', 'secret') })).status,
      ).toBe(200);
    });

    it('refuses a wrong password with 401', async () => {
      await start({ auth: { mode: 'any', ...auth } });
      const refused = await client().post(inform(), { Authorization: basic('acs', 'guess') });
      expect(refused.status).toBe(401);
      expect(await gateway.sessions.leaseHolder(DEVICE_ID)).toBeNull();
    });

    it('checks the per-device credentials of the deviceId in the Inform', async () => {
      await start({
        auth: {
          mode: 'basic',
          ...auth,
          credentials: (deviceId) =>
            deviceId === DEVICE_ID
              ? {
                  username: 'SN0001',
                  realm: 'meridian',
                  ha1: digestHa1('SN0001', 'meridian', 'own'),
                }
              : null,
        },
      });
      expect(
        (await client().post(inform(), { Authorization: basic('acs', 'secret') })).status,
      ).toBe(401);
      expect(
        (await client().post(inform(), { Authorization: basic('SN0001', 'own') })).status,
      ).toBe(200);
    });

    it('runs the Digest handshake of RFC 7616 (MD5, qop=auth)', async () => {
      await start({ auth: { mode: 'digest', ...auth } });
      const cpe = client();
      const challenged = await cpe.post(inform());
      expect(challenged.status).toBe(401);
      const challenge = String(challenged.headers['www-authenticate']);
      expect(challenge).toMatch(
        /^Digest realm="meridian", qop="auth", algorithm=MD5, nonce="[^"]+", opaque="[^"]+"$/,
      );
      const field = (name: string): string =>
        new RegExp(`${name}="([^"]*)"`).exec(challenge)?.[1] ?? '';
      const digest = (nc: string): string => {
        const response = digestResponse({
          username: 'acs',
          realm: field('realm'),
          password: 'secret',
          method: 'POST',
          uri: '/',
          nonce: field('nonce'),
          nc,
          cnonce: '0a4f113b',
          qop: 'auth',
        });
        return `Digest username="acs", realm="${field('realm')}", nonce="${field('nonce')}", uri="/", qop=auth, nc=${nc}, cnonce="0a4f113b", response="${response}", opaque="${field('opaque')}"`;
      };
      const accepted = await cpe.post(inform(), { Authorization: digest('00000001') });
      expect(accepted.status).toBe(200);
      expect((await cpe.post('')).status).toBe(204);
      // The same nonce count again is a replay.
      const replayed = await client().post(inform(), { Authorization: digest('00000001') });
      expect(replayed.status).toBe(401);
    });
  });

  describe('bad input', () => {
    it('answers 413 to a body over the limit', async () => {
      await start({ maxBodyBytes: 1024 });
      const big = await client().post(inform().replace('1.0', 'x'.repeat(2000)));
      expect(big.status).toBe(413);
    });

    it('answers 400 to malformed XML', async () => {
      await start();
      const bad = await client().post('<soap-env:Envelope><soap-env:Body><cwmp:Inform>');
      expect(bad.status).toBe(400);
    });

    it('rejects DOCTYPE / billion laughs with 400 before parsing, fast', async () => {
      await start();
      const began = Date.now();
      const attack = await client().post(billionLaughs);
      expect(attack.status).toBe(400);
      expect(attack.body).toMatch(/DOCTYPE/);
      expect(Date.now() - began).toBeLessThan(500);
    });

    it('answers an unknown RPC in a session with SOAP fault 8000, and the session goes on', async () => {
      await start();
      const cpe = client();
      expect((await cpe.post(inform())).status).toBe(200);
      const fault = await cpe.post(unknownRpc);
      expect(fault.status).toBe(500);
      const decoded = decodeEnvelope(fault.body);
      expect(decoded.header.id).toBe('x-42');
      expect(decoded.body).toMatchObject({ name: 'Fault', faultCode: 8000 });
      expect((await cpe.post('')).status).toBe(204);
    });

    it('answers 405 to another method and 415 to another media type', async () => {
      await start();
      expect((await client().request('GET', Buffer.alloc(0), {})).status).toBe(405);
      expect((await client().post('{}', { 'Content-Type': 'application/json' })).status).toBe(415);
    });

    it('refuses a non-Inform first request with 400', async () => {
      await start();
      expect((await client().post('')).status).toBe(400);
    });

    it('closes a connection whose headers never complete (slowloris)', async () => {
      await start({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
      const socket = net.connect(gateway.port, '127.0.0.1');
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
      socket.write('POST / HTTP/1.1\r\nHost: x\r\n');
      const began = Date.now();
      await new Promise<void>((resolve) =>
        socket.on('close', () => resolve()).on('error', () => undefined),
      );
      expect(Date.now() - began).toBeLessThan(3000);
      expect(received).toMatch(/^HTTP\/1\.1 408/);
    });
  });

  describe('overload and leases', () => {
    it('gives a new session 503 + Retry-After when full, while the session in progress completes', async () => {
      await start({ maxConcurrentSessions: 1, retryAfterSeconds: 7 });
      const first = client();
      expect((await first.post(inform(deviceNumber(1)))).status).toBe(200);
      const second = client();
      const refused = await second.post(inform(deviceNumber(2)));
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('7');
      expect((await first.post('')).status).toBe(204);
      expect((await second.post(inform(deviceNumber(2)))).status).toBe(200);
    });

    it('gives new sessions 503 + Retry-After while the downstream backlog is at its limit', async () => {
      let backlog = 3;
      gateway = await startGateway(
        { maxBacklog: 3, retryAfterSeconds: 9 },
        { downstreamBacklog: () => ({ pending: backlog, handled: 0, atMs: Date.now() }) },
      );
      const refused = await client().post(inform(deviceNumber(1)));
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('9');
      expect(refused.body).toContain('provisioning is behind');
      // Nothing of a refused session went downstream.
      expect(gateway.published('cwmp.inform')).toEqual([]);

      backlog = 2;
      const first = client();
      expect((await first.post(inform(deviceNumber(1)))).status).toBe(200);
      // A session in progress goes on whatever the backlog.
      backlog = 50;
      expect((await first.post('')).status).toBe(204);
      // A CPE answering the ACS's connection request comes for queued commands: admitted.
      const answering = await client().post(
        inform(deviceNumber(3), 'inform-cr', '6 CONNECTION REQUEST'),
      );
      expect(answering.status).toBe(200);
    });

    it('gives new sessions 503 while the backlog, under its count limit, would take too long to drain', async () => {
      // Downstream handles 10 messages a second while 50 wait: 5 s to drain, over the 3 s allowed,
      // though far under the count limit (a slow store). Readings 2 s apart give the rate.
      let load = { pending: 50, handled: 0, atMs: 0 };
      gateway = await startGateway(
        { maxBacklog: 500, maxBacklogSeconds: 3, retryAfterSeconds: 9 },
        { downstreamBacklog: () => load },
      );
      const first = client();
      expect((await first.post(inform(deviceNumber(1)))).status).toBe(200);
      expect((await first.post('')).status).toBe(204);
      load = { pending: 50, handled: 20, atMs: 2_000 };
      const refused = await client().post(inform(deviceNumber(2)));
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('9');
      expect(refused.body).toContain('provisioning is behind');
      // 20 waiting at the same rate: 2 s, admitted.
      load = { pending: 20, handled: 50, atMs: 5_000 };
      expect((await client().post(inform(deviceNumber(2)))).status).toBe(200);
    });

    it('refuses a second simultaneous session of the same device with 503', async () => {
      await start({ retryAfterSeconds: 5 });
      const first = client();
      expect((await first.post(inform())).status).toBe(200);
      const twin = await client().post(inform(DEVICE, 'inform-2'));
      expect(twin.status).toBe(503);
      expect(twin.headers['retry-after']).toBe('5');
      expect((await first.post('')).status).toBe(204);
      expect((await client().post(inform(DEVICE, 'inform-3'))).status).toBe(200);
    });
  });

  describe('a CPE that rebooted mid-session', () => {
    it('starts a new session on its BOOT Inform, ending the one its reboot cut short', async () => {
      const metrics = new Metrics();
      gateway = await startGateway({ retryAfterSeconds: 5 }, { metrics });
      await gateway.bus.publish('cwmp.commands', DEVICE_ID, gpvCommand('cmd-boot'));
      await eventually(async () => (await gateway.sessions.queue(DEVICE_ID)).length === 1);
      const before = client();
      expect((await before.post(inform())).status).toBe(200);
      const sent = await before.post('');
      expect(decodeEnvelope(sent.body).body.name).toBe('GetParameterValues');
      // The CPE reboots before answering: its connection is gone, its session still held.

      const after = client();
      const booted = await after.post(inform(DEVICE, 'inform-2', '1 BOOT'));
      expect(booted.status).toBe(200);
      expect(decodeEnvelope(booted.body).body.name).toBe('InformResponse');
      expect(await metrics.scrape()).toMatch(
        /meridian_cwmp_sessions_completed_total\{[^}]*outcome="superseded"[^}]*\} 1/,
      );
      // The command its reboot interrupted is still queued, and goes to the new session.
      expect(decodeEnvelope((await after.post('')).body).body.name).toBe('GetParameterValues');
    });

    it('still refuses an Inform without a boot while the session is live', async () => {
      await start({ retryAfterSeconds: 5 });
      expect((await client().post(inform())).status).toBe(200);
      expect((await client().post(inform(DEVICE, 'inform-2', '6 CONNECTION REQUEST'))).status).toBe(
        503,
      );
    });
  });

  describe('commands', () => {
    it('queues a valid command once, even when delivered twice', async () => {
      await start();
      await gateway.bus.publish('cwmp.commands', DEVICE_ID, gpvCommand('dup'));
      await gateway.bus.publish('cwmp.commands', DEVICE_ID, gpvCommand('dup'));
      await eventually(async () => (await gateway.sessions.queue(DEVICE_ID)).length === 1);
      await new Promise((r) => setTimeout(r, 50));
      expect((await gateway.sessions.queue(DEVICE_ID)).map((c) => c.commandId)).toEqual(['dup']);
    });

    it('sends a connection request for a command that asks for one, unless a session is live', async () => {
      const requested: string[] = [];
      const request = async (id: string) => {
        requested.push(id);
        return { method: 'http' as const, attempts: 1 };
      };
      gateway = await startGateway({}, { connectionRequester: { request } });
      await gateway.bus.publish('cwmp.commands', DEVICE_ID, {
        ...gpvCommand('cr-1'),
        connectionRequest: true,
      });
      await eventually(() => gateway.published('cwmp.connection-requests').length === 1);
      expect(requested).toEqual([DEVICE_ID]);

      const cpe = client();
      expect((await cpe.post(inform())).status).toBe(200);
      await gateway.bus.publish('cwmp.commands', DEVICE_ID, {
        ...gpvCommand('cr-2'),
        connectionRequest: true,
      });
      await eventually(async () => (await gateway.sessions.queue(DEVICE_ID)).length === 2);
      await new Promise((r) => setTimeout(r, 50));
      expect(requested).toEqual([DEVICE_ID]);
      // Skipped for the live session: nothing to report.
      expect(gateway.published('cwmp.connection-requests')).toHaveLength(1);
    });

    it('answers a command the bus refused (unknown RPC) as rejected, with the reason', async () => {
      await start();
      const bad = { ...gpvCommand('c-unknown', DEVICE_ID), rpc: { name: 'FormatDisk' } };
      await gateway.bus.publishRaw('cwmp.commands', DEVICE_ID, JSON.stringify(bad));
      await eventually(() => gateway.published('cwmp.results').length === 1);
      expect(gateway.published('cwmp.results')[0]).toMatchObject({
        commandId: 'c-unknown',
        deviceId: DEVICE_ID,
        outcome: 'rejected',
        reason: expect.stringContaining('FormatDisk'),
      });
      expect(await gateway.sessions.queue(DEVICE_ID)).toEqual([]);
    });

    it('rejects a command for a non-canonical deviceId with a result on cwmp.results', async () => {
      await start();
      await gateway.bus.publish('cwmp.commands', 'no-such--id', gpvCommand('c-bad', 'no-such--id'));
      await eventually(() => gateway.published('cwmp.results').length === 1);
      expect(gateway.published('cwmp.results')[0]).toMatchObject({
        commandId: 'c-bad',
        outcome: 'rejected',
      });
      expect(await gateway.sessions.queue('no-such--id')).toEqual([]);
    });
  });
});
