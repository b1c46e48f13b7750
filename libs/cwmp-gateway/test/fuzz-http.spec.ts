/**
 * Mutated envelopes over HTTP against a running gateway (in-memory adapters): as the first
 * request of a session, after a clean Inform, and as the answer to a command in flight. Every
 * answer must be a success, a 4xx or a SOAP fault (never a bare 500), and the gateway must
 * still run a clean session at the end.
 *
 * MERIDIAN_FUZZ_HTTP_RUNS / MERIDIAN_FUZZ_SEED run a longer campaign (docs/reliability.md):
 *   MERIDIAN_FUZZ_HTTP_RUNS=10000 npx jest libs/cwmp-gateway/test/fuzz-http.spec.ts
 */
import { CwmpDecodeError, decodeEnvelope } from '@meridian/cwmp';
import { SCHEMA_VERSION } from '@meridian/contracts';
import { CpeClient, type CpeResponse } from './support/cpe-client';
import { deviceNumber, inform } from './support/envelopes';
import { prng } from '@meridian/testing';
import { fuzzSeeds, mutate } from './support/fuzz-seeds';
import { startGateway, type RunningGateway } from './support/gateway-harness';

const RUNS = Number(process.env['MERIDIAN_FUZZ_HTTP_RUNS'] ?? 600);
const SEED = Number(process.env['MERIDIAN_FUZZ_SEED'] ?? 20261204);

type Flow = 'first request' | 'after Inform' | 'as the response';
const FLOWS: readonly Flow[] = ['first request', 'after Inform', 'as the response'];

/** A SOAP Fault envelope: what a 500 may carry (SOAP 1.1 §6.2). */
function isSoapFault(body: string): boolean {
  try {
    return decodeEnvelope(body).body.name === 'Fault';
  } catch (error) {
    if (error instanceof CwmpDecodeError) return false;
    throw error;
  }
}

describe(`HTTP fuzz: ${RUNS} mutated envelopes against a running gateway (seed ${SEED})`, () => {
  let gateway: RunningGateway;
  const statuses: Record<string, number> = {};
  const refused: string[] = [];

  beforeAll(async () => {
    gateway = await startGateway({ sessionTimeoutMs: 5_000 });
    const seeds = fuzzSeeds();
    const rng = prng(SEED);
    const started = performance.now();
    for (let i = 0; i < RUNS; i++) {
      const { xml, applied } = mutate(seeds[i % seeds.length] as string, rng);
      const flow = FLOWS[i % FLOWS.length] as Flow;
      const device = deviceNumber(i);
      const cpe = new CpeClient(gateway.port);
      try {
        if (flow !== 'first request') {
          if (flow === 'as the response') {
            await gateway.sessions.enqueue({
              schemaVersion: SCHEMA_VERSION,
              commandId: `fuzz-${i}`,
              deviceId: `${device.oui}-${device.productClass}-${device.serialNumber}`,
              rpc: { name: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.'] },
              connectionRequest: false,
              source: 'fuzz',
              createdAt: new Date().toISOString(),
            });
          }
          await cpe.post(inform(device, `fuzz-${i}`));
          if (flow === 'as the response') await cpe.post('');
        }
        const replies: CpeResponse[] = [await cpe.post(xml)];
        // End whatever session the input began or continued, as a CPE would.
        for (let n = 0; n < 3 && replies.at(-1)?.status === 200; n++) {
          replies.push(await cpe.post(''));
        }
        for (const reply of replies) {
          const key = reply.status === 500 ? '500 SOAP fault' : String(reply.status);
          statuses[key] = (statuses[key] ?? 0) + 1;
          const allowed =
            reply.status === 200 ||
            reply.status === 204 ||
            (reply.status >= 400 && reply.status < 500) ||
            (reply.status === 500 && isSoapFault(reply.body));
          if (!allowed && refused.length < 10) {
            refused.push(
              `#${i} ${flow} ${applied.join('+')}: ${reply.status} ${reply.body.slice(0, 120)}`,
            );
          }
        }
      } finally {
        cpe.close();
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`fuzz-http ${JSON.stringify({ runs: RUNS, seconds, statuses, refused })}`);
  }, 3_600_000);

  afterAll(() => gateway.close());

  it('answers every input with a success, a 4xx or a SOAP fault: never a bare 500', () => {
    expect(refused).toEqual([]);
    expect(Object.keys(statuses)).toEqual(expect.arrayContaining(['200', '400']));
  });

  it('still runs a clean session afterwards', async () => {
    const cpe = new CpeClient(gateway.port);
    try {
      const informed = await cpe.post(inform(deviceNumber(RUNS + 1), 'after-fuzz'));
      expect(informed.status).toBe(200);
      expect(decodeEnvelope(informed.body).body.name).toBe('InformResponse');
      expect((await cpe.post('')).status).toBe(204);
    } finally {
      cpe.close();
    }
  });
});
