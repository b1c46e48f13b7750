import type { FilterQuery, Model } from 'mongoose';
import type { AuditIdGenerator } from '../audit-id';
import type { AuditRepository } from '../ports';
import { definedOnly, normalizePaging } from '../rules';
import type { AuditEntry, AuditEntryInput, AuditFilter, JsonValue, Page, Paging } from '../types';
import { deleteOldest } from './delete-oldest';
import type { AuditDoc } from './schemas';

function toEntry(doc: AuditDoc): AuditEntry {
  const { _id: id, detail, ...rest } = doc;
  return detail === undefined
    ? { id, ...rest }
    : { id, ...rest, detail: JSON.parse(detail) as JsonValue };
}

function queryOf(filter: AuditFilter): FilterQuery<AuditDoc> {
  const at = definedOnly({ $gte: filter.from, $lt: filter.to });
  return definedOnly({
    deviceId: filter.deviceId,
    actor: filter.actor,
    at: Object.keys(at).length === 0 ? undefined : at,
  });
}

export class MongoAuditRepository implements AuditRepository {
  constructor(
    private readonly audit: Model<AuditDoc>,
    private readonly ids: AuditIdGenerator,
  ) {}

  async append(input: AuditEntryInput): Promise<AuditEntry> {
    const entry: AuditEntry = { ...input, id: this.ids.next(input.at) };
    const { id, detail, ...rest } = entry;
    // Detail as JSON text: its keys may hold "." or "$".
    const doc: AuditDoc = {
      ...rest,
      _id: id,
      ...(detail === undefined ? {} : { detail: JSON.stringify(detail) }),
    };
    await this.audit.create(doc);
    return entry;
  }

  async list(filter: AuditFilter, paging?: Paging): Promise<Page<AuditEntry>> {
    const { skip, limit } = normalizePaging(paging);
    const query = queryOf(filter);
    const total = await this.audit.countDocuments(query).exec();
    if (limit === 0) return { items: [], total };
    let find = this.audit.find(query).sort({ at: -1, _id: -1 }).skip(skip);
    if (limit !== undefined) find = find.limit(limit);
    return { items: (await find.lean<AuditDoc[]>().exec()).map(toEntry), total };
  }

  async deleteBefore(before: Date, limit: number): Promise<number> {
    return deleteOldest(this.audit, { at: { $lt: before } }, 'at', limit);
  }
}
