import type { Download } from './model';

/**
 * A Download of `url` as a file of `fileType`: no credentials, no delay, no target name, no
 * success or failure URL, size unknown (0), unless `fields` say otherwise.
 */
export const downloadRequest = (
  fields: Pick<Download, 'fileType' | 'url'> & Partial<Omit<Download, 'name'>>,
): Download => ({
  name: 'Download',
  commandKey: '',
  username: '',
  password: '',
  fileSize: 0,
  targetFileName: '',
  delaySeconds: 0,
  successURL: '',
  failureURL: '',
  ...fields,
});
