import { SessionStateError, parseSessionState } from '../src';
import { EMPTY, gpv, informed, post } from './fixtures';

describe('parseSessionState (records loaded from the session store)', () => {
  it('accepts what the reducer stored, after a JSON round trip', () => {
    const queue = [gpv('c1')];
    const state = post(informed(queue), EMPTY, queue).state;
    const loaded: unknown = JSON.parse(JSON.stringify(state));

    expect(parseSessionState(loaded)).toEqual(state);
  });

  it.each([
    ['not an object', 'S1'],
    ['another version', { ...informed(), v: 1 }],
    ['an unknown phase', { ...informed(), phase: 'dancing' }],
    [
      'a request in flight outside awaitingResponse',
      {
        ...informed(),
        inFlight: { cwmpId: 'x', commandId: 'c', source: 's', rpc: { name: 'FactoryReset' } },
      },
    ],
    [
      'a request in flight without its RPC (a version 1 record)',
      {
        ...post(informed([gpv('c1')]), EMPTY, [gpv('c1')]).state,
        inFlight: { cwmpId: 'x', commandId: 'c', source: 's', method: 'Reboot' },
      },
    ],
    ['no counters', { ...informed(), counters: undefined }],
  ])('rejects %s with a SessionStateError', (_, record) => {
    expect(() => parseSessionState(record)).toThrow(SessionStateError);
  });
});
