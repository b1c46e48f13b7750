import {
  basicAuthorization,
  chooseChallenge,
  type DigestChallenge,
  digestAuthorization,
  digestResponse,
  parseChallenges,
} from '../src';

describe('Digest response (RFC 2617 / RFC 7616 published examples)', () => {
  it('matches RFC 2617 §3.5 (MD5, qop=auth)', () => {
    expect(
      digestResponse({
        algorithm: 'MD5',
        username: 'Mufasa',
        password: 'Circle Of Life',
        realm: 'testrealm@host.com',
        nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
        method: 'GET',
        uri: '/dir/index.html',
        qop: 'auth',
        nc: '00000001',
        cnonce: '0a4f113b',
      }),
    ).toBe('6629fae49393a05397450978507c4ef1');
  });

  const rfc7616 = {
    username: 'Mufasa',
    password: 'Circle of Life',
    realm: 'http-auth@example.org',
    nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
    method: 'GET',
    uri: '/dir/index.html',
    qop: 'auth' as const,
    nc: '00000001',
    cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  };

  it('matches RFC 7616 §3.9.1 with MD5', () => {
    expect(digestResponse({ ...rfc7616, algorithm: 'MD5' })).toBe(
      '8ca523f5e9506fed4657c9700eebdbec',
    );
  });

  it('matches RFC 7616 §3.9.1 with SHA-256', () => {
    expect(digestResponse({ ...rfc7616, algorithm: 'SHA-256' })).toBe(
      '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
    );
  });

  it('builds the RFC 2617 §3.5 Authorization header from its challenge', () => {
    const [challenge] = parseChallenges([
      'Digest realm="testrealm@host.com", qop="auth,auth-int", ' +
        'nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    ]);
    const header = digestAuthorization(
      challenge as DigestChallenge,
      { username: 'Mufasa', password: 'Circle Of Life' },
      { method: 'GET', uri: '/dir/index.html', cnonce: '0a4f113b' },
    );
    expect(header).toBe(
      'Digest username="Mufasa", realm="testrealm@host.com", ' +
        'nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/dir/index.html", algorithm=MD5, ' +
        'response="6629fae49393a05397450978507c4ef1", ' +
        'opaque="5ccc069c403ebaf9f0171e9517f40e41", qop=auth, nc=00000001, cnonce="0a4f113b"',
    );
  });

  it('answers an RFC 2069 challenge (no qop) without nc or cnonce', () => {
    const header = digestAuthorization(
      { scheme: 'Digest', realm: 'r', nonce: 'n', algorithm: 'MD5', qop: [], stale: false },
      { username: 'u', password: 'p' },
      { method: 'GET', uri: '/', cnonce: 'c' },
    );
    expect(header).not.toMatch(/qop|nc=|cnonce/);
  });
});

describe('WWW-Authenticate parsing', () => {
  it('reads several challenges in one header, with commas inside quoted values', () => {
    const challenges = parseChallenges([
      'Digest realm="a, b", nonce="n\\"1", qop="auth-int, auth", algorithm=sha-256, stale=true, ' +
        'Basic realm="basic"',
    ]);
    expect(challenges).toEqual([
      {
        scheme: 'Digest',
        realm: 'a, b',
        nonce: 'n"1',
        algorithm: 'SHA-256',
        qop: ['auth-int', 'auth'],
        stale: true,
      },
      { scheme: 'Basic', realm: 'basic' },
    ]);
  });

  it('prefers SHA-256 Digest, then MD5 Digest, then Basic; skips what it cannot answer', () => {
    const challenges = parseChallenges([
      'Basic realm="x"',
      'Digest realm="x", nonce="1", algorithm=MD5',
      'Digest realm="x", nonce="2", algorithm=SHA-256',
      'Digest realm="x", nonce="3", algorithm=SHA-512-256',
    ]);
    expect(chooseChallenge(challenges)).toMatchObject({ nonce: '2' });
    expect(chooseChallenge(challenges.slice(0, 2))).toMatchObject({ nonce: '1' });
    expect(chooseChallenge([challenges[0]!, challenges[3]!])).toEqual({
      scheme: 'Basic',
      realm: 'x',
    });
    expect(chooseChallenge(parseChallenges(['Negotiate abc==']))).toBeUndefined();
  });

  it('encodes Basic credentials as RFC 7617 §2 shows', () => {
    expect(basicAuthorization({ username: 'Aladdin', password: 'open sesame' })).toBe(
      'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==',
    );
  });
});
