import { InProcessBus } from '@meridian/bus';
import { SCHEMA_VERSION, Topics, type CommandMessage } from '@meridian/contracts';
import { InMemorySessionStore } from '@meridian/session-store';
import { Metrics } from '@meridian/telemetry';
import { CommandIntake } from '../src/commands/command-intake';

const DEVICE = '00D09E-HGW-SN9';

const command = (commandId: string, connectionRequest: boolean): CommandMessage => ({
  schemaVersion: SCHEMA_VERSION,
  commandId,
  deviceId: DEVICE,
  rpc: { name: 'Reboot', commandKey: '' },
  connectionRequest,
  source: 'test',
  createdAt: new Date().toISOString(),
});

/*
 * A command queued while its device's session is ending: the session had already read an empty
 * queue, the intake saw the lease and asked for no connection request. Without a knock once the
 * lease is free, the command would wait for the next periodic Inform (hours, on real CPEs).
 */
describe('the knock after a session', () => {
  const requests: string[] = [];
  let sessions: InMemorySessionStore;
  let bus: InProcessBus;
  let intake: CommandIntake;
  let metrics: Metrics;

  beforeEach(() => {
    requests.length = 0;
    sessions = new InMemorySessionStore();
    bus = new InProcessBus();
    metrics = new Metrics();
    intake = new CommandIntake({
      bus,
      sessions,
      gatewayId: 'gw',
      metrics,
      idleTtlMs: 30_000,
      connectionRequester: {
        request: async (deviceId) => {
          requests.push(deviceId);
          return { method: 'http', attempts: 1 };
        },
      },
    });
  });
  afterEach(() => bus.close());

  const settle = () => new Promise((r) => setTimeout(r, 20));
  /** A command asking for a connection request, as the intake takes it from cwmp.commands. */
  const deliver = (commandId: string) =>
    intake.handle({
      topic: Topics.commands,
      key: DEVICE,
      value: command(commandId, true),
      headers: {},
    });

  it('asks for a connection once the session that missed the command has ended', async () => {
    await sessions.acquireLease(DEVICE, 'session-1', 30_000);
    await deliver('c-1');
    await settle();
    expect(requests).toEqual([]);

    await sessions.releaseLease(DEVICE, 'session-1');
    intake.knockIfWaiting(DEVICE);
    await settle();
    expect(requests).toEqual([DEVICE]);
    expect(await metrics.scrape()).toContain(
      'meridian_cwmp_connection_requests_total{method="http",outcome="sent"} 1\n',
    );
  });

  it('asks for a connection when the session ended while the intake was looking at its lease', async () => {
    // The intake reads the lease while the session still holds it; the answer reaches it only
    // after the session has released the lease and knocked.
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const leaseHolder = sessions.leaseHolder.bind(sessions);
    sessions.leaseHolder = async (deviceId) => {
      const holder = await leaseHolder(deviceId);
      await answered;
      return holder;
    };
    await sessions.acquireLease(DEVICE, 'session-1', 30_000);
    await deliver('c-3');
    await sessions.releaseLease(DEVICE, 'session-1');
    intake.knockIfWaiting(DEVICE);
    await settle();
    answer();
    await settle();
    expect(requests).toEqual([DEVICE]);
  });

  it('does not knock for an empty queue or for commands that asked for no connection request', async () => {
    intake.knockIfWaiting(DEVICE);
    await sessions.enqueue(command('c-2', false));
    intake.knockIfWaiting(DEVICE);
    await settle();
    expect(requests).toEqual([]);
  });
});
