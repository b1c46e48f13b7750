import type { CwmpFault, CwmpVersion, SetParameterValuesFault } from './model';

/** Who a fault code belongs to: raised by the ACS (8xxx) or by the CPE (9xxx). */
export type FaultSource = 'ACS' | 'CPE';

export interface FaultDefinition {
  code: number;
  source: FaultSource;
  /** Short identifier, stable for logs and metrics. */
  name: string;
  /** The spec's meaning of the code (TR-069 Table A.5 / A.6). */
  meaning: string;
  /** SOAP faultcode to send with it. */
  faultcode: 'Client' | 'Server';
  /** First namespace version whose protocol defines the code (cwmp-1-2 also covers 1.3/1.4). */
  since: CwmpVersion;
}

function def(
  code: number,
  name: string,
  meaning: string,
  faultcode: 'Client' | 'Server',
  since: CwmpVersion,
): FaultDefinition {
  return { code, source: code < 9000 ? 'ACS' : 'CPE', name, meaning, faultcode, since };
}

/**
 * TR-069 Amendment 6, Table A.5 (ACS fault codes) and Table A.6 (CPE fault codes). Only the
 * argument errors are the sender's ("Client") fault; everything else is "Server".
 */
export const FAULTS: ReadonlyMap<number, FaultDefinition> = new Map(
  [
    def(8000, 'MethodNotSupported', 'Method not supported', 'Server', '1-0'),
    def(8001, 'RequestDenied', 'Request denied (no reason specified)', 'Server', '1-0'),
    def(8002, 'InternalError', 'Internal error', 'Server', '1-0'),
    def(8003, 'InvalidArguments', 'Invalid arguments', 'Client', '1-0'),
    def(8004, 'ResourcesExceeded', 'Resources exceeded', 'Server', '1-0'),
    def(8005, 'RetryRequest', 'Retry request', 'Server', '1-0'),
    def(8006, 'AcsVersionIncompatible', 'ACS version incompatible with CPE', 'Server', '1-2'),
    def(9000, 'MethodNotSupported', 'Method not supported', 'Server', '1-0'),
    def(9001, 'RequestDenied', 'Request denied (no reason specified)', 'Server', '1-0'),
    def(9002, 'InternalError', 'Internal error', 'Server', '1-0'),
    def(9003, 'InvalidArguments', 'Invalid arguments', 'Client', '1-0'),
    def(9004, 'ResourcesExceeded', 'Resources exceeded', 'Server', '1-0'),
    def(9005, 'InvalidParameterName', 'Invalid parameter name', 'Client', '1-0'),
    def(9006, 'InvalidParameterType', 'Invalid parameter type', 'Client', '1-0'),
    def(9007, 'InvalidParameterValue', 'Invalid parameter value', 'Client', '1-0'),
    def(9008, 'NonWritableParameter', 'Attempt to set a non-writable parameter', 'Client', '1-0'),
    def(9009, 'NotificationRequestRejected', 'Notification request rejected', 'Server', '1-0'),
    def(9010, 'FileTransferFailure', 'File transfer failure', 'Server', '1-0'),
    def(9011, 'UploadFailure', 'Upload failure', 'Server', '1-0'),
    def(
      9012,
      'FileTransferAuthFailure',
      'File transfer server authentication failure',
      'Server',
      '1-0',
    ),
    def(
      9013,
      'UnsupportedTransferProtocol',
      'Unsupported protocol for file transfer',
      'Server',
      '1-0',
    ),
    def(
      9014,
      'MulticastJoinFailure',
      'File transfer failure: unable to join multicast group',
      'Server',
      '1-1',
    ),
    def(
      9015,
      'FileServerUnreachable',
      'File transfer failure: unable to contact file server',
      'Server',
      '1-1',
    ),
    def(9016, 'FileAccessFailure', 'File transfer failure: unable to access file', 'Server', '1-1'),
    def(
      9017,
      'DownloadIncomplete',
      'File transfer failure: unable to complete download',
      'Server',
      '1-1',
    ),
    def(
      9018,
      'FileCorrupted',
      'File transfer failure: file corrupted or otherwise unusable',
      'Server',
      '1-1',
    ),
    def(
      9019,
      'FileAuthenticationFailure',
      'File transfer failure: file authentication failure',
      'Server',
      '1-1',
    ),
    def(
      9020,
      'TimeWindowsExceeded',
      'File transfer failure: unable to complete download within specified time windows',
      'Server',
      '1-2',
    ),
    def(
      9021,
      'CancelNotPermitted',
      'Cancelation of file transfer not permitted in current transfer state',
      'Client',
      '1-2',
    ),
    def(9022, 'InvalidUuidFormat', 'Invalid UUID format', 'Server', '1-2'),
    def(9023, 'UnknownExecutionEnvironment', 'Unknown Execution Environment', 'Server', '1-2'),
    def(9024, 'DisabledExecutionEnvironment', 'Disabled Execution Environment', 'Server', '1-2'),
    def(9025, 'DuEeMismatch', 'Deployment Unit to Execution Environment mismatch', 'Server', '1-2'),
    def(9026, 'DuplicateDeploymentUnit', 'Duplicate Deployment Unit', 'Server', '1-2'),
    def(9027, 'SystemResourcesExceeded', 'System resources exceeded', 'Server', '1-2'),
    def(9028, 'UnknownDeploymentUnit', 'Unknown Deployment Unit', 'Server', '1-2'),
    def(9029, 'InvalidDeploymentUnitState', 'Invalid Deployment Unit state', 'Server', '1-2'),
    def(
      9030,
      'DuDowngradeNotPermitted',
      'Invalid Deployment Unit update: downgrade not permitted',
      'Server',
      '1-2',
    ),
    def(
      9031,
      'DuVersionNotSpecified',
      'Invalid Deployment Unit update: version not specified',
      'Server',
      '1-2',
    ),
    def(
      9032,
      'DuVersionExists',
      'Invalid Deployment Unit update: version already exists',
      'Server',
      '1-2',
    ),
  ].map((d) => [d.code, d]),
);

/** The table entry of a code, or undefined for vendor (8800–8899, 9800–9899) and unknown codes. */
export function faultDefinition(code: number): FaultDefinition | undefined {
  return FAULTS.get(code);
}

/** Whether the schema of a namespace version accepts a code in cwmp:Fault/FaultCode. */
export function isFaultCodeAllowed(code: number, version: CwmpVersion): boolean {
  if (!Number.isInteger(code)) return false;
  if ((code >= 8800 && code <= 8899) || (code >= 9800 && code <= 9899)) return true;
  // cwmp-1-0 enumerates its codes; cwmp-1-1 and later accept the whole reserved ranges.
  if (version === '1-0') return (code >= 8000 && code <= 8005) || (code >= 9000 && code <= 9013);
  return (code >= 8000 && code <= 8799) || (code >= 9000 && code <= 9799);
}

/**
 * Builds a CwmpFault with the faultcode of the table. Vendor and unknown codes get "Server"
 * (the spec reserves "Client" for argument errors, which all have table entries).
 */
export function cwmpFault(
  code: number,
  faultString?: string,
  setParameterValuesFault: SetParameterValuesFault[] = [],
): CwmpFault {
  const known = FAULTS.get(code);
  return {
    name: 'Fault',
    faultcode: known?.faultcode ?? 'Server',
    faultCode: code,
    faultString: faultString ?? known?.meaning ?? 'Vendor fault',
    setParameterValuesFault,
  };
}

/**
 * A CWMP fault as an exception: the session engine throws it where a handler must answer with a
 * SOAP Fault, and catches it to build the reply with `toCwmpFault()`.
 */
export class CwmpFaultError extends Error {
  override readonly name = 'CwmpFaultError';
  readonly fault: CwmpFault;

  constructor(fault: CwmpFault, options?: { cause?: unknown }) {
    super(`CWMP fault ${fault.faultCode}: ${fault.faultString}`, options);
    this.fault = fault;
  }

  static of(
    code: number,
    faultString?: string,
    setParameterValuesFault?: SetParameterValuesFault[],
  ): CwmpFaultError {
    return new CwmpFaultError(cwmpFault(code, faultString, setParameterValuesFault));
  }

  get code(): number {
    return this.fault.faultCode;
  }

  toCwmpFault(): CwmpFault {
    return this.fault;
  }
}
