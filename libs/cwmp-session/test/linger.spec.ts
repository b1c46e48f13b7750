import type { GetParameterValuesResponse } from '@meridian/cwmp';
import type { CommandMessage } from '@meridian/contracts';
import {
  idleEndsLinger,
  reduceSession,
  resumeAcsTurn,
  type SessionConfig,
  type SessionState,
} from '../src';
import { DEVICE_ID, EMPTY, T0, config, effectKinds, envelope, gpv, inform } from './fixtures';

/*
 * Whether a session that has nothing to send ends or waits for the next wave of commands is
 * decided here, on the clock the gateway passes in: the gateway only polls its queue until then.
 */
const lingering: SessionConfig = { ...config, lingerMs: 500, lingerSources: ['provisioning'] };

const step = (
  state: SessionState | null,
  message = EMPTY,
  queue: readonly CommandMessage[] = [],
  now = T0,
) =>
  reduceSession(
    state,
    { message, newSessionId: 'S1', remoteAddress: '192.0.2.7', queue },
    lingering,
    now,
  );

const informWith = (eventCode: string) =>
  step(null, envelope(inform({ event: [{ eventCode, commandKey: '' }] }), { id: 'i' })).state;

const gpvResponse = (id: string) =>
  envelope(
    {
      name: 'GetParameterValuesResponse',
      parameterList: [{ name: 'Device.DeviceInfo.UpTime', value: '7', type: 'xsd:unsignedInt' }],
    } satisfies GetParameterValuesResponse,
    { id },
  );

describe('lingering for the next wave of commands', () => {
  it('holds a bootstrap session that has nothing to send until now + lingerMs', () => {
    const { state, reply, effects } = step(informWith('0 BOOTSTRAP'), EMPTY, [], T0 + 40);

    expect(reply).toEqual({ kind: 'noContent' });
    expect(effects).toEqual([{ kind: 'awaitCommands', until: T0 + 540, deadline: T0 + 540 }]);
    expect(state.phase).toBe('cpeRequests');
  });

  it('goes on waiting while the producer is behind up to lingerMaxMs, within half the session timeout', () => {
    const held = informWith('0 BOOTSTRAP');
    const withCap = (lingerMaxMs: number) =>
      reduceSession(
        held,
        { message: EMPTY, newSessionId: 'S1', remoteAddress: '192.0.2.7', queue: [] },
        { ...lingering, lingerMaxMs },
        T0,
      ).effects;

    expect(withCap(8_000)).toEqual([
      { kind: 'awaitCommands', until: T0 + 500, deadline: T0 + 8_000 },
    ]);
    // The device's lease (the 30 s session timeout) must outlast the wait and the next request.
    expect(withCap(60_000)).toEqual([
      { kind: 'awaitCommands', until: T0 + 500, deadline: T0 + 15_000 },
    ]);
    // Never shorter than the linger itself.
    expect(withCap(100)).toEqual([{ kind: 'awaitCommands', until: T0 + 500, deadline: T0 + 500 }]);
  });

  it('ends a periodic session at once, and never waits when lingerMs is 0', () => {
    expect(effectKinds(step(informWith('2 PERIODIC')).effects)).toEqual(['endSession']);
    const bootstrap = informWith('0 BOOTSTRAP');
    const noWait = reduceSession(
      bootstrap,
      { message: EMPTY, newSessionId: 'S1', remoteAddress: '192.0.2.7', queue: [] },
      config,
      T0,
    );
    expect(effectKinds(noWait.effects)).toEqual(['endSession']);
  });

  it('waits after the answer to a command of a linger source, and from then on', () => {
    const queue = [{ ...gpv('p-1'), source: 'provisioning' }];
    const sent = step(informWith('2 PERIODIC'), EMPTY, queue).state;
    const answered = step(sent, gpvResponse('S1-1'), queue, T0 + 100);

    expect(effectKinds(answered.effects)).toEqual([
      'publish cwmp.results',
      'removeCommand',
      'awaitCommands',
    ]);
    // The next command (of any producer) was answered too: still likely more to come.
    const next = [gpv('n-1')];
    const resumed = resumeAcsTurn(answered.state, next, lingering, T0 + 200);
    const again = step(resumed.state, gpvResponse('S1-2'), next, T0 + 300);
    expect(again.effects.at(-1)).toEqual({
      kind: 'awaitCommands',
      until: T0 + 800,
      deadline: T0 + 800,
    });
  });

  it('does not wait after the answer to a command of another producer', () => {
    const queue = [gpv('n-1')];
    const sent = step(informWith('2 PERIODIC'), EMPTY, queue).state;
    expect(effectKinds(step(sent, gpvResponse('S1-1'), queue).effects)).toEqual([
      'publish cwmp.results',
      'removeCommand',
      'endSession',
    ]);
  });

  it('resumes with a command that came, and ends without waiting again when none did', () => {
    const held = step(informWith('0 BOOTSTRAP')).state;

    const came = resumeAcsTurn(held, [gpv('w-1')], lingering, T0 + 300);
    expect(came.reply).toMatchObject({
      kind: 'envelope',
      envelope: { body: { name: 'GetParameterValues' } },
    });

    const none = resumeAcsTurn(held, [], lingering, T0 + 500);
    expect(none.reply).toEqual({ kind: 'noContent' });
    expect(none.effects).toEqual([{ kind: 'endSession', sessionId: 'S1', deviceId: DEVICE_ID }]);
  });

  it("ends the wait on the producer's idle marker about what the session did last, not an older one", () => {
    // Held after its bootstrap Inform: provisioning marks it idle after the session's Inform.
    const held = step(informWith('0 BOOTSTRAP')).state;
    expect(idleEndsLinger(held, 'S1')).toBe(true);
    expect(idleEndsLinger(held, null)).toBe(false);
    expect(idleEndsLinger(held, 'S0')).toBe(false);

    // Held after the answer to p-1: only a marker after p-1 ends it, not the one after the Inform.
    const queue = [{ ...gpv('p-1'), source: 'provisioning' }];
    const sent = resumeAcsTurn(held, queue, lingering, T0 + 100).state;
    const answered = step(sent, gpvResponse('S1-1'), queue, T0 + 200);
    expect(answered.effects.at(-1)).toMatchObject({ kind: 'awaitCommands' });
    expect(idleEndsLinger(answered.state, 'S1')).toBe(false);
    expect(idleEndsLinger(answered.state, 'p-1')).toBe(true);
  });
});
