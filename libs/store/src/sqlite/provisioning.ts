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

const toRecord = (row: ProvisioningRow): ProvisioningRecord => {
  let state: JsonValue | undefined;
  return {
    deviceId: row.device_id,
    // Parsed when first read: a settled device's Inform compares stateJson alone.
    get state(): JsonValue {
      return (state ??= fromJson<JsonValue>(row.state));
    },
    stateJson: row.state,
    revision: row.revision,
    updatedAt: fromMs(row.updated_at),
  };
};

export class SqliteProvisioningStateRepository implements ProvisioningStateRepository {
  private readonly selectOne: Database.Statement<[string], ProvisioningRow>;
  private readonly insert: Database.Statement<[string, string, number, string], number>;
  private readonly update: Database.Statement<[string, number, string, number], number>;

  constructor(db: Database.Database) {
    this.selectOne = db.prepare('SELECT * FROM provisioning WHERE device_id = ?');
    // Conflicts are answered by "no row", never by an exception: one statement decides. Only
    // the revision comes back: the state written is the caller's (no parse of what was just
    // serialised, ~8 KB while a new device's discovery names are held). A device not registered
    // takes no state (one deleted meanwhile does not come back as a state without its device).
    this.insert = db
      .prepare<[string, string, number, string], number>(
        `INSERT INTO provisioning (device_id, state, revision, updated_at)
         SELECT ?, ?, 1, ? WHERE EXISTS (SELECT 1 FROM devices WHERE device_id = ?)
         ON CONFLICT (device_id) DO NOTHING RETURNING revision`,
      )
      .pluck();
    this.update = db
      .prepare<[string, number, string, number], number>(
        `UPDATE provisioning SET state = ?, revision = revision + 1, updated_at = ?
         WHERE device_id = ? AND revision = ? RETURNING revision`,
      )
      .pluck();
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
    // One statement writes or, on a conflict, writes nothing: no transaction of its own (in the
    // group commit's, a savepoint and its release per message for nothing to undo).
    const text = toJson(state);
    const revision =
      expectedRevision === null
        ? this.insert.get(deviceId, text, toMs(at), deviceId)
        : this.update.get(text, toMs(at), deviceId, expectedRevision);
    if (revision !== undefined) {
      return { deviceId, state, stateJson: text, revision, updatedAt: fromMs(toMs(at)) };
    }
    const actual = this.selectOne.get(deviceId)?.revision ?? 0;
    throw new VersionConflictError('provisioning', deviceId, expectedRevision ?? 0, actual);
  }
}
