import { digestHa1 } from '@meridian/cwmp';
import { createHash } from 'node:crypto';
import {
  checkNonce,
  createNonce,
  digestChallenge,
  digestResponse,
  parseDigestAuthorization,
  verifyDigest,
  type DigestAuthorization,
} from '../src/auth/digest';

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
const SECRET = 'test-secret';
const NOW = 1_700_000_000_000;

describe('Digest (RFC 7616, MD5, qop=auth)', () => {
  it('computes the response of RFC 7616 §3.4.1 from its definition', () => {
    const ha1 = md5('cpe:meridian:s3cret');
    const ha2 = md5('POST:/acs');
    const expected = md5(`${ha1}:abc:00000001:xyz:auth:${ha2}`);
    expect(
      digestResponse({
        username: 'cpe',
        realm: 'meridian',
        password: 's3cret',
        method: 'POST',
        uri: '/acs',
        nonce: 'abc',
        nc: '00000001',
        cnonce: 'xyz',
        qop: 'auth',
      }),
    ).toBe(expected);
  });

  it('matches the RFC 2617 §3.5 worked example (same MD5 construction)', () => {
    expect(
      digestResponse({
        username: 'Mufasa',
        realm: 'testrealm@host.com',
        password: 'Circle Of Life',
        method: 'GET',
        uri: '/dir/index.html',
        nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
        nc: '00000001',
        cnonce: '0a4f113b',
        qop: 'auth',
      }),
    ).toBe('6629fae49393a05397450978507c4ef1');
  });

  it('parses quoted and token parameters, with escapes', () => {
    const parsed = parseDigestAuthorization(
      'Digest username="a\\"b", realm="r", nonce="n", uri="/", qop=auth, nc=00000001, cnonce="c", response="0123", algorithm=MD5',
    );
    expect(parsed).toEqual({
      username: 'a"b',
      realm: 'r',
      nonce: 'n',
      uri: '/',
      qop: 'auth',
      nc: '00000001',
      cnonce: 'c',
      response: '0123',
      algorithm: 'MD5',
      opaque: undefined,
    });
    expect(parseDigestAuthorization('Basic Zm9vOmJhcg==')).toBeNull();
    expect(parseDigestAuthorization('Digest realm="r"')).toBeNull();
  });

  it('issues nonces that validate until they expire and not with another key', () => {
    const nonce = createNonce(SECRET, NOW + 1000, Buffer.alloc(12, 7));
    expect(checkNonce(SECRET, nonce, NOW)).toEqual({ status: 'valid', expiresAtMs: NOW + 1000 });
    expect(checkNonce(SECRET, nonce, NOW + 1000)).toEqual({ status: 'stale' });
    expect(checkNonce('other', nonce, NOW)).toEqual({ status: 'invalid' });
    expect(checkNonce(SECRET, 'garbage', NOW)).toEqual({ status: 'invalid' });
  });

  it('challenges with qop=auth, MD5, nonce and opaque', () => {
    expect(digestChallenge({ realm: 'meridian', nonce: 'N', opaque: 'O', stale: true })).toBe(
      'Digest realm="meridian", qop="auth", algorithm=MD5, nonce="N", opaque="O", stale=true',
    );
  });

  describe('verifyDigest', () => {
    const nonce = createNonce(SECRET, NOW + 60_000, Buffer.alloc(12, 1));
    const authorization = (over: Partial<DigestAuthorization> = {}): DigestAuthorization => {
      const base = {
        username: 'cpe',
        realm: 'meridian',
        nonce,
        uri: '/',
        nc: '00000001',
        cnonce: 'cn',
        qop: 'auth',
      };
      const merged = { ...base, ...over };
      const response = digestResponse({
        ...merged,
        password: 'pw',
        method: 'POST',
        qop: 'auth',
      } as never);
      return { response, ...merged };
    };
    const verify = (
      a: DigestAuthorization,
      over: Partial<Parameters<typeof verifyDigest>[0]> = {},
    ) =>
      verifyDigest({
        authorization: a,
        method: 'POST',
        requestUri: '/',
        realm: 'meridian',
        username: 'cpe',
        ha1: digestHa1('cpe', 'meridian', 'pw'),
        nonce: checkNonce(SECRET, a.nonce, NOW),
        lastNonceCount: 0,
        ...over,
      });

    it('accepts the right response', () => expect(verify(authorization())).toBe('ok'));
    it('denies a wrong password', () =>
      expect(verify(authorization(), { ha1: digestHa1('cpe', 'meridian', 'nope') })).toBe(
        'denied',
      ));
    it('denies a replayed or older nonce count', () =>
      expect(verify(authorization({ nc: '00000002' }), { lastNonceCount: 2 })).toBe('denied'));
    it('accepts a higher nonce count', () =>
      expect(verify(authorization({ nc: '00000003' }), { lastNonceCount: 2 })).toBe('ok'));
    it('denies another username than the one configured', () =>
      expect(verify(authorization(), { username: 'other' })).toBe('denied'));
    it('denies a uri other than the request target', () =>
      expect(verify(authorization(), { requestUri: '/other' })).toBe('denied'));
    it('accepts the absolute URL of the request target as uri', () =>
      expect(verify(authorization({ uri: 'http://acs.example:7547/' }))).toBe('ok'));
    it('denies without qop (RFC 2069 style)', () =>
      expect(verify({ ...authorization(), qop: undefined })).toBe('denied'));
    it('says stale for a correct response on an expired nonce', () =>
      expect(verify(authorization(), { nonce: { status: 'stale' } })).toBe('stale'));
    it('denies a forged nonce', () =>
      expect(verify(authorization(), { nonce: { status: 'invalid' } })).toBe('denied'));
  });
});
