import { Kafka, logLevel } from 'kafkajs';
import type { Bus } from '@meridian/bus';
import { infrastructureSpec, readConfig } from '@meridian/config';
import {
  SCHEMA_VERSION,
  Topics,
  type ConnectionRequestMessage,
  type ResultMessage,
} from '@meridian/contracts';
import { BROKERS, deleteKafkaTopics, eventually, uniqueKafkaPrefix } from '@meridian/testing';
import { createBus } from '../src';

/*
 * Two deployments on one Kafka cluster, told apart only by MERIDIAN_KAFKA_TOPIC_PREFIX, using the
 * same group id in code (as two copies of Meridian do): each reads all of its own messages and
 * none of the other's.
 */
jest.setTimeout(90_000);

const PARTITIONS = 4;
const DEVICES = 12;

const crMessage = (deviceId: string, gatewayId: string): ConnectionRequestMessage => ({
  schemaVersion: SCHEMA_VERSION,
  deviceId,
  commandIds: [],
  outcome: 'sent',
  attempts: 1,
  gatewayId,
  time: new Date().toISOString(),
});

const expired = (deviceId: string, commandId: string): ResultMessage => ({
  schemaVersion: SCHEMA_VERSION,
  commandId,
  deviceId,
  source: 'adapters-test',
  time: new Date().toISOString(),
  outcome: 'expired',
});

const deviceIds = Array.from({ length: DEVICES }, (_, n) => `00D09E-SimRouter-PFX${n}`);

describe('createBus with MERIDIAN_KAFKA_TOPIC_PREFIX on the real Kafka', () => {
  const prefixes = [
    uniqueKafkaPrefix('adapters-a'),
    uniqueKafkaPrefix('adapters-b'),
    uniqueKafkaPrefix('adapters-c'),
  ];
  const buses: Bus[] = [];
  const kafkaBus = async (prefix: string) => {
    const env = readConfig(infrastructureSpec, {
      MERIDIAN_BUS: 'kafka',
      MERIDIAN_KAFKA_BROKERS: BROKERS.join(','),
      MERIDIAN_KAFKA_PARTITIONS: String(PARTITIONS),
      MERIDIAN_KAFKA_TOPIC_PREFIX: prefix,
    });
    const bus = await createBus(env, `adapters-${buses.length}`);
    buses.push(bus);
    return bus;
  };

  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
    await Promise.all(prefixes.map(deleteKafkaTopics));
  });

  it('keeps topics and consumer groups apart', async () => {
    const pair = [await kafkaBus(prefixes[0]!), await kafkaBus(prefixes[1]!)];
    const received: string[][] = [[], []];
    // Joined one after the other: the second join would take partitions from the first member
    // if the two shared a group.
    for (const [i, bus] of pair.entries()) {
      await bus.subscribe(Topics.connectionRequests, 'shared-group', async (m) => {
        received[i]!.push(`${m.value.gatewayId}/${m.key}`);
      });
    }
    // Enough keys to land on every partition.
    for (const [i, bus] of pair.entries()) {
      for (const deviceId of deviceIds) {
        await bus.publish(Topics.connectionRequests, deviceId, crMessage(deviceId, `bus${i}`));
      }
    }
    await eventually(() => received.every((r) => r.length >= DEVICES), 30_000).catch(() => {
      throw new Error(`received ${received.map((r) => r.length).join(' and ')} of ${DEVICES}`);
    });
    for (const [i, r] of received.entries()) {
      expect(r.sort()).toEqual(deviceIds.map((d) => `bus${i}/${d}`).sort());
    }

    const admin = new Kafka({ brokers: BROKERS, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      for (const prefix of prefixes.slice(0, 2)) {
        expect(topics).toEqual(
          expect.arrayContaining([`${prefix}cwmp.commands`, `${prefix}cwmp.connection-requests`]),
        );
      }
      const names = prefixes.slice(0, 2).map((p) => `${p}shared-group`);
      const { groups } = await admin.describeGroups(names);
      expect(groups.map((g) => [g.groupId, g.members.length])).toEqual(
        names.map((name) => [name, 1]),
      );
    } finally {
      await admin.disconnect();
    }
  });

  it('reads every partition of two topics a service consumes under one group id', async () => {
    const bus = await kafkaBus(prefixes[2]!);
    const received: string[] = [];
    await bus.subscribe(Topics.results, 'one-group', async (m) => {
      received.push(`result/${m.key}`);
    });
    await bus.subscribe(Topics.connectionRequests, 'one-group', async (m) => {
      received.push(`cr/${m.key}`);
    });
    for (const [n, deviceId] of deviceIds.entries()) {
      await bus.publish(Topics.results, deviceId, expired(deviceId, `c${n}`));
      await bus.publish(Topics.connectionRequests, deviceId, crMessage(deviceId, 'gw'));
    }
    await eventually(() => received.length >= 2 * DEVICES, 30_000).catch(() => {
      throw new Error(`received ${received.length} of ${2 * DEVICES}`);
    });
    expect(received.sort()).toEqual(
      [...deviceIds.map((d) => `result/${d}`), ...deviceIds.map((d) => `cr/${d}`)].sort(),
    );
  });
});
