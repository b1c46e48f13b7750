import { InProcessBus } from '@meridian/bus';
import { SCHEMA_VERSION, Topics, type CommandMessage } from '@meridian/contracts';
import { InMemorySessionStore } from '@meridian/session-store';
import { Metrics } from '@meridian/telemetry';
import type { ConnectionRequester } from '../src';
import { CommandIntake, OWED_KNOCK_MS } from '../src/commands/command-intake';

const DEVICE = '00D09E-HGW-SN7';

const command = (commandId: string): CommandMessage => ({
  schemaVersion: SCHEMA_VERSION,
  commandId,
  deviceId: DEVICE,
  rpc: { name: 'Reboot', commandKey: '' },
  connectionRequest: true,
  source: 'test',
  createdAt: new Date().toISOString(),
});

/*
 * A gateway queues a command asking for a connection request, commits its offset, then knocks
 * without waiting (a slow CPE must not hold up its partition). One that dies in between left the
 * command to the CPE's next periodic Inform, hours away (docs/reliability.md): the debt it
 * writes first lets another replica's sweep knock instead.
 */
describe('connection requests owed by a gateway that died', () => {
  let clock: number;
  let sessions: InMemorySessionStore;
  let bus: InProcessBus;
  const knocks: string[] = [];

  const intake = (requester: ConnectionRequester): CommandIntake =>
    new CommandIntake({
      bus,
      sessions,
      gatewayId: 'gw',
      metrics: new Metrics(),
      idleTtlMs: 30_000,
      connectionRequester: requester,
      now: () => clock,
    });
  const knocking: ConnectionRequester = {
    request: async (deviceId) => {
      knocks.push(deviceId);
      return { method: 'http', attempts: 1 };
    },
  };
  /** A gateway that dies while its knock is under way: it never ends. */
  const dying: ConnectionRequester = { request: () => new Promise(() => undefined) };
  const deliver = (to: CommandIntake, commandId: string) =>
    to.handle({ topic: Topics.commands, key: DEVICE, value: command(commandId), headers: {} });
  const settle = () => new Promise((r) => setTimeout(r, 20));

  beforeEach(() => {
    clock = 1_000_000;
    knocks.length = 0;
    sessions = new InMemorySessionStore({ now: () => clock });
    bus = new InProcessBus();
  });
  afterEach(() => bus.close());

  it('are made by another replica once due, once', async () => {
    await deliver(intake(dying), 'c-1');
    const survivor = intake(knocking);

    clock += OWED_KNOCK_MS - 1;
    await survivor.knockOwed();
    await settle();
    expect(knocks).toEqual([]);

    clock += 1;
    await survivor.knockOwed();
    await settle();
    expect(knocks).toEqual([DEVICE]);
    expect((await sessions.queue(DEVICE)).map((c) => c.commandId)).toEqual(['c-1']);

    clock += 10 * OWED_KNOCK_MS;
    await survivor.knockOwed();
    await settle();
    expect(knocks).toEqual([DEVICE]);
  });

  it('are not left behind by a gateway that knocked', async () => {
    await deliver(intake(knocking), 'c-1');
    await settle();
    expect(knocks).toEqual([DEVICE]);
    expect(await sessions.owedKnocks(clock + 10 * OWED_KNOCK_MS, 100)).toEqual([]);
  });

  it('are dropped without a knock when the command left the queue meanwhile', async () => {
    await deliver(intake(dying), 'c-1');
    await sessions.remove(DEVICE, 'c-1');
    clock += OWED_KNOCK_MS;
    await intake(knocking).knockOwed();
    await settle();
    expect(knocks).toEqual([]);
    expect(await sessions.owedKnocks(clock + 10 * OWED_KNOCK_MS, 100)).toEqual([]);
  });

  it('are left to a live session of the device, which picks the command up', async () => {
    await deliver(intake(dying), 'c-1');
    await sessions.acquireLease(DEVICE, 'session-1', 5 * OWED_KNOCK_MS);
    clock += OWED_KNOCK_MS;
    await intake(knocking).knockOwed();
    await settle();
    expect(knocks).toEqual([]);
    expect(await sessions.owedKnocks(clock + 10 * OWED_KNOCK_MS, 100)).toEqual([]);
  });
});
