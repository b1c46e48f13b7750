import dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import net from 'node:net';
import type { DiagnosticKind } from '@meridian/contracts';
import type { DiagnosticOutcome } from '../device/diagnostics';

/*
 * The tests themselves, for real on the host's network where that is cheap: a "ping" is a TCP
 * connection attempt (a refused connection is a round trip too, and needs no privileges, unlike
 * ICMP), a trace route is that probe's one hop, transfers are real HTTP GET/PUT, a UDP echo
 * sends real datagrams, a name lookup asks the host's resolver.
 */

/** The port TCP probes knock at (echo): a refused connection still measures the round trip. */
const PROBE_PORT = 7;

const int = (text: string | undefined, fallback: number): number => {
  const n = Number(text);
  return text !== undefined && text !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
};

const iso = (ms: number): string => new Date(ms).toISOString();

class CannotResolve extends Error {}

async function resolve(host: string): Promise<string> {
  try {
    return (await lookup(host)).address;
  } catch {
    throw new CannotResolve(host);
  }
}

/** One round trip in microseconds, or null when nothing answered within timeoutMs. */
function tcpProbe(address: string, timeoutMs: number): Promise<number | null> {
  return new Promise((done) => {
    const start = process.hrtime.bigint();
    const elapsed = () => Number((process.hrtime.bigint() - start) / 1000n);
    const socket = net.connect({ host: address, port: PROBE_PORT });
    const finish = (rtt: number | null) => {
      socket.destroy();
      done(rtt);
    };
    socket.setTimeout(timeoutMs, () => finish(null));
    socket.once('connect', () => finish(elapsed()));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish(error.code === 'ECONNREFUSED' ? elapsed() : null),
    );
  });
}

interface Rtts {
  successes: number[];
  failures: number;
}

async function probe(address: string, count: number, timeoutMs: number): Promise<Rtts> {
  const rtts: Rtts = { successes: [], failures: 0 };
  for (let i = 0; i < count; i++) {
    const rtt = await tcpProbe(address, timeoutMs);
    if (rtt === null) rtts.failures++;
    else rtts.successes.push(rtt);
  }
  return rtts;
}

/** Average, minimum and maximum in ms and in µs (TR-181's …Detailed). */
function stats({ successes }: Rtts): Record<string, string> {
  const us = successes.length === 0 ? [0] : successes;
  const avg = Math.round(us.reduce((a, b) => a + b, 0) / us.length);
  const min = Math.min(...us);
  const max = Math.max(...us);
  const ms = (n: number) => String(Math.round(n / 1000));
  return {
    AverageResponseTime: ms(avg),
    MinimumResponseTime: ms(min),
    MaximumResponseTime: ms(max),
    AverageResponseTimeDetailed: String(avg),
    MinimumResponseTimeDetailed: String(min),
    MaximumResponseTimeDetailed: String(max),
  };
}

async function ipPing(inputs: Record<string, string>): Promise<DiagnosticOutcome> {
  const address = await resolve(inputs.Host ?? '');
  const rtts = await probe(address, int(inputs.NumberOfRepetitions, 4), int(inputs.Timeout, 1000));
  return {
    state: 'Complete',
    values: {
      IPAddressUsed: address,
      SuccessCount: String(rtts.successes.length),
      FailureCount: String(rtts.failures),
      ...stats(rtts),
    },
  };
}

async function traceRoute(inputs: Record<string, string>): Promise<DiagnosticOutcome> {
  const address = await resolve(inputs.Host ?? '');
  const rtts = await probe(address, int(inputs.NumberOfTries, 3), int(inputs.Timeout, 5000));
  const ms = rtts.successes.map((us) => String(Math.round(us / 1000)));
  return {
    state: 'Complete',
    values: { IPAddressUsed: address, ResponseTime: stats(rtts).AverageResponseTime! },
    // Loopback is one hop away.
    tables: {
      RouteHops: [
        {
          Host: inputs.Host ?? '',
          HostAddress: address,
          ErrorCode: '0',
          RTTimes: ms.join(','),
        },
      ],
    },
  };
}

/** An HTTP transfer's timings (TR-143): TCP open, request (ROM), first byte (BOM), end (EOM). */
function transfer(
  url: string,
  upload: number | null,
  timeoutMs: number,
): Promise<Record<string, string>> {
  return new Promise((done, fail) => {
    const times = { tcpRequest: Date.now(), tcpResponse: 0, rom: 0, bom: 0, eom: 0 };
    let local = '';
    let received = 0;
    const request = http.request(
      url,
      { method: upload === null ? 'GET' : 'PUT', agent: false, timeout: timeoutMs },
      (response) => {
        response.on('data', (chunk: Buffer) => {
          if (times.bom === 0) times.bom = Date.now();
          received += chunk.length;
        });
        response.on('end', () => {
          times.eom = Date.now();
          if (times.bom === 0) times.bom = times.eom;
          if ((response.statusCode ?? 500) >= 400) {
            fail(new Error(`HTTP ${response.statusCode}`));
            return;
          }
          done({
            IPAddressUsed: local,
            ROMTime: iso(times.rom),
            BOMTime: iso(times.bom),
            EOMTime: iso(times.eom),
            TCPOpenRequestTime: iso(times.tcpRequest),
            TCPOpenResponseTime: iso(times.tcpResponse),
            TestBytesReceived: String(received),
            TotalBytesReceived: String(received),
            TestBytesSent: String(upload ?? 0),
            TotalBytesSent: String(upload ?? 0),
          });
        });
      },
    );
    request.on('socket', (socket) =>
      socket.once('connect', () => {
        local = socket.localAddress ?? '';
        times.tcpResponse = Date.now();
        times.rom = times.tcpResponse;
      }),
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', fail);
    if (upload !== null) request.end(Buffer.alloc(upload, 0x61));
    else request.end();
  });
}

async function httpTest(url: string, upload: number | null): Promise<DiagnosticOutcome> {
  try {
    return { state: 'Complete', values: await transfer(url, upload, 30_000) };
  } catch (error) {
    const refused = (error as NodeJS.ErrnoException).code !== undefined;
    return {
      state: refused ? 'Error_InitConnectionFailed' : 'Error_TransferFailed',
      values: {},
    };
  }
}

async function udpEcho(inputs: Record<string, string>): Promise<DiagnosticOutcome> {
  const address = await resolve(inputs.Host ?? '');
  const port = int(inputs.Port, 7);
  const size = int(inputs.DataBlockSize, 24);
  const timeoutMs = int(inputs.Timeout, 1000);
  const socket = dgram.createSocket(net.isIPv6(address) ? 'udp6' : 'udp4');
  const rtts: Rtts = { successes: [], failures: 0 };
  try {
    for (let i = 0; i < int(inputs.NumberOfRepetitions, 3); i++) {
      const start = process.hrtime.bigint();
      const echoed = await new Promise<boolean>((done) => {
        const timer = setTimeout(() => done(false), timeoutMs);
        socket.once('message', () => {
          clearTimeout(timer);
          done(true);
        });
        socket.send(Buffer.alloc(size), port, address);
      });
      if (echoed) rtts.successes.push(Number((process.hrtime.bigint() - start) / 1000n));
      else rtts.failures++;
    }
  } finally {
    socket.close();
  }
  const { AverageResponseTime, MinimumResponseTime, MaximumResponseTime } = stats(rtts);
  return {
    state: 'Complete',
    values: {
      IPAddressUsed: address,
      SuccessCount: String(rtts.successes.length),
      FailureCount: String(rtts.failures),
      AverageResponseTime: AverageResponseTime!,
      MinimumResponseTime: MinimumResponseTime!,
      MaximumResponseTime: MaximumResponseTime!,
    },
  };
}

async function nsLookup(inputs: Record<string, string>): Promise<DiagnosticOutcome> {
  const rows: Record<string, string>[] = [];
  let successes = 0;
  for (let i = 0; i < int(inputs.NumberOfRepetitions, 1); i++) {
    const start = Date.now();
    try {
      const answers = await lookup(inputs.HostName ?? '', { all: true });
      successes++;
      rows.push({
        Status: 'Success',
        AnswerType: 'NonAuthoritative',
        HostNameReturned: inputs.HostName ?? '',
        IPAddresses: answers.map((a) => a.address).join(','),
        DNSServerIP: inputs.DNSServer ?? '',
        ResponseTime: String(Date.now() - start),
      });
    } catch {
      rows.push({ Status: 'Error_HostNameNotResolved', AnswerType: 'None' });
    }
  }
  return {
    state: 'Complete',
    values: { SuccessCount: String(successes) },
    tables: { Result: rows },
  };
}

async function serverSelection(inputs: Record<string, string>): Promise<DiagnosticOutcome> {
  const hosts = (inputs.HostList ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  let best: { host: string; address: string; rtts: Rtts; avg: number } | undefined;
  for (const host of hosts) {
    let address: string;
    try {
      address = await resolve(host);
    } catch {
      continue;
    }
    const rtts = await probe(
      address,
      int(inputs.NumberOfRepetitions, 3),
      int(inputs.Timeout, 1000),
    );
    if (rtts.successes.length === 0) continue;
    const avg = Number(stats(rtts).AverageResponseTimeDetailed);
    if (best === undefined || avg < best.avg) best = { host, address, rtts, avg };
  }
  if (best === undefined) return { state: 'Error_CannotResolveHostName', values: {} };
  const { AverageResponseTime, MinimumResponseTime, MaximumResponseTime } = stats(best.rtts);
  return {
    state: 'Complete',
    values: {
      FastestHost: best.host,
      IPAddressUsed: best.address,
      AverageResponseTime: AverageResponseTime!,
      MinimumResponseTime: MinimumResponseTime!,
      MaximumResponseTime: MaximumResponseTime!,
    },
  };
}

/** Runs one test with the inputs as set on the device; never throws. */
export async function runDiagnostic(
  kind: DiagnosticKind,
  inputs: Record<string, string>,
): Promise<DiagnosticOutcome> {
  try {
    switch (kind) {
      case 'ipPing':
        return await ipPing(inputs);
      case 'traceRoute':
        return await traceRoute(inputs);
      case 'downloadDiagnostics':
        return await httpTest(inputs.DownloadURL ?? '', null);
      case 'uploadDiagnostics':
        return await httpTest(inputs.UploadURL ?? '', int(inputs.TestFileLength, 0));
      case 'udpEcho':
        return await udpEcho(inputs);
      case 'nsLookup':
        return await nsLookup(inputs);
      case 'serverSelection':
        return await serverSelection(inputs);
    }
  } catch (error) {
    if (error instanceof CannotResolve) return { state: 'Error_CannotResolveHostName', values: {} };
    return { state: 'Error_Internal', values: {} };
  }
}
