import { faultDefinition } from '@meridian/cwmp';
import type { UspErrorCode } from './errors';

/**
 * CWMP fault (TR-069 Table A.6) → USP error (TR-369 "Error Codes"), as the translator answers a
 * USP request whose CWMP RPC faulted. Codes without a USP counterpart become 7000 "Message
 * failed"; the CWMP code and fault string always travel in err_msg.
 */
export const CWMP_FAULT_TO_USP: ReadonlyMap<number, UspErrorCode> = new Map<number, UspErrorCode>([
  [9000, 7001], // Method not supported → Message not supported
  [9001, 7002], // Request denied → Request denied
  [9002, 7003], // Internal error → Internal error
  [9003, 7004], // Invalid arguments → Invalid arguments
  [9004, 7005], // Resources exceeded → Resources exceeded
  [9005, 7026], // Invalid parameter name → Invalid path (7010 in a Set's parameter error)
  [9006, 7011], // Invalid parameter type → Invalid type
  [9007, 7012], // Invalid parameter value → Invalid value
  [9008, 7013], // Attempt to set a non-writable parameter → non-writeable parameter
  // 9010–9019: file transfer failures of Download/Upload → Command failure (of the Operate).
  ...Array.from({ length: 10 }, (_, i): [number, UspErrorCode] => [9010 + i, 7022]),
]);

/** Where the USP error goes: a message-level error, or one parameter's error of a Set. */
export type FaultPlace = 'message' | 'setParameter';

export interface UspErrorOfFault {
  errCode: UspErrorCode;
  errMsg: string;
}

/**
 * The USP error answering a CWMP fault. Inside a Set's parameter error, 9005 (invalid
 * parameter name) is 7010 "Unsupported parameter", as TR-369 names it for ParamError.
 */
export function uspErrorOfCwmpFault(
  fault: { faultCode: number; faultString: string },
  place: FaultPlace = 'message',
): UspErrorOfFault {
  const errCode =
    fault.faultCode === 9005 && place === 'setParameter'
      ? 7010
      : (CWMP_FAULT_TO_USP.get(fault.faultCode) ?? 7000);
  const text =
    fault.faultString.trim() || faultDefinition(fault.faultCode)?.meaning || 'no fault string';
  return { errCode, errMsg: `CWMP fault ${fault.faultCode}: ${text}` };
}

/**
 * The error when the CPE did not come within the translator's wait (connection request
 * unanswered, device offline): 7003 "Internal error", saying so plainly.
 */
export function cpeUnreachableError(deviceId: string, waitedMs: number): UspErrorOfFault {
  const seconds = Math.round(waitedMs / 100) / 10;
  return {
    errCode: 7003,
    errMsg: `CPE ${deviceId} could not be reached: no CWMP session within ${seconds} s of the connection request; the request was not carried out`,
  };
}
