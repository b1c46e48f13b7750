/**
 * A CPE's RequestDownload (TR-069 A.4.2.2), answered as pure logic: which repository file the
 * device gets, or why it gets none.
 */
import type { FileMeta } from '@meridian/store';
import { FIRMWARE_IMAGE } from './transfer-state';

/** What CPEs may ask for: the file types they may request (empty: none). */
export interface RequestDownloadRule {
  fileTypes: readonly string[];
}

export type RequestAnswer =
  | { kind: 'download'; file: FileMeta }
  | { kind: 'refuse'; reason: string };

/** What the answer depends on of the device. */
export interface RequestingDevice {
  oui: string;
  productClass: string;
  softwareVersion?: string;
}

/**
 * The newest file of the requested type that fits the device (its OUI and product class, when
 * the file names them); for a firmware image, one of another version than the device runs.
 */
export function answerRequest(
  fileType: string,
  device: RequestingDevice,
  files: readonly FileMeta[],
  rule: RequestDownloadRule,
): RequestAnswer {
  if (!rule.fileTypes.includes(fileType)) {
    return {
      kind: 'refuse',
      reason: `CPE-initiated downloads of "${fileType}" are not allowed (MERIDIAN_REQUEST_DOWNLOAD_FILE_TYPES)`,
    };
  }
  const fitting = files.filter(
    (f) =>
      f.type === fileType &&
      (f.oui === undefined || f.oui === device.oui) &&
      (f.productClass === undefined || f.productClass === device.productClass),
  );
  if (fitting.length === 0) {
    return {
      kind: 'refuse',
      reason: `no file of type "${fileType}" in the repository fits ${device.oui} ${device.productClass}`,
    };
  }
  const candidates =
    fileType === FIRMWARE_IMAGE
      ? fitting.filter((f) => f.version === undefined || f.version !== device.softwareVersion)
      : fitting;
  const [newest] = [...candidates].sort(
    (a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || a.name.localeCompare(b.name),
  );
  if (!newest) {
    return {
      kind: 'refuse',
      reason: `the device already runs ${device.softwareVersion}, the version of every fitting image`,
    };
  }
  return { kind: 'download', file: newest };
}
