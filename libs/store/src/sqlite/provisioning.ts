import type Database from 'better-sqlite3';
import { VersionConflictError } from '../errors';
import type { ProvisioningStateRepository } from '../ports';
import type { JsonValue, ProvisioningRecord } from '../types';
import { fromJson, fromMs, toJson, toMs } from './codec';

interface ProvisioningRow {
  device_id: string;
  state: string;
  revision: number;
  updated_at: number;
}

const toRecord = (row: ProvisioningRow): ProvisioningRecord => ({
  deviceId: row.device_id,
  state: fromJson<JsonValue>(row.state),
  revision: row.revision,
  updatedAt: fromMs(row.updated_at),
});

export class SqliteProvisioningStateRepository implements ProvisioningStateRepository {
  private readonly selectOne: Database.Statement<[string], ProvisioningRow>;
  private readonly insert: Database.Statement<[string, string, number], ProvisioningRow>;
  private readonly update: Database.Statement<[string, number, string, number], ProvisioningRow>;

  constructor(private readonly db: Database.Database) {
    this.selectOne = db.prepare('SELECT * FROM provisioning WHERE device_id = ?');
    // Conflicts are answered by "no row", never by an exception: one statement decides.
    this.insert = db.prepare(
      `INSERT INTO provisioning (device_id, state, revision, updated_at) VALUES (?, ?, 1, ?)
       ON CONFLICT (device_id) DO NOTHING RETURNING *`,
    );
    this.update = db.prepare(
      `UPDATE provisioning SET state = ?, revision = revision + 1, updated_at = ?
       WHERE device_id = ? AND revision = ? RETURNING *`,
    );
  }

  async get(deviceId: string): Promise<ProvisioningRecord | null> {
    const row = this.selectOne.get(deviceId);
    return row === undefined ? null : toRecord(row);
  }

  async put(
    deviceId: string,
    state: JsonValue,
    expectedRevision: number | null,
    at: Date,
  ): Promise<ProvisioningRecord> {
    return this.db.transaction(() => {
      const row =
        expectedRevision === null
          ? this.insert.get(deviceId, toJson(state), toMs(at))
          : this.update.get(toJson(state), toMs(at), deviceId, expectedRevision);
      if (row !== undefined) return toRecord(row);
      const actual = this.selectOne.get(deviceId)?.revision ?? 0;
      throw new VersionConflictError('provisioning', deviceId, expectedRevision ?? 0, actual);
    })();
  }
}
