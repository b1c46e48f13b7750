import { createSqliteStore, type NewTask, type Store } from '@meridian/store';
import { TaskRetention } from '../src/task-retention';

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

describe('task retention', () => {
  let store: Store;

  beforeEach(() => {
    store = createSqliteStore(':memory:');
  });

  afterEach(() => store.close());

  const ended = async (commandId: string, daysAgo: number): Promise<void> => {
    await store.tasks.create(task(commandId, daysAgo));
    await store.tasks.cancel(commandId, new Date(NOW - daysAgo * DAY_MS));
  };

  it('deletes the ended tasks created before the retention, a backlog in batches, and keeps pending ones', async () => {
    for (let i = 0; i < 2500; i++) await ended(`old-${i}`, 40);
    await store.tasks.create(task('old-pending', 40));
    await ended('recent', 10);
    const retention = new TaskRetention(store, { retentionMs: 30 * DAY_MS, now: () => NOW });

    expect(await retention.sweep()).toBe(2500);
    const left = await store.tasks.list({});
    expect(left.items.map((t) => t.commandId).sort()).toEqual(['old-pending', 'recent']);
    expect(await retention.sweep()).toBe(0);
  });

  it('keeps every task with a retention of 0', async () => {
    await ended('old', 400);
    const retention = new TaskRetention(store, { retentionMs: 0, now: () => NOW });
    retention.onModuleInit();
    await retention.onModuleDestroy();
    expect(await store.tasks.get('old')).not.toBeNull();
  });
});
