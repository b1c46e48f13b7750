import { DIAGNOSTIC_KINDS, validateMessage } from '@meridian/contracts';
import { loadDataModel } from '@meridian/data-model';
import {
  DIAGNOSTIC_OBJECTS,
  REQUIRED_INPUTS,
  dataModelOf,
  diagnosticObjectPath,
  parseResults,
  requestParameters,
  validateDiagnostic,
} from '../src';

const reasonOf = (body: unknown): string => {
  const checked = validateDiagnostic(body);
  return checked.ok ? 'ok' : checked.reason;
};

describe('validateDiagnostic', () => {
  it('accepts TR-181 inputs with JSON types', () => {
    expect(
      validateDiagnostic({
        kind: 'ipPing',
        inputs: { Host: '127.0.0.1', NumberOfRepetitions: 3, Timeout: 1000 },
      }),
    ).toEqual({
      ok: true,
      value: {
        kind: 'ipPing',
        inputs: { Host: '127.0.0.1', NumberOfRepetitions: 3, Timeout: 1000 },
      },
    });
  });

  it('names the field of every bad input', () => {
    expect(reasonOf({ kind: 'ping', inputs: {} })).toMatch(/^kind "ping" is not one of ipPing/);
    expect(reasonOf({ kind: 'ipPing', inputs: {} })).toBe('inputs.Host is required');
    expect(reasonOf({ kind: 'ipPing', inputs: { Host: 'a', NumberOfRepetitions: -1 } })).toBe(
      'inputs.NumberOfRepetitions -1 is out of unsignedInt range',
    );
    expect(reasonOf({ kind: 'ipPing', inputs: { Host: 'a', NumberOfRepetitions: '3' } })).toBe(
      'inputs.NumberOfRepetitions must be an integer (unsignedInt)',
    );
    expect(reasonOf({ kind: 'ipPing', inputs: { Host: 'a', Colour: 'red' } })).toBe(
      'inputs.Colour is not an input of Device.IP.Diagnostics.IPPing.',
    );
    expect(reasonOf({ kind: 'ipPing', inputs: { Host: 'a', SuccessCount: 1 } })).toMatch(
      /^inputs.SuccessCount is not an input/,
    );
    expect(
      reasonOf({ kind: 'ipPing', inputs: { Host: 'a', DiagnosticsState: 'Requested' } }),
    ).toMatch(/^inputs.DiagnosticsState is not an input/);
    expect(reasonOf({ kind: 'udpEcho', inputs: { Host: 'a', Port: 70000 } })).toMatch(
      /^inputs.Port 70000 is above maximum 65535/,
    );
    expect(reasonOf({ kind: 'ipPing', inputs: { Host: 'a' }, timeoutMs: 0 })).toMatch(
      /^timeoutMs must be a positive integer/,
    );
  });
});

describe('the diagnostics objects', () => {
  it('exist in the data models with their required inputs', () => {
    for (const kind of DIAGNOSTIC_KINDS) {
      for (const model of ['tr-181', 'tr-098'] as const) {
        const path = diagnosticObjectPath(kind, model);
        if (path === undefined) continue;
        const meta = loadDataModel(model).object(path);
        expect(meta?.parameters.map((p) => p.name)).toContain('DiagnosticsState');
        if (model === 'tr-181') {
          for (const input of REQUIRED_INPUTS[kind])
            expect(loadDataModel(model).parameter(path + input)?.writable).toBe(true);
        }
      }
    }
    expect(Object.keys(DIAGNOSTIC_OBJECTS)).toEqual([...DIAGNOSTIC_KINDS]);
  });

  it('finds the root model from Inform parameter names', () => {
    expect(dataModelOf(['Device.DeviceInfo.SoftwareVersion'])).toBe('tr-181');
    expect(dataModelOf(['InternetGatewayDevice.DeviceInfo.SoftwareVersion'])).toBe('tr-098');
    expect(dataModelOf([])).toBeUndefined();
  });
});

describe('requestParameters', () => {
  const ping = { kind: 'ipPing' as const, inputs: { Host: '127.0.0.1', NumberOfRepetitions: 3 } };

  it('sets the inputs then DiagnosticsState on the TR-181 object', () => {
    expect(requestParameters(ping, 'tr-181')).toEqual({
      ok: true,
      value: [
        { name: 'Device.IP.Diagnostics.IPPing.Host', value: '127.0.0.1', type: 'xsd:string' },
        {
          name: 'Device.IP.Diagnostics.IPPing.NumberOfRepetitions',
          value: '3',
          type: 'xsd:unsignedInt',
        },
        {
          name: 'Device.IP.Diagnostics.IPPing.DiagnosticsState',
          value: 'Requested',
          type: 'xsd:string',
        },
      ],
    });
  });

  it('maps to the TR-098 object, and refuses what TR-098 lacks', () => {
    const checked = requestParameters(ping, 'tr-098');
    expect(checked.ok && checked.value.map((p) => p.name)).toEqual([
      'InternetGatewayDevice.IPPingDiagnostics.Host',
      'InternetGatewayDevice.IPPingDiagnostics.NumberOfRepetitions',
      'InternetGatewayDevice.IPPingDiagnostics.DiagnosticsState',
    ]);
    expect(
      requestParameters(
        { kind: 'ipPing', inputs: { Host: 'a', ProtocolVersion: 'IPv4' } },
        'tr-098',
      ),
    ).toEqual({
      ok: false,
      reason:
        'inputs.ProtocolVersion is not an input of InternetGatewayDevice.IPPingDiagnostics. (tr-098)',
    });
    expect(
      requestParameters({ kind: 'udpEcho', inputs: { Host: 'a', Port: 7 } }, 'tr-098'),
    ).toEqual({ ok: false, reason: 'udpEcho has no diagnostics object in tr-098' });
  });
});

describe('parseResults', () => {
  it('types a complete ping under TR-181 names, without the inputs', () => {
    const base = 'Device.IP.Diagnostics.IPPing.';
    const parsed = parseResults('ipPing', 'tr-181', [
      { name: `${base}DiagnosticsState`, value: 'Complete', type: 'xsd:string' },
      { name: `${base}Host`, value: '127.0.0.1', type: 'xsd:string' },
      { name: `${base}SuccessCount`, value: '3', type: 'xsd:unsignedInt' },
      { name: `${base}AverageResponseTime`, value: '1', type: 'xsd:unsignedInt' },
      { name: `${base}IPAddressUsed`, value: '127.0.0.1', type: 'xsd:string' },
    ]);
    expect(parsed).toEqual({
      status: 'complete',
      result: {
        kind: 'ipPing',
        diagnosticsState: 'Complete',
        results: { SuccessCount: 3, AverageResponseTime: 1, IPAddressUsed: '127.0.0.1' },
      },
    });
  });

  it('gives TR-098 trace route hops as rows with TR-181 names and RTTimes as numbers', () => {
    const base = 'InternetGatewayDevice.TraceRouteDiagnostics.';
    const parsed = parseResults('traceRoute', 'tr-098', [
      { name: `${base}DiagnosticsState`, value: 'Complete', type: 'xsd:string' },
      { name: `${base}ResponseTime`, value: '4', type: 'xsd:unsignedInt' },
      { name: `${base}RouteHops.2.HopHost`, value: 'b', type: 'xsd:string' },
      { name: `${base}RouteHops.2.HopRTTimes`, value: '3,4', type: 'xsd:string' },
      { name: `${base}RouteHops.1.HopHost`, value: 'a', type: 'xsd:string' },
      { name: `${base}RouteHops.1.HopErrorCode`, value: '0', type: 'xsd:unsignedInt' },
    ]);
    expect(parsed.result.results).toEqual({
      ResponseTime: 4,
      RouteHops: [
        { Host: 'a', ErrorCode: 0 },
        { Host: 'b', RTTimes: [3, 4] },
      ],
    });
  });

  it('keeps as text what the CPE sent for a number that is none, so the result stays valid', () => {
    const base = 'Device.IP.Diagnostics.TraceRoute.';
    const parsed = parseResults('traceRoute', 'tr-181', [
      { name: `${base}DiagnosticsState`, value: 'Complete', type: 'xsd:string' },
      { name: `${base}ResponseTime`, value: 'n/a', type: 'xsd:unsignedInt' },
      { name: `${base}RouteHops.1.RTTimes`, value: '3,*', type: 'xsd:string' },
    ]);
    expect(parsed.result.results).toEqual({
      ResponseTime: 'n/a',
      RouteHops: [{ RTTimes: ['3', '*'] }],
    });
    const result = {
      schemaVersion: 1,
      commandId: 'c-1',
      deviceId: 'D1',
      source: 'nbi',
      time: '2026-11-25T10:00:00Z',
      outcome: 'done',
      response: { name: 'GetParameterValuesResponse', parameterList: [] },
      diagnosticResult: parsed.result,
    };
    expect(validateMessage('cwmp.results', JSON.parse(JSON.stringify(result)))).toMatchObject({
      ok: true,
    });
  });

  it('tells errors and running tests apart', () => {
    const state = (value: string) =>
      parseResults('downloadDiagnostics', 'tr-098', [
        {
          name: 'InternetGatewayDevice.DownloadDiagnostics.DiagnosticsState',
          value,
          type: 'xsd:string',
        },
      ]).status;
    expect(state('Completed')).toBe('complete');
    expect(state('Error_InitConnectionFailed')).toBe('error');
    expect(state('None')).toBe('error');
    expect(state('Requested')).toBe('running');
  });
});
