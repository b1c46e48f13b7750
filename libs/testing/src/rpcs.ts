import { downloadRequest, type Download, type ScheduleDownload } from '@meridian/cwmp';

/** A Download of a firmware image with no credentials and no delay; `overrides` change fields. */
export const downloadRpc = (overrides: Partial<Omit<Download, 'name'>> = {}): Download =>
  downloadRequest({
    fileType: '1 Firmware Upgrade Image',
    url: 'http://files.example/fw.bin',
    ...overrides,
  });

/** A ScheduleDownload (cwmp-1-1 and later) of a firmware image in one window of an hour. */
export const scheduleDownloadRpc = (): ScheduleDownload => ({
  name: 'ScheduleDownload',
  commandKey: '',
  fileType: '1 Firmware Upgrade Image',
  url: 'http://files.example/fw.bin',
  username: '',
  password: '',
  fileSize: 0,
  targetFileName: '',
  timeWindowList: [
    {
      windowStart: 0,
      windowEnd: 3600,
      windowMode: '1 At Any Time',
      userMessage: '',
      maxRetries: 1,
    },
  ],
});
