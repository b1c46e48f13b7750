import {
  topicSchemas,
  type CommandMessage,
  type ConnectionRequestMessage,
  type EventMessage,
  type InformMessage,
  type ResultMessage,
} from './messages';
import { validateMessage } from './validate';

const inform: InformMessage = {
  schemaVersion: 1,
  deviceId: '00259E-HG8245-4857544312345678',
  deviceIdStruct: {
    manufacturer: 'Huawei',
    oui: '00259E',
    productClass: 'HG8245',
    serialNumber: '4857544312345678',
  },
  events: [{ eventCode: '0 BOOTSTRAP', commandKey: '' }],
  parameterList: [
    { name: 'Device.DeviceInfo.SoftwareVersion', value: 'V3R017', type: 'xsd:string' },
  ],
  retryCount: 0,
  currentTime: '2026-11-25T10:00:00Z',
  sessionId: 's-1',
  gatewayId: 'gw-1',
  cwmpVersion: '1-0',
  remoteAddress: '192.0.2.10',
  time: '2026-11-25T10:00:00.123Z',
};

const command: CommandMessage = {
  schemaVersion: 1,
  commandId: 'c-1',
  deviceId: inform.deviceId,
  rpc: {
    name: 'SetParameterValues',
    parameterList: [{ name: 'Device.WiFi.SSID.1.SSID', value: 'home', type: 'xsd:string' }],
    parameterKey: 'c-1',
  },
  connectionRequest: true,
  source: 'nbi',
  createdAt: '2026-11-25T10:00:00Z',
};

const event: EventMessage = {
  schemaVersion: 1,
  deviceId: inform.deviceId,
  sessionId: 's-1',
  gatewayId: 'gw-1',
  time: '2026-11-25T10:00:00Z',
  rpc: {
    name: 'TransferComplete',
    commandKey: 'fw-1',
    faultStruct: { faultCode: 0, faultString: '' },
    startTime: '2026-11-25T09:59:00Z',
    completeTime: '2026-11-25T10:00:00Z',
  },
};

const result: ResultMessage = {
  schemaVersion: 1,
  commandId: 'c-1',
  deviceId: inform.deviceId,
  source: 'nbi',
  time: '2026-11-25T10:00:01Z',
  outcome: 'fault',
  fault: { faultCode: 9005, faultString: 'Invalid parameter name' },
};

const connectionRequest: ConnectionRequestMessage = {
  schemaVersion: 1,
  deviceId: inform.deviceId,
  commandIds: ['c-1', 'c-2'],
  outcome: 'failed',
  method: 'http',
  attempts: 3,
  error: 'HTTP 401 after Digest',
  gatewayId: 'gw-1',
  time: '2026-11-25T10:00:02Z',
};

const reasonOf = (topic: string, value: unknown): string => {
  const v = validateMessage(topic, value);
  return v.ok ? 'ok' : v.reason;
};

describe('validateMessage', () => {
  it.each([
    ['cwmp.inform', inform],
    ['cwmp.commands', command],
    ['cwmp.events', event],
    ['cwmp.results', result],
    ['cwmp.results', { ...result, outcome: 'done', response: { name: 'RebootResponse' } }],
    ['cwmp.commands', { ...command, rpc: { name: 'Reboot', commandKey: 'c-1' } }],
    ['cwmp.results', { ...result, rpc: command.rpc }],
    ['cwmp.results', { ...result, outcome: 'cancelled' }],
    [
      'cwmp.commands',
      {
        schemaVersion: 1,
        action: 'cancel',
        commandId: 'c-1',
        deviceId: inform.deviceId,
        source: 'oss',
        createdAt: '2026-11-25T10:00:00Z',
      },
    ],
    ['cwmp.connection-requests', connectionRequest],
    [
      'cwmp.connection-requests',
      { ...connectionRequest, outcome: 'sent', attempts: 1, error: undefined },
    ],
    [
      'cwmp.connection-requests',
      {
        ...connectionRequest,
        commandIds: [],
        method: undefined,
        attempts: 0,
        error: 'no ConnectionRequestURL known',
      },
    ],
  ])('accepts a well-formed %s message', (topic, value) => {
    expect(validateMessage(topic, value)).toEqual({ ok: true, value });
  });

  it('refuses an unknown schemaVersion and says which', () => {
    expect(reasonOf('cwmp.inform', { ...inform, schemaVersion: 2 })).toBe(
      'unsupported schemaVersion 2 (supported: 1)',
    );
    const { schemaVersion: _omitted, ...noVersion } = inform;
    expect(reasonOf('cwmp.inform', noVersion)).toMatch(/unsupported schemaVersion undefined/);
  });

  it('checks a cancel by its own shape: no RPC, but a commandId', () => {
    const cancel = {
      schemaVersion: 1,
      action: 'cancel',
      deviceId: inform.deviceId,
      source: 'oss',
      createdAt: '2026-11-25T10:00:00Z',
    };
    expect(reasonOf('cwmp.commands', cancel)).toBe('message.commandId must be a non-empty string');
  });

  it('refuses non-objects', () => {
    expect(reasonOf('cwmp.inform', 'hello')).toBe('message must be a JSON object');
    expect(reasonOf('cwmp.inform', [inform])).toBe('message must be a JSON object');
  });

  it('names the offending field', () => {
    expect(reasonOf('cwmp.inform', { ...inform, deviceId: '' })).toBe(
      'message.deviceId must be a non-empty string',
    );
    expect(reasonOf('cwmp.inform', { ...inform, retryCount: '0' })).toBe(
      'message.retryCount must be an integer',
    );
    expect(
      reasonOf('cwmp.inform', {
        ...inform,
        parameterList: [{ name: 'A.B', value: '1', type: 'xsd:float' }],
      }),
    ).toMatch(/^message\.parameterList\[0\]\.type must be one of xsd:string/);
    expect(reasonOf('cwmp.events', { ...event, time: 'yesterday' })).toBe(
      'message.time must be an ISO-8601 date-time',
    );
  });

  it('accepts only CWMP methods the ACS can call in a command, with their arguments', () => {
    expect(reasonOf('cwmp.commands', { ...command, rpc: { name: 'Frobnicate' } })).toBe(
      'message.rpc.name "Frobnicate" is not a CWMP method the ACS can call',
    );
    // Inform is a CWMP method, but one the CPE calls.
    expect(reasonOf('cwmp.commands', { ...command, rpc: { name: 'Inform' } })).toMatch(
      /is not a CWMP method the ACS can call/,
    );
    expect(reasonOf('cwmp.commands', { ...command, rpc: { name: 'GetParameterValues' } })).toBe(
      'message.rpc.parameterNames must be an array',
    );
  });

  it('checks optional fields only when present', () => {
    expect(reasonOf('cwmp.commands', { ...command, expiresAt: '2026-11-26T00:00:00Z' })).toBe('ok');
    expect(reasonOf('cwmp.commands', { ...command, expiresAt: 5 })).toBe(
      'message.expiresAt must be an ISO-8601 date-time',
    );
  });

  it('checks the outcome of a result', () => {
    expect(reasonOf('cwmp.results', { ...result, outcome: 'maybe' })).toBe(
      'message.outcome "maybe" is not a known outcome',
    );
    expect(reasonOf('cwmp.results', { ...result, fault: { faultCode: 'x' } })).toBe(
      'message.fault.faultCode must be an integer',
    );
  });

  it('checks the RPC a result carries like the RPC of a command', () => {
    expect(reasonOf('cwmp.results', { ...result, rpc: { name: 'Inform' } })).toBe(
      'message.rpc.name "Inform" is not a CWMP method the ACS can call',
    );
    expect(
      reasonOf('cwmp.results', { ...result, rpc: { name: 'AddObject', objectName: 'A.' } }),
    ).toBe('message.rpc.parameterKey must be a string');
  });

  it('takes a diagnostic instead of an RPC in a command, and its results in a result', () => {
    const { rpc: _rpc, ...common } = command;
    const diagnostic = { kind: 'ipPing', inputs: { Host: '127.0.0.1', NumberOfRepetitions: 3 } };
    expect(reasonOf('cwmp.commands', { ...common, diagnostic })).toBe('ok');
    expect(
      reasonOf('cwmp.commands', { ...common, diagnostic: { ...diagnostic, timeoutMs: 5000 } }),
    ).toBe('ok');
    expect(reasonOf('cwmp.commands', { ...command, diagnostic })).toBe(
      'message must carry either rpc or diagnostic, not both',
    );
    expect(
      reasonOf('cwmp.commands', { ...common, diagnostic: { ...diagnostic, kind: 'ping' } }),
    ).toMatch(/^message.diagnostic.kind must be one of ipPing, traceRoute/);
    expect(
      reasonOf('cwmp.commands', { ...common, diagnostic: { ...diagnostic, inputs: { Host: [] } } }),
    ).toBe('message.diagnostic.inputs.Host must be a string, number or boolean');
    expect(reasonOf('cwmp.commands', common)).toBe('message.rpc must be an object');
    const diagnosticResult = {
      kind: 'ipPing',
      diagnosticsState: 'Complete',
      results: { SuccessCount: 3 },
    };
    expect(reasonOf('cwmp.results', { ...result, diagnosticResult })).toBe('ok');
    expect(reasonOf('cwmp.results', { ...result, outcome: 'expired', reason: 'too late' })).toBe(
      'ok',
    );
    expect(
      reasonOf('cwmp.events', { ...event, rpc: { name: 'DiagnosticsComplete', commandId: 'c-1' } }),
    ).toBe('ok');
  });

  it('checks a connection-request message', () => {
    expect(reasonOf('cwmp.connection-requests', { ...connectionRequest, outcome: 'queued' })).toBe(
      'message.outcome must be one of sent, failed',
    );
    expect(reasonOf('cwmp.connection-requests', { ...connectionRequest, method: 'xmpp' })).toBe(
      'message.method must be one of http, udp',
    );
    expect(reasonOf('cwmp.connection-requests', { ...connectionRequest, commandIds: 'c-1' })).toBe(
      'message.commandIds must be an array',
    );
    expect(
      reasonOf('cwmp.connection-requests', { ...connectionRequest, commandIds: ['c-1', ''] }),
    ).toBe('message.commandIds[1] must be a non-empty string');
    expect(reasonOf('cwmp.connection-requests', { ...connectionRequest, attempts: 1.5 })).toBe(
      'message.attempts must be an integer',
    );
    expect(reasonOf('cwmp.connection-requests', { ...connectionRequest, error: 401 })).toBe(
      'message.error must be a string',
    );
    expect(reasonOf('cwmp.connection-requests', { ...connectionRequest, gatewayId: '' })).toBe(
      'message.gatewayId must be a non-empty string',
    );
  });

  it('names a missing field and the field inside a nested union', () => {
    const { oui: _oui, ...noOui } = inform.deviceIdStruct;
    expect(reasonOf('cwmp.inform', { ...inform, deviceIdStruct: noOui })).toBe(
      'message.deviceIdStruct.oui must be a non-empty string',
    );
    const changeDuState = { name: 'ChangeDUState', commandKey: 'c-1' };
    expect(
      reasonOf('cwmp.commands', {
        ...command,
        rpc: { ...changeDuState, operations: [{ op: 'Move', uuid: 'u' }] },
      }),
    ).toBe('message.rpc.operations[0].op "Move" is not a deployment unit operation');
    expect(
      reasonOf('cwmp.commands', {
        ...command,
        rpc: { ...changeDuState, operations: [{ op: 'Uninstall', uuid: 'u', version: 1 }] },
      }),
    ).toBe('message.rpc.operations[0].version must be a string');
  });

  it('names the fields of a result before its outcome', () => {
    expect(reasonOf('cwmp.results', { schemaVersion: 1, outcome: 'maybe' })).toBe(
      'message.deviceId must be a non-empty string',
    );
  });

  it('tolerates fields it does not know and leaves the message as it came', () => {
    const withExtra = { ...command, priority: 5, rpc: { ...command.rpc, vendor: true } };
    expect(validateMessage('cwmp.commands', withExtra)).toEqual({ ok: true, value: withExtra });
  });

  it('counts a non-empty string by its length, astral characters included', () => {
    // One code point, two UTF-16 units: non-empty either way.
    const astral = { ...inform, sessionId: '\u{1F4E1}' };
    expect(validateMessage('cwmp.inform', astral)).toEqual({ ok: true, value: astral });
    expect(reasonOf('cwmp.inform', { ...inform, sessionId: '' })).toBe(
      'message.sessionId must be a non-empty string',
    );
    // Lengths are compared in UTF-16 units, where a limit other than minLength 1 would count
    // an astral character twice: none is declared.
    const limits: unknown[] = [];
    const walk = (schema: unknown): void => {
      if (typeof schema !== 'object' || schema === null) return;
      const { minLength, maxLength } = schema as { minLength?: unknown; maxLength?: unknown };
      if (minLength !== undefined) limits.push(minLength);
      if (maxLength !== undefined) limits.push(maxLength);
      Object.values(schema).forEach(walk);
    };
    walk(topicSchemas);
    expect(limits.length).toBeGreaterThan(0);
    expect(new Set(limits)).toEqual(new Set([1]));
  });

  it('has no schema for topics that do not carry JSON messages', () => {
    expect(reasonOf('usp.requests', {})).toBe('no JSON schema for topic usp.requests');
  });
});
