import { createHmac } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import {
  type ConnectionRequestTarget,
  ConnectionRequestError,
  createConnectionRequester,
  type ConnectionRequesterOptions,
} from '../src';
import {
  closedPort,
  pinnedRandom,
  recordingClock,
  silentLogger,
  startCpe,
  type TestCpe,
} from './support';

const deviceId = '00D09E-IGD-SN0001';
const fastRetry = { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 1_000 };

function requester(
  target: ConnectionRequestTarget | null,
  overrides: Partial<ConnectionRequesterOptions> = {},
) {
  return createConnectionRequester({
    lookup: async (id) => (id === deviceId ? target : null),
    logger: silentLogger,
    retry: fastRetry,
    clock: recordingClock(),
    random: pinnedRandom(0.5),
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<ConnectionRequestError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (reason: unknown) => reason,
  );
  if (!(error instanceof ConnectionRequestError)) throw error;
  return error;
}

describe('HTTP connection request (TR-069 §3.2.2) against a loopback CPE', () => {
  let cpe: TestCpe | undefined;
  afterEach(async () => {
    await cpe?.close();
    cpe = undefined;
  });

  it('answers the Digest challenge and is delivered on 204', async () => {
    cpe = await startCpe({ scheme: 'Digest', username: 'acs', password: 'right' });
    const delivery = await requester({ url: cpe.url, username: 'acs', password: 'right' }).request(
      deviceId,
    );
    expect(delivery).toEqual({ method: 'http', attempts: 1 });
    expect(cpe.requests.map((r) => [r.method, r.url, r.authorization !== undefined])).toEqual([
      ['GET', '/cr/abc?x=1', false],
      ['GET', '/cr/abc?x=1', true],
    ]);
    expect(cpe.requests[1]?.verified).toBe(true);
  });

  it('answers on the same connection, and on a new one when the CPE closed it', async () => {
    cpe = await startCpe({ scheme: 'Digest', username: 'acs', password: 'right' });
    await requester({ url: cpe.url, username: 'acs', password: 'right' }).request(deviceId);
    expect(new Set(cpe.requests.map((r) => r.port)).size).toBe(1);
    await cpe.close();

    cpe = await startCpe({
      scheme: 'Digest',
      username: 'acs',
      password: 'right',
      closeAfterChallenge: true,
    });
    await requester({ url: cpe.url, username: 'acs', password: 'right' }).request(deviceId);
    expect(cpe.requests.map((r) => r.verified)).toEqual([false, true]);
  });

  it('fails with auth-failed after one attempt when the password is wrong', async () => {
    cpe = await startCpe({ scheme: 'Digest', username: 'acs', password: 'right' });
    const clock = recordingClock();
    const error = await failure(
      requester({ url: cpe.url, username: 'acs', password: 'wrong' }, { clock }).request(deviceId),
    );
    expect(error).toMatchObject({
      reason: 'auth-failed',
      attempts: 1,
      status: 401,
      deviceId,
      method: 'http',
      detail: 'HTTP 401 after Digest',
    });
    // Wrong credentials are not retried: the CPE saw the probe and one answer to its challenge.
    expect(cpe.requests).toHaveLength(2);
    expect(cpe.requests[1]?.verified).toBe(false);
    expect(clock.sleeps).toEqual([]);
  });

  it('answers a stale nonce once more with the new nonce', async () => {
    cpe = await startCpe({ scheme: 'Digest', username: 'acs', password: 'right', staleOnce: true });
    await requester({ url: cpe.url, username: 'acs', password: 'right' }).request(deviceId);
    expect(cpe.requests.map((r) => r.verified)).toEqual([false, true, true]);
  });

  it('sends Basic credentials when Basic is what the CPE asks for', async () => {
    cpe = await startCpe({ scheme: 'Basic', username: 'acs', password: 'p@ss:word' });
    await requester({ url: cpe.url, username: 'acs', password: 'p@ss:word' }).request(deviceId);
    expect(cpe.requests.map((r) => r.verified)).toEqual([false, true]);
  });

  it('fails with unreachable after maxAttempts on a closed port, backing off between', async () => {
    const clock = recordingClock();
    const url = `http://127.0.0.1:${await closedPort()}/`;
    const error = await failure(
      requester({ url, username: 'acs', password: 'x' }, { clock }).request(deviceId),
    );
    expect(error).toMatchObject({ reason: 'unreachable', attempts: 3 });
    expect(error.cause).toMatchObject({ code: 'ECONNREFUSED' });
    expect(error.message).toMatch(/after 3 attempt\(s\): ECONNREFUSED 127\.0\.0\.1:\d+$/);
    expect(error.detail).toBe(`ECONNREFUSED ${new URL(url).host}`);
    expect(error.method).toBe('http');
    // random pinned at 0.5: 75 % of 100 ms, then of 200 ms
    expect(clock.sleeps).toEqual([75, 150]);
  });

  it('fails with timeout when the CPE does not answer in time', async () => {
    cpe = await startCpe({ scheme: 'Digest', username: 'acs', password: 'x', silent: true });
    const started = Date.now();
    const error = await failure(
      requester(
        { url: cpe.url, username: 'acs', password: 'x' },
        { http: { timeoutMs: 150 }, retry: { ...fastRetry, maxAttempts: 2 } },
      ).request(deviceId),
    );
    expect(error).toMatchObject({ reason: 'timeout', attempts: 2 });
    expect(cpe.requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('does not follow redirects and retries only server errors', async () => {
    cpe = await startCpe({ scheme: 'Digest', username: 'a', password: 'b', fixedStatus: 302 });
    const redirect = await failure(
      requester({ url: cpe.url, username: 'a', password: 'b' }).request(deviceId),
    );
    expect(redirect).toMatchObject({
      reason: 'bad-status',
      status: 302,
      attempts: 1,
      detail: 'HTTP 302',
    });
    await cpe.close();

    cpe = await startCpe({ scheme: 'Digest', username: 'a', password: 'b', fixedStatus: 503 });
    const busy = await failure(
      requester({ url: cpe.url, username: 'a', password: 'b' }).request(deviceId),
    );
    expect(busy).toMatchObject({ reason: 'bad-status', status: 503, attempts: 3 });
  });

  it('makes one delivery for concurrent requests to the same device', async () => {
    cpe = await startCpe({ scheme: 'Digest', username: 'acs', password: 'right' });
    const connectionRequester = requester({ url: cpe.url, username: 'acs', password: 'right' });
    await Promise.all([
      connectionRequester.request(deviceId),
      connectionRequester.request(deviceId),
    ]);
    expect(cpe.requests).toHaveLength(2);
  });

  it('rejects with unknown-target when the lookup knows no such device', async () => {
    const error = await failure(requester(null).request(deviceId));
    expect(error).toMatchObject({ reason: 'unknown-target', attempts: 0, method: undefined });
    expect(error.detail).toMatch(/^no ConnectionRequestURL known/);
  });

  it('rejects with unreachable, without trying, when the CPE reported no address', async () => {
    const clock = recordingClock();
    const error = await failure(
      requester({ url: '', username: 'a', password: 'b' }, { clock }).request(deviceId),
    );
    expect(error).toMatchObject({ reason: 'unreachable', attempts: 0, method: undefined });
    expect(error.detail).toMatch(/^no ConnectionRequestURL known/);
    expect(clock.sleeps).toEqual([]);
  });

  it('refuses options under which no request could be delivered', () => {
    expect(() => requester(null, { udp: { copies: 0 } })).toThrow(/udp.copies/);
    expect(() => requester(null, { retry: { maxAttempts: 0 } })).toThrow(/maxAttempts/);
  });
});

describe('UDP connection request (TR-069 Annex G) to a loopback socket', () => {
  let socket: Socket;
  let address: string;
  let datagrams: string[];

  beforeEach(async () => {
    datagrams = [];
    socket = createSocket('udp4');
    socket.on('message', (message) => datagrams.push(message.toString('utf8')));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    address = `127.0.0.1:${(socket.address() as AddressInfo).port}`;
  });
  afterEach(() => socket.close());

  async function received(count: number): Promise<string[]> {
    for (let waited = 0; datagrams.length < count && waited < 2_000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return datagrams;
  }

  /** What a CPE checks (G.2.1): the request-line, Host, and sig over ts+id+un+cn. */
  function parse(datagram: string) {
    const match = /^GET http:\/\/([^?\s]+)\?(\S+) HTTP\/1\.1\r\nHost: (\S+)\r\n\r\n$/.exec(
      datagram,
    );
    if (!match) throw new Error(`not an Annex G message: ${JSON.stringify(datagram)}`);
    const query = new URLSearchParams(match[2]);
    const field = (name: string) => query.get(name) ?? '';
    return {
      uriAuthority: match[1],
      host: match[3],
      ts: Number(field('ts')),
      id: field('id'),
      un: field('un'),
      cn: field('cn'),
      sig: field('sig'),
      signedWith: (password: string) =>
        createHmac('sha1', password)
          .update(`${field('ts')}${field('id')}${field('un')}${field('cn')}`)
          .digest('hex') === field('sig'),
    };
  }

  it('sends signed copies of one message when the target has only a UDP address', async () => {
    const clock = recordingClock(1_764_100_000_123);
    const delivery = await requester(
      { udpAddress: address, username: 'acs user', password: 'secret' },
      { clock, udp: { copies: 3, intervalMs: 20 } },
    ).request(deviceId);
    expect(delivery).toEqual({ method: 'udp', attempts: 1 });
    const [first, ...others] = await received(3);
    expect(others).toEqual([first, first]);
    const message = parse(first ?? '');
    expect(message).toMatchObject({
      uriAuthority: address,
      host: address,
      ts: 1_764_100_000,
      un: 'acs user',
    });
    expect(message.id).toMatch(/^\d+$/);
    expect(message.cn).toMatch(/^[0-9a-f]{16}$/);
    expect(message.signedWith('secret')).toBe(true);
    expect(message.signedWith('wrong')).toBe(false);
    expect(clock.sleeps).toEqual([20, 20]);
  });

  it('falls back to UDP when the HTTP URL is unreachable, with a new id and cnonce per request', async () => {
    const target = {
      url: `http://127.0.0.1:${await closedPort()}/`,
      udpAddress: address,
      username: 'acs',
      password: 'secret',
    };
    const connectionRequester = requester(target, { udp: { copies: 1, intervalMs: 0 } });
    expect(await connectionRequester.request(deviceId)).toEqual({ method: 'udp', attempts: 1 });
    await connectionRequester.request(deviceId);
    const [first, second] = (await received(2)).map(parse);
    expect(first?.signedWith('secret')).toBe(true);
    expect(second?.signedWith('secret')).toBe(true);
    expect(first?.id).not.toBe(second?.id);
    expect(first?.cn).not.toBe(second?.cn);
  });

  it('does not fall back to UDP when the CPE rejected the credentials over HTTP', async () => {
    const cpe = await startCpe({ scheme: 'Digest', username: 'acs', password: 'right' });
    try {
      const error = await failure(
        requester({
          url: cpe.url,
          udpAddress: address,
          username: 'acs',
          password: 'wrong',
        }).request(deviceId),
      );
      expect(error.reason).toBe('auth-failed');
      expect(datagrams).toEqual([]);
    } finally {
      await cpe.close();
    }
  });
});
