import type { CpeMethodRequest, XsdType } from './model';

/** Every wire value type, as a list for validation and messages. */
export const XSD_TYPES = [
  'xsd:string',
  'xsd:int',
  'xsd:unsignedInt',
  'xsd:boolean',
  'xsd:dateTime',
  'xsd:base64',
  'xsd:long',
  'xsd:unsignedLong',
  'xsd:hexBinary',
] as const satisfies readonly XsdType[];

/** Every method an ACS may call on a CPE (TR-069 Table 5), in the spec's order. */
export const CPE_METHODS = [
  'GetRPCMethods',
  'SetParameterValues',
  'GetParameterValues',
  'GetParameterNames',
  'SetParameterAttributes',
  'GetParameterAttributes',
  'AddObject',
  'DeleteObject',
  'Reboot',
  'Download',
  'Upload',
  'FactoryReset',
  'ScheduleInform',
  'GetQueuedTransfers',
  'GetAllQueuedTransfers',
  'ScheduleDownload',
  'CancelTransfer',
  'ChangeDUState',
  'SetVouchers',
  'GetOptions',
] as const satisfies readonly CpeMethodRequest['name'][];

// A model type or method added without its entry above does not compile.
type Missing<All, Listed> = Exclude<All, Listed> extends never ? true : Exclude<All, Listed>;
const _allTypes: Missing<XsdType, (typeof XSD_TYPES)[number]> = true;
const _allMethods: Missing<CpeMethodRequest['name'], (typeof CPE_METHODS)[number]> = true;
void _allTypes;
void _allMethods;

export const isXsdType = (value: unknown): value is XsdType =>
  (XSD_TYPES as readonly unknown[]).includes(value);
