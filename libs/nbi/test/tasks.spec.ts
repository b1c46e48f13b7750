import {
  isLastCommandOfTask,
  isRefreshTaskId,
  newCommandId,
  newRefreshCommandIds,
  taskIdOf,
} from '../src/command-ids';
import { TaskValidationError, commandsOfTask } from '../src/tasks';

const rpcOfTask = (body: unknown) => {
  const commands = commandsOfTask(body);
  expect(commands).toHaveLength(1);
  return commands[0];
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

  it('refreshes a subtree with its names (writability) and then its values', () => {
    expect(commandsOfTask({ name: 'refreshObject', objectName: 'Device.WiFi.' })).toEqual([
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
  ])('refuses %j with a clear reason', (body, reason) => {
    expect(() => commandsOfTask(body)).toThrow(TaskValidationError);
    expect(() => commandsOfTask(body)).toThrow(reason);
  });
});

describe('commandIds', () => {
  it('fit a ParameterKey (32 characters) and a refresh values step maps back to its task', () => {
    const single = newCommandId();
    const [names, values] = newRefreshCommandIds();
    for (const id of [single, names, values]) expect(id).toHaveLength(32);
    expect(values).not.toBe(names);
    expect(taskIdOf(values)).toBe(names);
    expect(taskIdOf(names)).toBe(names);
    expect(taskIdOf(single)).toBe(single);
  });

  it('end the task with the values step, not the names step, of a refresh', () => {
    const [names, values] = newRefreshCommandIds();
    expect(isRefreshTaskId(names)).toBe(true);
    expect(isLastCommandOfTask(names)).toBe(false);
    expect(isLastCommandOfTask(values)).toBe(true);
    expect(isLastCommandOfTask(newCommandId())).toBe(true);
    expect(isRefreshTaskId(newCommandId())).toBe(false);
  });

  it('never take a one-command id for a refresh step', () => {
    // Hex digits only: an id of another producer starting with "v" but not of this shape is left alone.
    expect(taskIdOf('v-provisioning-7')).toBe('v-provisioning-7');
    expect(isRefreshTaskId('r'.padEnd(32, 'z'))).toBe(false);
  });
});
