import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BUS, InProcessBus } from '@meridian/bus';
import { SESSION_STORE, InMemorySessionStore } from '@meridian/session-store';
import { defaultGatewayConfig, type GatewayConfigOverrides } from '../src/config';
import { CwmpGatewayModule } from '../src/cwmp-gateway.module';
import { CpeClient } from './support/cpe-client';
import { DEVICE, DEVICE_ID, deviceNumber, inform } from './support/envelopes';
import { startGateway, type RunningGateway } from './support/gateway-harness';

const UNKNOWN = deviceNumber(404);
const UNKNOWN_ID = '00D09E-HGW-SN404';
const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('auto-registration switch (MERIDIAN_AUTO_REGISTER)', () => {
  let gateway: RunningGateway;
  const clients: CpeClient[] = [];
  const client = (): CpeClient => {
    const c = new CpeClient(gateway.port);
    clients.push(c);
    return c;
  };
  let warn: jest.SpyInstance;
  const known = async (deviceId: string): Promise<boolean> => deviceId === DEVICE_ID;

  const start = async (overrides: GatewayConfigOverrides): Promise<void> => {
    gateway = await startGateway(overrides, { knownDevice: known });
  };

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await gateway?.close();
    warn.mockRestore();
  });

  it('off: refuses an unknown device with 403, no session, no lease, nothing published, one log line', async () => {
    await start({ autoRegister: false });
    const refused = await client().post(inform(UNKNOWN));

    expect(refused.status).toBe(403);
    expect(refused.body).toBe('unknown device: auto-registration is off\n');
    expect(refused.headers['set-cookie']).toBeUndefined();
    expect(await gateway.sessions.leaseHolder(UNKNOWN_ID)).toBeNull();
    await new Promise((r) => setTimeout(r, 50));
    expect(gateway.published('cwmp.inform')).toEqual([]);
    const lines = warn.mock.calls.map((call) => String(call[0]));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^unknown device 00D09E-HGW-SN404 from (::ffff:)?127\.0\.0\.1 refused: auto-registration is off \(MERIDIAN_AUTO_REGISTER=false\); register it with PUT \/devices\/00D09E-HGW-SN404 on the NBI$/,
    );
  });

  it('off: accepts a device the registry knows', async () => {
    await start({ autoRegister: false });
    const accepted = await client().post(inform(DEVICE));

    expect(accepted.status).toBe(200);
    expect(gateway.published('cwmp.inform')).toHaveLength(1);
    expect(warn).not.toHaveBeenCalled();
  });

  it('off: asks for credentials first, so an unauthenticated caller learns nothing', async () => {
    const auth = { mode: 'basic' as const, defaultUsername: 'acs', defaultPassword: 'secret' };
    await start({ autoRegister: false, auth });

    const anonymous = await client().post(inform(UNKNOWN));
    expect(anonymous.status).toBe(401);
    const wrong = await client().post(inform(UNKNOWN), { Authorization: basic('acs', 'nope') });
    expect(wrong.status).toBe(401);
    expect(warn).not.toHaveBeenCalled();

    const right = await client().post(inform(UNKNOWN), { Authorization: basic('acs', 'secret') });
    expect(right.status).toBe(403);
  });

  it('on (the default): accepts every device without asking the registry', async () => {
    const asked: string[] = [];
    const knownDevice = async (deviceId: string): Promise<boolean> => {
      asked.push(deviceId);
      return false;
    };
    gateway = await startGateway({}, { knownDevice });
    expect((await client().post(inform(UNKNOWN))).status).toBe(200);
    expect(asked).toEqual([]);
  });

  it('off without a registry: refuses to start', async () => {
    const bus = new InProcessBus();
    const sessions = new InMemorySessionStore();
    try {
      await expect(
        NestFactory.createApplicationContext(
          CwmpGatewayModule.forRoot({
            config: defaultGatewayConfig({ port: 0, autoRegister: false }),
            providers: [
              { provide: BUS, useValue: bus },
              { provide: SESSION_STORE, useValue: sessions },
            ],
          }),
          { logger: false, abortOnError: false },
        ),
      ).rejects.toThrow(/MERIDIAN_AUTO_REGISTER=false.*no device registry/);
    } finally {
      await bus.close();
      await sessions.close();
    }
  });
});
