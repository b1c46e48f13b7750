import { createHmac } from 'node:crypto';
import { parseUdpAddress, udpRequestMessage, udpSignature } from '../src';

const fields = { ts: 1_764_100_000, id: '3735928559', un: 'cpe user', cn: '0a4f113bd00d' };

describe('UDP connection request message (TR-069 Annex G)', () => {
  it('signs ts, id, un and cn concatenated with HMAC-SHA1 keyed by the password, in hex', () => {
    const expected = createHmac('sha1', 'secret')
      .update('17641000003735928559cpe user0a4f113bd00d')
      .digest('hex');
    expect(udpSignature(fields, 'secret')).toBe(expected);
    expect(udpSignature(fields, 'other')).not.toBe(expected);
  });

  it('is an HTTP GET request-line with a form-encoded query and a Host header, and no body', () => {
    const text = udpRequestMessage('203.0.113.9:30005', fields, 'secret');
    expect(text).toBe(
      'GET http://203.0.113.9:30005?ts=1764100000&id=3735928559&un=cpe+user&cn=0a4f113bd00d' +
        `&sig=${udpSignature(fields, 'secret')} HTTP/1.1\r\nHost: 203.0.113.9:30005\r\n\r\n`,
    );
  });

  it('reads UDPConnectionRequestAddress in its two forms and IPv6 literals', () => {
    expect(parseUdpAddress('203.0.113.9:30005')).toEqual({ host: '203.0.113.9', port: 30005 });
    expect(parseUdpAddress('cpe.example.net')).toEqual({ host: 'cpe.example.net', port: 80 });
    expect(parseUdpAddress('[2001:db8::1]:7547')).toEqual({ host: '2001:db8::1', port: 7547 });
    expect(() => parseUdpAddress('host:99999')).toThrow(/invalid/);
    expect(() => parseUdpAddress('')).toThrow(/invalid/);
  });
});
