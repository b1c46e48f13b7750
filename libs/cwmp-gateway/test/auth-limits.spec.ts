import { Logger } from '@nestjs/common';
import { CpeClient } from './support/cpe-client';
import { deviceNumber, inform } from './support/envelopes';
import { startGateway, type RunningGateway } from './support/gateway-harness';

const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('cwmp-gateway: failed authentications are slowed', () => {
  let gateway: RunningGateway;
  const post = async (device: number, password: string) => {
    const cpe = new CpeClient(gateway.port);
    try {
      return await cpe.post(inform(deviceNumber(device)), {
        Authorization: basic('acs', password),
      });
    } finally {
      cpe.close();
    }
  };

  afterEach(async () => {
    await gateway?.close();
  });

  it('answers 429 with Retry-After to a device after its failures, the right password included, other devices unaffected', async () => {
    gateway = await startGateway({
      auth: {
        mode: 'basic',
        defaultUsername: 'acs',
        defaultPassword: 'secret',
        maxFailuresPerDevice: 3,
        maxFailuresPerAddress: 100,
        failureWindowMs: 60_000,
      },
    });
    const warn = jest.spyOn(Logger.prototype, 'warn');
    for (let i = 0; i < 3; i++) expect((await post(1, `guess-${i}`)).status).toBe(401);
    const blocked = await post(1, 'secret');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(50);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await post(2, 'secret')).status).toBe(200);
    expect((await post(1, 'guess-again')).status).toBe(429);
    // Logged once for the window, however many attempts.
    const lines = warn.mock.calls.map(([line]) => String(line)).filter((l) => l.includes('SN1'));
    expect(lines).toEqual([
      expect.stringMatching(/3 failed authentications .* 429 for up to 60 s/),
    ]);
    warn.mockRestore();
  });

  it('answers 429 to an address guessing across devices', async () => {
    gateway = await startGateway({
      auth: {
        mode: 'basic',
        defaultUsername: 'acs',
        defaultPassword: 'secret',
        maxFailuresPerDevice: 100,
        maxFailuresPerAddress: 4,
        failureWindowMs: 60_000,
      },
    });
    for (let device = 1; device <= 4; device++)
      expect((await post(device, 'guess')).status).toBe(401);
    const blocked = await post(5, 'secret');
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
  });

  it('does not count a Digest challenge (no credentials yet) as a failure', async () => {
    gateway = await startGateway({
      auth: {
        mode: 'digest',
        defaultUsername: 'acs',
        defaultPassword: 'secret',
        maxFailuresPerDevice: 2,
        failureWindowMs: 60_000,
      },
    });
    for (let i = 0; i < 5; i++) {
      const cpe = new CpeClient(gateway.port);
      expect((await cpe.post(inform(deviceNumber(1)))).status).toBe(401);
      cpe.close();
    }
    // Basic in digest mode is a refused credential: counted.
    expect((await post(1, 'secret')).status).toBe(401);
    expect((await post(1, 'secret')).status).toBe(401);
    expect((await post(1, 'secret')).status).toBe(429);
  });
});
