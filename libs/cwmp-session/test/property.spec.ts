import { isDeepStrictEqual } from 'node:util';
import type { CwmpBody, CwmpHeader } from '@meridian/cwmp';
import type { CommandMessage } from '@meridian/contracts';
import {
  parseSessionState,
  reduceSession,
  type IncomingMessage,
  type SessionState,
  type StepResult,
} from '../src';
import { T0, command, config, envelope, gpv, inform, spv } from './fixtures';
import { downloadRpc, prng } from '@meridian/testing';

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

const RESPONSES: CwmpBody[] = [
  { name: 'GetParameterValuesResponse', parameterList: [] },
  { name: 'SetParameterValuesResponse', status: 0 },
  { name: 'RebootResponse' },
  { name: 'InformResponse', maxEnvelopes: 1 },
  {
    name: 'Fault',
    faultcode: 'Client',
    faultCode: 9005,
    faultString: 'Invalid parameter name',
    setParameterValuesFault: [],
  },
];

function randomHeader(random: () => number, state: SessionState | null): CwmpHeader {
  const inFlightId = state?.inFlight?.cwmpId;
  const header: CwmpHeader = {};
  const r = random();
  if (r < 0.6 && inFlightId !== undefined) header.id = inFlightId;
  else if (r < 0.8) header.id = `id-${Math.floor(random() * 100)}`;
  if (random() < 0.1) header.holdRequests = true;
  if (random() < 0.1) header.supportedCWMPVersions = pick(random, ['1.0,1.4', '9.9', '', 'x,1.2']);
  if (random() < 0.1) header.sessionTimeout = pick(random, [0, 5, 60, 1e12, -3]);
  return header;
}

function randomMessage(random: () => number, state: SessionState | null): IncomingMessage {
  const header = randomHeader(random, state);
  const version = pick(random, ['1-0', '1-1', '1-2'] as const);
  const inFlight = state?.inFlight;
  const r = random();
  if (r < 0.2) return { kind: 'empty' };
  if (r < 0.35) {
    const key = pick(random, ['', 'set-1', 'add-1', 'other']);
    const event = pick(random, ['M Reboot', '1 BOOT', 'M Download']);
    return envelope(
      inform({
        event: [{ eventCode: event, commandKey: pick(random, ['', 'boot-1', 'dl-1']) }],
        parameterList: [
          { name: 'Device.ManagementServer.ParameterKey', value: key, type: 'xsd:string' },
        ],
      }),
      header,
      version,
    );
  }
  if (r < 0.6 && inFlight) {
    const name = `${inFlight.rpc.name}Response`;
    const matching =
      RESPONSES.find((b) => b.name === name) ?? ({ name: 'RebootResponse' } as CwmpBody);
    return envelope(matching, header, version);
  }
  if (r < 0.7) return envelope(pick(random, RESPONSES), header, version);
  if (r < 0.8) {
    const request = pick<CwmpBody>(random, [
      { name: 'GetRPCMethods' },
      { name: 'RequestDownload', fileType: '1 Firmware Upgrade Image', fileTypeArg: [] },
      { name: 'Kicked', command: '', referer: '', arg: '', next: '' },
      { name: 'Reboot', commandKey: '' },
    ]);
    return envelope(request, header, version);
  }
  if (r < 0.9) return { kind: 'unknownMethod', method: 'X_Vendor', header, cwmpVersion: version };
  return {
    kind: 'malformed',
    reason: 'bad',
    ...(random() < 0.5
      ? { method: pick(random, ['Inform', 'TransferComplete', 'GetParameterValuesResponse']) }
      : {}),
    ...(random() < 0.5 ? { header } : {}),
  };
}

const POOL: CommandMessage[] = [
  gpv('get-1'),
  spv('set-1'),
  command('add-1', { name: 'AddObject', objectName: 'Device.X.', parameterKey: '' }),
  command('boot-1', { name: 'Reboot', commandKey: '' }),
  { ...gpv('stale-1'), expiresAt: new Date(T0 + 5_000).toISOString() },
  command('reset-1', { name: 'FactoryReset' }),
  command('dl-1', downloadRpc()),
];

/** What must hold after any step, whatever the CPE sent: the broken rules, by name. */
function violations(result: StepResult): string[] {
  const { state, reply, effects } = result;
  const broken: string[] = [];
  const check = (ok: boolean, rule: string): void => {
    if (!ok) broken.push(rule);
  };
  const loaded: unknown = JSON.parse(JSON.stringify(state));
  check(isDeepStrictEqual(loaded, state), 'state survives a JSON round trip');
  check(isDeepStrictEqual(parseSessionState(loaded), state), 'parseSessionState accepts the state');
  check(
    (state.phase === 'awaitingResponse') === (state.inFlight !== null),
    'in flight iff awaitingResponse',
  );
  check(state.phase !== 'awaitingInform', 'awaitingInform is never returned');
  const ends = effects.filter((e) => e.kind === 'endSession' && e.sessionId === state.sessionId);
  check(ends.length === (state.phase === 'ended' ? 1 : 0), 'endSession iff ended');
  effects.forEach((effect, i) => {
    if (effect.kind !== 'removeCommand') return;
    const published = effects
      .slice(0, i)
      .some(
        (e) =>
          e.kind === 'publish' &&
          e.topic === 'cwmp.results' &&
          e.message.commandId === effect.commandId,
      );
    // A command leaves the queue only after its outcome was published (delivery guarantee 2).
    check(published, 'removeCommand follows its result');
  });
  if (reply.kind === 'envelope') {
    check(reply.envelope.cwmpVersion === state.cwmpVersion, 'reply in the session namespace');
    const name = reply.envelope.body.name;
    if (name !== 'Fault' && !name.endsWith('Response')) {
      // An ACS request goes out only as the one request in flight, under its cwmp:ID.
      check(
        reply.envelope.header.id === state.inFlight?.cwmpId,
        'ACS request is the one in flight',
      );
    }
  }
  return broken;
}

describe('property: random sessions, the gateway performing the effects', () => {
  it('never throws, keeps the state JSON round-trippable and reports each command at most once', () => {
    let published = 0;
    const failures: string[] = [];
    for (let seed = 1; seed <= 300; seed += 1) {
      const random = prng(seed);
      let queue: CommandMessage[] = [];
      let stored: unknown = null;
      let now = T0;
      const outcomes = new Map<string, number>();
      for (let i = 0; i < 40; i += 1) {
        if (random() < 0.3) {
          const next = pick(random, POOL);
          if (!queue.some((c) => c.commandId === next.commandId) && !outcomes.has(next.commandId)) {
            queue = [...queue, next];
          }
        }
        now += random() < 0.1 ? config.sessionTimeoutMs * 2 : Math.floor(random() * 3_000);
        const state = stored === null ? null : parseSessionState(stored);
        const result = reduceSession(
          state,
          {
            message: randomMessage(random, state),
            newSessionId: `s${seed}-${i}`,
            remoteAddress: '::1',
            queue,
          },
          config,
          now,
        );
        for (const rule of violations(result)) failures.push(`seed ${seed} step ${i}: ${rule}`);
        for (const effect of result.effects) {
          if (effect.kind === 'publish' && effect.topic === 'cwmp.results') {
            const id = effect.message.commandId;
            outcomes.set(id, (outcomes.get(id) ?? 0) + 1);
            published += 1;
          }
          if (effect.kind === 'removeCommand')
            queue = queue.filter((c) => c.commandId !== effect.commandId);
        }
        stored = result.state.phase === 'ended' ? null : JSON.parse(JSON.stringify(result.state));
      }
      for (const [commandId, count] of outcomes) {
        if (count > 1) failures.push(`seed ${seed}: ${count} outcomes for ${commandId}`);
      }
    }
    expect(failures).toEqual([]);
    // The random walk really reaches commands and their outcomes.
    expect(published).toBeGreaterThan(100);
  });
});
