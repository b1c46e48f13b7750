import type { RawRecord } from '../src/delivery';
import { ProduceBatcher, type Outgoing } from '../src/produce-batcher';

const record = (key: string, value = 'v'): RawRecord => ({ key, value, headers: {} });
const keys = (batch: readonly Outgoing[]): string[] => batch.map(({ record }) => record.key);

/** A broker stand-in whose requests the test acks or fails, in order. */
function broker() {
  const requests: { batch: readonly Outgoing[]; ack: () => void; fail: (e: Error) => void }[] = [];
  const send = (batch: readonly Outgoing[]): Promise<void> =>
    new Promise((ack, fail) => requests.push({ batch, ack: () => ack(), fail }));
  return { requests, send };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ProduceBatcher', () => {
  it('sends the records published while a request is in flight together in the next one, in order', async () => {
    const { requests, send } = broker();
    const batcher = new ProduceBatcher(send, { maxRecords: 100, maxBytes: 1 << 20 });
    const acked: string[] = [];
    const produce = (key: string) =>
      batcher.produce('cwmp.inform', record(key)).then(() => acked.push(key));
    const all = ['a', 'b', 'c', 'd'].map(produce);
    await settle();
    expect(requests.map((r) => keys(r.batch))).toEqual([['a']]);
    requests[0]!.ack();
    await settle();
    expect(acked).toEqual(['a']);
    expect(requests.map((r) => keys(r.batch))).toEqual([['a'], ['b', 'c', 'd']]);
    requests[1]!.ack();
    await Promise.all(all);
    expect(acked).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps each request within its record and byte limits, a larger record alone', async () => {
    const { requests, send } = broker();
    const batcher = new ProduceBatcher(send, { maxRecords: 2, maxBytes: 10 });
    const all = [
      record('k1', '1234'),
      record('k2', '1'),
      record('k3', '1'),
      record('k4', '1'),
      record('big', 'x'.repeat(20)),
      record('k5', '1'),
    ].map((r) => batcher.produce('t', r));
    for (let i = 0; i < 5; i++) {
      await settle();
      requests[i]!.ack();
    }
    await Promise.all(all);
    expect(requests.map((r) => keys(r.batch))).toEqual([
      ['k1'],
      ['k2', 'k3'],
      ['k4'],
      ['big'],
      ['k5'],
    ]);
  });

  it('fails only the record the broker refuses: a failed request is sent again record by record', async () => {
    const { requests, send } = broker();
    const batcher = new ProduceBatcher(send, { maxRecords: 100, maxBytes: 1 << 20 });
    const outcomes = ['a', 'b', 'bad', 'c'].map((key) =>
      batcher.produce('t', record(key)).then(
        () => `${key} ok`,
        (error: Error) => `${key} ${error.message}`,
      ),
    );
    await settle();
    requests[0]!.ack(); // a
    await settle();
    requests[1]!.fail(new Error('MESSAGE_TOO_LARGE')); // b, bad, c together
    for (let i = 2; i < 5; i++) {
      await settle();
      const request = requests[i]!;
      if (keys(request.batch)[0] === 'bad') request.fail(new Error('MESSAGE_TOO_LARGE'));
      else request.ack();
    }
    expect(await Promise.all(outcomes)).toEqual(['a ok', 'b ok', 'bad MESSAGE_TOO_LARGE', 'c ok']);
    expect(requests.map((r) => keys(r.batch))).toEqual([
      ['a'],
      ['b', 'bad', 'c'],
      ['b'],
      ['bad'],
      ['c'],
    ]);
  });

  it('goes on after a failed request: later records are sent', async () => {
    const { requests, send } = broker();
    const batcher = new ProduceBatcher(send, { maxRecords: 100, maxBytes: 1 << 20 });
    const first = batcher.produce('t', record('a'));
    await settle();
    requests[0]!.fail(new Error('broker down'));
    await expect(first).rejects.toThrow('broker down');
    const second = batcher.produce('t', record('b'));
    await settle();
    requests[1]!.ack();
    await expect(second).resolves.toBeUndefined();
  });
});
