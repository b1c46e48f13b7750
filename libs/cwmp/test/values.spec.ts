import {
  CwmpDecodeError,
  normaliseEventCode,
  normaliseXsdType,
  parseCwmpBoolean,
  parseCwmpDateTime,
  parseCwmpInt,
} from '../src';

describe('normaliseXsdType', () => {
  it.each([
    [undefined, 'xsd:string'],
    ['xsd:string', 'xsd:string'],
    ['string', 'xsd:string'],
    ['xs:int', 'xsd:int'],
    ['xsd:UnsignedInt', 'xsd:unsignedInt'],
    ['SOAP-ENC:base64', 'xsd:base64'],
    ['xsd:base64Binary', 'xsd:base64'],
    ['XSD:DATETIME', 'xsd:dateTime'],
    ['xsd:unsignedLong', 'xsd:unsignedLong'],
    ['long', 'xsd:long'],
    ['xsd:hexBinary', 'xsd:hexBinary'],
    ['xsd:unsignedShort', 'xsd:unsignedInt'],
    ['cwmp:IPAddress', 'xsd:string'],
  ] as const)('%s → %s', (input, expected) => {
    expect(normaliseXsdType(input)).toBe(expected);
  });
});

describe('normaliseEventCode', () => {
  it.each([
    ['1 Boot', '1 BOOT'],
    ['0 bootstrap', '0 BOOTSTRAP'],
    ['  4  value   change ', '4 VALUE CHANGE'],
    ['m reboot', 'M Reboot'],
    ['M SCHEDULEINFORM', 'M ScheduleInform'],
    ['14 HEARTBEAT', '14 HEARTBEAT'],
    ['X 00E0FC Reset Button', 'X 00E0FC Reset Button'],
    [' X CAFE01 custom ', 'X CAFE01 custom'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseEventCode(input)).toBe(expected);
  });
});

describe('parseCwmpBoolean', () => {
  it.each([
    ['1', true],
    ['true', true],
    ['TRUE', true],
    [' True\n', true],
    ['0', false],
    ['false', false],
    ['FALSE', false],
  ])('%j → %s', (input, expected) => {
    expect(parseCwmpBoolean(input, 'Field')).toBe(expected);
  });

  it('takes an empty value as the default', () => {
    expect(parseCwmpBoolean('', 'Field')).toBe(false);
    expect(parseCwmpBoolean('  ', 'Field', true)).toBe(true);
  });

  it('rejects anything else with a typed error naming the field', () => {
    expect(() => parseCwmpBoolean('yes', 'Writable')).toThrow(
      new CwmpDecodeError('invalid-content', 'Writable: "yes" is not a boolean'),
    );
  });
});

describe('parseCwmpInt', () => {
  it('reads signed decimals with surrounding whitespace', () => {
    expect(parseCwmpInt(' 42\n', 'N')).toBe(42);
    expect(parseCwmpInt('-1', 'N')).toBe(-1);
    expect(parseCwmpInt('+7', 'N')).toBe(7);
    expect(parseCwmpInt('', 'N', 1)).toBe(1);
  });

  it.each(['abc', '1.5', '0x10', '1e3', '99999999999999999999'])('rejects %j', (input) => {
    expect(() => parseCwmpInt(input, 'N')).toThrow(CwmpDecodeError);
  });
});

describe('parseCwmpDateTime', () => {
  it('reads times with a timezone', () => {
    expect(parseCwmpDateTime('2026-11-25T20:03:11Z')?.toISOString()).toBe(
      '2026-11-25T20:03:11.000Z',
    );
    expect(parseCwmpDateTime('2026-11-25T21:03:11.02+01:00')?.toISOString()).toBe(
      '2026-11-25T20:03:11.020Z',
    );
    expect(parseCwmpDateTime('2026-11-25T15:03:11-0500')?.toISOString()).toBe(
      '2026-11-25T20:03:11.000Z',
    );
  });

  it('takes a time without timezone as UTC', () => {
    expect(parseCwmpDateTime(' 2026-11-25T20:03:11 ')?.toISOString()).toBe(
      '2026-11-25T20:03:11.000Z',
    );
  });

  it("reads the spec's unknown time 0001-01-01T00:00:00Z", () => {
    expect(parseCwmpDateTime('0001-01-01T00:00:00Z')?.getUTCFullYear()).toBe(1);
  });

  it.each(['', 'yesterday', '2026-13-01T00:00:00Z', '2026-11-25', '2026-11-25T25:61:00Z'])(
    'returns null for %j',
    (input) => {
      expect(parseCwmpDateTime(input)).toBeNull();
    },
  );
});
