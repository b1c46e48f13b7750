import { ClientAuth, digestAuthorization, parseAuthHeader, verifyDigest } from '../src/http/auth';
import { CookieJar } from '../src/http/cookies';

describe('Digest', () => {
  // RFC 2617 section 3.5 example.
  const challenge = parseAuthHeader(
    'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
  );

  it('parses challenges, quoted commas included', () => {
    expect(challenge.scheme).toBe('Digest');
    expect(challenge.params).toMatchObject({ realm: 'testrealm@host.com', qop: 'auth,auth-int' });
  });

  it('computes the RFC 2617 example response', () => {
    const header = digestAuthorization({
      username: 'Mufasa',
      password: 'Circle Of Life',
      method: 'GET',
      uri: '/dir/index.html',
      challenge: challenge.params,
      nc: 1,
      cnonce: '0a4f113b',
    });
    expect(parseAuthHeader(header).params).toMatchObject({
      response: '6629fae49393a05397450978507c4ef1',
      nc: '00000001',
      qop: 'auth',
      opaque: '5ccc069c403ebaf9f0171e9517f40e41',
    });
  });

  it('verifies what ClientAuth sends, and rejects a wrong password or unknown nonce', () => {
    const server = {
      method: 'POST',
      realm: 'r',
      username: 'u',
      password: 'p',
      isNonceValid: (n: string) => n === 'n1',
    };
    const good = new ClientAuth('u', 'p');
    good.accept('Digest realm="r", nonce="n1", qop="auth"');
    expect(verifyDigest(good.header('POST', '/acs'), server)).toBe(true);
    // Later requests reuse the nonce with a growing count.
    expect(parseAuthHeader(good.header('POST', '/acs')!).params.nc).toBe('00000002');
    const bad = new ClientAuth('u', 'wrong');
    bad.accept('Digest realm="r", nonce="n1", qop="auth"');
    expect(verifyDigest(bad.header('POST', '/acs'), server)).toBe(false);
    const stale = new ClientAuth('u', 'p');
    stale.accept('Digest realm="r", nonce="n2", qop="auth"');
    expect(verifyDigest(stale.header('POST', '/acs'), server)).toBe(false);
  });

  it('prefers Digest over Basic and answers Basic when it is the only offer', () => {
    const both = new ClientAuth('u', 'p');
    expect(both.accept(['Basic realm="x"', 'Digest realm="x", nonce="n"'])).toBe(true);
    expect(both.header('GET', '/')).toMatch(/^Digest /);
    const basic = new ClientAuth('u', 'p');
    basic.accept('Basic realm="x"');
    expect(basic.header('GET', '/')).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(new ClientAuth('u', 'p').accept('Negotiate')).toBe(false);
  });
});

describe('CookieJar', () => {
  it('returns cookies set by the server, and forgets expired ones', () => {
    const jar = new CookieJar();
    expect(jar.header()).toBeUndefined();
    jar.store(['session=abc; Path=/; HttpOnly', 'lb=2']);
    expect(jar.header()).toBe('session=abc; lb=2');
    jar.store(['lb=; Max-Age=0']);
    expect(jar.header()).toBe('session=abc');
  });
});
