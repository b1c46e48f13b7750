/** Base of the store's errors; adapters translate driver errors into these. */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A record with this unique key exists already. */
export class DuplicateKeyError extends StoreError {
  constructor(
    readonly collection: string,
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    super(`${collection}: ${key} exists already`, options);
  }
}

/** An update expected a version that is no longer the stored one. */
export class VersionConflictError extends StoreError {
  constructor(
    readonly collection: string,
    readonly key: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`${collection}: ${key} is at version ${actualVersion}, not ${expectedVersion}`);
  }
}

/** An upload longer than the limit; nothing was stored. */
export class FileTooLargeError extends StoreError {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than the limit of ${maxBytes} bytes`);
  }
}

/** An upload whose content does not hash to the stated SHA-256; nothing was stored. */
export class ChecksumMismatchError extends StoreError {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`the content has SHA-256 ${actual}, not the stated ${expected}`);
  }
}
