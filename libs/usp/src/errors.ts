/**
 * USP error codes: TR-369 "Error Codes" (messages, 7000–7031) and "USP Record Errors" (MTP,
 * 7100–7106), with the names the spec gives them.
 */
export const USP_ERRORS = {
  7000: 'Message failed',
  7001: 'Message not supported',
  7002: 'Request denied (no reason specified)',
  7003: 'Internal error',
  7004: 'Invalid arguments',
  7005: 'Resources exceeded',
  7006: 'Permission denied',
  7007: 'Invalid configuration',
  7008: 'Invalid path syntax',
  7009: 'Parameter action failed',
  7010: 'Unsupported parameter',
  7011: 'Invalid type',
  7012: 'Invalid value',
  7013: 'Attempt to update non-writeable parameter',
  7014: 'Value conflict',
  7015: 'Operation error',
  7016: 'Object does not exist',
  7017: 'Object could not be created',
  7018: 'Object is not a table',
  7019: 'Attempt to create non-creatable object',
  7020: 'Object could not be updated',
  7021: 'Required parameter failed',
  7022: 'Command failure',
  7023: 'Command canceled',
  7024: 'Delete failure',
  7025: 'Object exists with duplicate key',
  7026: 'Invalid path',
  7027: 'Invalid command arguments',
  7028: 'Register failure',
  7029: 'Already in use',
  7030: 'Deregister failure',
  7031: 'Path already registered',
  7100: 'Record could not be parsed',
  7101: 'Secure session required',
  7102: 'Secure session not supported',
  7103: 'Segmentation and reassembly not supported',
  7104: 'Invalid Record value',
  7105: 'Session Context terminated',
  7106: 'Session Context not allowed',
} as const;

export type UspErrorCode = keyof typeof USP_ERRORS;

/** The spec's name of a code; vendor (7800–7999) and data model (7200–7299) codes have none. */
export function uspErrorName(code: number): string | undefined {
  return (USP_ERRORS as Readonly<Record<number, string>>)[code];
}

/**
 * A failure to be answered with a USP error: thrown by the codec and the path engine, turned
 * into an Error message (or a per-path error) by whoever answers the request.
 */
export class UspError extends Error {
  override readonly name = 'UspError';

  constructor(
    readonly code: UspErrorCode,
    message: string,
  ) {
    super(message);
  }
}
