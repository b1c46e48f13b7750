import { digestHa1 } from '@meridian/cwmp';
import { Authenticator } from '../src/auth/authenticator';
import { digestResponse, parseDigestAuthorization } from '../src/auth/digest';
import { defaultGatewayConfig, type GatewayAuthConfig } from '../src/config';

const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

const auth = (over: Partial<GatewayAuthConfig>): GatewayAuthConfig =>
  defaultGatewayConfig({
    auth: { defaultUsername: 'acs', defaultPassword: 'default-pw', nonceSecret: 'k', ...over },
  }).auth;

function digestHeader(challenge: string, user: string, password: string, nc = '00000001'): string {
  const nonce = /nonce="([^"]+)"/.exec(challenge)?.[1] ?? '';
  const realm = /realm="([^"]+)"/.exec(challenge)?.[1] ?? '';
  const response = digestResponse({
    username: user,
    realm,
    password,
    method: 'POST',
    uri: '/',
    nonce,
    nc,
    cnonce: 'c0ffee',
    qop: 'auth',
  });
  return `Digest username="${user}", realm="${realm}", nonce="${nonce}", uri="/", qop=auth, nc=${nc}, cnonce="c0ffee", response="${response}", algorithm=MD5`;
}

const request = (authorization: string | undefined) => ({
  method: 'POST',
  uri: '/',
  authorization,
});

describe('Authenticator', () => {
  it('lets everything through in mode none', async () => {
    const a = new Authenticator(auth({ mode: 'none' }));
    expect(await a.authenticate(request(undefined), 'dev')).toEqual({ ok: true });
  });

  it('accepts preemptive Basic with the default credentials and refuses a wrong password', async () => {
    const a = new Authenticator(auth({ mode: 'basic' }));
    expect(await a.authenticate(request(basic('acs', 'default-pw')), 'dev')).toEqual({ ok: true });
    const denied = await a.authenticate(request(basic('acs', 'wrong')), 'dev');
    expect(denied).toEqual({
      ok: false,
      challenges: ['Basic realm="meridian", charset="UTF-8"'],
      failed: true,
    });
  });

  it('uses the per-device credentials of the deviceId, falling back to the default', async () => {
    const a = new Authenticator(
      auth({
        mode: 'basic',
        credentials: (id) =>
          id === 'special'
            ? { username: 'sn123', realm: 'meridian', ha1: digestHa1('sn123', 'meridian', 'p') }
            : null,
      }),
    );
    expect(await a.authenticate(request(basic('sn123', 'p')), 'special')).toEqual({ ok: true });
    expect((await a.authenticate(request(basic('acs', 'default-pw')), 'special')).ok).toBe(false);
    expect((await a.authenticate(request(basic('sn123', 'p')), 'other')).ok).toBe(false);
  });

  it('checks per-device Digest against the stored HA1 and refuses HA1 of another realm', async () => {
    const stored = { username: 'sn123', ha1: digestHa1('sn123', 'meridian', 'own') };
    const a = new Authenticator(
      auth({ mode: 'digest', credentials: () => ({ ...stored, realm: 'meridian' }) }),
    );
    const first = await a.authenticate(request(undefined), 'dev');
    expect(first).toMatchObject({ ok: false, failed: false });
    const challenge = first.ok ? '' : (first.challenges[0] ?? '');
    expect(await a.authenticate(request(digestHeader(challenge, 'sn123', 'own')), 'dev')).toEqual({
      ok: true,
    });
    expect(
      await a.authenticate(request(digestHeader(challenge, 'sn123', 'guess', '00000002')), 'dev'),
    ).toMatchObject({ ok: false, failed: true });

    const otherRealm = new Authenticator(
      auth({ mode: 'digest', credentials: () => ({ ...stored, realm: 'old-realm' }) }),
    );
    expect(
      await otherRealm.authenticate(request(digestHeader(challenge, 'sn123', 'own')), 'dev'),
    ).toMatchObject({ ok: false, failed: true });
  });

  it('never accepts empty credentials when none are configured', async () => {
    const a = new Authenticator(auth({ mode: 'basic', defaultUsername: '', defaultPassword: '' }));
    expect((await a.authenticate(request(basic('', '')), 'dev')).ok).toBe(false);
  });

  it('runs the Digest handshake and refuses a replay of the same nonce count', async () => {
    const a = new Authenticator(auth({ mode: 'digest' }));
    const first = await a.authenticate(request(undefined), 'dev');
    if (first.ok) throw new Error('expected a challenge');
    expect(first.challenges).toHaveLength(1);
    const challenge = first.challenges[0] ?? '';
    expect(challenge).toMatch(/^Digest realm="meridian", qop="auth", algorithm=MD5, nonce="/);
    const header = digestHeader(challenge, 'acs', 'default-pw');
    expect(parseDigestAuthorization(header)).not.toBeNull();
    expect(await a.authenticate(request(header), 'dev')).toEqual({ ok: true });
    expect((await a.authenticate(request(header), 'dev')).ok).toBe(false);
    expect(
      await a.authenticate(
        request(digestHeader(challenge, 'acs', 'default-pw', '00000002')),
        'dev',
      ),
    ).toEqual({ ok: true });
  });

  it('refuses Basic in digest mode and answers a stale nonce with stale=true', async () => {
    let now = 1_000_000;
    const a = new Authenticator(auth({ mode: 'digest', nonceTtlMs: 1000 }), () => now);
    expect((await a.authenticate(request(basic('acs', 'default-pw')), 'dev')).ok).toBe(false);
    const first = await a.authenticate(request(undefined), 'dev');
    const challenge = first.ok ? '' : (first.challenges[0] ?? '');
    now += 5000;
    const late = await a.authenticate(request(digestHeader(challenge, 'acs', 'default-pw')), 'dev');
    // The right password on an expired nonce is no failed guess.
    expect(late).toMatchObject({ ok: false, failed: false });
    expect(late.ok ? '' : late.challenges[0]).toMatch(/stale=true$/);
  });

  it('offers both schemes in mode any and accepts either', async () => {
    const a = new Authenticator(auth({ mode: 'any' }));
    const first = await a.authenticate(request(undefined), 'dev');
    expect(first.ok ? [] : first.challenges.map((c) => c.split(' ')[0])).toEqual([
      'Digest',
      'Basic',
    ]);
    expect(await a.authenticate(request(basic('acs', 'default-pw')), 'dev')).toEqual({ ok: true });
    const challenge = first.ok ? '' : (first.challenges[0] ?? '');
    expect(
      await a.authenticate(request(digestHeader(challenge, 'acs', 'default-pw')), 'dev'),
    ).toEqual({ ok: true });
  });
});
