import { adapterInstruments, Metrics } from './metrics';

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

  it('histograms count each value in the first bucket whose bound it does not pass', async () => {
    const metrics = new Metrics();
    metrics.registerGlobal();
    metrics.cwmpRpcDuration.record(0.001, { rpc: 'Inform' });
    metrics.cwmpRpcDuration.record(0.0007, { rpc: 'Inform' });
    metrics.cwmpRpcDuration.record(-1, { rpc: 'Inform' });
    metrics.cwmpQueueDepth.record(0);
    const labels = { system: 'sqlite', operation: 'devices.get', outcome: 'ok' };
    adapterInstruments().datastoreCallDuration.record(0.0002, labels);
    const text = await metrics.scrape();
    expect(text).toContain('# TYPE meridian_cwmp_rpc_duration_seconds histogram');
    expect(text).toContain('# UNIT meridian_cwmp_rpc_duration_seconds s');
    expect(text).toContain('meridian_cwmp_rpc_duration_seconds_count{rpc="Inform"} 2');
    expect(text).toContain('meridian_cwmp_rpc_duration_seconds_bucket{rpc="Inform",le="0.0005"} 0');
    expect(text).toContain('meridian_cwmp_rpc_duration_seconds_bucket{rpc="Inform",le="0.001"} 2');
    expect(text).toContain('meridian_cwmp_rpc_duration_seconds_bucket{rpc="Inform",le="+Inf"} 2');
    expect(text).toContain('meridian_cwmp_command_queue_depth_bucket{le="0"} 1');
    expect(text).toContain(
      'meridian_datastore_call_duration_seconds_bucket{system="sqlite",operation="devices.get",outcome="ok",le="0.0005"} 1',
    );
    expect(text).not.toContain('meridian_nbi_request_duration_seconds');
    await metrics.shutdown();
  });
});
