import { Metrics } from './metrics';

describe('Metrics counters', () => {
  it('sum per label set, whatever the order of the labels or the reuse of their object', async () => {
    const metrics = new Metrics();
    const labels = { rpc: 'Inform', outcome: 'ok' };
    metrics.cwmpRpcs.add(1, labels);
    labels.outcome = 'fault';
    metrics.cwmpRpcs.add(1, labels);
    metrics.cwmpRpcs.add(2, { outcome: 'ok', rpc: 'Inform' });
    metrics.provisioningCommands.add(3);
    metrics.provisioningCommands.add(-1);
    const text = await metrics.scrape();
    expect(text).toContain('# TYPE meridian_cwmp_rpcs_total counter');
    expect(text).toContain('meridian_cwmp_rpcs_total{rpc="Inform",outcome="ok"} 3');
    expect(text).toContain('meridian_cwmp_rpcs_total{rpc="Inform",outcome="fault"} 1');
    expect(text).toContain('meridian_provisioning_commands_total 3');
    await metrics.shutdown();
  });
});
