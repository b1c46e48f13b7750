import { DeviceIdError, deviceIdOf, encodeDeviceIdPart, parseDeviceId } from '../src';

const device = (oui: string, productClass: string, serialNumber: string) => ({
  oui,
  productClass,
  serialNumber,
});

describe('deviceIdOf', () => {
  it('joins OUI, ProductClass and SerialNumber with dashes', () => {
    expect(deviceIdOf(device('00D09E', 'IGD', 'SN123'))).toBe('00D09E-IGD-SN123');
  });

  it('omits an empty ProductClass', () => {
    expect(deviceIdOf(device('00D09E', '', 'SN123'))).toBe('00D09E-SN123');
  });

  it('percent-encodes everything outside [A-Za-z0-9_.~], dashes included', () => {
    expect(deviceIdOf(device('00D09E', 'Home Gateway-2', 'AB-12/3'))).toBe(
      '00D09E-Home%20Gateway%2D2-AB%2D12%2F3',
    );
    expect(encodeDeviceIdPart("a_b.c~d!*'()")).toBe('a_b.c~d%21%2A%27%28%29');
    expect(encodeDeviceIdPart('Grüße')).toBe('Gr%C3%BC%C3%9Fe');
    expect(encodeDeviceIdPart('%')).toBe('%25');
    expect(encodeDeviceIdPart('\u0001')).toBe('%01');
  });

  it('accepts a whole DeviceIdStruct from an Inform', () => {
    expect(
      deviceIdOf({ manufacturer: 'Acme', oui: '001122', productClass: 'X', serialNumber: 'Y' }),
    ).toBe('001122-X-Y');
  });
});

describe('parseDeviceId', () => {
  const cases = [
    device('00D09E', 'IGD', 'SN123'),
    device('00D09E', '', 'SN123'),
    device('00D09E', 'Home Gateway-2', 'AB-12 3'),
    device('001122', '--', '-'),
    device('001122', 'Grüße 😀', '100%'),
    device('001122', '', ''),
  ];

  it.each(cases)('round-trips %o', (parts) => {
    expect(parseDeviceId(deviceIdOf(parts))).toEqual(parts);
  });

  it('splits on the dashes only, never on an encoded one', () => {
    expect(parseDeviceId('00D09E-a%2Db')).toEqual(device('00D09E', '', 'a-b'));
    expect(parseDeviceId('00D09E-Home%20Gateway-SN%2D1')).toEqual(
      device('00D09E', 'Home Gateway', 'SN-1'),
    );
  });

  it('rejects ids that are not in canonical form', () => {
    for (const id of [
      '00D09E',
      '00D09E-a-b-c',
      '00D09E--SN',
      '00D09E-Home Gateway-1',
      '00D09E-%2d-1',
      '00D09E-%E0%A4%A',
    ]) {
      expect(() => parseDeviceId(id)).toThrow(DeviceIdError);
    }
  });
});
