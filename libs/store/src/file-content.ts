import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { ChecksumMismatchError, FileTooLargeError } from './errors';
import type { FileUpload } from './types';

/**
 * Passes an upload through while counting and hashing it, so both adapters check the size limit
 * as bytes arrive (a too large upload stops there) and the checksum without a second read.
 */
export class MeasuringStream extends Transform {
  private readonly hash = createHash('sha256');
  size = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      done(new FileTooLargeError(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  /** Once the stream has ended: the hex SHA-256, checked against the one the uploader stated. */
  verifiedSha256(upload: FileUpload): string {
    const actual = this.hash.digest('hex');
    if (upload.sha256 !== undefined && upload.sha256.toLowerCase() !== actual) {
      throw new ChecksumMismatchError(upload.sha256, actual);
    }
    return actual;
  }
}
