import type { Campaign, CampaignDevice } from '@meridian/campaign';
import { createSqliteStore, type AuditEntryInput, type NewTask, type Store } from '@meridian/store';
import { Retention, type RetentionPeriods } from '../src/retention';

const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-12-07T00:00:00Z');
const KEEP_ALL: RetentionPeriods = { taskMs: 0, auditMs: 0, campaignMs: 0, transferMs: 0 };
const daysAgo = (days: number): Date => new Date(NOW - days * DAY_MS);

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
    const retention = new Retention(store, { ...KEEP_ALL, taskMs: 30 * DAY_MS, now: () => NOW });

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
      ...KEEP_ALL,
      taskMs: 30 * DAY_MS,
      auditMs: 365 * DAY_MS,
      now: () => NOW,
    });

    expect(await retention.sweep()).toBe(1201);
    expect(await auditTargets()).toEqual(['recent']);
    expect(await store.tasks.get('task-of-last-year')).toBeNull();
  });

  const campaign = (
    campaignId: string,
    state: Campaign['state'],
    endedDaysAgo: number,
  ): Campaign => ({
    campaignId,
    name: campaignId,
    fileName: 'fw-2.0.bin',
    version: '2.0',
    target: {},
    stages: [{ percent: 100, soakSeconds: 0 }],
    maxInFlight: 10,
    stopRules: {},
    state,
    stage: 0,
    stageStartedAt: daysAgo(500),
    countFrom: daysAgo(500),
    createdAt: daysAgo(500),
    updatedAt: daysAgo(endedDaysAgo),
  });
  const devicesOf = (campaignId: string, count: number): CampaignDevice[] =>
    Array.from({ length: count }, (_, order) => ({
      campaignId,
      deviceId: `D${order}`,
      order,
      stage: 0,
      state: 'succeeded',
    }));
  const transfer = async (commandId: string, createdDaysAgo: number, end: boolean) => {
    await store.transfers.create({
      commandId,
      deviceId: 'D1',
      commandKey: commandId,
      createdAt: daysAgo(createdDaysAgo),
      deadline: daysAgo(createdDaysAgo - 1),
    });
    if (!end) return;
    await store.transfers.end(commandId, { state: 'succeeded', at: daysAgo(createdDaysAgo) });
    await store.transfers.markPublished(commandId);
  };

  it('deletes the firmware campaigns ended before their retention with their devices, in batches, and the ended transfers', async () => {
    await store.campaigns.create(campaign('big', 'completed', 400), devicesOf('big', 2500));
    await store.campaigns.create(campaign('aborted', 'aborted', 400), devicesOf('aborted', 1));
    await store.campaigns.create(campaign('recent', 'completed', 300), devicesOf('recent', 1));
    // Still running, however old: kept.
    await store.campaigns.create(campaign('running', 'running', 400), devicesOf('running', 1));
    await transfer('old', 400, true);
    await transfer('old-waiting', 400, false);
    await transfer('recent', 300, true);
    const retention = new Retention(store, {
      ...KEEP_ALL,
      campaignMs: 365 * DAY_MS,
      transferMs: 365 * DAY_MS,
      now: () => NOW,
    });

    // 2,501 device records, 2 campaigns, 1 transfer.
    expect(await retention.sweep()).toBe(2504);
    const left = (await store.campaigns.list({})).items.map((c) => c.campaignId).sort();
    expect(left).toEqual(['recent', 'running']);
    expect(await store.campaigns.devices('big')).toEqual([]);
    expect(await store.campaigns.devicesById(['D0'], ['succeeded'])).toHaveLength(2);
    const transfers = (await store.transfers.listByDevice('D1')).map((t) => t.commandId).sort();
    expect(transfers).toEqual(['old-waiting', 'recent']);
    expect(await retention.sweep()).toBe(0);
  });

  it('keeps everything with retentions of 0', async () => {
    await ended('old', 400);
    await store.audit.append(auditEntry('old', 4000));
    await store.campaigns.create(campaign('old', 'completed', 4000), devicesOf('old', 1));
    await transfer('old', 4000, true);
    const retention = new Retention(store, { ...KEEP_ALL, now: () => NOW });
    retention.onModuleInit();
    await retention.onModuleDestroy();
    expect(await store.tasks.get('old')).not.toBeNull();
    expect(await auditTargets()).toEqual(['old']);
    expect(await store.campaigns.devices('old')).toHaveLength(1);
    expect(await store.transfers.get('old')).not.toBeNull();
  });
});
