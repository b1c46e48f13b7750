import { InProcessBus, type Bus } from '@meridian/bus';
import { ConfigError, infrastructureSpec, readConfig } from '@meridian/config';
import { checkedKafkaPrefix, createBus, withKafkaGroups } from '../src';

/** A bus that records the group ids it was asked to join. */
function recordingBus(): Bus & { groups: string[] } {
  const inner = new InProcessBus();
  const groups: string[] = [];
  return {
    groups,
    publish: (topic, key, value, headers) => inner.publish(topic, key, value, headers),
    subscribe: (topic, groupId, handler) => {
      groups.push(groupId);
      return inner.subscribe(topic, groupId, handler);
    },
    close: () => inner.close(),
  };
}

describe('MERIDIAN_KAFKA_TOPIC_PREFIX', () => {
  it('defaults to no prefix', () => {
    expect(readConfig(infrastructureSpec, {}).MERIDIAN_KAFKA_TOPIC_PREFIX).toBe('');
  });

  it('accepts what Kafka accepts in a topic name and refuses the rest, naming the variable', () => {
    expect(checkedKafkaPrefix('acme.prod_1-')).toBe('acme.prod_1-');
    expect(() => checkedKafkaPrefix('acme/prod')).toThrow(ConfigError);
    expect(() => checkedKafkaPrefix('acme/prod')).toThrow(
      'MERIDIAN_KAFKA_TOPIC_PREFIX="acme/prod"',
    );
  });

  it('stops a Kafka bus from starting with a bad prefix, before any connection', async () => {
    const env = readConfig(infrastructureSpec, {
      MERIDIAN_BUS: 'kafka',
      MERIDIAN_KAFKA_BROKERS: '127.0.0.1:1',
      MERIDIAN_KAFKA_TOPIC_PREFIX: 'a b',
    });
    await expect(createBus(env, 'test')).rejects.toThrow(ConfigError);
  });
});

describe('withKafkaGroups', () => {
  const subscribe = (bus: Bus, topic: 'cwmp.inform' | 'cwmp.results', groupId: string) =>
    bus.subscribe(topic, groupId, async () => undefined);

  it('puts the prefix before every consumer group id', async () => {
    const inner = recordingBus();
    const bus = withKafkaGroups(inner, 'acme.');
    await subscribe(bus, 'cwmp.inform', 'provisioning');
    await subscribe(bus, 'cwmp.inform', 'registry');
    expect(inner.groups).toEqual(['acme.provisioning', 'acme.registry']);
    await bus.close();
  });

  it('gives each further topic of one group id a group of its own', async () => {
    const inner = recordingBus();
    const bus = withKafkaGroups(inner, '');
    await subscribe(bus, 'cwmp.inform', 'provisioning');
    await subscribe(bus, 'cwmp.results', 'provisioning');
    // Same topic again: another member of the same group.
    await subscribe(bus, 'cwmp.results', 'provisioning');
    expect(inner.groups).toEqual([
      'provisioning',
      'provisioning.cwmp.results',
      'provisioning.cwmp.results',
    ]);
    await bus.close();
  });
});
