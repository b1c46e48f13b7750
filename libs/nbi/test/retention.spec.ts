import { createSqliteStore, type AuditEntryInput, type NewTask, type Store } from '@meridian/store';
import { Retention } from '../src/retention';

const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-12-07T00:00:00Z');

const task = (commandId: string, daysAgo: number): NewTask => ({
  commandId,
  deviceId: '00D09E-SimRouter-SN1',
  source: 'nbi',
  connectionRequest: false,
  rpc: { name: 'Reboot', commandKey: commandId },
  createdAt: new Date(NOW - daysAgo * DAY_MS),
});

const auditEntry = (target: string, daysAgo: number): AuditEntryInput => ({
  at: new Date(NOW - daysAgo * DAY_MS),
  actor: 'ops',
  role: 'admin',
  action: 'DELETE /presets/:name',
  target,
  status: 204,
});

describe('retention of the NBI history', () => {
  let store: Store;

  beforeEach(() => {
    store = createSqliteStore(':memory:');
  });

  afterEach(() => store.close());

  const ended = async (commandId: string, daysAgo: number): Promise<void> => {
    await store.tasks.create(task(commandId, daysAgo));
    await store.tasks.cancel(commandId, new Date(NOW - daysAgo * DAY_MS));
  };
  const auditTargets = async (): Promise<string[]> =>
    (await store.audit.list({})).items.map((entry) => entry.target ?? '').sort();

  it('deletes the ended tasks created before the retention, a backlog in batches, and keeps pending ones', async () => {
    for (let i = 0; i < 2500; i++) await ended(`old-${i}`, 40);
    await store.tasks.create(task('old-pending', 40));
    await ended('recent', 10);
    const retention = new Retention(store, { taskMs: 30 * DAY_MS, auditMs: 0, now: () => NOW });

    expect(await retention.sweep()).toBe(2500);
    const left = await store.tasks.list({});
    expect(left.items.map((t) => t.commandId).sort()).toEqual(['old-pending', 'recent']);
    expect(await retention.sweep()).toBe(0);
  });

  it('deletes the audit entries made before their retention, in batches, each history by its own', async () => {
    for (let i = 0; i < 1200; i++) await store.audit.append(auditEntry(`old-${i}`, 400));
    await store.audit.append(auditEntry('recent', 300));
    await ended('task-of-last-year', 300);
    const retention = new Retention(store, {
      taskMs: 30 * DAY_MS,
      auditMs: 365 * DAY_MS,
      now: () => NOW,
    });

    expect(await retention.sweep()).toBe(1201);
    expect(await auditTargets()).toEqual(['recent']);
    expect(await store.tasks.get('task-of-last-year')).toBeNull();
  });

  it('keeps everything with retentions of 0', async () => {
    await ended('old', 400);
    await store.audit.append(auditEntry('old', 4000));
    const retention = new Retention(store, { taskMs: 0, auditMs: 0, now: () => NOW });
    retention.onModuleInit();
    await retention.onModuleDestroy();
    expect(await store.tasks.get('old')).not.toBeNull();
    expect(await auditTargets()).toEqual(['old']);
  });
});
