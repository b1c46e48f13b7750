import { checkInfraTarget } from '../src';

/* Tests that restart a server act through scripts/infra, which knows ports, not URLs. */
describe('checkInfraTarget', () => {
  it('passes when the servers under test are the ones scripts/infra runs', () => {
    expect(() => checkInfraTarget(['redis', 'kafka', 'mongo', 'mqtt'], {})).not.toThrow();
    expect(() =>
      checkInfraTarget(['redis', 'kafka', 'mongo', 'mqtt'], {
        MERIDIAN_INFRA_DIR: '/tmp/infra-x',
        MERIDIAN_REDIS_URL: 'redis://:secret@127.0.0.1:16101/0',
        MERIDIAN_REDIS_PORT: '16101',
        MERIDIAN_KAFKA_BROKERS: '127.0.0.1:16102',
        MERIDIAN_KAFKA_PORT: '16102',
        MERIDIAN_MONGO_URL: 'mongodb://127.0.0.1:16104/meridian?directConnection=true',
        MERIDIAN_MONGO_PORT: '16104',
        MERIDIAN_USP_MQTT_URL: 'mqtt://127.0.0.1:16105',
        MERIDIAN_MQTT_PORT: '16105',
      }),
    ).not.toThrow();
  });

  it("refuses a broker given by URL alone: scripts/infra would restart the default port's", () => {
    expect(() =>
      checkInfraTarget(['kafka'], { MERIDIAN_KAFKA_BROKERS: '127.0.0.1:16302' }),
    ).toThrow(/kafka: the tests use port 16302, scripts\/infra's kafka is on 9092/);
  });

  it('refuses a port moved without the URL, and a list of several brokers', () => {
    expect(() => checkInfraTarget(['redis'], { MERIDIAN_REDIS_PORT: '16101' })).toThrow(
      /redis: the tests use port 6379/,
    );
    expect(() =>
      checkInfraTarget(['kafka'], { MERIDIAN_KAFKA_BROKERS: '127.0.0.1:9092,127.0.0.1:9094' }),
    ).toThrow(/port 9092, 9094/);
    expect(() =>
      checkInfraTarget(['mongo'], { MERIDIAN_MONGO_URL: 'mongodb://h1:27017,h2:27018/m' }),
    ).toThrow(/mongo/);
  });
});
