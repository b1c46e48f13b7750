import type { CpeMethodRequest, CwmpBody, EventStruct } from '@meridian/cwmp';
import type { CommandMessage } from '@meridian/contracts';
import { reduceSession, type IncomingMessage, type SessionState, type SessionReply } from '../src';
import { T0, command, config, envelope, gpv, inform, spv } from './fixtures';
import { prng } from '@meridian/testing';

/** A CPE that really applies what it gets, remembering how often each write happened. */
class SimulatedCpe {
  parameterKey = '';
  events: EventStruct[] = [{ eventCode: '1 BOOT', commandKey: '' }];
  readonly applied = new Map<string, number>();

  execute(rpc: CpeMethodRequest): CwmpBody {
    switch (rpc.name) {
      case 'SetParameterValues':
        this.write(rpc.parameterKey);
        return { name: 'SetParameterValuesResponse', status: 0 };
      case 'AddObject':
        this.write(rpc.parameterKey);
        return { name: 'AddObjectResponse', instanceNumber: this.applied.size, status: 0 };
      case 'Reboot':
        this.count(rpc.commandKey);
        this.events.push(
          { eventCode: '1 BOOT', commandKey: '' },
          { eventCode: 'M Reboot', commandKey: rpc.commandKey },
        );
        return { name: 'RebootResponse' };
      case 'GetParameterValues':
        return { name: 'GetParameterValuesResponse', parameterList: [] };
      default:
        throw new Error(`the simulated CPE does not do ${rpc.name}`);
    }
  }

  private write(parameterKey: string): void {
    this.parameterKey = parameterKey;
    this.count(parameterKey);
  }

  private count(key: string): void {
    this.applied.set(key, (this.applied.get(key) ?? 0) + 1);
  }
}

const WRITES: ((id: string) => CommandMessage)[] = [
  spv,
  (id) =>
    command(id, { name: 'AddObject', objectName: 'Device.NAT.PortMapping.', parameterKey: '' }),
  (id) => command(id, { name: 'Reboot', commandKey: '' }),
];

describe('simulation: gateways crash mid-session (ARCHITECTURE.md "Delivery guarantees")', () => {
  it('applies every write exactly once on the CPE and reports every command, with one outcome each', () => {
    const failures: string[] = [];
    let crashes = 0;
    for (let seed = 1; seed <= 200; seed += 1) {
      const random = prng(seed);
      const cpe = new SimulatedCpe();
      const writes = new Set<string>();
      let queue: CommandMessage[] = Array.from({ length: 5 }, (_, i) => {
        const id = `cmd-${seed}-${i}`;
        if (random() < 0.3) return gpv(id);
        writes.add(id);
        return WRITES[Math.floor(random() * WRITES.length)]?.(id) ?? gpv(id);
      });
      const outcomes = new Map<string, Set<string>>();
      let now = T0;

      /** One HTTP exchange; null when the gateway died while handling it. */
      const exchange = (
        state: SessionState | null,
        message: IncomingMessage,
        sessionNo: number,
      ) => {
        now += 1_000;
        const result = reduceSession(
          state,
          { message, newSessionId: `s-${sessionNo}`, remoteAddress: '::1', queue },
          config,
          now,
        );
        const crash = random() < 0.15;
        // A dying gateway gets some way through its effects, and never replies or stores.
        const done = crash
          ? Math.floor(random() * (result.effects.length + 1))
          : result.effects.length;
        for (const effect of result.effects.slice(0, done)) {
          if (effect.kind === 'publish' && effect.topic === 'cwmp.results') {
            const seen = outcomes.get(effect.message.commandId) ?? new Set<string>();
            outcomes.set(effect.message.commandId, seen.add(effect.message.outcome));
          }
          if (effect.kind === 'removeCommand')
            queue = queue.filter((c) => c.commandId !== effect.commandId);
        }
        if (crash) crashes += 1;
        return crash ? null : result;
      };

      for (let sessionNo = 0; queue.length > 0 && sessionNo < 100; sessionNo += 1) {
        const informMessage = envelope(
          inform({
            event: cpe.events,
            parameterList: [
              {
                name: 'Device.ManagementServer.ParameterKey',
                value: cpe.parameterKey,
                type: 'xsd:string',
              },
            ],
          }),
          { id: 'inform' },
        );
        let step = exchange(null, informMessage, sessionNo);
        if (step === null) continue;
        cpe.events = []; // delivered with a successful InformResponse (§3.7.1.5)
        step = exchange(step.state, { kind: 'empty' }, sessionNo);
        while (step !== null) {
          const reply: SessionReply = step.reply;
          if (reply.kind !== 'envelope') break;
          const response = cpe.execute(reply.envelope.body as CpeMethodRequest);
          const header = random() < 0.3 ? {} : { id: reply.envelope.header.id ?? '' };
          step = exchange(step.state, envelope(response, header), sessionNo);
        }
      }

      if (queue.length > 0) failures.push(`seed ${seed}: queue never drained`);
      for (const id of writes) {
        const times = cpe.applied.get(id) ?? 0;
        if (times !== 1) failures.push(`seed ${seed}: ${id} applied ${times} times`);
      }
      for (const [id, kinds] of outcomes) {
        if (kinds.size !== 1 || !kinds.has('done'))
          failures.push(`seed ${seed}: ${id} outcomes ${[...kinds].join(',')}`);
      }
      if (outcomes.size !== 5)
        failures.push(`seed ${seed}: ${outcomes.size} of 5 commands reported`);
    }
    expect(failures).toEqual([]);
    expect(crashes).toBeGreaterThan(100);
  });
});
