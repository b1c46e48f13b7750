import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createConnectionRequester,
  type ConnectionRequestTarget,
  type Logger,
} from '@meridian/connection-request';
import {
  NBI_SOURCE,
  SCHEMA_VERSION,
  validateMessage,
  type CommandMessage,
} from '@meridian/contracts';
import { CpeClient } from './support/cpe-client';
import { inform, deviceNumber } from './support/envelopes';
import { eventually, startGateway, type RunningGateway } from './support/gateway-harness';

/** A CPE's connection request listener on loopback, answering each GET with `answer`. */
async function listener(
  answer: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; server: Server }> {
  const server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cr`, server };
}

/** Challenges with Digest and refuses whatever comes back: wrong credentials, as the CPE sees it. */
const refusing = (_req: IncomingMessage, res: ServerResponse): void => {
  res.writeHead(401, { 'WWW-Authenticate': 'Digest realm="cpe", nonce="n-1", qop="auth"' });
  res.end();
};

/** Challenges with Basic and accepts acs:secret with 204 (TR-069 §3.2.2). */
const accepting = (req: IncomingMessage, res: ServerResponse): void => {
  const expected = `Basic ${Buffer.from('acs:secret').toString('base64')}`;
  if (req.headers.authorization === expected) {
    res.writeHead(204);
  } else {
    res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="cpe"' });
  }
  res.end();
};

async function closedPort(): Promise<number> {
  const { server } = await listener(() => undefined);
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

const deviceIdOf = (n: number): string => `00D09E-HGW-SN${n}`;

const command = (commandId: string, deviceId: string, connectionRequest: boolean) =>
  ({
    schemaVersion: SCHEMA_VERSION,
    commandId,
    deviceId,
    rpc: { name: 'Reboot', commandKey: '' },
    connectionRequest,
    source: NBI_SOURCE,
    createdAt: new Date().toISOString(),
  }) satisfies CommandMessage;

describe('connection request outcomes on cwmp.connection-requests, over real HTTP', () => {
  const servers: Server[] = [];
  const targets = new Map<string, ConnectionRequestTarget>();
  let gateway: RunningGateway;

  beforeEach(async () => {
    const connectionRequester = createConnectionRequester({
      lookup: async (deviceId) => targets.get(deviceId) ?? null,
      logger: silent,
      retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 20 },
      http: { timeoutMs: 2_000 },
    });
    gateway = await startGateway({ gatewayId: 'gw-cr' }, { connectionRequester });
  });

  afterEach(async () => {
    await gateway.close();
    targets.clear();
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  const cpe = async (deviceId: string, answer: typeof accepting, password = 'secret') => {
    const { url, server } = await listener(answer);
    servers.push(server);
    targets.set(deviceId, { url, username: 'acs', password });
  };

  const reports = () => gateway.published('cwmp.connection-requests');

  it('reports sent, with the method, attempts and every queued command and its task', async () => {
    const deviceId = deviceIdOf(1);
    await cpe(deviceId, accepting);
    await gateway.bus.publish('cwmp.commands', deviceId, command('c-1', deviceId, false));
    // Provisioning's command is not a task: no task to record the outcome on.
    await gateway.bus.publish('cwmp.commands', deviceId, {
      ...command('p-1', deviceId, false),
      source: 'provisioning',
    });
    // A task of two commands, known by its taskId: the report names it once.
    await gateway.bus.publish('cwmp.commands', deviceId, {
      ...command('c-2a', deviceId, false),
      taskId: 'c-2',
    });
    await gateway.bus.publish('cwmp.commands', deviceId, {
      ...command('c-2', deviceId, true),
      taskId: 'c-2',
    });

    await eventually(() => reports().length === 1);
    const [report] = reports();
    expect(report).toEqual({
      schemaVersion: 1,
      deviceId,
      commandIds: ['c-1', 'p-1', 'c-2a', 'c-2'],
      taskIds: ['c-1', 'c-2'],
      outcome: 'sent',
      method: 'http',
      attempts: 1,
      gatewayId: 'gw-cr',
      time: expect.any(String),
    });
    expect(validateMessage('cwmp.connection-requests', report).ok).toBe(true);
  });

  it('reports failed with "HTTP 401 after Digest" when the CPE refuses the credentials', async () => {
    const deviceId = deviceIdOf(2);
    await cpe(deviceId, refusing);
    await gateway.bus.publish('cwmp.commands', deviceId, command('c-3', deviceId, true));

    await eventually(() => reports().length === 1);
    expect(reports()[0]).toMatchObject({
      deviceId,
      commandIds: ['c-3'],
      outcome: 'failed',
      method: 'http',
      // Wrong credentials stay wrong: no retry.
      attempts: 1,
      error: 'HTTP 401 after Digest',
    });
    // The command stays queued for the CPE's next Inform.
    expect((await gateway.sessions.queue(deviceId)).map((c) => c.commandId)).toEqual(['c-3']);
  });

  it('reports the network error and where, after the retries, when nothing listens', async () => {
    const deviceId = deviceIdOf(3);
    const port = await closedPort();
    targets.set(deviceId, { url: `http://127.0.0.1:${port}/cr`, username: 'a', password: 'b' });
    await gateway.bus.publish('cwmp.commands', deviceId, command('c-4', deviceId, true));

    await eventually(() => reports().length === 1);
    expect(reports()[0]).toMatchObject({
      outcome: 'failed',
      method: 'http',
      attempts: 2,
      error: `ECONNREFUSED 127.0.0.1:${port}`,
    });
  });

  it('reports failed without a method when no ConnectionRequestURL is known', async () => {
    const deviceId = deviceIdOf(4);
    await gateway.bus.publish('cwmp.commands', deviceId, command('c-5', deviceId, true));

    await eventually(() => reports().length === 1);
    const [report] = reports();
    expect(report).toMatchObject({ outcome: 'failed', attempts: 0, commandIds: ['c-5'] });
    expect(report?.error).toMatch(/^no ConnectionRequestURL known/);
    expect(report).not.toHaveProperty('method');
    expect(validateMessage('cwmp.connection-requests', report).ok).toBe(true);
  });

  it('publishes nothing when a session of the device is live', async () => {
    const deviceId = deviceIdOf(5);
    await cpe(deviceId, accepting);
    const client = new CpeClient(gateway.port);
    try {
      expect((await client.post(inform(deviceNumber(5)))).status).toBe(200);
      await gateway.bus.publish('cwmp.commands', deviceId, command('c-6', deviceId, true));
      await eventually(async () => (await gateway.sessions.queue(deviceId)).length === 1);
      await new Promise((r) => setTimeout(r, 100));
      expect(reports()).toEqual([]);
    } finally {
      client.close();
    }
  });
});
