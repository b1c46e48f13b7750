import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import type { Logger } from '@meridian/bus';
import { Topics } from '@meridian/contracts';
import { parseRecord } from '@meridian/usp';
import { CACHE_ACCEPTABLE_PROPERTY, type RecordHandler } from './mqtt-mtp';

export interface KafkaMtpOptions {
  brokers: string[];
  /** MERIDIAN_KAFKA_TOPIC_PREFIX: in front of the topics and the consumer group. */
  topicPrefix: string;
  clientId: string;
  logger: Logger;
}

/** The Content Type header of a USP Record on Kafka (the registered MIME type). */
export const USP_RECORD_CONTENT_TYPE = 'application/vnd.bbf.usp.msg';

/**
 * USP over Kafka, for Controllers inside the carrier's platform: Records (protobuf bytes) on
 * `usp.requests`, answers on `usp.responses`, both keyed by the Agent's Endpoint ID so one
 * device's requests and answers keep their order on one partition. One consumer group for all
 * replicas (each request is answered once). A Controller finds its answers by the Record's
 * `to_id`. The topics are created by the Kafka bus with the others (`busTopicNames`).
 */
export class KafkaMtp {
  private constructor(
    private readonly consumer: Consumer,
    private readonly producer: Producer,
  ) {}

  static async start(options: KafkaMtpOptions, handler: RecordHandler): Promise<KafkaMtp> {
    const kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer();
    const consumer = kafka.consumer({
      groupId: `${options.topicPrefix}usp-translator`,
      maxWaitTimeInMs: 100,
    });
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topics: [`${options.topicPrefix}${Topics.uspRequests}`] });
    const responses = `${options.topicPrefix}${Topics.uspResponses}`;
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.value === null) return;
        const flag = message.headers?.[CACHE_ACCEPTABLE_PROPERTY]?.toString();
        let answer: Uint8Array | undefined;
        try {
          answer = await handler(new Uint8Array(message.value), {
            cacheAcceptable: flag === 'true' || flag === '1',
            // Notify over Kafka is not carried yet: subscriptions made here get no address.
            replyTo: null,
          });
        } catch (err) {
          options.logger.error('USP Record could not be handled', {
            key: message.key?.toString(),
            error: (err as Error).stack,
          });
          return;
        }
        if (answer === undefined) return;
        // Committed once the answer is acknowledged: a crash in between answers again.
        await producer.send({
          topic: responses,
          messages: [
            {
              key: parseRecord(answer).fromId,
              value: Buffer.from(answer),
              headers: { 'content-type': USP_RECORD_CONTENT_TYPE },
            },
          ],
        });
      },
    });
    options.logger.info('USP over Kafka', {
      requests: `${options.topicPrefix}${Topics.uspRequests}`,
      responses,
    });
    return new KafkaMtp(consumer, producer);
  }

  async close(): Promise<void> {
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }
}
