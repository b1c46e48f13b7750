import { checkAccess, parseRange, signedFileUrl } from '../src';

describe('parseRange', () => {
  it.each([
    [undefined, { kind: 'whole' }],
    ['bytes=0-99', { kind: 'range', range: { start: 0, end: 99 } }],
    ['bytes=900-', { kind: 'range', range: { start: 900, end: 999 } }],
    ['bytes=900-5000', { kind: 'range', range: { start: 900, end: 999 } }],
    ['bytes=-100', { kind: 'range', range: { start: 900, end: 999 } }],
    ['bytes=-5000', { kind: 'range', range: { start: 0, end: 999 } }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    // Not one valid byte range: ignored, the whole file is sent (RFC 9110 14.2).
    ['bytes=0-1,5-6', { kind: 'whole' }],
    ['items=0-1', { kind: 'whole' }],
    ['bytes=9-3', { kind: 'whole' }],
  ])('%s of 1000 bytes → %j', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});

describe('signed file URLs', () => {
  const secret = 'a-secret-of-enough-length';
  const grant = { name: 'fw 2.0/ü.bin', deviceId: '00259E-HG8245-S1', expires: 1_000 };
  const queryOf = (url: string) => new URL(url).searchParams;

  it('name the file in the path and are accepted for that file until they expire', () => {
    const url = signedFileUrl('http://files.example.net:7567/', grant, secret);
    expect(url.startsWith('http://files.example.net:7567/fw%202.0%2F%C3%BC.bin?')).toBe(true);
    expect(checkAccess(grant.name, queryOf(url), secret, 1_000)).toEqual({ ok: true, grant });
    expect(checkAccess(grant.name, queryOf(url), secret, 1_001)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('are refused for another device, another file, another key or a later expiry', () => {
    const url = signedFileUrl('http://f', grant, secret);
    const other = queryOf(url);
    other.set('device', '00259E-HG8245-S2');
    expect(checkAccess(grant.name, other, secret, 0)).toMatchObject({ reason: 'bad signature' });
    expect(checkAccess('other.bin', queryOf(url), secret, 0)).toMatchObject({ ok: false });
    expect(checkAccess(grant.name, queryOf(url), 'another-secret-xxxxx', 0)).toMatchObject({
      ok: false,
    });
    const later = queryOf(url);
    later.set('expires', '9999');
    expect(checkAccess(grant.name, later, secret, 0)).toMatchObject({ reason: 'bad signature' });
    expect(checkAccess(grant.name, new URLSearchParams(), secret, 0)).toMatchObject({
      reason: 'unsigned',
    });
  });
});
