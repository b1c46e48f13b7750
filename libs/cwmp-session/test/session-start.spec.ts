import { SCHEMA_VERSION } from '@meridian/contracts';
import { DEVICE_ID, EMPTY, T0, effectKinds, envelope, inform, informed, post } from './fixtures';

describe('session start (TR-069 §3.7.1.1)', () => {
  it('answers the first Inform with InformResponse, MaxEnvelopes 1, echoing its cwmp:ID', () => {
    const { state, reply } = post(null, envelope(inform(), { id: 'inf-1' }));

    expect(reply).toEqual({
      kind: 'envelope',
      status: 200,
      envelope: {
        cwmpVersion: '1-2',
        header: { id: 'inf-1' },
        body: { name: 'InformResponse', maxEnvelopes: 1 },
      },
    });
    expect(state).toMatchObject({ sessionId: 'S1', phase: 'cpeRequests', deviceId: DEVICE_ID });
  });

  it('publishes the Inform with the session, gateway, remote address and arrival time', () => {
    const sent = inform({ retryCount: 2 });
    const { effects } = post(null, envelope(sent, { id: 'inf-1' }));

    expect(effects).toEqual([
      {
        kind: 'publish',
        topic: 'cwmp.inform',
        key: DEVICE_ID,
        message: {
          schemaVersion: SCHEMA_VERSION,
          deviceId: DEVICE_ID,
          deviceIdStruct: sent.deviceId,
          events: sent.event,
          parameterList: sent.parameterList,
          retryCount: 2,
          currentTime: sent.currentTime,
          sessionId: 'S1',
          gatewayId: 'gw-1',
          cwmpVersion: '1-2',
          remoteAddress: '192.0.2.7',
          time: new Date(T0).toISOString(),
        },
      },
    ]);
  });

  it('refuses a CPE request that does not begin with an Inform, keeping no session', () => {
    const transfer = envelope({
      name: 'TransferComplete',
      commandKey: 'c1',
      faultStruct: { faultCode: 0, faultString: '' },
      startTime: '2026-11-25T19:00:00Z',
      completeTime: '2026-11-25T19:01:00Z',
    });
    const { state, reply, effects } = post(null, transfer);

    expect(reply).toMatchObject({ kind: 'httpError', status: 400 });
    expect(state.phase).toBe('ended');
    expect(effects).toEqual([{ kind: 'endSession', sessionId: 'S1', deviceId: null }]);
  });

  it('refuses an empty POST without a session', () => {
    const { reply, effects } = post(null, EMPTY);

    expect(reply).toMatchObject({ kind: 'httpError', status: 400 });
    expect(effectKinds(effects)).toEqual(['endSession']);
  });

  it('rejects a second Inform in the session with fault 8001 and goes on', () => {
    const state = informed();
    const second = post(state, envelope(inform(), { id: 'inf-2' }));

    expect(second.reply).toEqual({
      kind: 'envelope',
      status: 500,
      envelope: {
        cwmpVersion: '1-2',
        header: { id: 'inf-2' },
        body: expect.objectContaining({ name: 'Fault', faultCode: 8001, faultcode: 'Server' }),
      },
    });
    expect(second.effects).toEqual([]);
    expect(second.state.phase).toBe('cpeRequests');
    // The session still works: the empty POST ends it normally.
    expect(post(second.state, EMPTY).reply).toEqual({ kind: 'noContent' });
  });
});
