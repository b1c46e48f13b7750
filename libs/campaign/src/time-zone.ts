/**
 * Local time in a device's time zone, as CPEs report it: TR-181 `Device.Time.LocalTimeZone` and
 * TR-098 `InternetGatewayDevice.Time.LocalTimeZoneName` hold a POSIX TZ string (IEEE 1003.1
 * 8.3, e.g. "CET-1CEST,M3.5.0,M10.5.0/3"); an IANA name ("Europe/Paris") is taken too.
 */

/** A daylight saving transition rule of a POSIX TZ string, at `seconds` local time. */
type Rule =
  | { kind: 'M'; month: number; week: number; day: number; seconds: number }
  /** Jn: day n of 1..365, February 29 never counted. */
  | { kind: 'J'; day: number; seconds: number }
  /** n: day n of 0..365, February 29 counted in leap years. */
  | { kind: 'N'; day: number; seconds: number };

export interface PosixTimeZone {
  /** Seconds to add to UTC for standard time (POSIX offsets count west: "CET-1" is +3600). */
  standard: number;
  daylight?: { offset: number; start: Rule; end: Rule };
}

const NAME = /^(?:[A-Za-z]{3,}|<[A-Za-z0-9+-]{3,}>)/;
const OFFSET = /^([+-])?(\d{1,2})(?::(\d{1,2}))?(?::(\d{1,2}))?/;

function seconds(match: RegExpExecArray): number {
  const sign = match[1] === '-' ? -1 : 1;
  return sign * (Number(match[2]) * 3600 + Number(match[3] ?? 0) * 60 + Number(match[4] ?? 0));
}

function parseRule(text: string): Rule | null {
  const [date, time] = text.split('/');
  if (date === undefined) return null;
  let at = 7200; // 02:00 when the rule gives no time
  if (time !== undefined) {
    const t = OFFSET.exec(time);
    if (t === null || t[0] !== time) return null;
    at = seconds(t);
  }
  const m = /^M(\d{1,2})\.(\d)\.(\d)$/.exec(date);
  if (m) {
    const [month, week, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (month < 1 || month > 12 || week < 1 || week > 5 || day > 6) return null;
    return { kind: 'M', month, week, day, seconds: at };
  }
  const j = /^J(\d{1,3})$/.exec(date);
  if (j) {
    const day = Number(j[1]);
    return day >= 1 && day <= 365 ? { kind: 'J', day, seconds: at } : null;
  }
  const n = /^(\d{1,3})$/.exec(date);
  if (n) {
    const day = Number(n[1]);
    return day <= 365 ? { kind: 'N', day, seconds: at } : null;
  }
  return null;
}

/** The POSIX TZ string parsed; null when it is not one. */
export function parsePosixTimeZone(tz: string): PosixTimeZone | null {
  let rest = tz.trim();
  const std = NAME.exec(rest);
  if (std === null) return null;
  rest = rest.slice(std[0].length);
  const stdOffset = OFFSET.exec(rest);
  if (stdOffset === null) return null;
  rest = rest.slice(stdOffset[0].length);
  const standard = 0 - seconds(stdOffset) || 0;
  if (rest === '') return { standard };
  const dst = NAME.exec(rest);
  if (dst === null) return null;
  rest = rest.slice(dst[0].length);
  let offset = standard + 3600;
  const dstOffset = OFFSET.exec(rest);
  if (dstOffset !== null && dstOffset[0] !== '') {
    offset = 0 - seconds(dstOffset) || 0;
    rest = rest.slice(dstOffset[0].length);
  }
  // Without rules POSIX leaves them to the implementation: the US rules, as glibc does.
  const rules =
    rest === '' ? ['M3.2.0', 'M11.1.0'] : rest.startsWith(',') ? rest.slice(1).split(',') : [];
  if (rules.length !== 2) return null;
  const start = parseRule(rules[0]!);
  const end = parseRule(rules[1]!);
  if (start === null || end === null) return null;
  return { standard, daylight: { offset, start, end } };
}

const DAY = 86_400;
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Seconds since the epoch of 00:00 on the rule's day of `year`, in the zone's local clock. */
function ruleDay(rule: Rule, year: number): number {
  const jan1 = Date.UTC(year, 0, 1) / 1000;
  switch (rule.kind) {
    case 'J': {
      const leapShift = isLeap(year) && rule.day >= 60 ? 1 : 0;
      return jan1 + (rule.day - 1 + leapShift) * DAY;
    }
    case 'N':
      return jan1 + rule.day * DAY;
    case 'M': {
      const first = Date.UTC(year, rule.month - 1, 1) / 1000;
      const firstWeekday = new Date(first * 1000).getUTCDay();
      let day = 1 + ((rule.day - firstWeekday + 7) % 7) + (rule.week - 1) * 7;
      const days = new Date(Date.UTC(year, rule.month, 0)).getUTCDate();
      while (day > days) day -= 7; // week 5: the last such day of the month
      return first + (day - 1) * DAY;
    }
  }
}

/** Seconds to add to UTC at `at` in the POSIX zone. */
export function posixOffsetAt(zone: PosixTimeZone, at: Date): number {
  const { daylight } = zone;
  if (daylight === undefined) return zone.standard;
  const utc = at.getTime() / 1000;
  const year = new Date((utc + zone.standard) * 1000).getUTCFullYear();
  // Transitions as UTC instants: the start in standard time, the end in daylight time.
  const start = ruleDay(daylight.start, year) + daylight.start.seconds - zone.standard;
  const end = ruleDay(daylight.end, year) + daylight.end.seconds - daylight.offset;
  const inDaylight = start < end ? utc >= start && utc < end : utc >= start || utc < end;
  return inDaylight ? daylight.offset : zone.standard;
}

function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Whether `zone` is an IANA name or a POSIX TZ string. */
export function isTimeZone(zone: string): boolean {
  return isIanaZone(zone) || parsePosixTimeZone(zone) !== null;
}

/** Minutes since local midnight at `at` in `zone` (IANA or POSIX); null for neither. */
export function localMinutes(at: Date, zone: string): number | null {
  if (isIanaZone(zone)) {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(at);
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    return part('hour') * 60 + part('minute');
  }
  const posix = parsePosixTimeZone(zone);
  if (posix === null) return null;
  const local = at.getTime() / 1000 + posixOffsetAt(posix, at);
  return Math.floor((((local % DAY) + DAY) % DAY) / 60);
}
