import type Database from 'better-sqlite3';
import type { AuditIdGenerator } from '../audit-id';
import type { AuditRepository } from '../ports';
import { normalizePaging } from '../rules';
import type { AuditEntry, AuditEntryInput, AuditFilter, JsonValue, Page, Paging } from '../types';
import { fromMs, limitClause, optional, optionalJson, orNull, toJson, toMs, Where } from './codec';

interface AuditRow {
  id: string;
  at: number;
  actor: string;
  role: string;
  action: string;
  device_id: string | null;
  target: string | null;
  status: number;
  detail: string | null;
}

function toEntry(row: AuditRow): AuditEntry {
  const entry: AuditEntry = {
    id: row.id,
    at: fromMs(row.at),
    actor: row.actor,
    role: row.role,
    action: row.action,
    status: row.status,
  };
  const deviceId = optional(row.device_id);
  const target = optional(row.target);
  const detail = optionalJson<JsonValue>(row.detail);
  if (deviceId !== undefined) entry.deviceId = deviceId;
  if (target !== undefined) entry.target = target;
  if (detail !== undefined) entry.detail = detail;
  return entry;
}

export class SqliteAuditRepository implements AuditRepository {
  private readonly insert: Database.Statement<[AuditRow]>;

  constructor(
    private readonly db: Database.Database,
    private readonly ids: AuditIdGenerator,
  ) {
    this.insert = db.prepare(
      `INSERT INTO audit (id, at, actor, role, action, device_id, target, status, detail)
       VALUES (@id, @at, @actor, @role, @action, @device_id, @target, @status, @detail)`,
    );
  }

  async append(input: AuditEntryInput): Promise<AuditEntry> {
    const entry: AuditEntry = { ...input, id: this.ids.next(input.at) };
    this.insert.run({
      id: entry.id,
      at: toMs(entry.at),
      actor: entry.actor,
      role: entry.role,
      action: entry.action,
      device_id: orNull(entry.deviceId),
      target: orNull(entry.target),
      status: entry.status,
      detail: entry.detail === undefined ? null : toJson(entry.detail),
    });
    return entry;
  }

  async list(filter: AuditFilter, paging?: Paging): Promise<Page<AuditEntry>> {
    const { skip, limit } = normalizePaging(paging);
    const where = new Where();
    if (filter.deviceId !== undefined) where.add('device_id = ?', filter.deviceId);
    if (filter.actor !== undefined) where.add('actor = ?', filter.actor);
    if (filter.from !== undefined) where.add('at >= ?', toMs(filter.from));
    if (filter.to !== undefined) where.add('at < ?', toMs(filter.to));
    const items = this.db
      .prepare<unknown[], AuditRow>(
        `SELECT * FROM audit ${where} ORDER BY at DESC, id DESC ${limitClause(skip, limit)}`,
      )
      .all(...where.params)
      .map(toEntry);
    const { total } = this.db
      .prepare<unknown[], { total: number }>(`SELECT count(*) AS total FROM audit ${where}`)
      .get(...where.params) ?? { total: 0 };
    return { items, total };
  }

  async deleteBefore(before: Date, limit: number): Promise<number> {
    // By the `at` index, oldest first.
    return this.db
      .prepare(
        `DELETE FROM audit WHERE id IN (SELECT id FROM audit WHERE at < ? ORDER BY at LIMIT ?)`,
      )
      .run(toMs(before), limit).changes;
  }
}
