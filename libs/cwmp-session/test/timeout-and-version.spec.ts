import { negotiateCwmpVersion } from '@meridian/cwmp';
import { MAX_CPE_SESSION_TIMEOUT_MS, expiresAt, isExpired } from '../src';
import {
  DEVICE_ID,
  EMPTY,
  T0,
  config,
  effectKinds,
  envelope,
  gpv,
  inform,
  informed,
  post,
} from './fixtures';

describe('session timeout', () => {
  it('isExpired once sessionTimeoutMs passed without a request', () => {
    const state = informed();

    expect(isExpired(state, T0 + config.sessionTimeoutMs)).toBe(false);
    expect(isExpired(state, T0 + config.sessionTimeoutMs + 1)).toBe(true);
  });

  it('each request pushes the expiry back', () => {
    const later = post(informed(), envelope({ name: 'GetRPCMethods' }), [], T0 + 20_000).state;

    expect(isExpired(later, T0 + 40_000)).toBe(false);
    expect(expiresAt(later)).toBe(T0 + 20_000 + config.sessionTimeoutMs);
  });

  it('an Inform to a timed-out session starts a new one and ends the old', () => {
    const old = post(informed([gpv('c1')]), EMPTY, [gpv('c1')]).state;
    const late = T0 + config.sessionTimeoutMs + 1;
    const next = post(
      { ...old, sessionId: 'OLD' },
      envelope(inform(), { id: 'i2' }),
      [gpv('c1')],
      late,
    );

    expect(next.state).toMatchObject({
      sessionId: 'S1',
      phase: 'cpeRequests',
      inFlight: null,
      startedAt: late,
    });
    expect(effectKinds(next.effects)).toEqual(['warn', 'endSession', 'publish cwmp.inform']);
    expect(next.effects[1]).toEqual({ kind: 'endSession', sessionId: 'OLD', deviceId: DEVICE_ID });
  });

  it('any other request to a timed-out session is refused with HTTP 400', () => {
    const late = T0 + config.sessionTimeoutMs + 1;
    const { reply } = post(informed(), EMPTY, [], late);

    expect(reply).toMatchObject({ kind: 'httpError', status: 400 });
  });

  it("a CPE's longer SessionTimeout header lengthens the session, within a bound", () => {
    const patient = post(null, envelope(inform(), { sessionTimeout: 120 })).state;
    const greedy = post(null, envelope(inform(), { sessionTimeout: 10 ** 9 })).state;
    const hasty = post(null, envelope(inform(), { sessionTimeout: 5 })).state;

    expect(patient.timeoutMs).toBe(120_000);
    expect(greedy.timeoutMs).toBe(MAX_CPE_SESSION_TIMEOUT_MS);
    expect(hasty.timeoutMs).toBe(config.sessionTimeoutMs);
  });
});

describe('CWMP version (A.2.2 SupportedCWMPVersions / UseCWMPVersion)', () => {
  it('replies in the namespace the CPE spoke, for the whole session', () => {
    const queue = [gpv('c1')];
    const start = post(null, envelope(inform(), { id: 'i' }, '1-0'), queue);
    const next = post(start.state, EMPTY, queue);

    expect(start.reply).toMatchObject({ envelope: { cwmpVersion: '1-0', header: { id: 'i' } } });
    expect(start.reply).not.toMatchObject({
      envelope: { header: { useCWMPVersion: expect.anything() } },
    });
    expect(next.reply).toMatchObject({ envelope: { cwmpVersion: '1-0' } });
  });

  it('answers SupportedCWMPVersions with UseCWMPVersion, the highest version in common', () => {
    const { reply, state } = post(
      null,
      envelope(inform(), { id: 'i', supportedCWMPVersions: '1.0,1.1,1.2,1.3,1.4' }),
    );

    expect(reply).toMatchObject({
      envelope: { cwmpVersion: '1-2', header: { id: 'i', useCWMPVersion: '1.4' } },
    });
    expect(state.useCwmpVersion).toBe('1.4');
  });

  it('never goes above what the ACS speaks, nor above the namespace the CPE used', () => {
    expect(negotiateCwmpVersion('1.0, 1.1 ,1.2,1.3', '1-2', ['1.0', '1.1', '1.2'])).toEqual({
      kind: 'use',
      useCwmpVersion: '1.2',
      cwmpVersion: '1-2',
    });
    expect(negotiateCwmpVersion('1.0,1.1', '1-2', ['1.0', '1.1', '1.2'])).toEqual({
      kind: 'use',
      useCwmpVersion: '1.1',
      cwmpVersion: '1-1',
    });
    expect(negotiateCwmpVersion('1.0,1.4', '1-0', ['1.4'])).toEqual({
      kind: 'use',
      useCwmpVersion: '1.4',
      cwmpVersion: '1-0',
    });
  });

  it('answers an Inform with no version in common with fault 8006 and ends the session', () => {
    const { reply, effects } = post(
      null,
      envelope(inform(), { id: 'i', supportedCWMPVersions: '2.0' }),
    );

    expect(reply).toMatchObject({
      status: 500,
      envelope: { header: { id: 'i' }, body: { name: 'Fault', faultCode: 8006 } },
    });
    expect(effectKinds(effects)).toEqual(['endSession']);
  });
});
