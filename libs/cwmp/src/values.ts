import { CwmpDecodeError } from './errors';
import type { XsdType } from './model';

// Keys are lower-case local names: CPEs send "string", "xs:int", "xsd:UnsignedInt", "SOAP-ENC:base64".
const XSD_TYPES: Readonly<Record<string, XsdType>> = {
  string: 'xsd:string',
  int: 'xsd:int',
  integer: 'xsd:int',
  short: 'xsd:int',
  byte: 'xsd:int',
  unsignedint: 'xsd:unsignedInt',
  unsignedshort: 'xsd:unsignedInt',
  unsignedbyte: 'xsd:unsignedInt',
  boolean: 'xsd:boolean',
  bool: 'xsd:boolean',
  datetime: 'xsd:dateTime',
  base64: 'xsd:base64',
  base64binary: 'xsd:base64',
  long: 'xsd:long',
  unsignedlong: 'xsd:unsignedLong',
  hexbinary: 'xsd:hexBinary',
};

/**
 * The xsi:type of a value in the spec's spelling, whatever prefix or case the device used.
 * Absent or unknown types are xsd:string: the text is kept, so nothing is lost.
 */
export function normaliseXsdType(attribute: string | undefined): XsdType {
  if (attribute === undefined) return 'xsd:string';
  const colon = attribute.indexOf(':');
  const local = (colon === -1 ? attribute : attribute.slice(colon + 1)).trim().toLowerCase();
  return XSD_TYPES[local] ?? 'xsd:string';
}

/** Event codes of TR-069 Table 7 (and 1-4 additions), in the spec's spelling. */
export const EVENT_CODES: readonly string[] = [
  '0 BOOTSTRAP',
  '1 BOOT',
  '2 PERIODIC',
  '3 SCHEDULED',
  '4 VALUE CHANGE',
  '5 KICKED',
  '6 CONNECTION REQUEST',
  '7 TRANSFER COMPLETE',
  '8 DIAGNOSTICS COMPLETE',
  '9 REQUEST DOWNLOAD',
  '10 AUTONOMOUS TRANSFER COMPLETE',
  '11 DU STATE CHANGE COMPLETE',
  '12 AUTONOMOUS DU STATE CHANGE COMPLETE',
  '13 WAKEUP',
  '14 HEARTBEAT',
  'M Reboot',
  'M ScheduleInform',
  'M Download',
  'M ScheduleDownload',
  'M Upload',
  'M ChangeDUState',
];

const EVENT_BY_KEY = new Map(EVENT_CODES.map((code) => [code.toUpperCase(), code]));

/**
 * "1 Boot", " 4  value change " → the spec's spelling. Unknown codes (vendor "X OUI …")
 * keep their text, trimmed.
 */
export function normaliseEventCode(text: string): string {
  const trimmed = text.trim();
  const exact = EVENT_BY_KEY.get(trimmed.toUpperCase());
  if (exact !== undefined) return exact;
  return EVENT_BY_KEY.get(trimmed.replace(/\s+/g, ' ').toUpperCase()) ?? trimmed;
}

/** xsd:boolean, leniently: "1"/"true"/"TRUE" and "0"/"false"; empty means absent. */
export function parseCwmpBoolean(text: string, field: string, fallback = false): boolean {
  const t = text.trim();
  if (t === '1') return true;
  if (t === '0' || t === '') return t === '' ? fallback : false;
  const lower = t.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new CwmpDecodeError('invalid-content', `${field}: "${clip(t)}" is not a boolean`);
}

const INTEGER = /^[+-]?\d+$/;

/** xsd:int/unsignedInt: decimal digits, surrounding whitespace allowed; empty means absent. */
export function parseCwmpInt(text: string, field: string, fallback = 0): number {
  const t = text.trim();
  if (t === '') return fallback;
  if (!INTEGER.test(t)) {
    throw new CwmpDecodeError('invalid-content', `${field}: "${clip(t)}" is not an integer`);
  }
  const n = Number(t);
  if (!Number.isSafeInteger(n)) {
    throw new CwmpDecodeError('invalid-content', `${field}: ${clip(t)} is out of range`);
  }
  return n;
}

const DATE_TIME =
  /^(-?\d{4,})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * An xsd:dateTime as a Date. A time without timezone (common on CPEs) is taken as UTC.
 * Returns null for text that is not a date and time.
 */
export function parseCwmpDateTime(text: string): Date | null {
  const m = DATE_TIME.exec(text.trim());
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) {
    return null;
  }
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  const date = new Date(0);
  date.setUTCFullYear(Number(y), month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  const offsetMinutes = zoneOffsetMinutes(zone);
  return new Date(date.getTime() - offsetMinutes * 60_000);
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
