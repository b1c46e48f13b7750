import type Database from 'better-sqlite3';
import type { CredentialRepository } from '../ports';
import type { CpeCredentials } from '../types';
import { fromMs, toMs } from './codec';

interface CredentialsRow {
  device_id: string;
  username: string;
  realm: string;
  ha1: string;
  updated_at: number;
}

const toCredentials = (row: CredentialsRow): CpeCredentials => ({
  deviceId: row.device_id,
  username: row.username,
  realm: row.realm,
  ha1: row.ha1,
  updatedAt: fromMs(row.updated_at),
});

export class SqliteCredentialRepository implements CredentialRepository {
  private readonly selectOne: Database.Statement<[string], CredentialsRow>;
  private readonly upsert: Database.Statement<[CredentialsRow]>;
  private readonly remove: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    this.selectOne = db.prepare('SELECT * FROM credentials WHERE device_id = ?');
    this.upsert = db.prepare(
      `INSERT INTO credentials (device_id, username, realm, ha1, updated_at)
       VALUES (@device_id, @username, @realm, @ha1, @updated_at)
       ON CONFLICT (device_id) DO UPDATE SET username = excluded.username,
         realm = excluded.realm, ha1 = excluded.ha1, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare('DELETE FROM credentials WHERE device_id = ?');
  }

  async put(credentials: CpeCredentials): Promise<CpeCredentials> {
    this.upsert.run({
      device_id: credentials.deviceId,
      username: credentials.username,
      realm: credentials.realm,
      ha1: credentials.ha1,
      updated_at: toMs(credentials.updatedAt),
    });
    return { ...credentials };
  }

  async get(deviceId: string): Promise<CpeCredentials | null> {
    const row = this.selectOne.get(deviceId);
    return row === undefined ? null : toCredentials(row);
  }

  async delete(deviceId: string): Promise<boolean> {
    return this.remove.run(deviceId).changes > 0;
  }
}
