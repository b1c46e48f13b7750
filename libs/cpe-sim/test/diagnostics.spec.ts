import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleRpc } from '../src/device/rpc';
import { buildInform } from '../src/device/inform';
import { diagnosticInputs, withDiagnosticOutcome } from '../src/device/diagnostics';
import { runDiagnostic } from '../src/session/diagnostics';
import { NOW, freshDevice } from './fixtures';

describe('diagnostics on the device model', () => {
  it('a SetParameterValues of DiagnosticsState Requested starts the test after the session', () => {
    const result = handleRpc(
      freshDevice(),
      {
        name: 'SetParameterValues',
        parameterList: [
          { name: 'Device.IP.Diagnostics.IPPing.Host', value: '127.0.0.1', type: 'xsd:string' },
          {
            name: 'Device.IP.Diagnostics.IPPing.DiagnosticsState',
            value: 'Requested',
            type: 'xsd:string',
          },
        ],
        parameterKey: 'd1',
      },
      NOW,
    );

    expect(result.response).toEqual({ name: 'SetParameterValuesResponse', status: 0 });
    expect(result.effects).toEqual([
      { kind: 'diagnostic', objectPath: 'Device.IP.Diagnostics.IPPing.' },
    ]);
    expect(diagnosticInputs(result.state, 'Device.IP.Diagnostics.IPPing.')).toMatchObject({
      Host: '127.0.0.1',
    });
  });

  it('a TR-098 device informs under InternetGatewayDevice and writes results under its names', () => {
    const device = freshDevice('tr-098');
    const inform = buildInform(device, [], NOW, 0);
    expect(inform.parameterList.map((p) => p.name)).toContain(
      'InternetGatewayDevice.ManagementServer.ParameterKey',
    );

    const base = 'InternetGatewayDevice.TraceRouteDiagnostics.';
    const done = withDiagnosticOutcome(device, base, {
      state: 'Complete',
      values: { ResponseTime: '3' },
      tables: { RouteHops: [{ Host: 'localhost', RTTimes: '1,2' }] },
    });
    expect(done.values.get(`${base}DiagnosticsState`)).toBe('Complete');
    expect(done.values.get(`${base}RouteHops.1.HopHost`)).toBe('localhost');
    expect(done.values.get(`${base}RouteHops.1.HopRTTimes`)).toBe('1,2');

    const download = withDiagnosticOutcome(device, 'InternetGatewayDevice.DownloadDiagnostics.', {
      state: 'Complete',
      values: {},
    });
    expect(download.values.get('InternetGatewayDevice.DownloadDiagnostics.DiagnosticsState')).toBe(
      'Completed',
    );
  });
});

describe('runDiagnostic (real probes on loopback)', () => {
  it('pings 127.0.0.1 with TCP probes and fails to resolve a bad name', async () => {
    const ping = await runDiagnostic('ipPing', { Host: '127.0.0.1', NumberOfRepetitions: '2' });
    expect(ping).toMatchObject({
      state: 'Complete',
      values: { SuccessCount: '2', FailureCount: '0', IPAddressUsed: '127.0.0.1' },
    });
    expect(await runDiagnostic('ipPing', { Host: 'no-such-host.invalid' })).toEqual({
      state: 'Error_CannotResolveHostName',
      values: {},
    });
  });

  it('downloads and uploads over HTTP with TR-143 timings', async () => {
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end(req.method === 'GET' ? Buffer.alloc(10_000) : ''));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/file`;
    try {
      const down = await runDiagnostic('downloadDiagnostics', { DownloadURL: url });
      expect(down).toMatchObject({ state: 'Complete', values: { TestBytesReceived: '10000' } });
      expect(Date.parse(down.values.EOMTime!)).toBeGreaterThanOrEqual(
        Date.parse(down.values.ROMTime!),
      );
      const up = await runDiagnostic('uploadDiagnostics', {
        UploadURL: url,
        TestFileLength: '5000',
      });
      expect(up).toMatchObject({ state: 'Complete', values: { TestBytesSent: '5000' } });
    } finally {
      server.close();
    }
  });
});
