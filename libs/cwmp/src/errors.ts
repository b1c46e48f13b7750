/** Why a CWMP envelope could not be decoded. */
export type CwmpDecodeErrorReason =
  | 'malformed-xml'
  | 'doctype'
  | 'too-deep'
  | 'too-large'
  | 'not-soap'
  | 'unknown-method'
  | 'invalid-content';

/** Where in the input the problem was found (0-based offset, 1-based line and column). */
export interface SourcePosition {
  offset: number;
  line: number;
  column: number;
}

/** The only error the decoder throws: callers answer it with a SOAP fault or HTTP 400. */
export class CwmpDecodeError extends Error {
  override readonly name = 'CwmpDecodeError';

  constructor(
    readonly reason: CwmpDecodeErrorReason,
    message: string,
    readonly position?: SourcePosition,
  ) {
    super(position ? `${message} (line ${position.line}, column ${position.column})` : message);
  }
}

/** Line and column of an offset; only computed when an error is raised. */
export function positionAt(text: string, offset: number): SourcePosition {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < clamped; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { offset: clamped, line, column: clamped - lineStart + 1 };
}

/** Why a message could not be encoded: it would not be schema-valid in the target version. */
export type CwmpEncodeErrorReason = 'not-in-version' | 'invalid-value' | 'cardinality';

/** The only error the encoder throws; a bug in the caller, never in the device. */
export class CwmpEncodeError extends Error {
  override readonly name = 'CwmpEncodeError';

  constructor(
    readonly reason: CwmpEncodeErrorReason,
    message: string,
  ) {
    super(message);
  }
}
