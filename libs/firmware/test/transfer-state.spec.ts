import { SCHEMA_VERSION, type InformMessage, type ResultMessage } from '@meridian/contracts';
import type { Transfer } from '@meridian/store';
import { admitResult, bootReport, nextEnd } from '../src';

const inform = (codes: [string, string][], parameters: [string, string][]): InformMessage => ({
  schemaVersion: SCHEMA_VERSION,
  deviceId: 'D',
  deviceIdStruct: { manufacturer: 'M', oui: '00D09E', productClass: 'P', serialNumber: 'S' },
  events: codes.map(([eventCode, commandKey]) => ({ eventCode, commandKey })),
  parameterList: parameters.map(([name, value]) => ({ name, value, type: 'xsd:string' })),
  retryCount: 0,
  currentTime: '2026-12-05T08:00:00Z',
  sessionId: 's',
  gatewayId: 'g',
  cwmpVersion: '1-2',
  remoteAddress: '127.0.0.1',
  time: '2026-12-05T08:00:00Z',
});

const waiting = (version?: string): Transfer => ({
  commandId: 'c1',
  deviceId: 'D',
  commandKey: 'c1',
  ...(version ? { version } : {}),
  state: 'waiting',
  published: false,
  createdAt: new Date('2026-12-05T08:00:00Z'),
  updatedAt: new Date('2026-12-05T08:00:00Z'),
  deadline: new Date('2026-12-05T09:00:00Z'),
});

describe('bootReport', () => {
  it('names the Download keys of a BOOT Inform and its SoftwareVersion, on either root', () => {
    expect(
      bootReport(
        inform(
          [
            ['1 BOOT', ''],
            ['M Download', 'k1'],
            ['M ScheduleDownload', 'k2'],
            ['M Reboot', 'k3'],
          ],
          [['InternetGatewayDevice.DeviceInfo.SoftwareVersion', '2.0']],
        ),
      ),
    ).toEqual({ commandKeys: ['k1', 'k2'], softwareVersion: '2.0' });
  });

  it('names none without "1 BOOT": a failed download does not reboot', () => {
    expect(
      bootReport(inform([['M Download', 'k1']], [['Device.DeviceInfo.SoftwareVersion', '1.0']])),
    ).toEqual({ commandKeys: [] });
  });
});

describe('nextEnd', () => {
  it('confirms a version only from the BOOT report, and a clean TransferComplete only without one', () => {
    const clean = { kind: 'transferComplete' as const, faultCode: 0, faultString: '' };
    expect(nextEnd(waiting('2.0'), clean)).toBeNull();
    expect(nextEnd(waiting(), clean)).toEqual({ state: 'succeeded' });
    expect(nextEnd(waiting('2.0'), { kind: 'booted', softwareVersion: '2.0' })).toEqual({
      state: 'succeeded',
      reportedVersion: '2.0',
    });
    expect(nextEnd(waiting('2.0'), { kind: 'booted', softwareVersion: '1.0' })).toMatchObject({
      state: 'rolledBack',
      reportedVersion: '1.0',
    });
    expect(nextEnd(waiting('2.0'), { kind: 'booted' })).toBeNull();
  });

  it('fails on a fault, times out at the deadline, and never moves an ended transfer', () => {
    expect(
      nextEnd(waiting('2.0'), { kind: 'transferComplete', faultCode: 9012, faultString: 'bad' }),
    ).toEqual({ state: 'failed', faultCode: 9012, faultString: 'bad' });
    const deadline = waiting().deadline;
    expect(
      nextEnd(waiting(), { kind: 'deadline', now: new Date(deadline.getTime() - 1) }),
    ).toBeNull();
    expect(nextEnd(waiting(), { kind: 'deadline', now: deadline })).toMatchObject({
      state: 'timedOut',
    });
    expect(
      nextEnd({ ...waiting(), state: 'failed' }, { kind: 'booted', softwareVersion: '2.0' }),
    ).toBeNull();
  });
});

describe('admitResult', () => {
  const result = (fileType: string, status: 0 | 1): ResultMessage => ({
    schemaVersion: SCHEMA_VERSION,
    deviceId: 'D',
    commandId: 'c1',
    source: 'nbi',
    time: '2026-12-05T08:00:00.000Z',
    fileName: 'f.bin',
    rpc: {
      name: 'Download',
      commandKey: 'c1',
      fileType,
      url: 'http://files/f.bin',
      username: '',
      password: '',
      fileSize: 1,
      targetFileName: '',
      delaySeconds: 0,
      successURL: '',
      failureURL: '',
    },
    outcome: 'done',
    response: { name: 'DownloadResponse', status, startTime: '', completeTime: '' },
  });
  const context = (type: string) => ({
    commandKey: 'c1',
    file: { name: 'f.bin', type, version: '2.0' },
    timeoutMs: 60_000,
  });

  it('succeeds at once on status 0 with no version to check; waits otherwise', () => {
    const config = '3 Vendor Configuration File';
    expect(admitResult(result(config, 0), context(config))?.end).toEqual({ state: 'succeeded' });
    expect(admitResult(result(config, 1), context(config))?.end).toBeUndefined();
    const image = '1 Firmware Upgrade Image';
    const waiting = admitResult(result(image, 0), context(image));
    expect(waiting?.end).toBeUndefined();
    expect(waiting?.transfer).toMatchObject({
      version: '2.0',
      deadline: new Date('2026-12-05T08:01:00.000Z'),
    });
  });

  it('ends a Download that never reached the device (expired, cancelled) undelivered; one the gateway rejected failed', () => {
    const image = '1 Firmware Upgrade Image';
    const { rpc, fileName, ...envelope } = result(image, 1);
    const ended = (outcome: Partial<ResultMessage>) =>
      admitResult({ ...envelope, rpc, fileName, ...outcome } as ResultMessage, context(image))?.end;
    expect(ended({ outcome: 'expired' })).toEqual({
      state: 'undelivered',
      faultString: 'the Download expired undelivered',
    });
    expect(ended({ outcome: 'cancelled' })).toEqual({
      state: 'undelivered',
      faultString: 'the Download was cancelled undelivered',
    });
    expect(
      ended({ outcome: 'rejected', reason: 'no such method' } as Partial<ResultMessage>),
    ).toMatchObject({ state: 'failed' });
  });

  it("gives a delayed Download, or a ScheduleDownload, until its delay or window's end on top", () => {
    const image = '1 Firmware Upgrade Image';
    const base = result(image, 1);
    const download = base.rpc as Extract<ResultMessage['rpc'], { name: 'Download' }>;
    const delayed = { ...base, rpc: { ...download, delaySeconds: 600 } };
    expect(admitResult(delayed, context(image))?.transfer.deadline).toEqual(
      new Date('2026-12-05T08:11:00.000Z'),
    );
    const { delaySeconds: _d, successURL: _s, failureURL: _f, ...common } = download;
    const scheduled: ResultMessage = {
      schemaVersion: SCHEMA_VERSION,
      deviceId: 'D',
      commandId: 'c1',
      source: 'nbi',
      time: '2026-12-05T08:00:00.000Z',
      fileName: 'f.bin',
      outcome: 'done',
      rpc: {
        ...common,
        name: 'ScheduleDownload',
        timeWindowList: [
          {
            windowStart: 0,
            windowEnd: 7200,
            windowMode: '1 At Any Time',
            userMessage: '',
            maxRetries: -1,
          },
        ],
      },
      response: { name: 'ScheduleDownloadResponse' },
    };
    const waiting = admitResult(scheduled, context(image));
    expect(waiting?.end).toBeUndefined();
    expect(waiting?.transfer.deadline).toEqual(new Date('2026-12-05T10:01:00.000Z'));
  });
});
