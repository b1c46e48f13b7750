/**
 * Typed model of every CWMP message of cwmp-1-0 … cwmp-1-4 (TR-069 Amendment 6, Annex A).
 * Field names are the spec's element names in camelCase; a message is a discriminated union
 * on `name`, which is the spec's element name exactly.
 */

/** The CWMP namespace versions that exist on the wire (cwmp-1-3/1-4 XSDs keep urn:dslforum-org:cwmp-1-2). */
export type CwmpVersion = '1-0' | '1-1' | '1-2';

/** Wire value types (TR-069 A.2.1 and soap-encoding). */
export type XsdType =
  | 'xsd:string'
  | 'xsd:int'
  | 'xsd:unsignedInt'
  | 'xsd:boolean'
  | 'xsd:dateTime'
  | 'xsd:base64'
  | 'xsd:long'
  | 'xsd:unsignedLong'
  | 'xsd:hexBinary';

/** A parameter value as text plus its xsi:type; the text is what the device sent, unescaped. */
export interface ParameterValue {
  name: string;
  value: string;
  type: XsdType;
}

export interface DeviceIdStruct {
  manufacturer: string;
  oui: string;
  productClass: string;
  serialNumber: string;
}

export interface EventStruct {
  /** Normalised to the spec's spelling ("1 BOOT"); vendor events ("X OUI …") keep their text. */
  eventCode: string;
  commandKey: string;
}

export interface ParameterInfo {
  name: string;
  writable: boolean;
}

/** 0 off, 1 passive, 2 active, 3 passive lightweight, 4 passive+passive lw, 5 active lw, 6 passive+active lw (1-4). */
export type Notification = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface SetParameterAttributesStruct {
  name: string;
  notificationChange: boolean;
  notification: Notification;
  accessListChange: boolean;
  accessList: string[];
}

export interface ParameterAttributeStruct {
  name: string;
  notification: Notification;
  accessList: string[];
}

export interface TransferCompleteFault {
  faultCode: number;
  faultString: string;
}

export interface TimeWindow {
  windowStart: number;
  windowEnd: number;
  windowMode: string;
  userMessage: string;
  maxRetries: number;
}

export interface QueuedTransfer {
  commandKey: string;
  state: 1 | 2 | 3;
}

export interface AllQueuedTransfer extends QueuedTransfer {
  isDownload: boolean;
  fileType: string;
  fileSize: number;
  targetFileName: string;
}

export type DuOperation =
  | {
      op: 'Install';
      url: string;
      uuid: string;
      username: string;
      password: string;
      executionEnvRef: string;
    }
  | { op: 'Update'; uuid: string; version: string; url: string; username: string; password: string }
  | { op: 'Uninstall'; uuid: string; version: string; executionEnvRef: string };

export interface DeploymentUnitFault {
  faultCode: number;
  faultString: string;
}

export interface DuOpResult {
  uuid: string;
  deploymentUnitRef: string;
  version: string;
  currentState: string;
  resolved: boolean;
  executionUnitRefList: string;
  startTime: string;
  completeTime: string;
  fault: DeploymentUnitFault;
}

export interface AutonDuOpResult extends DuOpResult {
  operationPerformed: 'Install' | 'Update' | 'Uninstall';
}

export interface OptionStruct {
  optionName: string;
  voucherSN: number;
  state: number;
  mode: number;
  startDate: string;
  expirationDate?: string;
  isTransferable: number;
}

export interface ArgStruct {
  name: string;
  value: string;
}

// ---------------------------------------------------------------- ACS → CPE requests (A.3.2, A.4.1)

export interface GetRPCMethods {
  name: 'GetRPCMethods';
}
export interface SetParameterValues {
  name: 'SetParameterValues';
  parameterList: ParameterValue[];
  parameterKey: string;
}
export interface GetParameterValues {
  name: 'GetParameterValues';
  parameterNames: string[];
}
export interface GetParameterNames {
  name: 'GetParameterNames';
  parameterPath: string;
  nextLevel: boolean;
}
export interface SetParameterAttributes {
  name: 'SetParameterAttributes';
  parameterList: SetParameterAttributesStruct[];
}
export interface GetParameterAttributes {
  name: 'GetParameterAttributes';
  parameterNames: string[];
}
export interface AddObject {
  name: 'AddObject';
  objectName: string;
  parameterKey: string;
}
export interface DeleteObject {
  name: 'DeleteObject';
  objectName: string;
  parameterKey: string;
}
export interface Reboot {
  name: 'Reboot';
  commandKey: string;
}
export interface Download {
  name: 'Download';
  commandKey: string;
  fileType: string;
  url: string;
  username: string;
  password: string;
  fileSize: number;
  targetFileName: string;
  delaySeconds: number;
  successURL: string;
  failureURL: string;
}
export interface Upload {
  name: 'Upload';
  commandKey: string;
  fileType: string;
  url: string;
  username: string;
  password: string;
  delaySeconds: number;
}
export interface FactoryReset {
  name: 'FactoryReset';
}
export interface ScheduleInform {
  name: 'ScheduleInform';
  delaySeconds: number;
  commandKey: string;
}
export interface GetQueuedTransfers {
  name: 'GetQueuedTransfers';
}
export interface GetAllQueuedTransfers {
  name: 'GetAllQueuedTransfers';
}
export interface ScheduleDownload {
  name: 'ScheduleDownload';
  commandKey: string;
  fileType: string;
  url: string;
  username: string;
  password: string;
  fileSize: number;
  targetFileName: string;
  timeWindowList: TimeWindow[];
}
export interface CancelTransfer {
  name: 'CancelTransfer';
  commandKey: string;
}
export interface ChangeDUState {
  name: 'ChangeDUState';
  operations: DuOperation[];
  commandKey: string;
}
export interface SetVouchers {
  name: 'SetVouchers';
  /** Base64 text of each voucher. */
  voucherList: string[];
}
export interface GetOptions {
  name: 'GetOptions';
  optionName: string;
}

export type CpeMethodRequest =
  | GetRPCMethods
  | SetParameterValues
  | GetParameterValues
  | GetParameterNames
  | SetParameterAttributes
  | GetParameterAttributes
  | AddObject
  | DeleteObject
  | Reboot
  | Download
  | Upload
  | FactoryReset
  | ScheduleInform
  | GetQueuedTransfers
  | GetAllQueuedTransfers
  | ScheduleDownload
  | CancelTransfer
  | ChangeDUState
  | SetVouchers
  | GetOptions;

// ---------------------------------------------------------------- CPE → ACS responses

export interface GetRPCMethodsResponse {
  name: 'GetRPCMethodsResponse';
  methodList: string[];
}
export interface SetParameterValuesResponse {
  name: 'SetParameterValuesResponse';
  status: 0 | 1;
}
export interface GetParameterValuesResponse {
  name: 'GetParameterValuesResponse';
  parameterList: ParameterValue[];
}
export interface GetParameterNamesResponse {
  name: 'GetParameterNamesResponse';
  parameterList: ParameterInfo[];
}
export interface SetParameterAttributesResponse {
  name: 'SetParameterAttributesResponse';
}
export interface GetParameterAttributesResponse {
  name: 'GetParameterAttributesResponse';
  parameterList: ParameterAttributeStruct[];
}
export interface AddObjectResponse {
  name: 'AddObjectResponse';
  instanceNumber: number;
  status: 0 | 1;
}
export interface DeleteObjectResponse {
  name: 'DeleteObjectResponse';
  status: 0 | 1;
}
export interface RebootResponse {
  name: 'RebootResponse';
}
export interface DownloadResponse {
  name: 'DownloadResponse';
  status: 0 | 1;
  startTime: string;
  completeTime: string;
}
export interface UploadResponse {
  name: 'UploadResponse';
  status: 0 | 1;
  startTime: string;
  completeTime: string;
}
export interface FactoryResetResponse {
  name: 'FactoryResetResponse';
}
export interface ScheduleInformResponse {
  name: 'ScheduleInformResponse';
}
export interface GetQueuedTransfersResponse {
  name: 'GetQueuedTransfersResponse';
  transferList: QueuedTransfer[];
}
export interface GetAllQueuedTransfersResponse {
  name: 'GetAllQueuedTransfersResponse';
  transferList: AllQueuedTransfer[];
}
export interface ScheduleDownloadResponse {
  name: 'ScheduleDownloadResponse';
}
export interface CancelTransferResponse {
  name: 'CancelTransferResponse';
}
export interface ChangeDUStateResponse {
  name: 'ChangeDUStateResponse';
}
export interface SetVouchersResponse {
  name: 'SetVouchersResponse';
}
export interface GetOptionsResponse {
  name: 'GetOptionsResponse';
  optionList: OptionStruct[];
}

export type CpeMethodResponse =
  | GetRPCMethodsResponse
  | SetParameterValuesResponse
  | GetParameterValuesResponse
  | GetParameterNamesResponse
  | SetParameterAttributesResponse
  | GetParameterAttributesResponse
  | AddObjectResponse
  | DeleteObjectResponse
  | RebootResponse
  | DownloadResponse
  | UploadResponse
  | FactoryResetResponse
  | ScheduleInformResponse
  | GetQueuedTransfersResponse
  | GetAllQueuedTransfersResponse
  | ScheduleDownloadResponse
  | CancelTransferResponse
  | ChangeDUStateResponse
  | SetVouchersResponse
  | GetOptionsResponse;

// ---------------------------------------------------------------- CPE → ACS requests (A.3.3, A.4.2)

export interface Inform {
  name: 'Inform';
  deviceId: DeviceIdStruct;
  event: EventStruct[];
  maxEnvelopes: number;
  /** As sent; a time without a timezone is kept as is (see parseCwmpDateTime). */
  currentTime: string;
  retryCount: number;
  parameterList: ParameterValue[];
}
export interface TransferComplete {
  name: 'TransferComplete';
  commandKey: string;
  faultStruct: TransferCompleteFault;
  startTime: string;
  completeTime: string;
}
export interface AutonomousTransferComplete {
  name: 'AutonomousTransferComplete';
  announceURL: string;
  transferURL: string;
  isDownload: boolean;
  fileType: string;
  fileSize: number;
  targetFileName: string;
  faultStruct: TransferCompleteFault;
  startTime: string;
  completeTime: string;
}
export interface Kicked {
  name: 'Kicked';
  command: string;
  referer: string;
  arg: string;
  next: string;
}
export interface RequestDownload {
  name: 'RequestDownload';
  fileType: string;
  fileTypeArg: ArgStruct[];
}
export interface DUStateChangeComplete {
  name: 'DUStateChangeComplete';
  results: DuOpResult[];
  commandKey: string;
}
export interface AutonomousDUStateChangeComplete {
  name: 'AutonomousDUStateChangeComplete';
  results: AutonDuOpResult[];
}

export type AcsMethodRequest =
  | Inform
  | TransferComplete
  | AutonomousTransferComplete
  | Kicked
  | RequestDownload
  | DUStateChangeComplete
  | AutonomousDUStateChangeComplete
  | GetRPCMethods;

// ---------------------------------------------------------------- ACS → CPE responses

export interface InformResponse {
  name: 'InformResponse';
  maxEnvelopes: 1;
}
export interface TransferCompleteResponse {
  name: 'TransferCompleteResponse';
}
export interface AutonomousTransferCompleteResponse {
  name: 'AutonomousTransferCompleteResponse';
}
export interface KickedResponse {
  name: 'KickedResponse';
  nextURL: string;
}
export interface RequestDownloadResponse {
  name: 'RequestDownloadResponse';
}
export interface DUStateChangeCompleteResponse {
  name: 'DUStateChangeCompleteResponse';
}
export interface AutonomousDUStateChangeCompleteResponse {
  name: 'AutonomousDUStateChangeCompleteResponse';
}

export type AcsMethodResponse =
  | InformResponse
  | TransferCompleteResponse
  | AutonomousTransferCompleteResponse
  | KickedResponse
  | RequestDownloadResponse
  | DUStateChangeCompleteResponse
  | AutonomousDUStateChangeCompleteResponse
  | GetRPCMethodsResponse;

// ---------------------------------------------------------------- Faults (A.5)

export interface SetParameterValuesFault {
  parameterName: string;
  faultCode: number;
  faultString: string;
}

/** A SOAP Fault carrying a cwmp:Fault detail; 8xxx from the ACS, 9xxx from the CPE. */
export interface CwmpFault {
  name: 'Fault';
  /** SOAP faultcode of the fault table in faults.ts (TR-069 A.5). */
  faultcode: 'Client' | 'Server';
  faultCode: number;
  faultString: string;
  setParameterValuesFault: SetParameterValuesFault[];
}

// ---------------------------------------------------------------- Envelope

/** SOAP Header entries of TR-069 A.2.2 (and SessionTimeout, SupportedCWMPVersions, UseCWMPVersion of 1-3/1-4). */
export interface CwmpHeader {
  /** cwmp:ID, echoed in the response to match request and response. */
  id?: string;
  holdRequests?: boolean;
  noMoreRequests?: boolean;
  sessionTimeout?: number;
  supportedCWMPVersions?: string;
  useCWMPVersion?: string;
}

export type CwmpBody =
  | CpeMethodRequest
  | CpeMethodResponse
  | AcsMethodRequest
  | AcsMethodResponse
  | CwmpFault;

export type CwmpMethodName = CwmpBody['name'];

export interface CwmpEnvelope<B extends CwmpBody = CwmpBody> {
  /** Namespace version the envelope was (or is to be) written in. */
  cwmpVersion: CwmpVersion;
  header: CwmpHeader;
  body: B;
}
