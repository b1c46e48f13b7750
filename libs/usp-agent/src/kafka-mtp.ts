import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import type { KafkaSecurity, Logger } from '@meridian/bus';
import { Topics } from '@meridian/contracts';
import { parseRecord } from '@meridian/usp';
import { CACHE_ACCEPTABLE_PROPERTY, type RecordHandler } from './mqtt-mtp';
import { KAFKA_REPLY_TO } from './notify-delivery';

export interface KafkaMtpOptions {
  brokers: string[];
  security?: KafkaSecurity;
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
 * `to_id`. Notify messages of subscriptions made over Kafka go to `usp.responses` too (a
 * Controller tells them from answers by the Msg: a Notify request). The topics are created by the
 * Kafka bus with the others (`busTopicNames`).
 */
export class KafkaMtp {
  private constructor(
    private readonly consumer: Consumer,
    private readonly producer: Producer,
    private readonly responses: string,
  ) {}

  static async start(options: KafkaMtpOptions, handler: RecordHandler): Promise<KafkaMtp> {
    const kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      ...options.security,
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer();
    const consumer = kafka.consumer({
      groupId: `${options.topicPrefix}usp-translator`,
      maxWaitTimeInMs: 100,
    });
    await producer.connect();
    await consumer.connect();
    // From the beginning when the group has committed nothing yet: a translator killed before its
    // first commit, started again, answers the requests it took (not only the ones after them).
    await consumer.subscribe({
      topics: [`${options.topicPrefix}${Topics.uspRequests}`],
      fromBeginning: true,
    });
    const responses = `${options.topicPrefix}${Topics.uspResponses}`;
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.value === null) return;
        const flag = message.headers?.[CACHE_ACCEPTABLE_PROPERTY]?.toString();
        let answers: Uint8Array[];
        try {
          answers = await handler(new Uint8Array(message.value), {
            cacheAcceptable: flag === 'true' || flag === '1',
            // Subscriptions made over Kafka have their Notify on usp.responses too.
            replyTo: KAFKA_REPLY_TO,
          });
        } catch (err) {
          options.logger.error('USP Record could not be handled', {
            key: message.key?.toString(),
            error: (err as Error).stack,
          });
          return;
        }
        if (answers.length === 0) return;
        // Committed once the answers are acknowledged: a crash in between answers again.
        await producer.send({ topic: responses, messages: answers.map(responseMessage) });
      },
    });
    options.logger.info('USP over Kafka', {
      requests: `${options.topicPrefix}${Topics.uspRequests}`,
      responses,
    });
    return new KafkaMtp(consumer, producer, responses);
  }

  /** A Record of the translator's own (a Notify) on usp.responses, keyed by its Agent. */
  async publish(record: Uint8Array): Promise<void> {
    await this.producer.send({ topic: this.responses, messages: [responseMessage(record)] });
  }

  async close(): Promise<void> {
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }
}

function responseMessage(record: Uint8Array) {
  return {
    key: parseRecord(record).fromId,
    value: Buffer.from(record),
    headers: { 'content-type': USP_RECORD_CONTENT_TYPE },
  };
}
