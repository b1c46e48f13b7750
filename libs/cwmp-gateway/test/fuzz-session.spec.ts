/**
 * Mutated envelopes through what the gateway does with a body: decodeIncoming, then the session
 * reducer in each phase a request can meet (no session, after the Inform, a command in flight),
 * then encoding of the reply and a session-store round trip of the state. Nothing may throw but the
 * codec's typed errors, each input must take bounded time, and the heap must not grow.
 *
 * MERIDIAN_FUZZ_RUNS / MERIDIAN_FUZZ_SEED run a longer campaign (docs/reliability.md):
 *   MERIDIAN_FUZZ_RUNS=1000000 node --expose-gc node_modules/.bin/jest libs/cwmp-gateway/test/fuzz-session.spec.ts
 */
import {
  ACS_CWMP_VERSIONS,
  CwmpEncodeError,
  encodeEnvelope,
  type CpeMethodRequest,
} from '@meridian/cwmp';
import { SCHEMA_VERSION, type CommandMessage } from '@meridian/contracts';
import {
  parseSessionState,
  reduceSession,
  type IncomingMessage,
  type SessionConfig,
  type SessionState,
  type StepResult,
} from '@meridian/cwmp-session';
import { decodeIncoming } from '../src/session/session-exchange';
import { prng } from '@meridian/testing';
import { fuzzSeeds, mutate } from './support/fuzz-seeds';
import { DEVICE_ID, inform } from './support/envelopes';

const RUNS = Number(process.env['MERIDIAN_FUZZ_RUNS'] ?? 20_000);
const SEED = Number(process.env['MERIDIAN_FUZZ_SEED'] ?? 20261204);
/** Far above any input's cost on a loaded 2-core machine; a hang or blow-up is far above it. */
const BOUND_MS = 1_000;
/** Heap growth allowed between the end of warm-up and the end of the campaign. */
const HEAP_GROWTH_BYTES = 64 * 1024 * 1024;

const config: SessionConfig = {
  gatewayId: 'fuzz',
  sessionTimeoutMs: 30_000,
  cwmpVersions: ACS_CWMP_VERSIONS,
};
const NOW = Date.parse('2026-12-04T12:00:00Z');

const command = (commandId: string, rpc: CpeMethodRequest): CommandMessage => ({
  schemaVersion: SCHEMA_VERSION,
  commandId,
  deviceId: DEVICE_ID,
  rpc,
  connectionRequest: false,
  source: 'fuzz',
  createdAt: '2026-12-04T11:59:00Z',
});
const QUEUE = [
  command('gpv-1', { name: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.'] }),
  command('3f1c2a9e-6b7d-4c1e-9a2f-0d5e8b7c6a41', {
    name: 'SetParameterValues',
    parameterList: [{ name: 'Device.WiFi.SSID.1.SSID', value: 'x', type: 'xsd:string' }],
    parameterKey: '',
  }),
];

const step = (state: SessionState | null, message: IncomingMessage): StepResult =>
  reduceSession(
    state,
    { message, newSessionId: 'S-fuzz', remoteAddress: '192.0.2.1', queue: QUEUE },
    config,
    NOW,
  );

/** The phases a request can find its session in. */
const informed = step(null, decodeIncoming(Buffer.from(inform()))).state;
const awaiting = step(informed, { kind: 'empty' }).state;
const PHASES: readonly (SessionState | null)[] = [null, informed, awaiting];

/** What one input costs: decode and a step in each phase. */
function timeAlone(body: Buffer): number {
  const t0 = performance.now();
  const message = decodeIncoming(body);
  for (const state of PHASES) step(state, message);
  return performance.now() - t0;
}

const heapAfterGc = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};

interface Figures {
  runs: number;
  steps: number;
  escaped: string[];
  /** Over the bound, and over it again when timed alone. */
  slow: string[];
  /** Over the bound once, under it when timed alone: the machine, not the input. */
  stalls: string[];
  replies: Record<string, number>;
  /** Replies the schema cannot hold: the gateway answers fault 8002 instead (never a bare 500). */
  encodeFallbacks: number;
  fallbackReasons: string[];
  maxMs: number;
  seconds: number;
  heapAfterWarmupMb: number;
  heapAtEndMb: number;
}

function campaign(): Figures {
  const seeds = fuzzSeeds();
  const rng = prng(SEED);
  const figures: Figures = {
    runs: RUNS,
    steps: 0,
    escaped: [],
    slow: [],
    stalls: [],
    replies: {},
    encodeFallbacks: 0,
    fallbackReasons: [],
    maxMs: 0,
    seconds: 0,
    heapAfterWarmupMb: 0,
    heapAtEndMb: 0,
  };
  const started = performance.now();
  const warmup = Math.max(1, Math.floor(RUNS / 10));
  let heapAfterWarmup = 0;
  for (let i = 0; i < RUNS; i++) {
    if (i === warmup) heapAfterWarmup = heapAfterGc();
    const { xml, applied } = mutate(seeds[i % seeds.length] as string, rng);
    const body = Buffer.from(xml, 'utf8');
    const t0 = performance.now();
    let message: IncomingMessage;
    try {
      message = decodeIncoming(body);
    } catch (error) {
      figures.escaped.push(`#${i} ${applied.join('+')}: decode threw ${String(error)}`);
      continue;
    }
    for (const state of PHASES) {
      figures.steps++;
      try {
        const { reply, state: next } = step(state, message);
        const kind =
          reply.kind === 'envelope'
            ? `${reply.status} ${reply.envelope.body.name}`
            : reply.kind === 'httpError'
              ? `${reply.status}`
              : '204';
        figures.replies[kind] = (figures.replies[kind] ?? 0) + 1;
        if (reply.kind === 'envelope') {
          try {
            encodeEnvelope(reply.envelope);
          } catch (error) {
            if (!(error instanceof CwmpEncodeError)) throw error;
            figures.encodeFallbacks++;
            if (figures.fallbackReasons.length < 5) figures.fallbackReasons.push(error.message);
          }
        }
        if (next.phase !== 'ended') parseSessionState(JSON.parse(JSON.stringify(next)));
      } catch (error) {
        if (figures.escaped.length < 10) {
          figures.escaped.push(
            `#${i} ${applied.join('+')}: ${String(error)} for ${JSON.stringify(xml.slice(0, 200))}`,
          );
        }
      }
    }
    const ms = performance.now() - t0;
    figures.maxMs = Math.max(figures.maxMs, ms);
    if (ms > BOUND_MS) {
      // Timed again alone: a shared machine stalls a process now and then; the input is slow
      // only if it is slow twice.
      const again = timeAlone(body);
      const what = `#${i} ${applied.join('+')}: ${ms.toFixed(0)} ms, then ${again.toFixed(0)} ms`;
      (again > BOUND_MS ? figures.slow : figures.stalls).push(what);
    }
  }
  figures.seconds = (performance.now() - started) / 1000;
  const heapAtEnd = heapAfterGc();
  figures.heapAfterWarmupMb = heapAfterWarmup / 2 ** 20;
  figures.heapAtEndMb = heapAtEnd / 2 ** 20;
  return figures;
}

describe(`session fuzz: ${RUNS} mutated envelopes through decode and the reducer (seed ${SEED})`, () => {
  let figures: Figures;

  beforeAll(() => {
    figures = campaign();
    console.log(`fuzz-session ${JSON.stringify({ ...figures, replies: figures.replies })}`);
  }, 3_600_000);

  it('lets no exception escape and answers every input in bounded time', () => {
    expect(figures.escaped).toEqual([]);
    expect(figures.slow).toEqual([]);
    // The campaign reaches every kind of answer, so it is not trivially all-refused.
    expect(Object.keys(figures.replies)).toEqual(
      expect.arrayContaining(['200 InformResponse', '400', '204']),
    );
  });

  it('keeps the heap bounded', () => {
    expect((figures.heapAtEndMb - figures.heapAfterWarmupMb) * 2 ** 20).toBeLessThan(
      HEAP_GROWTH_BYTES,
    );
  });
});
