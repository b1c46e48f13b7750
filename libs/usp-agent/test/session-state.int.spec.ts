import { randomBytes } from 'node:crypto';
import { silentLogger } from '@meridian/bus';
import { RedisSessionStore } from '@meridian/session-store';
import { Metrics } from '@meridian/telemetry';
import { REDIS_URL, eventually } from '@meridian/testing';
import {
  encodeMsg,
  parseRecord,
  requestMsg,
  responseMsg,
  usp,
  type ParsedRecord,
  type SessionContextFields,
} from '@meridian/usp';
import { NotifyDelivery, SessionContexts, type OutgoingNotify } from '../src';

/**
 * The translator's shared state on the real Redis (its own key prefix): an E2E Session Context
 * begun by one replica is continued by another, and a NotifyResp that reaches another replica
 * ends the retries of the one that sent the Notify.
 */
jest.setTimeout(30_000);

describe('translator state shared between replicas (Redis)', () => {
  const keyPrefix = `usp-test-${randomBytes(4).toString('hex')}:`;
  const stores: RedisSessionStore[] = [];
  const replica = () => {
    const store = RedisSessionStore.connect(REDIS_URL, { keyPrefix });
    stores.push(store);
    return store;
  };
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
  });

  const back = { toId: 'self::controller', fromId: 'ops::00D09E-SimRouter-SN1' };
  const request = (sequenceId: number, extra: Partial<SessionContextFields> = {}) => ({
    sessionId: 77,
    sequenceId,
    expectedId: 1,
    retransmitId: 0,
    payload: encodeMsg(requestMsg(`m-${sequenceId}`, { getSupportedProtocol: {} })),
    ...extra,
  });
  // The replica's answer: a GetSupportedProtocolResp to the Msg it was given.
  const answer = async (payload: Uint8Array) =>
    encodeMsg(
      responseMsg(usp.Msg.decode(payload).header!.msgId!, {
        getSupportedProtocolResp: { agentSupportedProtocolVersions: '1.4' },
      }),
    );
  const session = (record: Uint8Array) => {
    const parsed: ParsedRecord = parseRecord(record);
    if (parsed.type !== 'sessionContext') throw new Error(`a ${parsed.type} Record`);
    return { ...parsed, msgId: usp.Msg.decode(parsed.payload!).header?.msgId };
  };

  it('continues an E2E Session Context on another replica: sequence, held Records, retransmission', async () => {
    const options = { expirationMs: 60_000, logger: silentLogger };
    const a = new SessionContexts(replica(), options);
    const b = new SessionContexts(replica(), options);

    const [first] = await a.receive(back, request(1), answer);
    // Record 3 reaches replica B before 2: held; 2 reaches A and releases both.
    const held = await b.receive(back, request(3, { expectedId: 2 }), answer);
    const released = await a.receive(back, request(2, { expectedId: 2 }), answer);
    // B is asked to send Record 2 again.
    const again = await b.receive(
      back,
      request(4, { expectedId: 2, retransmitId: 2, payload: undefined }),
      answer,
    );

    expect(session(first!)).toMatchObject({ sequenceId: 1, expectedId: 2, msgId: 'm-1' });
    expect(held).toEqual([]);
    expect(released.map(session)).toEqual([
      expect.objectContaining({ sequenceId: 2, expectedId: 4, msgId: 'm-2' }),
      expect.objectContaining({ sequenceId: 3, expectedId: 4, msgId: 'm-3' }),
    ]);
    expect(again.map(session)).toEqual([
      expect.objectContaining({ sequenceId: 2, expectedId: 5, msgId: 'm-2' }),
    ]);
  });

  it('answers a retransmit request for a Record it never kept with a Disconnect 7105', async () => {
    const a = new SessionContexts(replica(), { expirationMs: 60_000, logger: silentLogger });
    await a.receive({ ...back, toId: 'self::other' }, request(1), answer);

    const [out] = await a.receive(
      { ...back, toId: 'self::other' },
      request(2, { retransmitId: 9 }),
      answer,
    );

    expect(parseRecord(out!)).toMatchObject({ type: 'disconnect', reasonCode: 7105 });
  });

  it('retries a Notify with the back-off until a NotifyResp reaches any replica', async () => {
    const sent: number[] = [];
    const metrics = new Metrics();
    const notify: OutgoingNotify = {
      replyTo: 'topic',
      fromId: back.fromId,
      toId: back.toId,
      msgId: `notify-${randomBytes(4).toString('hex')}`,
      notifType: 'ValueChange',
      sendResp: true,
      expiresAt: undefined,
      record: new Uint8Array([1]),
    };
    const sender = new NotifyDelivery(
      replica(),
      async () => {
        sent.push(Date.now());
      },
      {
        retry: { minWaitMs: 100, intervalMultiplier: 2000 },
        logger: silentLogger,
        metrics,
        random: () => 0,
      },
    );
    const other = new NotifyDelivery(replica(), async () => undefined, {
      logger: silentLogger,
      metrics: new Metrics(),
    });

    await sender.deliver(notify);
    await eventually(() => sent.length >= 3, 5_000);
    await other.acknowledge(notify.msgId);
    const count = sent.length;
    await new Promise((r) => setTimeout(r, 900));
    sender.close();

    // Sent, then again after 100 ms and 200 ms (m, then m·k/1000), then no more.
    expect(sent[1]! - sent[0]!).toBeGreaterThanOrEqual(95);
    expect(sent[2]! - sent[1]!).toBeGreaterThanOrEqual(195);
    expect(sent.length).toBe(count);
    // What an SRE reads: one sent, the rest sent again.
    const scraped = await metrics.scrape();
    expect(scraped).toContain(
      'meridian_usp_notifies_total{notif_type="ValueChange",outcome="sent"} 1',
    );
    expect(scraped).toContain(
      `meridian_usp_notifies_total{notif_type="ValueChange",outcome="resent"} ${count - 1}`,
    );
  });
});
