import { TaskValidationError, rpcOfTask } from '../src/tasks';

describe('rpcOfTask', () => {
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

  it('refreshes a subtree with a partial-path GetParameterValues', () => {
    expect(rpcOfTask({ name: 'refreshObject', objectName: 'Device.WiFi.' })).toEqual({
      name: 'GetParameterValues',
      parameterNames: ['Device.WiFi.'],
    });
    expect(() => rpcOfTask({ name: 'refreshObject', objectName: 'Device.WiFi' })).toThrow(
      'objectName must end with "."',
    );
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
    expect(() => rpcOfTask(body)).toThrow(TaskValidationError);
    expect(() => rpcOfTask(body)).toThrow(reason);
  });
});
