import { decodeEnvelope, encodeEnvelope } from '@meridian/cwmp';
import { validateMessage } from '@meridian/contracts';
import {
  MAX_COMMAND_ID_LENGTH,
  commandProblem,
  recoverCommand,
  wireKeyOf,
  type SessionState,
} from '../src';
import { downloadRpc, scheduleDownloadRpc } from '@meridian/testing';
import { EMPTY, command, envelope, gpv, inform, post, results, spv } from './fixtures';

const UUID = '3f1c2a9e-6b7d-4c1e-9a2f-0d5e8b7c6a41';

const scheduleDownload = scheduleDownloadRpc();
const download = (fileType: string) => downloadRpc({ fileType });

/** A session whose CPE informed in the cwmp-1-0 namespace. */
function informed10(queue: ReturnType<typeof gpv>[]): SessionState {
  return post(null, envelope(inform(), { id: 'inf-1' }, '1-0'), queue).state;
}

describe('commandIds of any length up to the documented one', () => {
  it('sends a short plain commandId as the key itself', () => {
    expect(wireKeyOf('p0123456789abcdef')).toBe('p0123456789abcdef');
  });

  it('derives a stable 32-character key from a 36-character UUID, and from any longer id', () => {
    const key = wireKeyOf(UUID);

    expect(key).toHaveLength(32);
    expect(key.startsWith('~')).toBe(true);
    expect(wireKeyOf(UUID)).toBe(key);
    expect(wireKeyOf(UUID.toUpperCase())).not.toBe(key);
    expect(wireKeyOf('x'.repeat(MAX_COMMAND_ID_LENGTH))).toHaveLength(32);
  });

  it('sends a UUID-identified SetParameterValues under its derived ParameterKey, encodable on the wire', () => {
    const queue = [spv(UUID)];
    const { reply, state } = post(post(null, envelope(inform()), queue).state, EMPTY, queue);

    expect(reply.kind).toBe('envelope');
    if (reply.kind !== 'envelope') return;
    expect(reply.envelope.body).toMatchObject({ parameterKey: wireKeyOf(UUID) });
    const wire = decodeEnvelope(encodeEnvelope(reply.envelope));
    expect(wire.body).toMatchObject({ parameterKey: wireKeyOf(UUID) });
    expect(state.inFlight?.commandId).toBe(UUID);
  });

  it('recovers a UUID-identified command after a crash from the derived key in the Inform', () => {
    const parameterList = [
      {
        name: 'Device.ManagementServer.ParameterKey',
        value: wireKeyOf(UUID),
        type: 'xsd:string' as const,
      },
    ];
    const reboot = command(UUID, { name: 'Reboot', commandKey: '' });

    expect(recoverCommand(spv(UUID), inform({ parameterList }))).toMatchObject({
      action: 'reportDone',
    });
    expect(
      recoverCommand(
        reboot,
        inform({ event: [{ eventCode: 'M Reboot', commandKey: wireKeyOf(UUID) }] }),
      ),
    ).toMatchObject({ action: 'reportDone' });
    // The raw UUID is no evidence: it never went on the wire.
    expect(
      recoverCommand(spv(UUID), inform({ parameterList: [{ ...parameterList[0]!, value: UUID }] })),
    ).toEqual({ action: 'send' });
  });
});

describe('a command this device cannot take is answered and the next one is sent', () => {
  it('ScheduleDownload on a cwmp-1-0 device: fault 9000, removed, and the GPV behind it goes out', () => {
    const queue = [command('sd-1', scheduleDownload), gpv('g-1')];
    const { reply, effects, state } = post(informed10(queue), EMPTY, queue);

    expect(reply).toMatchObject({
      kind: 'envelope',
      envelope: { cwmpVersion: '1-0', body: { name: 'GetParameterValues' } },
    });
    expect(state.inFlight?.commandId).toBe('g-1');
    const [result] = results(effects);
    expect(result).toMatchObject({
      commandId: 'sd-1',
      outcome: 'fault',
      fault: { faultCode: 9000, faultString: expect.stringContaining('cwmp-1-0') },
    });
    expect(validateMessage('cwmp.results', result).ok).toBe(true);
    expect(effects).toContainEqual({
      kind: 'removeCommand',
      deviceId: queue[0]!.deviceId,
      commandId: 'sd-1',
    });
  });

  it('a file type only cwmp-1-2 knows, on a cwmp-1-0 device: fault 9003 (invalid arguments)', () => {
    const queue = [command('dl-1', download('4 Tone File'))];
    const { reply, effects } = post(informed10(queue), EMPTY, queue);

    expect(reply).toEqual({ kind: 'noContent' });
    expect(results(effects)).toMatchObject([
      { commandId: 'dl-1', outcome: 'fault', fault: { faultCode: 9003 } },
    ]);
  });

  it('the same file type is sent to a cwmp-1-2 device', () => {
    const queue = [command('dl-1', download('4 Tone File'))];
    const { reply } = post(post(null, envelope(inform()), queue).state, EMPTY, queue);

    expect(reply).toMatchObject({
      envelope: { body: { name: 'Download', fileType: '4 Tone File' } },
    });
  });
});

describe('commandProblem: what no CPE could take, refused where the command enters', () => {
  it.each<[string, ReturnType<typeof command>, RegExp]>([
    [
      '"abc" as xsd:int',
      command('c', {
        name: 'SetParameterValues',
        parameterList: [{ name: 'Device.X.Int', value: 'abc', type: 'xsd:int' }],
        parameterKey: '',
      }),
      /"abc" is not a valid xsd:int/,
    ],
    ['fileType "firmware"', command('c', download('firmware')), /FileType "firmware"/],
    ['an over-long commandId', gpv('x'.repeat(MAX_COMMAND_ID_LENGTH + 1)), /commandId is longer/],
  ])('%s', (_, cmd, reason) => {
    expect(commandProblem(cmd)).toMatch(reason);
  });

  it('accepts what some version can take: a UUID commandId, ScheduleDownload, a 1-2 file type', () => {
    expect(commandProblem(spv(UUID))).toBeUndefined();
    expect(commandProblem(command('c', scheduleDownload))).toBeUndefined();
    expect(commandProblem(command('c', download('4 Tone File')))).toBeUndefined();
  });
});

describe('a CPE request its session version lacks', () => {
  it('DUStateChangeComplete in a cwmp-1-0 session: fault 8000, nothing published, the session goes on', () => {
    const state = informed10([]);
    const {
      reply,
      effects,
      state: next,
    } = post(
      state,
      envelope(
        {
          name: 'DUStateChangeComplete',
          commandKey: 'k',
          results: [],
        },
        { id: 'du-1' },
        '1-2',
      ),
    );

    expect(reply).toMatchObject({
      status: 500,
      envelope: { cwmpVersion: '1-0', header: { id: 'du-1' }, body: { faultCode: 8000 } },
    });
    expect(effects).toEqual([]);
    expect(next.phase).toBe('cpeRequests');
  });
});

describe("a value not of its parameter's data model type", () => {
  const set = (commandId: string, name: string, value: string) =>
    command(commandId, {
      name: 'SetParameterValues',
      parameterList: [{ name, value, type: 'xsd:string' }],
      parameterKey: '',
    });

  it('"abc" for PeriodicInformInterval (unsignedInt): 9003 with a 9007 entry, as the CPE answers, and the next command goes', () => {
    const queue = [set('s-1', 'Device.ManagementServer.PeriodicInformInterval', 'abc'), gpv('g-1')];
    const { reply, effects } = post(post(null, envelope(inform()), queue).state, EMPTY, queue);

    expect(reply).toMatchObject({ envelope: { body: { name: 'GetParameterValues' } } });
    expect(results(effects)).toMatchObject([
      {
        commandId: 's-1',
        outcome: 'fault',
        fault: {
          faultCode: 9003,
          setParameterValuesFault: [
            {
              parameterName: 'Device.ManagementServer.PeriodicInformInterval',
              faultCode: 9007,
            },
          ],
        },
      },
    ]);
  });

  it.each([
    ['a value of the type', set('s', 'Device.ManagementServer.PeriodicInformInterval', '300')],
    ['a vendor parameter', set('s', 'Device.X_ACME_Foo.Bar', 'abc')],
    [
      'a TR-098 path in its own model',
      set('s', 'InternetGatewayDevice.ManagementServer.PeriodicInformInterval', '60'),
    ],
  ])('sends %s', (_, cmd) => {
    const { reply } = post(post(null, envelope(inform()), [cmd]).state, EMPTY, [cmd]);

    expect(reply).toMatchObject({ envelope: { body: { name: 'SetParameterValues' } } });
  });
});
