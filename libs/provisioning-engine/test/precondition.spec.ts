import {
  matches,
  testValue,
  triggeredBy,
  versionCompare,
  type DeviceFacts,
  type Precondition,
} from '../src';
import { MemoryCache } from './memory-cache';

const device: DeviceFacts = {
  deviceId: '00D09E-Router-SN0001',
  identity: { manufacturer: 'Acme', oui: '00D09E', productClass: 'Router', serialNumber: 'SN0001' },
  softwareVersion: '2.10.1',
  tags: ['corp', 'lab'],
  events: ['1 BOOT'],
  root: 'Device.',
};
const cache = new MemoryCache();
cache.put('Device.WiFi.SSID.1.SSID', { value: 'acme-1', type: 'xsd:string' });

const holds = (precondition: Precondition): boolean => matches(precondition, device, cache);

describe('versionCompare', () => {
  it.each([
    ['2.10.1', '2.9', 1],
    ['2.9', '2.10.1', -1],
    ['1.0', '1.0.0', 0],
    ['1.2.3', '1.2.3', 0],
    ['1.2b', '1.2a', 1],
    ['10rc1', '9rc1', 1],
    ['007', '7', 0],
    ['123456789012345678901', '123456789012345678900', 1],
  ])('%s vs %s → %i', (a, b, sign) => {
    expect(Math.sign(versionCompare(a, b))).toBe(sign);
  });
});

describe('testValue', () => {
  it.each<[Parameters<typeof testValue>[0], string | undefined, boolean]>([
    [{ eq: 'Acme' }, 'Acme', true],
    [{ eq: 'Acme' }, 'acme', false],
    [{ ne: 'Acme' }, 'Globex', true],
    [{ ne: 'Acme' }, undefined, false],
    [{ in: ['a', 'b'] }, 'b', true],
    [{ in: ['a', 'b'] }, 'c', false],
    [{ prefix: '2.' }, '2.10', true],
    [{ prefix: '2.' }, '12.1', false],
    [{ regex: '^SN\\d+$' }, 'SN0001', true],
    [{ regex: '^SN\\d+$' }, 'XSN1', false],
    [{ exists: true }, '', true],
    [{ exists: true }, undefined, false],
    [{ exists: false }, undefined, true],
    [{ versionLt: '2.10' }, '2.9.9', true],
    [{ versionLt: '2.10' }, '2.10', false],
    [{ versionGte: '2.10' }, '2.10', true],
    [{ versionGte: '2.10' }, '2.9', false],
    [{ eq: 'x' }, undefined, false],
  ])('%j on %j → %s', (test, value, expected) => {
    expect(testValue(test, value)).toBe(expected);
  });
});

describe('matches', () => {
  it('an empty precondition matches every device', () => {
    expect(holds({})).toBe(true);
  });

  it('tests identity fields and versions', () => {
    expect(
      holds({
        manufacturer: { eq: 'Acme' },
        oui: { eq: '00D09E' },
        productClass: { in: ['Router'] },
      }),
    ).toBe(true);
    expect(holds({ serialNumber: { prefix: 'XX' } })).toBe(false);
    expect(holds({ softwareVersion: { versionGte: '2.9' } })).toBe(true);
    expect(holds({ softwareVersion: { versionLt: '2.9' } })).toBe(false);
    expect(holds({ hardwareVersion: { exists: false } })).toBe(true);
  });

  it('requires every tag of tags and none of notTags', () => {
    expect(holds({ tags: ['corp', 'lab'] })).toBe(true);
    expect(holds({ tags: ['corp', 'vip'] })).toBe(false);
    expect(holds({ notTags: ['vip'] })).toBe(true);
    expect(holds({ notTags: ['lab'] })).toBe(false);
  });

  it('tests cached parameter values', () => {
    expect(
      holds({ parameters: [{ path: 'Device.WiFi.SSID.1.SSID', test: { eq: 'acme-1' } }] }),
    ).toBe(true);
    expect(holds({ parameters: [{ path: 'Device.WiFi.SSID.1.SSID', test: { eq: 'corp' } }] })).toBe(
      false,
    );
    expect(
      holds({ parameters: [{ path: 'Device.WiFi.SSID.9.SSID', test: { exists: false } }] }),
    ).toBe(true);
  });

  it('needs every criterion', () => {
    expect(holds({ manufacturer: { eq: 'Acme' }, tags: ['vip'] })).toBe(false);
  });
});

describe('triggeredBy', () => {
  it('a preset without events is triggered by every Inform; otherwise by one of its events', () => {
    expect(triggeredBy({ events: [] }, ['2 PERIODIC'])).toBe(true);
    expect(triggeredBy({ events: ['0 BOOTSTRAP', '1 BOOT'] }, ['1 BOOT', 'M Reboot'])).toBe(true);
    expect(triggeredBy({ events: ['0 BOOTSTRAP'] }, ['2 PERIODIC'])).toBe(false);
  });
});
