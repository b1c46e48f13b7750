import type Database from 'better-sqlite3';
import type { UspSubscriptionRepository } from '../ports';
import type { UspSubscription } from '../types';
import { SqliteInstances } from './instances';

interface UspSubscriptionRow {
  device_id: string;
  instance: number;
  params: string;
  reply_to: string | null;
}

export class SqliteUspSubscriptionRepository
  extends SqliteInstances<UspSubscription, UspSubscriptionRow>
  implements UspSubscriptionRepository
{
  constructor(db: Database.Database) {
    super(
      db,
      'usp_subscriptions',
      ['device_id', 'instance', 'params', 'reply_to'],
      (row) => ({
        deviceId: row.device_id,
        instance: row.instance,
        params: JSON.parse(row.params) as Record<string, string>,
        replyTo: row.reply_to,
      }),
      (subscription) => ({
        device_id: subscription.deviceId,
        instance: subscription.instance,
        params: JSON.stringify(subscription.params),
        reply_to: subscription.replyTo,
      }),
    );
  }
}
