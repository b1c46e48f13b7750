import { endsTask, newTaskCommandIds, taskIdOf } from '../src/command-ids';
import type { Task } from '@meridian/store';
import { TaskValidationError, commandsOfTask, latestDiagnostics } from '../src/tasks';

const rpcOfTask = (body: unknown) => {
  const commands = commandsOfTask(body);
  expect(commands).toHaveLength(1);
  return 'rpc' in commands[0] ? commands[0].rpc : commands[0];
};

describe('commandsOfTask', () => {
  it('maps an upload with defaults for what the caller leaves out', () => {
    expect(
      rpcOfTask({
        name: 'upload',
        fileType: '1 Vendor Configuration File',
        url: 'http://files/up',
      }),
    ).toEqual({
      name: 'Upload',
      commandKey: '',
      fileType: '1 Vendor Configuration File',
      url: 'http://files/up',
      username: '',
      password: '',
      delaySeconds: 0,
    });
  });

  it('maps a download with every field the caller gives', () => {
    const fields = {
      fileType: '3 Vendor Configuration File',
      url: 'https://files/cfg.xml',
      username: 'u',
      password: 'p',
      fileSize: 1234,
      targetFileName: 'cfg.xml',
      delaySeconds: 30,
    };
    expect(rpcOfTask({ name: 'download', ...fields })).toEqual({
      name: 'Download',
      commandKey: '',
      ...fields,
      successURL: '',
      failureURL: '',
    });
  });

  it.each([
    ['upload', '1 Vendor Configuration File'],
    ['download', '1 Firmware Upgrade Image'],
    ['scheduleDownload', '1 Firmware Upgrade Image'],
  ])('names the first invalid field of a %s', (name, fileType) => {
    const windows = [{ windowStart: 0, windowEnd: 60, windowMode: '1 At Any Time' }];
    const valid = { name, fileType, url: 'http://f/x', timeWindows: windows };
    const refused = (fields: Record<string, unknown>) => () =>
      commandsOfTask({ ...valid, ...fields });
    expect(refused({ fileType: 'firmware', url: '' })).toThrow('fileType "firmware" is not a CWMP');
    expect(refused({ url: '', username: 7 })).toThrow('url must be a non-empty string');
    expect(refused({ username: 7, password: 7 })).toThrow('username must be a non-empty string');
    expect(refused({ password: 7, delaySeconds: -1 })).toThrow(
      'password must be a non-empty string',
    );
    expect(refused({ delaySeconds: -1, fileSize: -1 })).toThrow(
      name === 'upload'
        ? 'delaySeconds must be a non-negative integer'
        : 'fileSize must be a non-negative integer',
    );
    if (name === 'upload') {
      // What an Upload does not have is not read.
      expect(rpcOfTask({ ...valid, fileSize: -1, targetFileName: 7 })).toMatchObject({
        name: 'Upload',
      });
      return;
    }
    expect(refused({ targetFileName: 7, timeWindows: [] })).toThrow(
      'targetFileName must be a non-empty string',
    );
    expect(refused({ delaySeconds: -1, timeWindows: [] })).toThrow(
      name === 'download'
        ? 'delaySeconds must be a non-negative integer'
        : 'timeWindows must be 1 or 2',
    );
  });

  it('maps scheduleDownload with its time windows, and refuses windows out of order', () => {
    const window = { windowStart: 0, windowEnd: 3600, windowMode: '1 At Any Time' };
    expect(
      rpcOfTask({
        name: 'scheduleDownload',
        fileType: '1 Firmware Upgrade Image',
        url: 'http://files/fw.bin',
        fileSize: 40,
        timeWindows: [window, { ...window, windowStart: 7200, windowEnd: 9000, maxRetries: 3 }],
      }),
    ).toEqual({
      name: 'ScheduleDownload',
      commandKey: '',
      fileType: '1 Firmware Upgrade Image',
      url: 'http://files/fw.bin',
      username: '',
      password: '',
      fileSize: 40,
      targetFileName: '',
      timeWindowList: [
        { ...window, userMessage: '', maxRetries: -1 },
        {
          windowStart: 7200,
          windowEnd: 9000,
          windowMode: '1 At Any Time',
          userMessage: '',
          maxRetries: 3,
        },
      ],
    });
    const base = {
      name: 'scheduleDownload',
      fileType: '1 Firmware Upgrade Image',
      url: 'http://f/x',
    };
    expect(() => commandsOfTask({ ...base, timeWindows: [] })).toThrow(
      'timeWindows must be 1 or 2',
    );
    expect(() =>
      commandsOfTask({ ...base, timeWindows: [{ ...window, windowMode: 'whenever' }] }),
    ).toThrow('timeWindows[0].windowMode must be one of 1 At Any Time');
    expect(() =>
      commandsOfTask({ ...base, timeWindows: [window, { ...window, windowStart: 100 }] }),
    ).toThrow('timeWindows must be in order and must not overlap');
  });

  it("cancels a transfer by its download task (the task id's wire key) or by CommandKey", () => {
    expect(rpcOfTask({ name: 'cancelTransfer', taskId: 'dl-1' })).toEqual({
      name: 'CancelTransfer',
      commandKey: 'dl-1',
    });
    const long = `nbi-${'a'.repeat(40)}`;
    const { commandKey } = rpcOfTask({ name: 'cancelTransfer', taskId: long }) as {
      commandKey: string;
    };
    expect(commandKey).toMatch(/^~.{31}$/);
    expect(rpcOfTask({ name: 'cancelTransfer', commandKey: 'vendor-key' })).toEqual({
      name: 'CancelTransfer',
      commandKey: 'vendor-key',
    });
    expect(() => commandsOfTask({ name: 'cancelTransfer' })).toThrow(
      'cancelTransfer takes taskId (the download task) or commandKey',
    );
    expect(rpcOfTask({ name: 'getAllQueuedTransfers' })).toEqual({
      name: 'GetAllQueuedTransfers',
    });
  });

  it('refreshes a subtree with its names (writability) and then its values', () => {
    expect(
      commandsOfTask({ name: 'refreshObject', objectName: 'Device.WiFi.' }).map((c) =>
        'rpc' in c ? c.rpc : c,
      ),
    ).toEqual([
      { name: 'GetParameterNames', parameterPath: 'Device.WiFi.', nextLevel: false },
      { name: 'GetParameterValues', parameterNames: ['Device.WiFi.'] },
    ]);
    expect(() => commandsOfTask({ name: 'refreshObject', objectName: 'Device.WiFi' })).toThrow(
      'objectName must end with "."',
    );
    expect(() =>
      commandsOfTask({ name: 'refreshObject', objectName: `Device.${'W'.repeat(300)}.` }),
    ).toThrow('no CPE could take this task: GetParameterNames: ParameterPath is longer than 256');
  });

  it('changes notification only, keeping the access list', () => {
    expect(
      rpcOfTask({ name: 'setParameterAttributes', parameterAttributes: [['Device.X', 1]] }),
    ).toEqual({
      name: 'SetParameterAttributes',
      parameterList: [
        {
          name: 'Device.X',
          notificationChange: true,
          notification: 1,
          accessListChange: false,
          accessList: [],
        },
      ],
    });
  });

  it.each([
    [
      { name: 'setParameterAttributes', parameterAttributes: [['Device.X', 9]] },
      'notification 0 to 6',
    ],
    [
      { name: 'setParameterValues', parameterValues: [['Device.X', 1, 'xsd:float']] },
      'must be one of xsd:string',
    ],
    [{ name: 'getParameterValues', parameterNames: [] }, 'non-empty array'],
    [{ name: 'frobnicate' }, 'unknown task name "frobnicate"'],
    ['reboot', 'a task is an object with a "name"'],
    [{ name: 'diagnostic', kind: 'ping', inputs: {} }, 'kind "ping" is not one of ipPing'],
    [{ name: 'diagnostic', kind: 'ipPing', inputs: {} }, 'inputs.Host is required'],
    [
      { name: 'diagnostic', kind: 'ipPing', inputs: { Host: 'h', NumberOfRepetitions: -3 } },
      'inputs.NumberOfRepetitions -3 is out of unsignedInt range',
    ],
  ])('refuses %j with a clear reason', (body, reason) => {
    expect(() => commandsOfTask(body)).toThrow(TaskValidationError);
    expect(() => commandsOfTask(body)).toThrow(reason);
  });
});

describe('diagnostic tasks', () => {
  it('carry the checked diagnostic instead of an RPC', () => {
    expect(
      commandsOfTask({
        name: 'diagnostic',
        kind: 'downloadDiagnostics',
        inputs: { DownloadURL: 'http://127.0.0.1/f' },
        timeoutMs: 5000,
      }),
    ).toEqual([
      {
        diagnostic: {
          kind: 'downloadDiagnostics',
          inputs: { DownloadURL: 'http://127.0.0.1/f' },
          timeoutMs: 5000,
        },
      },
    ]);
  });

  it('list the last N of each kind, newest first', () => {
    const at = new Date('2026-12-04T00:00:00Z');
    const task = (commandId: string, kind: 'ipPing' | 'traceRoute'): Task => ({
      commandId,
      deviceId: 'd',
      diagnostic: { kind, inputs: { Host: 'h' } },
      connectionRequest: false,
      source: 'nbi',
      createdAt: at,
      updatedAt: at,
      status: 'done',
      diagnosticResult: { kind, diagnosticsState: 'Complete', results: { SuccessCount: 1 } },
    });
    const views = latestDiagnostics(
      [task('p1', 'ipPing'), task('t1', 'traceRoute'), task('p2', 'ipPing'), task('p3', 'ipPing')],
      2,
    );
    expect(views.map((v) => v.commandId)).toEqual(['p3', 'p2', 't1']);
    expect(views[0]).toMatchObject({ diagnosticsState: 'Complete', results: { SuccessCount: 1 } });
  });
});

describe('commandIds', () => {
  it('fit a ParameterKey (32 characters); a task of several is known by its last', () => {
    const single = newTaskCommandIds(1);
    expect(single.commandIds).toEqual([single.taskId]);
    expect(single.commandTaskId).toBeUndefined();
    const refresh = newTaskCommandIds(2);
    const [names, values] = refresh.commandIds;
    for (const id of [single.taskId, names, values]) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(names).not.toBe(values);
    expect(refresh).toMatchObject({ taskId: values, commandTaskId: values });
  });

  it('map a result to its task by its taskId, never by the shape of its commandId', () => {
    const { taskId, commandIds } = newTaskCommandIds(2);
    const [names, values] = commandIds as [string, string];
    expect(taskIdOf({ commandId: names, taskId })).toBe(taskId);
    expect(endsTask({ commandId: names, taskId })).toBe(false);
    expect(endsTask({ commandId: values, taskId })).toBe(true);
    // What once was a refresh's values step by its prefix is a task of its own without taskId.
    const lookalike = `v${taskId.slice(1)}`;
    expect(taskIdOf({ commandId: lookalike })).toBe(lookalike);
    expect(endsTask({ commandId: lookalike })).toBe(true);
  });
});
