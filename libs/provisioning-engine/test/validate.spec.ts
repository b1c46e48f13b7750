import { parsePreset, PresetError, presetNameProblem, validatePresetBody } from '../src';

const errorsOf = (body: unknown): string[] => {
  const result = validatePresetBody(body);
  return result.ok ? [] : result.errors;
};

describe('validatePresetBody', () => {
  it('accepts a full preset and fills the defaults', () => {
    const result = validatePresetBody({
      actions: [
        {
          type: 'setParameterValues',
          parameters: [{ path: 'Device.WiFi.SSID.1.SSID', value: 'corp', type: 'xsd:string' }],
        },
        {
          type: 'ensureInstances',
          object: 'Device.NAT.PortMapping.',
          count: 1,
          match: { Description: 'voip' },
          values: { 'X_ACME_Opt.Enable': 'true' },
        },
        { type: 'refresh', path: 'Device.WiFi.' },
        { type: 'setNotification', parameters: [{ path: 'Device.WiFi.', notification: 2 }] },
        { type: 'download', file: 'fw.bin' },
        { type: 'addTag', tag: 'corp' },
        { type: 'removeTag', tag: 'new' },
        { type: 'reboot' },
      ],
    });
    expect(result).toMatchObject({ ok: true, value: { weight: 0, events: [], precondition: {} } });
    expect(result.ok && result.value.actions).toHaveLength(8);
  });

  it('names the JSON path of each problem', () => {
    expect(
      errorsOf({
        weight: 'heavy',
        events: ['1 BOOT', ''],
        actions: [
          { type: 'reboot' },
          { type: 'addTag', tag: 'x' },
          { type: 'setParameterValues', parameters: [{ path: 'Device.X.Y', value: 5 }] },
        ],
      }),
    ).toEqual([
      'weight must be a number',
      'events[1] must not be empty',
      'actions[2].parameters[0].value must be a string',
    ]);
  });

  it('requires actions and rejects unknown fields', () => {
    expect(errorsOf({ weigth: 1 })).toEqual([
      'weigth is not a known field (known: weight, events, precondition, actions)',
      'actions is required',
    ]);
    expect(errorsOf({ actions: [{ type: 'reboot', delay: 3 }] })).toEqual([
      'actions[0].delay is not a known field (known: type)',
    ]);
    expect(errorsOf({ actions: [{ type: 'factoryReset' }] })).toEqual([
      'actions[0].type must be one of setParameterValues, ensureInstances, refresh, setNotification, reboot, download, vendorConfig, addTag, removeTag, setCredentials',
    ]);
    expect(errorsOf([])).toEqual(['body must be an object']);
  });

  it('checks TR-069 names: parameters, objects ending with ".", tables', () => {
    expect(
      errorsOf({
        actions: [
          {
            type: 'setParameterValues',
            parameters: [
              { path: 'Device.WiFi.', value: 'x' },
              { path: 'Device..X', value: 'y' },
            ],
          },
          { type: 'refresh', path: 'Device.WiFi' },
          {
            type: 'ensureInstances',
            object: 'Device.NAT.PortMapping.1.',
            count: 1,
            match: { 'Bad Name': 'x' },
          },
          {
            type: 'setNotification',
            parameters: [{ path: 'Device.WiFi.SSID.1.SSID', notification: 4 }],
          },
        ],
      }),
    ).toEqual([
      'actions[0].parameters[0].path must be a TR-069 parameter name such as "Device.DeviceInfo.SoftwareVersion", not "Device.WiFi."',
      'actions[0].parameters[1].path must be a TR-069 parameter name such as "Device.DeviceInfo.SoftwareVersion", not "Device..X"',
      'actions[1].path must be a TR-069 object name ending with "." such as "Device.WiFi.", not "Device.WiFi"',
      'actions[2].object must be a multi-instance object name ending with "." such as "Device.WiFi.SSID.", not "Device.NAT.PortMapping.1."',
      'actions[2].match.Bad Name must be a relative parameter name such as "SSID" or "X_Vendor.Enable"',
      'actions[3].parameters[0].notification must be 0 (off), 1 (passive) or 2 (active)',
    ]);
  });

  it('checks counts, types, duplicates and empty lists', () => {
    expect(
      errorsOf({
        actions: [
          { type: 'ensureInstances', object: 'Device.NAT.PortMapping.', count: 1.5, match: {} },
          { type: 'ensureInstances', object: 'Device.NAT.PortMapping.', count: -1, match: {} },
          {
            type: 'setParameterValues',
            parameters: [{ path: 'Device.A.B', value: '1', type: 'xsd:integer' }],
          },
          {
            type: 'setParameterValues',
            parameters: [
              { path: 'Device.A.B', value: '1' },
              { path: 'Device.A.B', value: '2' },
            ],
          },
          { type: 'setParameterValues', parameters: [] },
          { type: 'download', file: '' },
        ],
      }),
    ).toEqual([
      'actions[0].count must be an integer >= 0',
      'actions[1].count must be an integer >= 0',
      'actions[2].parameters[0].type must be one of xsd:string, xsd:int, xsd:unsignedInt, xsd:boolean, xsd:dateTime, xsd:base64, xsd:long, xsd:unsignedLong, xsd:hexBinary',
      'actions[4].parameters must not be empty',
      'actions[5].file must not be empty',
      'actions[3].parameters[0].path repeats "Device.A.B", already set by actions[2].parameters[0]',
      'actions[3].parameters[1].path repeats "Device.A.B", already set by actions[2].parameters[0]',
    ]);
  });

  it('checks value tests: exactly one operator, operand types, regexes that compile', () => {
    expect(
      errorsOf({
        precondition: {
          manufacturer: { eq: 'Acme', ne: 'Globex' },
          oui: {},
          productClass: { in: ['Router', 3] },
          serialNumber: { regex: '(' },
          softwareVersion: { versionGte: 2 },
          hardwareVersion: { exists: 'yes' },
          tags: 'corp',
          parameters: [{ path: 'Device.WiFi.', test: { eq: 'x' } }],
          model: { eq: 'x' },
        },
        actions: [],
      }),
    ).toEqual([
      'precondition.model is not a known field (known: manufacturer, oui, productClass, serialNumber, softwareVersion, hardwareVersion, tags, notTags, parameters)',
      'precondition.manufacturer must have exactly one operator of eq, ne, in, prefix, regex, exists, versionLt, versionGte (found 2)',
      'precondition.oui must have exactly one operator of eq, ne, in, prefix, regex, exists, versionLt, versionGte (found 0)',
      'precondition.productClass.in[1] must be a string',
      expect.stringMatching(
        /^precondition\.serialNumber\.regex is not a valid regular expression: /,
      ),
      'precondition.softwareVersion.versionGte must be a string',
      'precondition.hardwareVersion.exists must be true or false',
      'precondition.tags must be an array',
      'precondition.parameters[0].path must be a TR-069 parameter name such as "Device.DeviceInfo.SoftwareVersion", not "Device.WiFi."',
    ]);
  });
});

describe('parsePreset', () => {
  const stored = {
    name: 'wifi',
    version: 3,
    weight: 5,
    events: ['1 BOOT'],
    precondition: { tags: ['corp'] },
    configurations: [{ type: 'addTag', tag: 'seen' }],
  };

  it('reads the stored form, actions from configurations', () => {
    expect(parsePreset(stored)).toEqual({
      name: 'wifi',
      version: 3,
      weight: 5,
      events: ['1 BOOT'],
      precondition: { tags: ['corp'] },
      actions: [{ type: 'addTag', tag: 'seen' }],
    });
    expect(parsePreset({ ...stored, precondition: null }).precondition).toEqual({});
  });

  it('throws a PresetError listing the problems', () => {
    expect(() => parsePreset({ ...stored, configurations: [{ type: 'addTag' }] })).toThrow(
      new PresetError('wifi', ['actions[0].tag must be a string']),
    );
    expect(() => parsePreset({ ...stored, name: 'discovery' })).toThrow(PresetError);
    expect(presetNameProblem('discovery')).toBe('the preset name "discovery" is reserved');
    expect(presetNameProblem('wifi')).toBeUndefined();
  });
});
