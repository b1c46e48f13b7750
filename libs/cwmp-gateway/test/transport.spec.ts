import { cookieValue, sessionCookie } from '../src/http/cookies';
import {
  hasForbiddenMarkup,
  isAllowedContentType,
  isAllowedMethod,
  isBlank,
} from '../src/http/guards';
import { LiveSessions } from '../src/session/live-sessions';

describe('request guards', () => {
  it('takes POST only', () => {
    expect(isAllowedMethod('POST')).toBe(true);
    expect(isAllowedMethod('GET')).toBe(false);
  });

  it('takes XML media types or none', () => {
    expect(isAllowedContentType('text/xml; charset="utf-8"')).toBe(true);
    expect(isAllowedContentType('application/soap+xml')).toBe(true);
    expect(isAllowedContentType(undefined)).toBe(true);
    expect(isAllowedContentType('application/json')).toBe(false);
  });

  it('finds DOCTYPE and ENTITY declarations in any case, and NUL bytes', () => {
    expect(
      hasForbiddenMarkup(Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>')),
    ).toBe(true);
    expect(hasForbiddenMarkup(Buffer.from('<x><!entity a "b"></x>'))).toBe(true);
    expect(hasForbiddenMarkup(Buffer.from('<x><!doctype'))).toBe(true);
    expect(hasForbiddenMarkup(Buffer.from('\u0000<\u0000!'))).toBe(true);
    expect(hasForbiddenMarkup(Buffer.from('<x><!-- DOCTYPE --><![CDATA[<!DOC]]></x>'))).toBe(false);
    expect(hasForbiddenMarkup(Buffer.from('<soap:Envelope>a < b</soap:Envelope><!'))).toBe(false);
    // Each "!" is looked for, then the "<" before it.
    expect(hasForbiddenMarkup(Buffer.from('<x>Hi!!</x>!<!DOCTYPE x>'))).toBe(true);
    expect(hasForbiddenMarkup(Buffer.from('<!ENTITY a "b"><x/>'))).toBe(true);
    expect(hasForbiddenMarkup(Buffer.from('!<x>!DOCTYPE a!b</x>!'))).toBe(false);
  });

  it('treats whitespace-only bodies as empty', () => {
    expect(isBlank(Buffer.from(' \r\n\t'))).toBe(true);
    expect(isBlank(Buffer.from(' <x/>'))).toBe(false);
  });
});

describe('session cookie', () => {
  it('reads the cookie among others, quoted or not', () => {
    expect(cookieValue('a=1; meridian-session=abc; b=2', 'meridian-session')).toBe('abc');
    expect(cookieValue('meridian-session="abc"', 'meridian-session')).toBe('abc');
    expect(cookieValue('other=1', 'meridian-session')).toBeUndefined();
    expect(cookieValue(undefined, 'meridian-session')).toBeUndefined();
  });

  it('sets it on path / and HttpOnly', () => {
    expect(sessionCookie('xyz')).toBe('meridian-session=xyz; Path=/; HttpOnly');
  });
});

describe('LiveSessions', () => {
  it('has room until the maximum, and again when a session ends or goes idle', () => {
    const live = new LiveSessions(2, 1000);
    live.touch('a', 0);
    expect(live.hasRoom(0)).toBe(true);
    live.touch('b', 500);
    expect(live.hasRoom(600)).toBe(false);
    live.end('b');
    expect(live.hasRoom(600)).toBe(true);
    live.touch('b', 600);
    expect(live.hasRoom(1200)).toBe(true);
    expect(live.size).toBe(1);
  });
});
