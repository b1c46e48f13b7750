import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import mongoose from 'mongoose';
import { createBus } from '@meridian/adapters';
import type { Bus } from '@meridian/bus';
import { planDevices, type Campaign } from '@meridian/campaign';
import { infrastructureSpec, readConfig } from '@meridian/config';
import { SCHEMA_VERSION, type CommandMessage } from '@meridian/contracts';
import { createMongoStore, type Store } from '@meridian/store';
import {
  BROKERS,
  MONGO_URL,
  deleteKafkaTopics,
  eventually,
  tapTopic,
  uniqueKafkaPrefix,
  type TopicTap,
} from '@meridian/testing';
import { campaignCandidates, CampaignRunner } from '../src';

jest.setTimeout(90_000);

const DEVICES = 12;

/**
 * The runner on Kafka and the MongoDB-wire store, stopped mid-campaign and started again (a new
 * bus, the same consumer group): the outcomes published while it was down are all consumed,
 * and no device gets a second Download.
 */
describe('CampaignRunner on Kafka and MongoDB, restarted mid-campaign', () => {
  const prefix = uniqueKafkaPrefix('campaigns');
  const dbName = `meridian_test_campaigns_${randomBytes(4).toString('hex')}`;
  const env = readConfig(infrastructureSpec, {
    MERIDIAN_BUS: 'kafka',
    MERIDIAN_KAFKA_BROKERS: BROKERS.join(','),
    MERIDIAN_KAFKA_PARTITIONS: '2',
    MERIDIAN_KAFKA_TOPIC_PREFIX: prefix,
  });
  let store: Store;
  let tap: TopicTap<CommandMessage>;
  let publisher: Bus;

  const runnerOn = (bus: Bus) =>
    new CampaignRunner(store, bus, {
      filesUrl: () => 'http://files.example:7567',
      secret: 'campaign-int-secret-0123456789',
      urlTtlSeconds: 3600,
      deliverySeconds: 3600,
      intervalMs: 200,
      wakeRatePerSecond: 20,
    });
  const downloads = () => tap.messages.map((m) => m.value);
  const succeed = async (command: CommandMessage) =>
    publisher.publish('firmware.outcomes', command.deviceId, {
      schemaVersion: SCHEMA_VERSION,
      deviceId: command.deviceId,
      commandId: command.commandId,
      outcome: 'succeeded',
      at: new Date().toISOString(),
    });

  beforeAll(async () => {
    store = await createMongoStore(MONGO_URL, { dbName, serverSelectionTimeoutMS: 5_000 });
    publisher = await createBus(env, 'campaign-test');
    tap = await tapTopic<CommandMessage>(`${prefix}cwmp.commands`, `${prefix}test-tap`);
    await store.files.put(
      { name: 'fw-2.0.bin', type: '1 Firmware Upgrade Image', version: '2.0', maxBytes: 1e6 },
      Readable.from([Buffer.from('meridian-sim-firmware 2.0\n')]),
    );
    const now = new Date();
    for (let i = 0; i < DEVICES; i++) {
      await store.devices.upsertFromInform(
        `00D09E-SimRouter-R${i}`,
        {
          identity: {
            manufacturer: 'Sim',
            oui: '00D09E',
            productClass: 'SimRouter',
            serialNumber: `R${i}`,
          },
          events: ['1 BOOT'],
          softwareVersion: '1.0',
        },
        now,
      );
    }
    const campaign: Campaign = {
      campaignId: 'restart',
      name: 'restart',
      fileName: 'fw-2.0.bin',
      version: '2.0',
      target: { productClass: 'SimRouter' },
      stages: [{ percent: 100, soakSeconds: 0 }],
      maxInFlight: 4,
      stopRules: {},
      state: 'running',
      stage: 0,
      stageStartedAt: now,
      countFrom: now,
      createdAt: now,
      updatedAt: now,
    };
    const candidates = await campaignCandidates(store, campaign.target, campaign.version);
    await store.campaigns.create(campaign, planDevices(campaign, candidates));
  });

  afterAll(async () => {
    await tap?.close();
    await publisher?.close();
    await store?.close();
    const connection = await mongoose
      .createConnection(MONGO_URL, { dbName, serverSelectionTimeoutMS: 5_000 })
      .asPromise();
    await connection.dropDatabase();
    await connection.close();
    await deleteKafkaTopics(prefix);
  });

  it('carries on from the store and the committed offsets', async () => {
    const busA = await createBus(env, 'firmware-a');
    const first = runnerOn(busA);
    await first.onApplicationBootstrap();
    await eventually(() => downloads().length === 4, 20_000);
    await first.onApplicationShutdown();
    await busA.close();

    // Down: the outcomes of its four Downloads arrive meanwhile.
    for (const command of downloads()) await succeed(command);

    const busB = await createBus(env, 'firmware-b');
    const second = runnerOn(busB);
    await second.onApplicationBootstrap();
    try {
      // Each Download seen gets its outcome, until every device is done.
      const answered = new Set(downloads().map((d) => d.commandId));
      await eventually(async () => {
        for (const command of downloads()) {
          if (!answered.has(command.commandId)) {
            answered.add(command.commandId);
            await succeed(command);
          }
        }
        return (await store.campaigns.get('restart'))?.state === 'completed';
      }, 60_000);
    } finally {
      await second.onApplicationShutdown();
      await busB.close();
    }
    const devices = await store.campaigns.devices('restart');
    expect(devices.map((d) => d.state)).toEqual(Array(DEVICES).fill('succeeded'));
    // One Download per device, never two.
    expect(downloads()).toHaveLength(DEVICES);
    expect(new Set(downloads().map((d) => d.deviceId)).size).toBe(DEVICES);
  });
});
