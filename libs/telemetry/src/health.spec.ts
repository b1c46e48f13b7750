import { Health } from './health';

describe('Health', () => {
  it('is ready when every check passes, and names what failed otherwise', async () => {
    let redisUp = true;
    const health = new Health(100)
      .add('kafka', async () => undefined)
      .add('redis', async () => {
        if (!redisUp) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
      });
    expect(await health.readiness()).toEqual({ ready: true, checks: { kafka: 'ok', redis: 'ok' } });
    redisUp = false;
    expect(await health.readiness()).toEqual({
      ready: false,
      checks: { kafka: 'ok', redis: 'connect ECONNREFUSED 127.0.0.1:6379' },
    });
  });

  it('counts a check that does not answer in time as failed', async () => {
    const health = new Health(50).add('mongodb', () => new Promise(() => undefined));
    expect(await health.readiness()).toEqual({
      ready: false,
      checks: { mongodb: 'no answer within 50 ms' },
    });
  });

  it('is not ready once draining, whatever the checks say', async () => {
    const health = new Health().add('kafka', async () => undefined);
    health.startDraining();
    expect(await health.readiness()).toEqual({
      ready: false,
      checks: { kafka: 'ok', drain: 'draining' },
    });
  });
});
