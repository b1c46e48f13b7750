import type {
  CpeMethodResponse,
  CwmpFault,
  EventStruct,
  Inform,
  ParameterValue,
} from '@meridian/cwmp';
import { SCHEMA_VERSION, type CommandMessage, type DiagnosticRequest } from '@meridian/contracts';
import { cwmpFault } from '@meridian/cwmp';
import { DIAGNOSTIC_ERROR_FAULT } from '@meridian/diagnostics';
import { reduceSession, wireKeyOf, type AwaitedDiagnostic } from '../src';
import {
  DEVICE_ID,
  EMPTY,
  T0,
  config,
  effectKinds,
  envelope,
  gpv,
  inform,
  results,
} from './fixtures';

const PING: DiagnosticRequest = {
  kind: 'ipPing',
  inputs: { Host: '127.0.0.1', NumberOfRepetitions: 3 },
  timeoutMs: 10_000,
};

function diagnostic(commandId: string, request: DiagnosticRequest = PING): CommandMessage {
  return {
    schemaVersion: SCHEMA_VERSION,
    commandId,
    deviceId: DEVICE_ID,
    diagnostic: request,
    connectionRequest: false,
    source: 'nbi',
    createdAt: '2026-11-25T19:59:00.000Z',
  };
}

const root = (model: 'Device' | 'InternetGatewayDevice', key = ''): ParameterValue[] => [
  { name: `${model}.ManagementServer.ParameterKey`, value: key, type: 'xsd:string' },
];

const events = (...codes: string[]): EventStruct[] =>
  codes.map((eventCode) => ({ eventCode, commandKey: '' }));

/** A session of its own: Inform, empty POST, then the CPE's answers; the replies in order. */
function session(
  queue: CommandMessage[],
  informOf: Partial<Inform>,
  answers: (CpeMethodResponse | CwmpFault)[],
  options: { now?: number; awaited?: AwaitedDiagnostic } = {},
) {
  const now = options.now ?? T0;
  const step = (
    state: Parameters<typeof reduceSession>[0],
    message: Parameters<typeof reduceSession>[1]['message'],
  ) =>
    reduceSession(
      state,
      {
        message,
        newSessionId: 'S1',
        remoteAddress: '192.0.2.7',
        queue,
        awaited: options.awaited ?? null,
      },
      config,
      now,
    );
  const steps = [step(null, envelope(inform(informOf), { id: 'inf' }))];
  steps.push(step(steps[0]!.state, EMPTY));
  for (const answer of answers)
    steps.push(step(steps.at(-1)!.state, envelope(answer, { id: 'x' })));
  return {
    steps,
    sent: steps.flatMap((s) => (s.reply.kind === 'envelope' ? [s.reply.envelope.body] : [])),
    effects: steps.flatMap((s) => s.effects),
    last: steps.at(-1)!,
  };
}

const pingResults = (state: string): CpeMethodResponse => ({
  name: 'GetParameterValuesResponse',
  parameterList: [
    { name: 'Device.IP.Diagnostics.IPPing.DiagnosticsState', value: state, type: 'xsd:string' },
    { name: 'Device.IP.Diagnostics.IPPing.Host', value: '127.0.0.1', type: 'xsd:string' },
    { name: 'Device.IP.Diagnostics.IPPing.SuccessCount', value: '3', type: 'xsd:unsignedInt' },
    {
      name: 'Device.IP.Diagnostics.IPPing.AverageResponseTime',
      value: '2',
      type: 'xsd:unsignedInt',
    },
  ],
});

describe('a diagnostic command across two sessions', () => {
  it('requests the test on the TR-181 object with ParameterKey = commandId, then ends the session', () => {
    const { sent, effects, last } = session(
      [diagnostic('d1'), gpv('g2')],
      { parameterList: root('Device') },
      [{ name: 'SetParameterValuesResponse', status: 0 }],
    );

    expect(sent[1]).toEqual({
      name: 'SetParameterValues',
      parameterList: [
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
      parameterKey: 'd1',
    });
    // No result yet, the command stays queued, and g2 waits behind it: the CPE runs the test
    // once this session is over.
    expect(last.reply).toEqual({ kind: 'noContent' });
    expect(results(effects)).toEqual([]);
    expect(effectKinds(effects)).not.toContain('removeCommand');
    expect(effects).toContainEqual({
      kind: 'awaitCompletion',
      deviceId: DEVICE_ID,
      commandId: 'd1',
      deadline: T0 + 10_000,
    });
  });

  it('uses the TR-098 object on an InternetGatewayDevice', () => {
    const { sent } = session(
      [diagnostic('d1')],
      { parameterList: root('InternetGatewayDevice') },
      [],
    );

    expect(sent[1]).toMatchObject({
      name: 'SetParameterValues',
      parameterList: [
        { name: 'InternetGatewayDevice.IPPingDiagnostics.Host' },
        { name: 'InternetGatewayDevice.IPPingDiagnostics.NumberOfRepetitions' },
        { name: 'InternetGatewayDevice.IPPingDiagnostics.DiagnosticsState', value: 'Requested' },
      ],
    });
  });

  it('reads the results in the 8 DIAGNOSTICS COMPLETE session and ends done with typed JSON', () => {
    const awaited = { commandId: 'd1', deadline: T0 + 10_000 };
    const { sent, effects } = session(
      [diagnostic('d1'), gpv('g2')],
      { parameterList: root('Device', 'd1'), event: events('8 DIAGNOSTICS COMPLETE') },
      [pingResults('Complete'), { name: 'GetParameterValuesResponse', parameterList: [] }],
      { now: T0 + 3_000, awaited },
    );

    expect(sent[1]).toEqual({
      name: 'GetParameterValues',
      parameterNames: ['Device.IP.Diagnostics.IPPing.'],
    });
    expect(results(effects)[0]).toMatchObject({
      commandId: 'd1',
      outcome: 'done',
      rpc: { name: 'GetParameterValues' },
      diagnosticResult: {
        kind: 'ipPing',
        diagnosticsState: 'Complete',
        results: { SuccessCount: 3, AverageResponseTime: 2 },
      },
    });
    expect(effects).toContainEqual({
      kind: 'clearCompletion',
      deviceId: DEVICE_ID,
      commandId: 'd1',
    });
    // The queue goes on in the same session.
    expect(sent[2]).toMatchObject({
      name: 'GetParameterValues',
      parameterNames: ['Device.DeviceInfo.'],
    });
    expect(effects).toContainEqual(
      expect.objectContaining({
        kind: 'publish',
        topic: 'cwmp.events',
        message: expect.objectContaining({ rpc: { name: 'DiagnosticsComplete', commandId: 'd1' } }),
      }),
    );
  });

  it("ends fault with the CPE's Error_ state", () => {
    const { effects } = session(
      [diagnostic('d1')],
      { parameterList: root('Device', 'd1'), event: events('8 DIAGNOSTICS COMPLETE') },
      [pingResults('Error_CannotResolveHostName')],
      { awaited: { commandId: 'd1', deadline: T0 + 10_000 } },
    );

    expect(results(effects)).toEqual([
      expect.objectContaining({
        outcome: 'fault',
        fault: { faultCode: DIAGNOSTIC_ERROR_FAULT, faultString: 'Error_CannotResolveHostName' },
        diagnosticResult: expect.objectContaining({
          diagnosticsState: 'Error_CannotResolveHostName',
        }),
      }),
    ]);
  });

  it('ends fault, and stops awaiting, when the CPE faults the read of the results', () => {
    const { effects } = session(
      [diagnostic('d1')],
      { parameterList: root('Device', 'd1') },
      [cwmpFault(9002, 'Internal error')],
      { awaited: { commandId: 'd1', deadline: T0 + 10_000 } },
    );

    expect(results(effects)).toEqual([
      expect.objectContaining({
        outcome: 'fault',
        fault: { faultCode: 9002, faultString: 'Internal error' },
      }),
    ]);
    expect(effects).toContainEqual({
      kind: 'clearCompletion',
      deviceId: DEVICE_ID,
      commandId: 'd1',
    });
  });

  it('keeps waiting, and keeps the queue behind it, while the test still runs', () => {
    const { effects, last } = session(
      [diagnostic('d1'), gpv('g2')],
      { parameterList: root('Device', 'd1') },
      [pingResults('Requested')],
      { awaited: { commandId: 'd1', deadline: T0 + 10_000 } },
    );

    expect(results(effects)).toEqual([]);
    expect(last.reply).toEqual({ kind: 'noContent' });
  });

  it('ends expired after its deadline, with the reason, and releases the queue', () => {
    const { sent, effects } = session(
      [diagnostic('d1'), gpv('g2')],
      { parameterList: root('Device', 'd1') },
      [],
      { now: T0 + 10_001, awaited: { commandId: 'd1', deadline: T0 + 10_000 } },
    );

    expect(results(effects)).toEqual([
      expect.objectContaining({
        commandId: 'd1',
        outcome: 'expired',
        reason: expect.stringMatching(
          /^ipPing: the CPE did not report 8 DIAGNOSTICS COMPLETE within 10000 ms/,
        ),
      }),
    ]);
    expect(effectKinds(effects)).toEqual(
      expect.arrayContaining(['clearCompletion', 'removeCommand']),
    );
    expect(sent[1]).toMatchObject({
      name: 'GetParameterValues',
      parameterNames: ['Device.DeviceInfo.'],
    });
  });

  it('after a crash lost the await record, the ParameterKey proves the request: await, do not resend', () => {
    const { sent, effects } = session(
      [diagnostic('d1')],
      { parameterList: root('Device', 'd1'), event: events('8 DIAGNOSTICS COMPLETE') },
      [pingResults('Complete')],
      { now: T0 },
    );

    expect(effects).toContainEqual({
      kind: 'awaitCompletion',
      deviceId: DEVICE_ID,
      commandId: 'd1',
      deadline: T0 + 10_000,
    });
    expect(sent[1]).toMatchObject({ name: 'GetParameterValues' });
    expect(results(effects)).toEqual([expect.objectContaining({ outcome: 'done' })]);
  });

  it('requests under the wire key of a long commandId, and recovers by that key after a crash', () => {
    const long = `nbi:${'t'.repeat(120)}:0`;
    const key = wireKeyOf(long);
    expect(key).not.toBe(long);

    const requested = session([diagnostic(long)], { parameterList: root('Device') }, [
      { name: 'SetParameterValuesResponse', status: 0 },
    ]);
    expect(requested.sent[1]).toMatchObject({ name: 'SetParameterValues', parameterKey: key });

    // The CPE reports the key it was given, never the commandId itself.
    const recovered = session(
      [diagnostic(long)],
      { parameterList: root('Device', key), event: events('8 DIAGNOSTICS COMPLETE') },
      [pingResults('Complete')],
    );
    expect(recovered.sent[1]).toMatchObject({ name: 'GetParameterValues' });
    expect(results(recovered.effects)).toEqual([
      expect.objectContaining({ commandId: long, outcome: 'done' }),
    ]);
    const unproven = session([diagnostic(long)], { parameterList: root('Device', long) }, []);
    expect(unproven.sent[1]).toMatchObject({ name: 'SetParameterValues', parameterKey: key });
  });

  it('rejects a kind the device model lacks, naming it', () => {
    const echo = diagnostic('d1', { kind: 'udpEcho', inputs: { Host: 'h', Port: 7 } });
    const { effects } = session([echo], { parameterList: root('InternetGatewayDevice') }, []);

    expect(results(effects)).toEqual([
      expect.objectContaining({
        outcome: 'rejected',
        reason: 'udpEcho has no diagnostics object in tr-098',
      }),
    ]);
  });
});
