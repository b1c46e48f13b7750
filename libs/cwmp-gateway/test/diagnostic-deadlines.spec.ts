import type { Bus } from '@meridian/bus';
import { SCHEMA_VERSION, type CommandMessage, type ResultMessage } from '@meridian/contracts';
import { InMemorySessionStore } from '@meridian/session-store';
import { DiagnosticDeadlines } from '../src/commands/diagnostic-deadlines';

const DEVICE = '00D09E-SimRouter-SIM000001';
const NOW = Date.parse('2026-12-04T12:00:00Z');

const ping = (commandId: string): CommandMessage => ({
  schemaVersion: SCHEMA_VERSION,
  commandId,
  deviceId: DEVICE,
  diagnostic: { kind: 'ipPing', inputs: { Host: '127.0.0.1' }, timeoutMs: 2000 },
  connectionRequest: true,
  source: 'nbi',
  createdAt: '2026-12-04T11:59:00Z',
});

describe('DiagnosticDeadlines: diagnostics whose CPE never calls back', () => {
  let sessions: InMemorySessionStore;
  let published: ResultMessage[];
  let released: string[];
  let deadlines: DiagnosticDeadlines;

  beforeEach(() => {
    sessions = new InMemorySessionStore({ now: () => NOW });
    published = [];
    released = [];
    const bus = {
      publish: async (_topic: string, _key: string, message: ResultMessage) =>
        void published.push(message),
    } as unknown as Bus;
    deadlines = new DiagnosticDeadlines({
      bus,
      sessions,
      onReleased: (deviceId) => void released.push(deviceId),
      now: () => NOW,
    });
  });

  it('expires an overdue diagnostic with the reason, releases the queue and forgets the wait', async () => {
    await sessions.enqueue(ping('d1'));
    await sessions.enqueue({ ...ping('d2') });
    await sessions.awaitCompletion(DEVICE, 'd1', NOW - 1);

    await deadlines.sweep();

    expect(published).toEqual([
      expect.objectContaining({
        commandId: 'd1',
        outcome: 'expired',
        source: 'nbi',
        reason:
          'ipPing: the CPE did not report 8 DIAGNOSTICS COMPLETE within 2000 ms of accepting the request',
      }),
    ]);
    expect((await sessions.queue(DEVICE)).map((c) => c.commandId)).toEqual(['d2']);
    expect(await sessions.completionDeadline(DEVICE, 'd1')).toBeNull();
    expect(released).toEqual([DEVICE]);
  });

  it('leaves a device in session alone: its reducer checks the deadline itself', async () => {
    await sessions.enqueue(ping('d1'));
    await sessions.awaitCompletion(DEVICE, 'd1', NOW - 1);
    await sessions.acquireLease(DEVICE, 'live-session', 30_000);

    await deadlines.sweep();

    expect(published).toEqual([]);
    expect(await sessions.completionDeadline(DEVICE, 'd1')).toBe(NOW - 1);
  });

  it('drops a wait whose command already left the queue, publishing nothing', async () => {
    await sessions.awaitCompletion(DEVICE, 'gone', NOW - 1);
    await sessions.awaitCompletion(DEVICE, 'later', NOW + 60_000);

    await deadlines.sweep();

    expect(published).toEqual([]);
    expect(await sessions.completionDeadline(DEVICE, 'gone')).toBeNull();
    expect(await sessions.completionDeadline(DEVICE, 'later')).toBe(NOW + 60_000);
  });
});
