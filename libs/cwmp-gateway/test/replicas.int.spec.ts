import Redis from 'ioredis';
import { InProcessBus } from '@meridian/bus';
import { decodeEnvelope } from '@meridian/cwmp';
import { SCHEMA_VERSION } from '@meridian/contracts';
import { RedisSessionStore } from '@meridian/session-store';
import { CpeClient } from './support/cpe-client';
import { DEVICE, DEVICE_ID, envelope, inform } from './support/envelopes';
import { eventually, startGateway, type RunningGateway } from './support/gateway-harness';

/*
 * Two gateway replicas sharing one Redis (the real server of scripts/infra, a key prefix of
 * this run's own): a session goes on across replicas, and a device has one session across them.
 */
const REDIS_URL = process.env.MERIDIAN_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('cwmp-gateway replicas on one Redis', () => {
  const prefix = `test:gw:${process.pid}:${Date.now()}:`;
  const bus = new InProcessBus();
  let sessionsA: RedisSessionStore;
  let sessionsB: RedisSessionStore;
  let a: RunningGateway;
  let b: RunningGateway;
  const clients: CpeClient[] = [];

  beforeAll(async () => {
    // Two connections, as two gateway processes would have.
    sessionsA = RedisSessionStore.connect(REDIS_URL, { keyPrefix: prefix });
    sessionsB = RedisSessionStore.connect(REDIS_URL, { keyPrefix: prefix });
    a = await startGateway({ gatewayId: 'gw-a' }, { bus, sessions: sessionsA });
    b = await startGateway({ gatewayId: 'gw-b' }, { bus, sessions: sessionsB });
  });

  afterAll(async () => {
    clients.forEach((c) => c.close());
    await a.close();
    await b.close();
    await sessionsA.close();
    await sessionsB.close();
    await bus.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  const client = (port: number): CpeClient => {
    const c = new CpeClient(port);
    clients.push(c);
    return c;
  };

  it('serves one session across replicas and refuses a parallel one of the same device', async () => {
    await bus.publish('cwmp.commands', DEVICE_ID, {
      schemaVersion: SCHEMA_VERSION,
      commandId: `replica-${Date.now()}`,
      deviceId: DEVICE_ID,
      rpc: { name: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.UpTime'] },
      connectionRequest: false,
      source: 'test',
      createdAt: new Date().toISOString(),
    });
    await eventually(async () => (await sessionsA.queue(DEVICE_ID)).length === 1);

    const onA = client(a.port);
    expect((await onA.post(inform())).status).toBe(200);
    expect((await client(b.port).post(inform(DEVICE, 'twin'))).status).toBe(503);

    // The CPE's next request lands on the other replica, cookie in hand.
    const onB = client(b.port);
    onB.cookie = onA.cookie;
    const request = await onB.post('');
    expect(request.status).toBe(200);
    const gpv = decodeEnvelope(request.body);
    expect(gpv.body.name).toBe('GetParameterValues');

    onA.cookie = onB.cookie;
    const response = envelope(
      {
        name: 'GetParameterValuesResponse',
        parameterList: [{ name: 'Device.DeviceInfo.UpTime', value: '7', type: 'xsd:unsignedInt' }],
      },
      { id: gpv.header.id },
    );
    expect((await onA.post(response)).status).toBe(204);
    await eventually(() => a.published('cwmp.results').length === 1);
    expect(a.published('cwmp.results')[0]).toMatchObject({ deviceId: DEVICE_ID, outcome: 'done' });
    expect(await sessionsB.queue(DEVICE_ID)).toEqual([]);
    expect(await sessionsB.leaseHolder(DEVICE_ID)).toBeNull();
  });

  it("ends a session held on one replica when the rebooted CPE's BOOT Inform lands on the other", async () => {
    const onA = client(a.port);
    expect((await onA.post(inform(DEVICE, 'before-reboot'))).status).toBe(200);
    const held = await sessionsA.leaseHolder(DEVICE_ID);
    expect(held).not.toBeNull();

    const onB = client(b.port);
    const booted = await onB.post(inform(DEVICE, 'after-reboot', '1 BOOT'));
    expect(booted.status).toBe(200);
    expect(decodeEnvelope(booted.body).body.name).toBe('InformResponse');
    const holder = await sessionsB.leaseHolder(DEVICE_ID);
    expect(holder).not.toBeNull();
    expect(holder).not.toBe(held);
    expect(await sessionsB.getSession(held as string)).toBeNull();
    expect((await onB.post('')).status).toBe(204);
    expect(await sessionsA.leaseHolder(DEVICE_ID)).toBeNull();
  });
});
