import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { ChecksumMismatchError, FileTooLargeError } from './errors';
import type { FileUpload } from './types';

/**
 * Counts and hashes an upload as it arrives, so both adapters stop a too large upload at the
 * byte that crosses the limit and check the checksum without reading the content again.
 */
export class UploadMeasure {
  private readonly hash = createHash('sha256');
  size = 0;

  constructor(private readonly maxBytes: number) {}

  /** Throws FileTooLargeError once the content passes the limit. */
  add(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) throw new FileTooLargeError(this.maxBytes);
    this.hash.update(chunk);
  }

  /** Once the content has ended: the hex SHA-256, checked against the one the uploader stated. */
  verifiedSha256(upload: FileUpload): string {
    const actual = this.hash.digest('hex');
    if (upload.sha256 !== undefined && upload.sha256.toLowerCase() !== actual) {
      throw new ChecksumMismatchError(upload.sha256, actual);
    }
    return actual;
  }

  /** The measure as a pass-through stream, for piping. */
  stream(): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        try {
          this.add(chunk);
          done(null, chunk);
        } catch (error) {
          done(error as Error);
        }
      },
    });
  }
}
