import type { FileMeta, FileUpload } from '@meridian/store';
import { signedFileUrl } from '@meridian/firmware';
import { ApiError, badRequest } from './errors';
import { TaskValidationError } from './tasks';

/** How the NBI hands out files: the file server's base URL and the key it checks URLs with. */
export interface NbiFilesOptions {
  /** Known once the file server listens (its port may be chosen at start). */
  baseUrl: () => string;
  secret: string;
  /** Lifetime of a signed download URL. */
  urlTtlSeconds: number;
  /** Larger uploads get 413. */
  maxBytes: number;
}

export const NBI_FILES = Symbol('NbiFilesOptions');

/** TR-069 A.3.2.8 FileType: "<digit> <text>" or a vendor's "X <OUI> <text>". */
const FILE_TYPE = /^(\d+ \S.*|X [0-9A-F]{6} \S.*)$/;
const SHA256 = /^[0-9a-fA-F]{64}$/;

export function checkFileName(name: string): string {
  if (name.length === 0 || name.length > 255 || /[\u0000-\u001f\u007f]/.test(name)) {
    throw badRequest('name must be 1 to 255 characters without control characters');
  }
  return name;
}

/**
 * The metadata of an upload, from the query or else the `x-meridian-*` headers (a client that
 * streams a file may find headers easier to set than a query).
 */
export function uploadOf(
  name: string,
  query: Record<string, string | undefined>,
  headers: Record<string, string | string[] | undefined>,
  maxBytes: number,
): FileUpload {
  const field = (key: string, header: string): string | undefined => {
    const fromQuery = query[key];
    if (fromQuery !== undefined && fromQuery !== '') return fromQuery;
    const fromHeader = headers[`x-meridian-${header}`];
    return typeof fromHeader === 'string' && fromHeader !== '' ? fromHeader : undefined;
  };
  const type = field('fileType', 'file-type');
  if (type === undefined || !FILE_TYPE.test(type)) {
    throw badRequest(
      'fileType (query, or header x-meridian-file-type) must be a TR-069 file type such as "1 Firmware Upgrade Image" or "3 Vendor Configuration File"',
    );
  }
  const sha256 = field('sha256', 'sha256');
  if (sha256 !== undefined && !SHA256.test(sha256)) {
    throw badRequest('sha256 (query, or header x-meridian-sha256) must be 64 hex digits');
  }
  const upload: FileUpload = { name: checkFileName(name), type, maxBytes };
  const optional = {
    version: field('version', 'version'),
    oui: field('oui', 'oui'),
    productClass: field('productClass', 'product-class'),
    modelName: field('modelName', 'model-name'),
    sha256,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(upload, { [key]: value });
  }
  return upload;
}

export const fileTooLarge = (maxBytes: number): ApiError =>
  new ApiError(413, 'file_too_large', `the file is larger than the limit of ${maxBytes} bytes`);

/**
 * `{"name":"download","file":"<name>"}` → the explicit Download task, with the URL signed for
 * this device, the file's type and size. Other tasks pass through.
 */
export function downloadOfFile(
  body: Record<string, unknown>,
  file: FileMeta,
  deviceId: string,
  files: NbiFilesOptions,
  nowSeconds: number,
): Record<string, unknown> {
  if (body.url !== undefined || body.fileType !== undefined || body.fileSize !== undefined) {
    throw new TaskValidationError('give either file, or url and fileType, not both');
  }
  const { file: _name, ...rest } = body;
  return {
    ...rest,
    fileType: file.type,
    fileSize: file.size,
    url: signedFileUrl(
      files.baseUrl(),
      { name: file.name, deviceId, expires: nowSeconds + files.urlTtlSeconds },
      files.secret,
    ),
  };
}
