import type Database from 'better-sqlite3';
import type { UspSubscriptionRepository } from '../ports';
import type { UspSubscription } from '../types';

interface UspSubscriptionRow {
  device_id: string;
  instance: number;
  params: string;
  reply_to: string | null;
}

const toSubscription = (row: UspSubscriptionRow): UspSubscription => ({
  deviceId: row.device_id,
  instance: row.instance,
  params: JSON.parse(row.params) as Record<string, string>,
  replyTo: row.reply_to,
});

export class SqliteUspSubscriptionRepository implements UspSubscriptionRepository {
  private readonly selectAll: Database.Statement<[string], UspSubscriptionRow>;
  private readonly selectMax: Database.Statement<[string], { top: number | null }>;
  private readonly insert: Database.Statement<[UspSubscriptionRow]>;
  private readonly change: Database.Statement<[string, string, number]>;
  private readonly remove: Database.Statement<[string, number]>;

  constructor(private readonly db: Database.Database) {
    this.selectAll = db.prepare(
      'SELECT * FROM usp_subscriptions WHERE device_id = ? ORDER BY instance',
    );
    this.selectMax = db.prepare(
      'SELECT MAX(instance) AS top FROM usp_subscriptions WHERE device_id = ?',
    );
    this.insert = db.prepare(
      `INSERT INTO usp_subscriptions (device_id, instance, params, reply_to)
       VALUES (@device_id, @instance, @params, @reply_to)`,
    );
    this.change = db.prepare(
      'UPDATE usp_subscriptions SET params = ? WHERE device_id = ? AND instance = ?',
    );
    this.remove = db.prepare('DELETE FROM usp_subscriptions WHERE device_id = ? AND instance = ?');
  }

  async list(deviceId: string): Promise<UspSubscription[]> {
    return this.selectAll.all(deviceId).map(toSubscription);
  }

  async create(
    deviceId: string,
    build: (instance: number) => Pick<UspSubscription, 'params' | 'replyTo'>,
  ): Promise<UspSubscription> {
    return this.db.transaction(() => {
      const instance = (this.selectMax.get(deviceId)?.top ?? 0) + 1;
      const { params, replyTo } = build(instance);
      this.insert.run({
        device_id: deviceId,
        instance,
        params: JSON.stringify(params),
        reply_to: replyTo,
      });
      return { deviceId, instance, params: { ...params }, replyTo };
    })();
  }

  async update(
    deviceId: string,
    instance: number,
    params: Record<string, string>,
  ): Promise<boolean> {
    return this.change.run(JSON.stringify(params), deviceId, instance).changes > 0;
  }

  async delete(deviceId: string, instance: number): Promise<boolean> {
    return this.remove.run(deviceId, instance).changes > 0;
  }
}
