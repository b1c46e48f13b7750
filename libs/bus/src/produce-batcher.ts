import type { RawRecord } from './delivery';

/** One record to produce to `topic` (unprefixed). */
export interface Outgoing {
  topic: string;
  record: RawRecord;
}

/** Sends records in one produce request, resolved once the broker acknowledged all of them. */
export type SendBatch = (batch: readonly Outgoing[]) => Promise<void>;

export interface ProduceBatcherLimits {
  /** Most records per request. */
  maxRecords: number;
  /** Most bytes of keys and values per request (one record bigger than this goes alone). */
  maxBytes: number;
}

interface Waiting extends Outgoing {
  bytes: number;
  done: (error?: unknown) => void;
}

const sizeOf = ({ key, value }: RawRecord): number =>
  Buffer.byteLength(key) + (value === null ? 0 : Buffer.byteLength(value));

/**
 * kafkajs has no linger: each `send` is a produce request of its own, and the idempotent
 * producer has one request in flight per broker, so concurrent sessions' publishes queued one
 * request each behind one another (kafkajs ~20–27 % of a deployed gateway's CPU, issue 16).
 * Here records published while a request is in flight go together in the next one, in the order
 * they were published (so per key, as before). A failed request of several records is sent
 * again one record at a time, so that one bad record (too large for the broker) fails alone and
 * the records beside it land.
 */
export class ProduceBatcher {
  private waiting: Waiting[] = [];
  private sending = false;

  constructor(
    private readonly sendBatch: SendBatch,
    private readonly limits: ProduceBatcherLimits,
  ) {}

  /** Resolves when the broker acknowledged the record, rejects with its request's error. */
  produce(topic: string, record: RawRecord): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({
        topic,
        record,
        bytes: sizeOf(record),
        done: (error) => (error === undefined ? resolve() : reject(error)),
      });
      if (!this.sending) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.sending = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.take();
        try {
          await this.sendBatch(batch);
          for (const one of batch) one.done();
        } catch (error) {
          if (batch.length === 1) batch[0]!.done(error);
          else await this.oneByOne(batch);
        }
      }
    } finally {
      this.sending = false;
    }
  }

  /** The oldest waiting records, up to the limits (at least one). */
  private take(): Waiting[] {
    let count = 0;
    let bytes = 0;
    for (const one of this.waiting) {
      if (count === this.limits.maxRecords) break;
      if (count > 0 && bytes + one.bytes > this.limits.maxBytes) break;
      count++;
      bytes += one.bytes;
    }
    return this.waiting.splice(0, count);
  }

  private async oneByOne(batch: Waiting[]): Promise<void> {
    for (const one of batch) {
      try {
        await this.sendBatch([one]);
        one.done();
      } catch (error) {
        one.done(error);
      }
    }
  }
}
