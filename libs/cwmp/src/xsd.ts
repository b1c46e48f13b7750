import type { CwmpVersion, XsdType } from './model';

/**
 * What the CWMP schemas allow in a field or a parameter value, checked before anything is sent
 * (decode reads leniently instead: values.ts).
 */

/** XSD lengths count characters (code points), not UTF-16 units. */
export function tooLong(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let n = 0;
  for (const _ of text) if (++n > max) return true;
  return false;
}

export const DATE_TIME =
  /^-?(?:[1-9]\d{4,}|\d{4})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?|24:00:00(?:\.0+)?)(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?$/;

// XSD's \S is "not space, tab, CR or LF" and '.' is "not CR or LF"; JS classes differ, so spell them out.
const S = '[^ \\t\\n\\r]';
const ANY = '[^\\n\\r]';
export const OUI = /^[0-9A-F]{6}$/;
export const OBJECT_NAME = new RegExp(`^${ANY}*\\.$`);
export const UUID = /^[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;
const VENDOR_1_0 = `X [0-9A-F]{6} ${ANY}*`;
/** cwmp-1-2's extensible types (DownloadFileType, UploadFileType, TransferFileType, TimeWindowModeValueType). */
export const EXTENSIBLE_1_2 = new RegExp(
  `^(?:[1-9]\\d*(?: ${S}+)+|X [0-9A-F]{6} ${ANY}+|X ${S}+ ${ANY}+)$`,
);

export const DOWNLOAD_FILE_TYPE: Readonly<Record<CwmpVersion, RegExp>> = {
  '1-0': new RegExp(
    `^(?:1 Firmware Upgrade Image|2 Web Content|3 Vendor Configuration File|${VENDOR_1_0})$`,
  ),
  '1-1': new RegExp(
    `^(?:1 Firmware Upgrade Image|2 Web Content|3 Vendor Configuration File|${VENDOR_1_0})$`,
  ),
  '1-2': EXTENSIBLE_1_2,
};
export const UPLOAD_FILE_TYPE: Readonly<Record<CwmpVersion, RegExp>> = {
  '1-0': new RegExp(`^(?:1 Vendor Configuration File|2 Vendor Log File|${VENDOR_1_0})$`),
  '1-1': new RegExp(`^(?:1 Vendor Configuration File|2 Vendor Log File|${VENDOR_1_0})$`),
  '1-2': EXTENSIBLE_1_2,
};
/** AllQueuedTransferStruct and AutonomousTransferComplete (1-1 and later). */
/** Whether `fileType` is a FileType a Download (or Upload) may carry in cwmp-`version`. */
export function isTransferFileType(
  method: 'Download' | 'Upload',
  fileType: string,
  version: CwmpVersion,
): boolean {
  const pattern = (method === 'Download' ? DOWNLOAD_FILE_TYPE : UPLOAD_FILE_TYPE)[version];
  return pattern.test(fileType) && !tooLong(fileType, 64);
}
export const TRANSFER_FILE_TYPE: Readonly<Record<CwmpVersion, RegExp>> = {
  '1-0': new RegExp(
    `^(?:1 Firmware Upgrade Image|2 Web Content|3 Vendor Configuration File|4 Vendor Log File|${VENDOR_1_0})$`,
  ),
  '1-1': new RegExp(
    `^(?:1 Firmware Upgrade Image|2 Web Content|3 Vendor Configuration File|4 Vendor Log File|${VENDOR_1_0})$`,
  ),
  '1-2': EXTENSIBLE_1_2,
};
export const EVENT_CODE: Readonly<Record<CwmpVersion, RegExp>> = {
  '1-0': new RegExp(
    `^(?:0 BOOTSTRAP|1 BOOT|2 PERIODIC|3 SCHEDULED|4 VALUE CHANGE|5 KICKED|6 CONNECTION REQUEST|7 TRANSFER COMPLETE|8 DIAGNOSTICS COMPLETE|9 REQUEST DOWNLOAD|M Reboot|M ScheduleInform|M Download|M Upload|M X_${S}+|${VENDOR_1_0})$`,
  ),
  '1-1': new RegExp(`^(?:\\d+(?: ${S}+)+|M ${S}+|${VENDOR_1_0})$`),
  '1-2': new RegExp(`^(?:\\d+(?: ${S}+)+|M ${S}+|X [0-9A-F]{6} ${ANY}+|X ${S}+ ${ANY}+)$`),
};

// ---------------------------------------------------------------- parameter values

const INTEGER = /^[+-]?\d+$/;
const UNSIGNED = /^\+?\d+$/;
const BOOLEAN = /^(?:true|false|0|1)$/;
const HEX_BINARY = /^(?:[0-9A-Fa-f]{2})*$/;
// The last character before padding must leave the unused bits zero, as XSD requires.
const BASE64 =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/][AQgw]==|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=)?$/;
const XML_SPACE = /[ \t\n\r]+/g;
const MAX_LONG = 9223372036854775807n;
const MAX_UNSIGNED_LONG = 18446744073709551615n;

function inBigRange(text: string, min: bigint, max: bigint): boolean {
  const digits = text.charCodeAt(0) === 0x2b ? text.slice(1) : text;
  if (digits.length < 18) return true;
  const n = BigInt(digits);
  return n >= min && n <= max;
}

/** Whether `value` is a lexical form of the TR-069 type (what the encoder accepts in a Value). */
export function isValidXsdValue(value: string, type: XsdType): boolean {
  switch (type) {
    case 'xsd:string':
      return true;
    case 'xsd:int':
      return INTEGER.test(value) && Number(value) >= -0x80000000 && Number(value) <= 0x7fffffff;
    case 'xsd:unsignedInt':
      return UNSIGNED.test(value) && Number(value) <= 0xffffffff;
    case 'xsd:boolean':
      return BOOLEAN.test(value);
    case 'xsd:dateTime':
      return DATE_TIME.test(value);
    case 'xsd:base64':
      return BASE64.test(value) || BASE64.test(value.replace(XML_SPACE, ''));
    case 'xsd:long':
      return INTEGER.test(value) && inBigRange(value, -MAX_LONG - 1n, MAX_LONG);
    case 'xsd:unsignedLong':
      return UNSIGNED.test(value) && inBigRange(value, 0n, MAX_UNSIGNED_LONG);
    case 'xsd:hexBinary':
      return HEX_BINARY.test(value);
  }
}
