import type { XsdType } from '@meridian/cwmp';

/** The value types of TR-106 data models that CWMP can carry (named dataTypes resolved). */
export type ParameterType =
  | 'string'
  | 'int'
  | 'unsignedInt'
  | 'long'
  | 'unsignedLong'
  | 'boolean'
  | 'dateTime'
  | 'base64'
  | 'hexBinary';

export type ParameterAccess = 'readOnly' | 'readWrite' | 'writeOnceReadOnly';

export type DataModelId = 'tr-181' | 'tr-098';

export interface ParameterMeta {
  /** Schema path, e.g. "Device.WiFi.SSID.{i}.SSID". */
  path: string;
  /** Last segment of the path, e.g. "SSID". */
  name: string;
  /** Schema path of the object holding it, e.g. "Device.WiFi.SSID.{i}.". */
  objectPath: string;
  type: ParameterType;
  access: ParameterAccess;
  /** Whether SetParameterValues may change it (readWrite and writeOnceReadOnly). */
  writable: boolean;
  default?: string;
  /** Inclusive numeric bounds, when the model gives a single range. */
  min?: number;
  max?: number;
  /** Maximum length of a string value. */
  maxLength?: number;
  /** Allowed values of an enumerated string. */
  enumeration?: readonly string[];
  /** The value reads back as an empty string (passwords, keys: the model's <hidden/>). */
  hidden?: boolean;
}

export interface ObjectMeta {
  /** Schema path, ending with "." (tables end with "{i}."). */
  path: string;
  /** A table row ("….{i}."): instances are numbered. */
  multiInstance: boolean;
  /** The ACS may AddObject/DeleteObject instances of this table. */
  writable: boolean;
  parameters: readonly ParameterMeta[];
}

export interface DataModel {
  id: DataModelId;
  /** Root object name: "Device" or "InternetGatewayDevice". */
  root: string;
  /** The model's name and version as in the spec, e.g. "Device:2.17". */
  version: string;
  objects: ReadonlyMap<string, ObjectMeta>;
  parameters: ReadonlyMap<string, ParameterMeta>;
  /** Object metadata of a schema or instance path ("Device.WiFi.SSID.2." works too). */
  object(path: string): ObjectMeta | undefined;
  /** Parameter metadata of a schema or instance path. */
  parameter(path: string): ParameterMeta | undefined;
  /**
   * Objects directly beneath an object (schema or instance path); a table appears as its row
   * ("Device.WiFi.SSID.{i}." is a child of "Device.WiFi.").
   */
  childObjects(path: string): readonly ObjectMeta[];
}

/** The on-disk encoding written by scripts/generate.mjs (see its header for the format). */
export interface EncodedModel {
  model: string;
  objects: EncodedObject[];
}
export type EncodedObject = [path: string, flags: number, parameters: EncodedParameter[]];
export type EncodedParameter =
  | [name: string, type: string, access: number]
  | [name: string, type: string, access: number, facets: EncodedFacets];
export interface EncodedFacets {
  d?: string;
  r?: [number | null, number | null];
  n?: number;
  e?: string[];
  h?: 1;
}

export const XSD_TYPE_OF: Readonly<Record<ParameterType, XsdType>> = {
  string: 'xsd:string',
  int: 'xsd:int',
  unsignedInt: 'xsd:unsignedInt',
  long: 'xsd:long',
  unsignedLong: 'xsd:unsignedLong',
  boolean: 'xsd:boolean',
  dateTime: 'xsd:dateTime',
  base64: 'xsd:base64',
  hexBinary: 'xsd:hexBinary',
};
