import {
  DEFAULT_SESSION_CONTEXT_CONFIG,
  receiveSessionRecord,
  sendSessionRecord,
  sendSessionRecords,
  sessionContextOfStored,
  storedSessionContext,
  type SessionContextFields,
  type SessionContextState,
} from '../src';

const msg = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array[]) => bytes.map((b) => new TextDecoder().decode(b));

function rec(sequenceId: number, extra: Partial<SessionContextFields> = {}): SessionContextFields {
  return {
    sessionId: 42,
    sequenceId,
    expectedId: 1,
    retransmitId: 0,
    payload: msg(`req-${sequenceId}`),
    ...extra,
  };
}

function accepted(outcome: ReturnType<typeof receiveSessionRecord>) {
  if (outcome.state === undefined) throw new Error(`terminated: ${outcome.terminate}`);
  return outcome;
}

describe('E2E Session Context (Agent side)', () => {
  it('starts a context on an unknown session_id and processes sequence 1 (R-E2E.4)', () => {
    const out = accepted(receiveSessionRecord(undefined, rec(1)));
    expect(text(out.deliver)).toEqual(['req-1']);
    expect(out.state).toMatchObject({ sessionId: 42, expectedId: 2, nextSequenceId: 1 });
  });

  it('answers with sequence_id counting from 1 and expected_id of the next Record wanted', () => {
    let state = accepted(receiveSessionRecord(undefined, rec(1))).state;
    const first = sendSessionRecord(state, msg('resp-1'));
    expect(first.fields).toMatchObject({
      sessionId: 42,
      sequenceId: 1,
      expectedId: 2,
      retransmitId: 0,
    });
    state = accepted(receiveSessionRecord(first.state, rec(2, { expectedId: 2 }))).state;
    const second = sendSessionRecord(state, msg('resp-2'));
    expect(second.fields).toMatchObject({ sequenceId: 2, expectedId: 3 });
  });

  it('ignores a duplicate or old Record gracefully (R-E2E.25)', () => {
    const state = accepted(receiveSessionRecord(undefined, rec(1))).state;
    const again = accepted(receiveSessionRecord(state, rec(1)));
    expect(again.held).toBe('duplicate');
    expect(again.deliver).toEqual([]);
    expect(again.state).toBe(state);
  });

  it('holds Records that arrive early and processes them in order once the gap fills', () => {
    let state = accepted(receiveSessionRecord(undefined, rec(1))).state;
    const early3 = accepted(receiveSessionRecord(state, rec(3)));
    expect(early3.held).toBe('pending');
    const early4 = accepted(receiveSessionRecord(early3.state, rec(4)));
    expect(accepted(receiveSessionRecord(early4.state, rec(3))).held).toBe('duplicate');
    const filled = accepted(receiveSessionRecord(early4.state, rec(2)));
    expect(text(filled.deliver)).toEqual(['req-2', 'req-3', 'req-4']);
    state = filled.state;
    expect(state.expectedId).toBe(5);
    expect(state.pending).toEqual([]);
  });

  it('forgets sent Records the Controller acknowledged through expected_id (R-E2E.16)', () => {
    let state: SessionContextState = accepted(receiveSessionRecord(undefined, rec(1))).state;
    state = sendSessionRecord(state, msg('resp-1')).state;
    state = sendSessionRecord(state, msg('resp-2')).state;
    expect(state.sent.map((s) => s.sequenceId)).toEqual([1, 2]);
    state = accepted(receiveSessionRecord(state, rec(2, { expectedId: 2 }))).state;
    expect(state.sent.map((s) => s.sequenceId)).toEqual([2]);
  });

  it('sends a kept Record again on retransmit_id, up to MaxRetransmitTries', () => {
    let state: SessionContextState = accepted(receiveSessionRecord(undefined, rec(1))).state;
    state = sendSessionRecord(state, msg('resp-1')).state;
    const asked = accepted(
      receiveSessionRecord(state, rec(2, { retransmitId: 1, payload: undefined }), {
        ...DEFAULT_SESSION_CONTEXT_CONFIG,
        maxRetransmitTries: 1,
        maxPending: 4,
      }),
    );
    expect(asked.deliver).toEqual([]);
    expect(asked.retransmit).toHaveLength(1);
    expect(asked.retransmit[0]).toMatchObject({ sessionId: 42, sequenceId: 1, expectedId: 3 });
    expect(text([asked.retransmit[0]!.payload!])).toEqual(['resp-1']);
    const again = receiveSessionRecord(
      asked.state,
      rec(3, { retransmitId: 1, payload: undefined }),
      {
        ...DEFAULT_SESSION_CONTEXT_CONFIG,
        maxRetransmitTries: 1,
        maxPending: 4,
      },
    );
    expect(again.state).toBeUndefined();
    if (again.state === undefined) expect(again.terminate).toMatch(/already retransmitted 1 times/);
  });

  it('fails the context when asked for a Record it does not keep (R-E2E.21)', () => {
    const state = accepted(receiveSessionRecord(undefined, rec(1))).state;
    const out = receiveSessionRecord(state, rec(2, { retransmitId: 9 }));
    expect(out.state).toBeUndefined();
    if (out.state === undefined) expect(out.terminate).toMatch(/retransmit_id 9/);
  });

  it('restarts on a new session_id from sequence 1 (R-E2E.6)', () => {
    let state: SessionContextState = accepted(receiveSessionRecord(undefined, rec(1))).state;
    state = sendSessionRecord(state, msg('resp-1')).state;
    const restarted = accepted(receiveSessionRecord(state, rec(1, { sessionId: 43 })));
    expect(restarted.state).toMatchObject({
      sessionId: 43,
      expectedId: 2,
      nextSequenceId: 1,
      sent: [],
    });
    expect(text(restarted.deliver)).toEqual(['req-1']);
  });

  it('fails the context when too many Records wait for a missing one', () => {
    let state: SessionContextState = accepted(receiveSessionRecord(undefined, rec(1))).state;
    const config = { ...DEFAULT_SESSION_CONTEXT_CONFIG, maxRetransmitTries: 3, maxPending: 2 };
    state = accepted(receiveSessionRecord(state, rec(3), config)).state;
    state = accepted(receiveSessionRecord(state, rec(4), config)).state;
    const out = receiveSessionRecord(state, rec(5), config);
    expect(out.state).toBeUndefined();
  });

  it('reassembles a Msg split over Records, in sequence order, held ones too (TR-369 SAR)', () => {
    let state: SessionContextState = accepted(receiveSessionRecord(undefined, rec(1))).state;
    // The middle segment arrives last: held, then the three delivered as one Msg.
    const begin = accepted(
      receiveSessionRecord(state, rec(2, { payload: msg('Get '), segment: 'begin' })),
    );
    expect(begin.deliver).toEqual([]);
    state = accepted(
      receiveSessionRecord(begin.state, rec(4, { payload: msg('Info.'), segment: 'complete' })),
    ).state;
    const done = accepted(
      receiveSessionRecord(state, rec(3, { payload: msg('Device.Device'), segment: 'inProcess' })),
    );
    expect(text(done.deliver)).toEqual(['Get Device.DeviceInfo.']);
    expect(done.state.segments).toBeUndefined();
    expect(done.state.expectedId).toBe(5);
  });

  it('keeps segments across a stored context (another replica takes the next Record)', () => {
    const state = accepted(
      receiveSessionRecord(undefined, rec(1, { payload: msg('a'), segment: 'begin' })),
    ).state;
    const back = sessionContextOfStored(JSON.parse(JSON.stringify(storedSessionContext(state))));
    const done = accepted(
      receiveSessionRecord(back, rec(2, { payload: msg('b'), segment: 'complete' })),
    );
    expect(text(done.deliver)).toEqual(['ab']);
  });

  it.each([
    ['a segment without its BEGIN', [rec(1, { segment: 'inProcess' })]],
    ['a whole Msg before the segmented one ended', [rec(1, { segment: 'begin' }), rec(2)]],
    ['a second BEGIN', [rec(1, { segment: 'begin' }), rec(2, { segment: 'begin' })]],
  ])('fails the context on %s', (_why, records) => {
    let state: SessionContextState | undefined;
    let outcome: ReturnType<typeof receiveSessionRecord> | undefined;
    for (const record of records) {
      outcome = receiveSessionRecord(state, record);
      state = outcome.state;
    }
    expect(outcome?.state).toBeUndefined();
  });

  it('sends a Msg larger than a Record in segments, each kept for retransmission (SAR)', () => {
    const state = accepted(receiveSessionRecord(undefined, rec(1))).state;
    const sent = sendSessionRecords(state, msg('0123456789'), 4);
    expect(sent.fields.map((f) => [f.sequenceId, f.segment, text([f.payload!])[0]])).toEqual([
      [1, 'begin', '0123'],
      [2, 'inProcess', '4567'],
      [3, 'complete', '89'],
    ]);
    expect(sendSessionRecords(state, msg('0123'), 4).fields).toEqual([
      expect.not.objectContaining({ segment: expect.anything() }),
    ]);
    // What the Controller reassembles: the Msg whole.
    let peer: SessionContextState | undefined;
    const delivered: Uint8Array[] = [];
    for (const fields of sent.fields) {
      const out = accepted(receiveSessionRecord(peer, fields));
      peer = out.state;
      delivered.push(...out.deliver);
    }
    expect(text(delivered)).toEqual(['0123456789']);
    // A segment asked again goes as the same segment.
    const again = accepted(
      receiveSessionRecord(sent.state, rec(2, { retransmitId: 2, payload: undefined })),
    );
    expect(again.retransmit).toEqual([
      expect.objectContaining({ sequenceId: 2, segment: 'inProcess' }),
    ]);
  });

  it('fails the context on a segmented Msg over maxMessageBytes', () => {
    const config = { ...DEFAULT_SESSION_CONTEXT_CONFIG, maxMessageBytes: 8 };
    const state = accepted(
      receiveSessionRecord(undefined, rec(1, { payload: msg('12345'), segment: 'begin' }), config),
    ).state;
    const out = receiveSessionRecord(
      state,
      rec(2, { payload: msg('67890'), segment: 'inProcess' }),
      config,
    );
    expect(out).toMatchObject({ state: undefined, terminate: expect.stringContaining('8 bytes') });
  });

  it('processes an empty Record (ack or restart only) without delivering anything', () => {
    const out = accepted(receiveSessionRecord(undefined, rec(1, { payload: undefined })));
    expect(out.deliver).toEqual([]);
    expect(out.state.expectedId).toBe(2);
  });
});

describe('stored session context', () => {
  it('round-trips through JSON with its kept and pending Records', () => {
    let state: SessionContextState = accepted(receiveSessionRecord(undefined, rec(1))).state;
    state = sendSessionRecord(state, msg('resp-1')).state;
    state = sendSessionRecord(state, undefined).state;
    state = accepted(receiveSessionRecord(state, rec(3))).state;

    const back = sessionContextOfStored(JSON.parse(JSON.stringify(storedSessionContext(state))));

    expect(back).toEqual(state);
    expect(text([back.sent[0]!.payload!])).toEqual(['resp-1']);
    expect(back.sent[1]!.payload).toBeUndefined();
    expect(text([back.pending[0]!.payload!])).toEqual(['req-3']);
  });
});
