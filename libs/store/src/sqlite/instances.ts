import type Database from 'better-sqlite3';

/** What a row of a device's multi-instance object (TR-181 `….{i}.`) carries. */
interface Instance {
  deviceId: string;
  instance: number;
  params: Record<string, string>;
}

/** The columns every instance table has; `params` is its parameters as JSON. */
interface InstanceRow {
  device_id: string;
  instance: number;
  params: string;
}

/**
 * A device's numbered instances in one table keyed (device_id, instance): listed in instance
 * order, created at the next number in one transaction, their parameters replaced, deleted by
 * number. The USP Subscription and Request tables are two of them (as `MongoInstances` is on
 * MongoDB).
 */
export class SqliteInstances<T extends Instance, Row extends InstanceRow> {
  private readonly selectAll: Database.Statement<[string], Row>;
  private readonly selectMax: Database.Statement<[string], { top: number | null }>;
  private readonly insert: Database.Statement<[Row]>;
  private readonly change: Database.Statement<[string, string, number]>;
  private readonly remove: Database.Statement<[string, number]>;

  constructor(
    protected readonly db: Database.Database,
    table: string,
    columns: readonly (keyof Row & string)[],
    protected readonly fromRow: (row: Row) => T,
    private readonly toRow: (item: T) => Row,
  ) {
    this.selectAll = db.prepare(`SELECT * FROM ${table} WHERE device_id = ? ORDER BY instance`);
    this.selectMax = db.prepare(`SELECT MAX(instance) AS top FROM ${table} WHERE device_id = ?`);
    this.insert = db.prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
    );
    this.change = db.prepare(`UPDATE ${table} SET params = ? WHERE device_id = ? AND instance = ?`);
    this.remove = db.prepare(`DELETE FROM ${table} WHERE device_id = ? AND instance = ?`);
  }

  async list(deviceId: string): Promise<T[]> {
    return this.selectAll.all(deviceId).map(this.fromRow);
  }

  /** Stores `build(n)` at n, one above the device's highest number (1 for the first). */
  async create(
    deviceId: string,
    build: (instance: number) => Omit<T, 'deviceId' | 'instance'>,
  ): Promise<T> {
    return this.db.transaction(() => {
      const instance = (this.selectMax.get(deviceId)?.top ?? 0) + 1;
      const row = this.toRow({ deviceId, instance, ...build(instance) } as T);
      this.insert.run(row);
      // As a read gives it: nothing shared with what the caller built.
      return this.fromRow(row);
    })();
  }

  /** Replaces the parameters of an instance; false when there is no such instance. */
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
