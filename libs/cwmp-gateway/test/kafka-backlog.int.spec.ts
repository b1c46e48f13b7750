import { randomBytes } from 'node:crypto';
import { KafkaBus, KafkaGroupLag, silentLogger } from '@meridian/bus';
import { SCHEMA_VERSION, Topics, type InformMessage } from '@meridian/contracts';
import { BROKERS } from '@meridian/testing';
import { CpeClient } from './support/cpe-client';
import { deviceNumber, inform } from './support/envelopes';
import { eventually, startGateway, type RunningGateway } from './support/gateway-harness';

/** An Inform as the gateway publishes it, for the backlog provisioning has not consumed. */
const informMessage = (n: number): InformMessage => ({
  schemaVersion: SCHEMA_VERSION,
  deviceId: `001122-Box-SN${n}`,
  deviceIdStruct: {
    manufacturer: 'Acme',
    oui: '001122',
    productClass: 'Box',
    serialNumber: `SN${n}`,
  },
  events: [{ eventCode: '2 PERIODIC', commandKey: '' }],
  parameterList: [],
  retryCount: 0,
  currentTime: '2026-12-05T08:00:00Z',
  sessionId: `s-${n}`,
  gatewayId: 'gw-test',
  cwmpVersion: '1-0',
  remoteAddress: '127.0.0.1',
  time: new Date().toISOString(),
});

// The deployed shape: the gateway's downstream backlog is the provisioning group's lag on
// cwmp.inform, read from the broker's offsets (shared Kafka, topics of a prefix of this run).
describe('gateway backpressure from the provisioning group lag on Kafka', () => {
  jest.setTimeout(60_000);
  const prefix = `lag-${randomBytes(4).toString('hex')}.`;
  const group = `${prefix}provisioning`;
  let bus: KafkaBus;
  let lag: KafkaGroupLag;
  let gateway: RunningGateway;

  afterAll(async () => {
    await gateway?.close();
    await lag?.close();
    await bus?.close();
  });

  it('refuses new sessions with 503 + Retry-After while provisioning is behind, admits them once it caught up', async () => {
    bus = await KafkaBus.connect({
      brokers: BROKERS,
      clientId: 'lag-test',
      partitions: 2,
      topicPrefix: prefix,
      logger: silentLogger,
    });
    for (let n = 0; n < 4; n++) {
      const message = informMessage(n);
      await bus.publish(Topics.inform, message.deviceId, message);
    }
    lag = await KafkaGroupLag.start({
      brokers: BROKERS,
      clientId: 'lag-test-reader',
      topic: `${prefix}${Topics.inform}`,
      groupId: group,
      intervalMs: 200,
      logger: silentLogger,
    });
    // No member of the group has committed anything: all 4 are behind.
    await eventually(() => lag.current().pending === 4, 10_000);

    gateway = await startGateway(
      { maxBacklog: 3, retryAfterSeconds: 11 },
      { downstreamBacklog: lag.current },
    );
    const refused = await new CpeClient(gateway.port).post(inform(deviceNumber(1)));
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('11');
    expect(refused.body).toContain('provisioning is behind');

    // Provisioning consumes (and commits) the backlog: the lag falls and sessions are admitted.
    let consumed = 0;
    const subscription = await bus.subscribe(Topics.inform, group, async () => {
      consumed += 1;
    });
    try {
      await eventually(() => consumed === 4 && lag.current().pending === 0, 30_000);
      // What the group committed is what it handled: the rate the gateway measures drains by.
      expect(lag.current().handled).toBe(4);
      expect((await new CpeClient(gateway.port).post(inform(deviceNumber(2)))).status).toBe(200);
    } finally {
      await subscription.close();
    }
  });
});
