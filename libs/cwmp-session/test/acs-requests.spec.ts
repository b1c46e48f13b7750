import type { GetParameterValuesResponse, RequestDownload } from '@meridian/cwmp';
import { validateMessage } from '@meridian/contracts';
import type { SessionState } from '../src';
import {
  DEVICE_ID,
  EMPTY,
  T0,
  command,
  effectKinds,
  envelope,
  gpv,
  informed,
  post,
  results,
  spv,
} from './fixtures';

const gpvResponse: GetParameterValuesResponse = {
  name: 'GetParameterValuesResponse',
  parameterList: [{ name: 'Device.DeviceInfo.UpTime', value: '42', type: 'xsd:unsignedInt' }],
};

/** A session that sent the head of `queue` after the CPE's empty POST. */
function awaiting(queue = [gpv('c1'), gpv('c2')]): SessionState {
  return post(informed(queue), EMPTY, queue).state;
}

describe('ACS requests (TR-069 §3.7.2.3)', () => {
  it("sends the queue head after the CPE's empty POST, with a cwmp:ID derived from the session", () => {
    const queue = [gpv('c1'), gpv('c2')];
    const { state, reply, effects } = post(informed(queue), EMPTY, queue);

    expect(reply).toEqual({
      kind: 'envelope',
      status: 200,
      envelope: { cwmpVersion: '1-2', header: { id: 'S1-1' }, body: queue[0]?.rpc },
    });
    expect(effects).toEqual([]);
    expect(state).toMatchObject({
      phase: 'awaitingResponse',
      inFlight: { cwmpId: 'S1-1', commandId: 'c1', source: 'nbi', rpc: queue[0]?.rpc },
    });
  });

  it("never sends another device's command, even if the caller passes one", () => {
    const stray = [{ ...gpv('c1'), deviceId: 'OTHER-DEVICE' }];
    const { reply } = post(informed(stray), EMPTY, stray);

    expect(reply).toEqual({ kind: 'noContent' });
  });

  it('ends the session with 204 when the queue is empty', () => {
    const { state, reply, effects } = post(informed(), EMPTY);

    expect(reply).toEqual({ kind: 'noContent' });
    expect(state.phase).toBe('ended');
    expect(effects).toEqual([{ kind: 'endSession', sessionId: 'S1', deviceId: DEVICE_ID }]);
  });

  it('sets ParameterKey / CommandKey to the commandId', () => {
    const keyed = [
      spv('set-1'),
      command('add-1', {
        name: 'AddObject',
        objectName: 'Device.NAT.PortMapping.',
        parameterKey: '',
      }),
      command('del-1', {
        name: 'DeleteObject',
        objectName: 'Device.NAT.PortMapping.2.',
        parameterKey: '',
      }),
      command('boot-1', { name: 'Reboot', commandKey: 'x' }),
      command('si-1', { name: 'ScheduleInform', delaySeconds: 5, commandKey: '' }),
    ];
    for (const cmd of keyed) {
      const { reply } = post(informed([cmd]), EMPTY, [cmd]);
      const body = reply.kind === 'envelope' ? reply.envelope.body : null;
      const key =
        body &&
        ('parameterKey' in body
          ? body.parameterKey
          : 'commandKey' in body
            ? body.commandKey
            : null);
      expect([cmd.rpc?.name, key]).toEqual([cmd.rpc?.name, cmd.commandId]);
    }
  });

  it("keeps a CancelTransfer's CommandKey: it names the transfer to cancel (A.4.1.8)", () => {
    const cancel = command('cancel-1', { name: 'CancelTransfer', commandKey: 'dl-1' });
    const { reply } = post(informed([cancel]), EMPTY, [cancel]);
    expect(reply.kind === 'envelope' && reply.envelope.body).toEqual({
      name: 'CancelTransfer',
      commandKey: 'dl-1',
    });
  });

  it('echoes the RPC as sent, ParameterKey / CommandKey included, in the result', () => {
    const queue = [
      command('add-1', {
        name: 'AddObject',
        objectName: 'Device.NAT.PortMapping.',
        parameterKey: '',
      }),
    ];
    const { effects } = post(
      awaiting(queue),
      envelope({ name: 'AddObjectResponse', instanceNumber: 3, status: 0 }, { id: 'S1-1' }),
      queue,
    );

    expect(results(effects)).toEqual([
      expect.objectContaining({
        commandId: 'add-1',
        outcome: 'done',
        rpc: { name: 'AddObject', objectName: 'Device.NAT.PortMapping.', parameterKey: 'add-1' },
      }),
    ]);
    // Consumers check results against the contract, the RPC included.
    expect(results(effects).map((r) => validateMessage('cwmp.results', r).ok)).toEqual([true]);
  });

  it("echoes a Download's repository fileName in its result, across the in-flight state", () => {
    const download = command(
      'dl-1',
      {
        name: 'Download',
        commandKey: '',
        fileType: '1 Firmware Upgrade Image',
        url: 'http://files.example/fw-2.0.bin',
        username: '',
        password: '',
        fileSize: 12,
        targetFileName: '',
        delaySeconds: 0,
        successURL: '',
        failureURL: '',
      },
      { fileName: 'fw-2.0.bin' },
    );
    const sent = post(informed([download]), EMPTY, [download]).state;
    // The in-flight request is stored between HTTP requests as JSON.
    const restored = JSON.parse(JSON.stringify(sent)) as SessionState;
    const { effects } = post(
      restored,
      envelope(
        { name: 'DownloadResponse', status: 1, startTime: '', completeTime: '' },
        { id: 'S1-1' },
      ),
      [],
    );

    expect(results(effects)).toEqual([
      expect.objectContaining({ commandId: 'dl-1', outcome: 'done', fileName: 'fw-2.0.bin' }),
    ]);
    expect(results(effects).map((r) => validateMessage('cwmp.results', r).ok)).toEqual([true]);
  });

  it('still echoes the RPC when the command left the queue while in flight (cancelled)', () => {
    const queue = [spv('set-1')];
    const { effects } = post(
      awaiting(queue),
      envelope({ name: 'SetParameterValuesResponse', status: 0 }, { id: 'S1-1' }),
      [],
    );

    expect(results(effects)).toEqual([
      expect.objectContaining({
        commandId: 'set-1',
        rpc: { ...queue[0]?.rpc, parameterKey: 'set-1' },
      }),
    ]);
  });

  it('on the matching response publishes done, then removes the command, then sends the next', () => {
    const queue = [gpv('c1'), gpv('c2')];
    const { state, reply, effects } = post(
      awaiting(queue),
      envelope(gpvResponse, { id: 'S1-1' }),
      queue,
    );

    expect(effects).toEqual([
      {
        kind: 'publish',
        topic: 'cwmp.results',
        key: DEVICE_ID,
        message: {
          schemaVersion: 1,
          commandId: 'c1',
          deviceId: DEVICE_ID,
          source: 'nbi',
          time: new Date(T0).toISOString(),
          rpc: queue[0]?.rpc,
          outcome: 'done',
          response: gpvResponse,
        },
      },
      { kind: 'removeCommand', deviceId: DEVICE_ID, commandId: 'c1' },
    ]);
    // The gateway's fresh snapshot may still hold c1 (remove not seen yet): c2 goes next.
    expect(reply).toMatchObject({ envelope: { header: { id: 'S1-2' }, body: queue[1]?.rpc } });
    expect(state.inFlight?.commandId).toBe('c2');
  });

  it('on a Fault publishes outcome fault with code, string and SetParameterValuesFault, then removes', () => {
    const queue = [spv('set-1')];
    const spvFault = [
      { parameterName: 'Device.WiFi.SSID.1.SSID', faultCode: 9007, faultString: 'too long' },
    ];
    const cpeFault = {
      name: 'Fault',
      faultcode: 'Client',
      faultCode: 9003,
      faultString: 'Invalid arguments',
      setParameterValuesFault: spvFault,
    } as const;
    const { reply, effects, state } = post(
      awaiting(queue),
      envelope(cpeFault, { id: 'S1-1' }),
      queue,
    );

    expect(results(effects)).toEqual([
      expect.objectContaining({
        commandId: 'set-1',
        rpc: { ...queue[0]?.rpc, parameterKey: 'set-1' },
        outcome: 'fault',
        fault: {
          faultCode: 9003,
          faultString: 'Invalid arguments',
          setParameterValuesFault: spvFault,
        },
      }),
    ]);
    expect(effectKinds(effects)).toEqual(['publish cwmp.results', 'removeCommand', 'endSession']);
    expect(reply).toEqual({ kind: 'noContent' });
    expect(state.phase).toBe('ended');
  });

  it.each([
    ['omits', {}],
    ['changes', { id: 'whatever' }],
  ])(
    'matches a response whose cwmp:ID the CPE %s to the only request in flight, with a warning',
    (_, header) => {
      const queue = [gpv('c1')];
      const { effects } = post(awaiting(queue), envelope(gpvResponse, header), queue);

      expect(effectKinds(effects)).toEqual([
        'warn',
        'publish cwmp.results',
        'removeCommand',
        'endSession',
      ]);
      expect(results(effects)).toEqual([
        expect.objectContaining({ commandId: 'c1', outcome: 'done' }),
      ]);
    },
  );

  it('keeps the command queued when the response answers another method', () => {
    const queue = [spv('set-1')];
    const { reply, effects } = post(awaiting(queue), envelope(gpvResponse, { id: 'S1-1' }), queue);

    expect(reply).toMatchObject({ kind: 'httpError', status: 400 });
    expect(effectKinds(effects)).toEqual(['warn', 'endSession']);
  });

  it('reports expired commands as expired, removes them, and sends the next live one', () => {
    const queue = [gpv('old-1'), gpv('live')].map((c, i) =>
      i === 0 ? { ...c, expiresAt: new Date(T0 - 1).toISOString() } : c,
    );
    const { reply, effects } = post(informed(queue), EMPTY, queue);

    expect(effects).toEqual([
      {
        kind: 'publish',
        topic: 'cwmp.results',
        key: DEVICE_ID,
        message: expect.objectContaining({
          commandId: 'old-1',
          outcome: 'expired',
          rpc: queue[0]?.rpc,
        }),
      },
      { kind: 'removeCommand', deviceId: DEVICE_ID, commandId: 'old-1' },
    ]);
    expect(reply).toMatchObject({ envelope: { body: { name: 'GetParameterValues' } } });
  });

  it('sends a command whose expiresAt has not passed yet', () => {
    const queue = [{ ...gpv('c1'), expiresAt: new Date(T0 + 1).toISOString() }];
    const { reply } = post(informed(queue), EMPTY, queue);

    expect(reply).toMatchObject({ envelope: { body: { name: 'GetParameterValues' } } });
  });

  it('ends the session, command still queued, when the CPE posts empty instead of responding', () => {
    const queue = [gpv('c1')];
    const { reply, effects } = post(awaiting(queue), EMPTY, queue);

    expect(reply).toEqual({ kind: 'noContent' });
    expect(effectKinds(effects)).toEqual(['warn', 'endSession']);
  });

  it('answers a CPE request that arrives while a request is in flight, keeping it in flight', () => {
    const queue = [gpv('c1')];
    const rpc: RequestDownload = {
      name: 'RequestDownload',
      fileType: '1 Firmware Upgrade Image',
      fileTypeArg: [],
    };
    const { state } = post(awaiting(queue), envelope(rpc), queue);

    expect(state).toMatchObject({ phase: 'awaitingResponse', inFlight: { commandId: 'c1' } });
    const answered = post(state, envelope(gpvResponse, { id: 'S1-1' }), queue);
    expect(results(answered.effects)).toEqual([
      expect.objectContaining({ commandId: 'c1', outcome: 'done' }),
    ]);
  });

  it('is deterministic: replaying a step from the same stored state gives the same result', () => {
    const queue = [gpv('c1'), gpv('c2')];
    const stored = JSON.parse(JSON.stringify(awaiting(queue))) as SessionState;
    const once = post(stored, envelope(gpvResponse, { id: 'S1-1' }), queue);
    const again = post(stored, envelope(gpvResponse, { id: 'S1-1' }), queue);

    expect(again).toEqual(once);
  });
});
