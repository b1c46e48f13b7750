import { logLevel } from 'kafkajs';
import { busTopicNames, decodeHeaders, kafkaLogCreator, type Logger } from '../src';

describe('Kafka adapter helpers (no broker)', () => {
  it('names every contract topic and its dead-letter topic, with the prefix', () => {
    expect(busTopicNames('run1.')).toEqual([
      'run1.cwmp.inform',
      'run1.cwmp.inform.dlq',
      'run1.cwmp.events',
      'run1.cwmp.events.dlq',
      'run1.cwmp.commands',
      'run1.cwmp.commands.dlq',
      'run1.cwmp.results',
      'run1.cwmp.results.dlq',
      'run1.cwmp.connection-requests',
      'run1.cwmp.connection-requests.dlq',
      'run1.usp.requests',
      'run1.usp.requests.dlq',
      'run1.usp.responses',
      'run1.usp.responses.dlq',
      'run1.firmware.outcomes',
      'run1.firmware.outcomes.dlq',
      'run1.firmware.campaigns',
      'run1.firmware.campaigns.dlq',
    ]);
  });

  it('decodes kafkajs headers to strings, the last of a repeated header winning', () => {
    expect(
      decodeHeaders({
        traceparent: Buffer.from('00-abc-def-01'),
        plain: 'text',
        repeated: [Buffer.from('first'), 'second'],
        absent: undefined,
      }),
    ).toEqual({ traceparent: '00-abc-def-01', plain: 'text', repeated: 'second' });
    expect(decodeHeaders(undefined)).toEqual({});
  });

  it('routes kafkajs log entries to the logger at the matching level', () => {
    const calls: [string, string, Record<string, unknown> | undefined][] = [];
    const record =
      (level: string) =>
      (message: string, fields?: Record<string, unknown>): void => {
        calls.push([level, message, fields]);
      };
    const logger: Logger = {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
    };
    const log = kafkaLogCreator(logger)(logLevel.INFO);
    const entry = (level: logLevel, message: string) => ({
      namespace: 'Consumer',
      level,
      label: '',
      log: { timestamp: 'now', message, groupId: 'g' },
    });
    log(entry(logLevel.ERROR, 'crashed'));
    log(entry(logLevel.WARN, 'slow'));
    log(entry(logLevel.INFO, 'joined'));
    log(entry(logLevel.DEBUG, 'fetch'));
    log({
      ...entry(logLevel.ERROR, 'eachMessage'),
      log: { timestamp: 'now', message: 'eachMessage', stack: 'DeliveryAborted: closing' },
    });
    expect(calls).toEqual([
      ['error', 'kafkajs Consumer: crashed', { groupId: 'g' }],
      ['warn', 'kafkajs Consumer: slow', { groupId: 'g' }],
      ['info', 'kafkajs Consumer: joined', { groupId: 'g' }],
      ['debug', 'kafkajs Consumer: fetch', { groupId: 'g' }],
      // Leaving a message for redelivery on close is expected, not an error.
      ['debug', 'kafkajs Consumer: eachMessage', { stack: 'DeliveryAborted: closing' }],
    ]);
  });
});
