import 'reflect-metadata';
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { BUS, type Bus } from '@meridian/bus';
import type { EventMessage } from '@meridian/contracts';
import type { Simulator, SimulatorOptions } from '@meridian/cpe-sim';
import { nbiClient, startFileServer, type FileServer } from '@meridian/testing';
import type { Meridian } from '../src/meridian';
import { simulatorsOf, startAllInOne, type AllInOne } from './all-in-one';

const KEY = 'e2e-admin-key-0123456789';

/**
 * Diagnostics as an operator runs them: one NBI task per test, on simulated TR-181 and TR-098
 * routers that run it for real on loopback and call back with "8 DIAGNOSTICS COMPLETE".
 */
jest.setTimeout(60_000);

describe('diagnostic tasks on the all-in-one', () => {
  let allInOne: AllInOne;
  let meridian: Meridian;
  let files: FileServer;
  let echo: dgram.Socket;
  let echoPort: number;
  const sims: Simulator[] = [];
  const events: EventMessage[] = [];
  let nbi: string;

  /** One simulated router of its own, with its own serial prefix and profile. */
  const router = async (prefix: string, extra: Partial<SimulatorOptions> = {}) => {
    const sim = await simulatorsOf(meridian, { serialPrefix: prefix, ...extra });
    sims.push(sim);
    await sim.booted;
    return `00D09E-${extra.productClass ?? 'SimRouter'}-${prefix}000001`;
  };

  let tr181: string;
  let tr098: string;
  let failing: string;
  let silent: string;

  beforeAll(async () => {
    allInOne = await startAllInOne('diagnostics', {
      MERIDIAN_NBI_API_KEYS: `e2e:admin:${KEY}`,
      // Only what the tests read: discovery of the whole tree would crowd the sessions.
      MERIDIAN_DISCOVERY_PATHS: 'ManagementServer.',
    });
    ({ meridian, nbi } = allInOne);
    await meridian.app
      .get<Bus>(BUS)
      .subscribe('cwmp.events', 'diagnostics-test', async ({ value }) => void events.push(value));
    files = await startFileServer({ '/speedtest.bin': Buffer.alloc(256 * 1024, 1) });
    echo = dgram.createSocket('udp4');
    echo.on('message', (message, from) => echo.send(message, from.port, from.address));
    await new Promise<void>((resolve) => echo.bind(0, '127.0.0.1', resolve));
    echoPort = (echo.address() as AddressInfo).port;
    tr181 = await router('DGA');
    tr098 = await router('IGD', { dataModel: 'tr-098', productClass: 'IGDRouter' });
    failing = await router('ERR', { diagnostics: { error: 'Error_CannotResolveHostName' } });
    silent = await router('SLO', { diagnostics: { delayMs: 30_000 } });
  });

  afterAll(async () => {
    await Promise.all(sims.map((s) => s.stop()));
    await allInOne?.close();
    await files?.close();
    echo?.close();
  });

  const call = (method: string, path: string, body?: unknown) =>
    nbiClient(nbi, KEY)(method, path, body);
  const diagnostic = (deviceId: string, kind: string, inputs: object, wait = 20_000, extra = {}) =>
    call('POST', `/devices/${deviceId}/tasks?connectionRequest=true&timeout=${wait}`, {
      name: 'diagnostic',
      kind,
      inputs,
      ...extra,
    });

  it.each([
    [
      'ipPing',
      { Host: '127.0.0.1', NumberOfRepetitions: 3, Timeout: 1000 },
      { SuccessCount: 3, FailureCount: 0 },
    ],
    ['traceRoute', { Host: '127.0.0.1', NumberOfTries: 2 }, { RouteHopsNumberOfEntries: 1 }],
    ['nsLookup', { HostName: 'localhost', NumberOfRepetitions: 1 }, { SuccessCount: 1 }],
    ['serverSelection', { HostList: '127.0.0.1,localhost', NumberOfRepetitions: 2 }, {}],
  ])('%s on a TR-181 router ends done with typed results', async (kind, inputs, expected) => {
    const { status, json } = await diagnostic(tr181, kind, inputs);

    expect(status).toBe(200);
    expect(json).toMatchObject({
      status: 'done',
      diagnostic: { kind, inputs },
      diagnosticResult: { kind, diagnosticsState: 'Complete', results: expected },
    });
  });

  it('speed tests (download, upload) and UDP echo on a TR-181 router', async () => {
    const down = await diagnostic(tr181, 'downloadDiagnostics', {
      DownloadURL: `${files.url}speedtest.bin`,
    });
    expect(down.json.diagnosticResult.results).toMatchObject({ TestBytesReceived: 262144 });
    const { ROMTime, BOMTime, EOMTime } = down.json.diagnosticResult.results;
    expect(
      Date.parse(ROMTime) <= Date.parse(BOMTime) && Date.parse(BOMTime) <= Date.parse(EOMTime),
    ).toBe(true);

    const up = await diagnostic(tr181, 'uploadDiagnostics', {
      UploadURL: `${files.url}up.bin`,
      TestFileLength: 100_000,
    });
    expect(up.json).toMatchObject({
      status: 'done',
      diagnosticResult: { results: { TestBytesSent: 100000 } },
    });
    expect(files.uploads.get('/up.bin')).toHaveLength(100_000);

    const udp = await diagnostic(tr181, 'udpEcho', {
      Host: '127.0.0.1',
      Port: echoPort,
      NumberOfRepetitions: 2,
    });
    expect(udp.json).toMatchObject({
      status: 'done',
      diagnosticResult: { results: { SuccessCount: 2 } },
    });
  });

  it('hops of a trace route come as rows with their RTTs as numbers', async () => {
    const { json } = await diagnostic(tr181, 'traceRoute', { Host: 'localhost', NumberOfTries: 3 });
    const hops = json.diagnosticResult.results.RouteHops;
    expect(hops).toHaveLength(1);
    expect(hops[0]).toMatchObject({ Host: 'localhost', ErrorCode: 0 });
    expect(hops[0].RTTimes).toHaveLength(3);
    expect(typeof hops[0].RTTimes[0]).toBe('number');
  });

  it('ipPing and downloadDiagnostics on a TR-098 router use its own objects', async () => {
    const ping = await diagnostic(tr098, 'ipPing', { Host: '127.0.0.1', NumberOfRepetitions: 2 });
    expect(ping.json).toMatchObject({
      status: 'done',
      response: {
        parameterList: expect.arrayContaining([
          expect.objectContaining({ name: 'InternetGatewayDevice.IPPingDiagnostics.SuccessCount' }),
        ]),
      },
      diagnosticResult: { diagnosticsState: 'Complete', results: { SuccessCount: 2 } },
    });
    const down = await diagnostic(tr098, 'downloadDiagnostics', {
      DownloadURL: `${files.url}speedtest.bin`,
    });
    expect(down.json).toMatchObject({
      status: 'done',
      diagnosticResult: { diagnosticsState: 'Completed', results: { TestBytesReceived: 262144 } },
    });
  });

  it("ends fault with the CPE's Error_ state", async () => {
    const { json } = await diagnostic(failing, 'ipPing', { Host: 'somewhere.invalid' });

    expect(json).toMatchObject({
      status: 'fault',
      fault: { faultCode: 8800, faultString: 'Error_CannotResolveHostName' },
      diagnosticResult: { diagnosticsState: 'Error_CannotResolveHostName' },
    });
  });

  it('ends expired with the reason when the CPE never reports, and the queue moves on', async () => {
    const { json } = await diagnostic(silent, 'ipPing', { Host: '127.0.0.1' }, 15_000, {
      timeoutMs: 1500,
    });
    expect(json).toMatchObject({
      status: 'expired',
      reason: expect.stringContaining('did not report 8 DIAGNOSTICS COMPLETE within 1500 ms'),
    });
    const read = await call(
      'POST',
      `/devices/${silent}/tasks?connectionRequest=true&timeout=15000`,
      {
        name: 'getParameterValues',
        parameterNames: ['Device.IP.Diagnostics.IPPing.DiagnosticsState'],
      },
    );
    expect(read.json.status).toBe('done');
  });

  it('runs two diagnostics of the same kind on one device one after the other', async () => {
    const first = await diagnostic(
      tr181,
      'ipPing',
      { Host: '127.0.0.1', NumberOfRepetitions: 1 },
      0,
    );
    const second = await diagnostic(
      tr181,
      'ipPing',
      { Host: 'localhost', NumberOfRepetitions: 2 },
      0,
    );
    expect([first.status, second.status]).toEqual([202, 202]);

    const ended = async (commandId: string) => {
      for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
        const task = (await call('GET', `/tasks/${commandId}`)).json;
        if (task.status !== 'pending') return task;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`task ${commandId} still pending`);
    };
    const [a, b] = [await ended(first.json.commandId), await ended(second.json.commandId)];
    expect(a).toMatchObject({ status: 'done', diagnosticResult: { results: { SuccessCount: 1 } } });
    expect(b).toMatchObject({ status: 'done', diagnosticResult: { results: { SuccessCount: 2 } } });
    expect(Date.parse(a.updatedAt)).toBeLessThanOrEqual(Date.parse(b.updatedAt));

    const listed = await call('GET', `/devices/${tr181}/diagnostics?kind=ipPing&limit=2`);
    expect(listed.json.items.map((d: { commandId: string }) => d.commandId)).toEqual([
      second.json.commandId,
      first.json.commandId,
    ]);
    expect(events.some((e) => e.deviceId === tr181 && e.rpc.name === 'DiagnosticsComplete')).toBe(
      true,
    );
  });

  it.each([
    [{ kind: 'ping', inputs: { Host: 'h' } }, 'kind "ping" is not one of ipPing'],
    [{ kind: 'ipPing', inputs: {} }, 'inputs.Host is required'],
    [
      { kind: 'ipPing', inputs: { Host: 'h', NumberOfRepetitions: -1 } },
      'inputs.NumberOfRepetitions -1',
    ],
  ])('refuses %j with a 400 naming the field', async (body, message) => {
    const { status, json } = await call('POST', `/devices/${tr181}/tasks`, {
      name: 'diagnostic',
      ...body,
    });
    expect(status).toBe(400);
    expect(json.error.message).toContain(message);
  });

  it('answers 404 for a diagnostic on an unknown device', async () => {
    const { status, json } = await diagnostic('00D09E-SimRouter-NOPE', 'ipPing', { Host: 'h' }, 0);
    expect(status).toBe(404);
    expect(json.error.message).toContain('device 00D09E-SimRouter-NOPE');
    expect((await call('GET', '/devices/00D09E-SimRouter-NOPE/diagnostics')).status).toBe(404);
  });
});
