import { isTimeZone, localMinutes, parsePosixTimeZone } from '../src/time-zone';

const at = (iso: string) => new Date(iso);
const hhmm = (minutes: number | null) =>
  minutes === null
    ? null
    : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

describe('device time zones', () => {
  it('reads the POSIX TZ strings CPEs report, offsets counted west', () => {
    expect(parsePosixTimeZone('UTC0')).toEqual({ standard: 0 });
    expect(parsePosixTimeZone('EST5')).toEqual({ standard: -5 * 3600 });
    expect(parsePosixTimeZone('<+0530>-5:30')).toEqual({ standard: 5.5 * 3600 });
    expect(parsePosixTimeZone('CET-1CEST,M3.5.0,M10.5.0/3')).toMatchObject({
      standard: 3600,
      daylight: { offset: 7200 },
    });
    for (const bad of [
      '',
      'UTC',
      'Europe/Nowhere',
      'CET-1CEST,M13.5.0,M10.5.0',
      'CET-1CEST,M3.5.0',
    ]) {
      expect(parsePosixTimeZone(bad)).toBeNull();
    }
  });

  it('gives local time in a POSIX zone across its daylight saving transitions', () => {
    const paris = 'CET-1CEST,M3.5.0,M10.5.0/3';
    // 2026: summer time from Sunday 29 March 01:00 UTC to Sunday 25 October 01:00 UTC.
    expect(hhmm(localMinutes(at('2026-01-15T12:00:00Z'), paris))).toBe('13:00');
    expect(hhmm(localMinutes(at('2026-03-29T00:59:00Z'), paris))).toBe('01:59');
    expect(hhmm(localMinutes(at('2026-03-29T01:00:00Z'), paris))).toBe('03:00');
    expect(hhmm(localMinutes(at('2026-07-01T22:30:00Z'), paris))).toBe('00:30');
    expect(hhmm(localMinutes(at('2026-10-25T00:59:00Z'), paris))).toBe('02:59');
    expect(hhmm(localMinutes(at('2026-10-25T01:00:00Z'), paris))).toBe('02:00');
    // The same instants as the IANA zone says.
    for (const iso of ['2026-03-29T01:00:00Z', '2026-08-10T03:17:00Z', '2026-12-05T23:45:00Z']) {
      expect(localMinutes(at(iso), paris)).toBe(localMinutes(at(iso), 'Europe/Paris'));
    }
  });

  it('handles southern hemisphere rules (daylight time across the new year) and fixed offsets', () => {
    const sydney = 'AEST-10AEDT,M10.1.0,M4.1.0/3';
    for (const iso of ['2026-01-10T15:00:00Z', '2026-06-10T15:00:00Z', '2026-10-04T16:30:00Z']) {
      expect(localMinutes(at(iso), sydney)).toBe(localMinutes(at(iso), 'Australia/Sydney'));
    }
    expect(hhmm(localMinutes(at('2026-06-01T23:00:00Z'), 'EST5'))).toBe('18:00');
    expect(hhmm(localMinutes(at('2026-06-01T23:00:00Z'), '<+0530>-5:30'))).toBe('04:30');
    // Julian day rules: J60 is March 1 every year.
    expect(hhmm(localMinutes(at('2028-03-01T02:00:00Z'), 'XST0XDT,J60/0,J300'))).toBe('03:00');
  });

  it('takes IANA names too, and refuses what is neither', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('CET-1CEST,M3.5.0,M10.5.0/3')).toBe(true);
    expect(isTimeZone('Nowhere/Town')).toBe(false);
    expect(localMinutes(at('2026-01-01T00:00:00Z'), 'Nowhere/Town')).toBeNull();
  });
});
