import { Kafka, logLevel as KafkaLogLevel, type Admin } from 'kafkajs';
import { kafkaLogCreator, type KafkaSecurity } from './kafka';
import { stderrLogger, type Logger } from './logger';

export interface GroupLagConfig {
  brokers: string[];
  security?: KafkaSecurity;
  clientId: string;
  /** The topic as named on the broker (prefix included). */
  topic: string;
  /** The consumer group as named on the broker (prefix included). */
  groupId: string;
  /** How often the offsets are read; default 1,000 ms. */
  intervalMs?: number;
  logger?: Logger;
}

/**
 * How far consumer group `groupId` is behind on `topic`, read from the broker's offsets (two
 * admin requests per interval, whatever the message rate): the sum over the partitions of the
 * high watermark minus the group's committed offset (the low watermark where it committed none).
 * A publisher uses it as its downstream backlog, e.g. the gateway refusing sessions while
 * provisioning falls behind on cwmp.inform, or would take too long to catch up at the rate its
 * committed offsets grow. `current()` is the last reading; after a failed read its lag is 0: an
 * unknown lag refuses nothing (the failure is logged).
 */
export class KafkaGroupLag {
  private lag: number | undefined;
  /** The group's committed offsets summed over the partitions, at the last read. */
  private handled = 0;
  private readAtMs = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> = Promise.resolve();

  private constructor(
    private readonly admin: Admin,
    private readonly config: GroupLagConfig,
    private readonly logger: Logger,
  ) {}

  /** Connects, reads the lag once, then every interval. */
  static async start(config: GroupLagConfig): Promise<KafkaGroupLag> {
    const logger = config.logger ?? stderrLogger('info', 'kafka-lag');
    const admin = new Kafka({
      clientId: config.clientId,
      brokers: config.brokers,
      ...config.security,
      logLevel: KafkaLogLevel.WARN,
      logCreator: kafkaLogCreator(logger),
    }).admin();
    await admin.connect();
    const reader = new KafkaGroupLag(admin, config, logger);
    await reader.read();
    reader.timer = setInterval(() => {
      reader.reading = reader.reading.then(() => reader.read());
    }, config.intervalMs ?? 1000);
    reader.timer.unref();
    return reader;
  }

  /**
   * Messages of the topic the group has not committed yet (`pending`) and has committed so far
   * (`handled`), as last read (`atMs`).
   */
  current = (): { pending: number; handled: number; atMs: number } => ({
    pending: this.lag ?? 0,
    handled: this.handled,
    atMs: this.readAtMs,
  });

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.reading;
    await this.admin.disconnect();
  }

  private async read(): Promise<void> {
    const { topic, groupId } = this.config;
    try {
      const [ends, groups] = await Promise.all([
        this.admin.fetchTopicOffsets(topic),
        this.admin.fetchOffsets({ groupId, topics: [topic] }),
      ]);
      const committed = new Map(
        (groups.find((g) => g.topic === topic)?.partitions ?? []).map((p) => [
          p.partition,
          Number(p.offset),
        ]),
      );
      let lag = 0;
      let handled = 0;
      for (const end of ends) {
        const done = committed.get(end.partition) ?? -1;
        const from = done >= 0 ? done : Number(end.low);
        lag += Math.max(0, Number(end.high) - from);
        handled += from;
      }
      this.lag = lag;
      this.handled = handled;
      this.readAtMs = Date.now();
    } catch (error) {
      this.lag = undefined;
      this.logger.warn(`lag of ${groupId} on ${topic} unknown: ${(error as Error).message}`);
    }
  }
}
